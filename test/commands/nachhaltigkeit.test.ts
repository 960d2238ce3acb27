import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

/**
 * A case of Tobias (referred by Lena) taken in and ended on Monday 20.10.2025 with `grund`; follow-ups (R27)
 * on 20.04.2026, 20.10.2026 and 20.10.2027, each due for four weeks.
 */
function endedCase(grund = 'ziele-erreicht', client?: string): string {
  const code = h.activeCase(client ? { client } : {});
  h.exit('fm-tobias', code, `grund=${grund}`);
  return code;
}

/** Refused without writing anything, the follow-ups included. */
function refused(personId: string, line: string): string {
  const before = h.world.store.followups.count();
  const text = h.refused(personId, line);
  expect(h.world.store.followups.count()).toBe(before);
  return text;
}

describe('/fm nachhaltigkeit: the result of a follow-up after a successful exit (R27)', () => {
  it('records the 6-month result in its window, with an audit entry, and names what is still open (R27)', () => {
    const code = endedCase('ziele-erreicht', '123A456789');
    h.at('2026-04-21T10:00:00+02:00');
    const reply = h.ok('fm-tobias', `nachhaltigkeit ${code} monat=6 ergebnis=beschaeftigt`);

    expect(reply).toContain('Nachhalten erfasst');
    expect(reply).toContain('Kundenreferenz: 123A456789');
    expect(reply).toContain('Nachhalten (R27): 6 Monate nach dem Abgang, fällig ab 20.04.2026');
    expect(reply).toContain('Ergebnis: beschäftigt (Arbeit aufgenommen)');
    expect(reply).toContain('Noch offen: 12 Monate ab 20.10.2026, 24 Monate ab 20.10.2027');
    expect(reply).not.toMatch(/Zeitfenster endete/);
    expect(h.world.store.followups.forCase(code)).toEqual([
      { caseCode: code, months: 6, result: 'beschaeftigt', on: '2026-04-21', recordedBy: 'fm-tobias', recordedAt: Date.parse('2026-04-21T10:00:00+02:00') },
    ]);
    const audit = h.world.store.audit.forCase(code).find((e) => e.action === 'case.followup');
    expect(audit).toMatchObject({ actorId: 'fm-tobias', details: { months: 6, result: 'beschaeftigt', on: '2026-04-21', missed: false } });
  });

  it('records a missed follow-up later too, and says that its window is over (R27)', () => {
    const code = endedCase();
    h.at('2026-05-18T10:00:00+02:00'); // the window ended on 17.05.2026
    const reply = h.ok('fm-tobias', `nachhaltigkeit ${code} monat=6 ergebnis=unbekannt`);
    expect(reply).toContain('Ergebnis: unbekannt (nicht erreicht)');
    expect(reply).toMatch(/Zeitfenster endete am 17\.05\.2026.*\(R27\)/);
    expect(h.world.store.audit.forCase(code).find((e) => e.action === 'case.followup')?.details).toMatchObject({ missed: true });
  });

  it('says "nothing left" once all three are recorded (R27)', () => {
    const code = endedCase();
    h.at('2027-10-20T10:00:00+02:00');
    h.ok('fm-tobias', `nachhaltigkeit ${code} monat=6 ergebnis=beschaeftigt`);
    h.ok('fm-tobias', `nachhaltigkeit ${code} monat=12 ergebnis=NICHT-BESCHAEFTIGT`);
    expect(h.ok('fm-tobias', `nachhaltigkeit fall=${code} monat=24 ergebnis=beschaeftigt`)).toContain('Noch offen: nichts mehr – alle drei erfasst');
    expect(h.world.store.followups.forCase(code).map((f) => [f.months, f.result])).toEqual([
      [6, 'beschaeftigt'],
      [12, 'nicht-beschaeftigt'],
      [24, 'beschaeftigt'],
    ]);
  });

  it('lets the stand-in of an absent FM and the team lead record it (R17, R27)', () => {
    const code = endedCase();
    h.at('2026-10-20T10:00:00+02:00');
    h.world.store.absences.add({ personId: 'fm-tobias', from: '2026-10-19', to: '2026-10-23', recordedBy: 'fm-tobias', recordedAt: 0 });
    h.ok('fm-aylin', `nachhaltigkeit ${code} monat=6 ergebnis=unbekannt`);
    h.ok('tl-fm-ue25', `nachhaltigkeit ${code} monat=12 ergebnis=beschaeftigt`);
    expect(h.world.store.followups.forCase(code).map((f) => f.recordedBy)).toEqual(['fm-aylin', 'tl-fm-ue25']);
  });
});

