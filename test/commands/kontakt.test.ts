import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('/fm kontakt: contacts count towards the minimum and restart the cadence (R13, R16)', () => {
  it('records a personal talk today by default and names the next contact due 60 days later (Ü25: 6 a year, R16)', () => {
    const code = h.activeCase(); // taken in on 20.10.2025
    h.at('2025-11-03T10:00:00+01:00');
    const reply = h.ok('fm-tobias', `kontakt ${code}`);

    expect(reply).toContain('Kontakt erfasst');
    expect(reply).toContain('Art: Beratungsgespräch (persönlich)');
    expect(reply).toContain('Zählt für die Mindestkontakte (R16): ja');
    expect(reply).toContain('Nächster Kontakt fällig: 02.01.2026 (R16)');
    const [contact] = h.world.store.contacts.forCase(code);
    expect(contact).toMatchObject({ on: '2025-11-03', kind: 'persoenlich', qualified: true, recordedBy: 'fm-tobias' });
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.contact', actorId: 'fm-tobias' });
  });

  it('takes a date and kind, and brings a next contact due on a weekend forward to the Friday before', () => {
    const code = h.activeCase();
    h.at('2025-11-10T10:00:00+01:00');
    // 05.11.2025 + 60 days = Sunday 04.01.2026 → Friday 02.01.2026
    expect(h.ok('fm-tobias', `kontakt ${code} datum=05.11.2025 art=telefon`)).toContain('Nächster Kontakt fällig: 02.01.2026 (R16)');
  });

  it('stores a talk with a network partner as not qualified, leaving the contact interval where it was', () => {
    const code = h.activeCase();
    h.at('2025-11-03T10:00:00+01:00');
    const reply = h.ok('fm-tobias', `kontakt ${code} art=netzwerk`);
    expect(reply).toContain('Zählt für die Mindestkontakte (R16): nein');
    expect(reply).toContain('Nächster Kontakt fällig: 19.12.2025'); // still from the intake
    expect(reply).toMatch(/Netzwerkpartnern .* zählen nicht/);
    expect(h.world.store.contacts.forCase(code)[0]!.qualified).toBe(false);
  });

  it('records outreach counselling only with notice and consent (R33)', () => {
    const code = h.activeCase();
    expect(h.refused('fm-tobias', `kontakt ${code} art=aufsuchend`)).toMatch(/zustimmung: Aufsuchende Beratung .*\(R33\)/);
    expect(h.refused('fm-tobias', `kontakt ${code} art=aufsuchend zustimmung=nein`)).toMatch(/R33/);
    expect(h.ok('fm-tobias', `kontakt ${code} art=aufsuchend zustimmung=ja`)).toContain('Aufsuchende Beratung');
  });

  it('lets the team lead record a contact for the FM', () => {
    const code = h.activeCase();
    h.ok('tl-fm-ue25', `kontakt ${code}`);
    expect(h.world.store.contacts.forCase(code)[0]!.recordedBy).toBe('tl-fm-ue25');
  });

  it('offers a form listing the active cases with their next contact date', () => {
    const code = h.activeCase();
    h.assignedCase(); // not yet taken in: not offered
    const response = h.run('fm-tobias', 'kontakt');
    expect(response.kind).toBe('form');
    if (response.kind !== 'form') return;
    const fall = response.form.fields.find((f) => f.key === 'fall');
    expect(fall?.kind === 'select' && fall.options.map((o) => [o.value, o.label])).toEqual([
      [code, expect.stringContaining('Kontakt fällig 19.12.2025')],
    ]);
  });
});

describe('/fm kontakt: refusals change nothing', () => {
  it.each([
    ['a date in the future', 'datum=21.10.2025', /datum: Der 21\.10\.2025 liegt in der Zukunft/],
    ['a date before the intake', 'datum=19.10.2025', /datum: Der 19\.10\.2025 liegt vor der Übernahme am 20\.10\.2025/],
    ['an impossible date', 'datum=31.11.2025', /datum: Bitte das Datum als TT\.MM\.JJJJ/],
    ['an unknown kind', 'art=brief', /art: Erlaubt sind nur „persoenlich“/],
    ['an unknown key', 'dauer=60', /dauer: Diese Angabe gibt es bei „kontakt“ nicht/],
  ])('%s', (_name, args, expected) => {
    const code = h.activeCase();
    expect(h.refused('fm-tobias', `kontakt ${code} ${args}`)).toMatch(expected);
  });

  it('refuses the same contact twice on one day, so a repeated submit counts once', () => {
    const code = h.activeCase();
    h.ok('fm-tobias', `kontakt ${code} art=telefon`);
    expect(h.refused('fm-tobias', `kontakt ${code} art=telefon`)).toMatch(/schon ein Kontakt „Beratung am Telefon“ erfasst/);
    h.ok('fm-tobias', `kontakt ${code} art=persoenlich`);
    expect(h.world.store.contacts.count()).toBe(2);
  });

  it('refuses a counselling contact on a case that is not taken in yet: only attempts to reach the client (R23)', () => {
    const code = h.assignedCase();
    expect(h.refused('fm-tobias', `kontakt ${code}`)).toMatch(/noch nicht übernommen – vor der Übernahme lassen sich nur Kontaktversuche erfassen .*R23\)/);
    expect(h.refused('fm-tobias', `kontakt ${code} art=telefon`)).toMatch(/nur Kontaktversuche/);
    expect(h.refused('fm-tobias', `kontakt ${h.referredCase()} art=versuch-brief`)).toMatch(/Nur die zuständige Fachkraft/);
  });

  it('refuses another FM of the team, the referring IFK and the lead of another team', () => {
    const code = h.activeCase();
    for (const person of ['fm-aylin', 'ifk-lena', 'tl-fm-u25']) {
      expect(h.refused(person, `kontakt ${code}`)).toMatch(
        /Nur die zuständige Fachkraft \(Tobias Krüger\), ihre Vertretung während einer Abwesenheit \(R17\) oder die Teamleitung von „Fallmanagement Ü25“/,
      );
    }
  });
});

describe('/fm massnahme: in an active measure the measure interval applies where the policy has one (R13, R15, R16)', () => {
  it('keeps the monthly contact of a Bremen U25 client in a measure: the 3-month variant is Bremerhaven\'s', () => {
    const code = h.activeCase({ group: 'u25' }); // fm-jonas, intake 20.10.2025
    h.at('2025-11-03T10:00:00+01:00');
    expect(h.ok('fm-jonas', `fall ${code}`)).toContain('Kontakt (R13): 20.11.2025');

    const reply = h.ok('fm-jonas', `massnahme ${code} ja`);
    expect(reply).toContain('Maßnahmeteilnahme erfasst');
    expect(reply).toContain('Nächster Kontakt fällig: 20.11.2025 (R13)');
    expect(reply).toContain('Auch während der Maßnahme gilt ein Kontakt jeden Monat (R13).');
    expect(h.world.store.cases.byCode(code)!.inMeasure).toBe(true);
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.measure', details: { inMeasure: true } });
  });

  it('names the 3-month measure interval of an Ü25 client and the 60 days the yearly minimum still asks for', () => {
    const code = h.activeCase(); // fm-tobias, Ü25, intake 20.10.2025
    h.at('2025-11-03T10:00:00+01:00');
    const reply = h.ok('fm-tobias', `massnahme ${code} ja`);
    expect(reply).toContain('Nächster Kontakt fällig: 19.12.2025 (R16)');
    expect(reply).toContain('Während der Maßnahme genügt ein Kontakt alle 3 Monate (R15); für die Mindestkontakte im Jahr spätestens alle 60 Tage (R16).');

    const ended = h.ok('fm-tobias', `massnahme ${code} teilnahme=nein`);
    expect(ended).toContain('Nächster Kontakt fällig: 19.12.2025 (R16)');
    expect(ended).toContain('Es gilt wieder der übliche Kontaktrhythmus: ein Kontakt alle 3 Monate (R13); für die Mindestkontakte im Jahr spätestens alle 60 Tage (R16).');
    expect(h.world.store.cases.byCode(code)!.inMeasure).toBe(false);
  });

  it('refuses to record what is recorded already, a missing answer and a contradiction', () => {
    const code = h.activeCase();
    expect(h.refused('fm-tobias', `massnahme ${code} nein`)).toMatch(/keine Maßnahmeteilnahme erfasst/);
    expect(h.refused('fm-tobias', `massnahme ${code}`)).toMatch(/teilnahme: Bitte „ja“ oder „nein“ angeben/);
    expect(h.refused('fm-tobias', `massnahme ${code} vielleicht`)).toMatch(/teilnahme: Bitte „ja“ oder „nein“/);
    expect(h.refused('fm-tobias', `massnahme ${code} ja teilnahme=nein`)).toMatch(/nur einmal/);
    expect(h.refused('fm-aylin', `massnahme ${code} ja`)).toMatch(/Nur die zuständige Fachkraft/);
  });
});

describe('/fm gutachten: no contact pings while a report is pending (R15)', () => {
  it('pauses the contact reminder until the report has arrived, then resumes from the last contact', () => {
    const code = h.activeCase();
    const paused = h.ok('fm-tobias', `gutachten ${code} ja`);
    expect(paused).toContain('Nächster Kontakt fällig: keine Erinnerung, solange ein Gutachten aussteht (R15)');
    expect(h.world.store.cases.byCode(code)!.reportPending).toBe(true);
    expect(h.ok('fm-tobias', `meine`)).not.toMatch(/Kontakt \(R1[36]\)/);
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('Gutachten ausstehend (R15): ja');

    h.at('2026-02-02T10:00:00+01:00');
    const resumed = h.ok('fm-tobias', `gutachten ${code} ausstehend=nein`);
    expect(resumed).toContain('Nächster Kontakt fällig: 19.12.2025 (R16)');
    expect(resumed).toContain('zeitnah einen Termin');
    expect(h.ok('fm-tobias', 'meine')).toContain('Kontakt (R16): 19.12.2025 – überfällig');
    expect(h.world.store.audit.forCase(code).filter((e) => e.action === 'case.report')).toHaveLength(2);
  });

  it('refuses a second "ja" while the report is still pending', () => {
    const code = h.activeCase();
    h.ok('fm-tobias', `gutachten ${code} ja`);
    expect(h.refused('fm-tobias', `gutachten ${code} ja`)).toMatch(/schon ein ausstehendes Gutachten erfasst/);
  });
});