describe('/fm nachhaltigkeit: refusals name the field and the rule, and change nothing (R27)', () => {
  it.each([
    ['the referring IFK', 'ifk-lena'],
    ['an FM of another team', 'fm-jonas'],
    ['a colleague who does not stand in', 'fm-aylin'],
    ['the lead of another team', 'tl-fm-u25'],
  ])('refuses %s', (_name, personId) => {
    const code = endedCase();
    h.at('2026-04-21T10:00:00+02:00');
    expect(refused(personId, `nachhaltigkeit ${code} monat=6 ergebnis=beschaeftigt`)).toMatch(/Nur die zuständige Fachkraft \(Tobias/);
  });

  it('refuses a follow-up before its date (R27)', () => {
    const code = endedCase();
    h.at('2026-04-21T10:00:00+02:00');
    expect(refused('fm-tobias', `nachhaltigkeit ${code} monat=12 ergebnis=beschaeftigt`)).toBe(
      `monat: Das Nachhalten nach 12 Monaten ist für ${code} erst ab 20.10.2026 fällig (R27).`,
    );
    h.at('2026-04-19T10:00:00+02:00');
    expect(refused('fm-tobias', `nachhaltigkeit ${code} monat=6 ergebnis=beschaeftigt`)).toMatch(/erst ab 20\.04\.2026 fällig \(R27\)/);
  });

  it('refuses missing and unknown values, naming every wrong field (R27)', () => {
    const code = endedCase();
    h.at('2026-04-21T10:00:00+02:00');
    const missing = refused('fm-tobias', `nachhaltigkeit ${code}`);
    expect(missing).toMatch(/monat: Bitte angeben, welches Nachhalten – 6, 12 oder 24 Monate nach dem Abgang \(R27\)/);
    expect(missing).toMatch(/ergebnis: Bitte das Ergebnis angeben: beschaeftigt, nicht-beschaeftigt oder unbekannt \(R27\)/);
    const unknown = h.run('fm-tobias', `nachhaltigkeit ${code} monat=9 ergebnis=ja`);
    expect(unknown.kind === 'error' && unknown.fieldErrors).toEqual({
      monat: 'monat: „9“ gibt es nicht – nachgehalten wird 6, 12 und 24 Monate nach dem Abgang (R27).',
      ergebnis: 'ergebnis: „ja“ ist kein Ergebnis. Möglich sind: beschaeftigt, nicht-beschaeftigt, unbekannt (R27).',
    });
    expect(refused('fm-tobias', `nachhaltigkeit ${code} monat=6 ergebnis=beschaeftigt datum=21.04.2026`)).toMatch(/datum: Diese Angabe gibt es bei „nachhaltigkeit“ nicht/);
  });

  it('refuses a second result for the same follow-up (R27)', () => {
    const code = endedCase();
    h.at('2026-04-21T10:00:00+02:00');
    h.ok('fm-tobias', `nachhaltigkeit ${code} monat=6 ergebnis=beschaeftigt`);
    expect(refused('tl-fm-ue25', `nachhaltigkeit ${code} monat=6 ergebnis=nicht-beschaeftigt`)).toBe(
      `monat: Das Nachhalten nach 6 Monaten ist für ${code} schon am 21.04.2026 erfasst: beschäftigt (Arbeit aufgenommen). Ein Ergebnis zählt einmal (R27).`,
    );
  });

  it('refuses a case that ended without success or has not ended (R27)', () => {
    const failed = endedCase('kunde-lehnt-ab');
    const active = h.activeCase();
    h.at('2026-04-21T10:00:00+02:00');
    expect(refused('fm-tobias', `nachhaltigkeit ${failed} monat=6 ergebnis=beschaeftigt`)).toMatch(/nur nach einem erfolgreichen Abgang.*\(R27\)/);
    expect(refused('fm-tobias', `nachhaltigkeit ${active} monat=6 ergebnis=beschaeftigt`)).toMatch(/Für FM-2025-0002 gibt es kein Nachhalten/);
    expect(refused('fm-tobias', 'nachhaltigkeit FM-2025-0042 monat=6 ergebnis=beschaeftigt')).toMatch(/Den Fall FM-2025-0042 gibt es nicht/);
  });
});

describe('/fm nachhaltigkeit: form and help', () => {
  it('offers only ended cases with a follow-up to record, and records what the form sends (R27)', () => {
    const due = endedCase('integration', '123A456789');
    endedCase('kunde-lehnt-ab'); // no follow-ups
    h.activeCase(); // still open
    h.at('2026-04-21T10:00:00+02:00');
    const response = h.run('fm-tobias', 'nachhaltigkeit');
    expect(response.kind).toBe('form');
    const form = response.kind === 'form' ? response.form : undefined;
    expect(form?.fields.map((f) => f.key)).toEqual(['fall', 'monat', 'ergebnis']);
    const [fall, monat] = form!.fields;
    expect(fall?.kind === 'select' && fall.options).toEqual([{ value: due, label: `${due} · 123A456789 · offen: 6 Monate ab 20.04.2026` }]);
    expect(monat?.kind === 'select' && monat.options.map((o) => o.value)).toEqual(['6', '12', '24']);

    const saved = h.world.bot.submitForm({ platform: 'console', userId: 'fm-tobias' }, 'nachhaltigkeit', { fall: due, monat: '6', ergebnis: 'beschaeftigt' });
    expect(saved.kind).toBe('message');
    expect(h.textOf(h.run('fm-tobias', 'nachhaltigkeit'))).toBe('Du hast zurzeit keine Fälle, die du nachhalten kannst.');
  });

  it('is listed in /fm hilfe after /fm abgang', () => {
    const help = h.ok('fm-tobias', 'hilfe');
    expect(help).toContain('/fm nachhaltigkeit FM-2025-0001 monat=6 ergebnis=beschaeftigt');
    expect(help.indexOf('/fm nachhaltigkeit')).toBeGreaterThan(help.indexOf('/fm abgang'));
  });
});
