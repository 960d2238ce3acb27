import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('/fm meine: my cases, most urgent first', () => {
  it('orders the cases by their next due item, marks overdue ones and leaves out other FMs’ cases', () => {
    const a = h.activeCase({ client: '123A000011' }); // contact due 60 days after the intake: 19.12.2025 (R16)
    const b = h.activeCase({ client: '123A000012' });
    const c = h.assignedCase({ client: '123A000013' }); // intake due 10.11.2025 (R4)
    const other = h.activeCase({ fmId: 'fm-aylin', client: '123A000014' });
    h.at('2025-12-01T10:00:00+01:00');
    h.ok('fm-tobias', `kontakt ${b}`); // next contact 60 days later: Friday 30.01.2026
    h.at('2026-01-26T10:00:00+01:00');

    const reply = h.ok('fm-tobias', 'meine');
    const order = [c, a, b].map((code) => reply.indexOf(code));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(reply).not.toContain(other);
    expect(reply).toContain(`${c} · 123A000013 · zugewiesen — Übernahme (R4): 10.11.2025 – überfällig`);
    expect(reply).toContain(`${a} · 123A000011 · aktiv — Kontakt (R16): 19.12.2025 – überfällig`);
    expect(reply).toContain(`${b} · 123A000012 · aktiv — Kontakt (R16): 30.01.2026;`);
    expect(reply).toContain('Meine Fälle');
  });

  it('R26: shows a case with a planned exit as „Rückgabe“ until the return talk is confirmed', () => {
    const code = h.activeCase({ client: '123A000021' });
    h.ok('fm-tobias', `abgang ${code} grund=ziele-erreicht`);
    expect(h.ok('fm-tobias', 'meine')).toContain(`${code} · 123A000021 · Rückgabe`);
  });

  it('marks an item due today', () => {
    const code = h.activeCase();
    h.at('2025-12-19T08:00:00+01:00');
    expect(h.ok('fm-tobias', 'meine')).toContain(`${code} · `);
    expect(h.ok('fm-tobias', 'meine')).toContain('Kontakt (R16): 19.12.2025 – heute');
  });

  it('says so when there are no cases', () => {
    expect(h.ok('fm-stefan', 'meine')).toContain('Du hast zurzeit keine zugewiesenen oder aktiven Fälle.');
  });

  it('adds the cases of an absent colleague the actor stands in for (R17)', () => {
    const code = h.activeCase({ client: '123A000021' });
    h.ok('fm-tobias', 'abwesend von=03.11.2025 bis=14.11.2025');
    expect(h.ok('fm-aylin', 'meine')).not.toContain(code);
    h.at('2025-11-05T10:00:00+01:00');
    const reply = h.ok('fm-aylin', 'meine');
    expect(reply).toContain('Vertretung für Tobias Krüger (abwesend, R17) – bis 14.11.2025');
    expect(reply).toContain(`${code} · 123A000021 · aktiv`);
    expect(h.ok('fm-katrin', 'meine')).not.toContain(code); // not next in the chain
  });
});

describe('/fm fall: one case for the people involved', () => {
  it('shows the facts, the contacts against the R16 minimum and what is due', () => {
    const code = h.activeCase({ client: '123A000031' });
    h.at('2026-04-22T10:00:00+02:00');
    h.ok('fm-tobias', `kontakt ${code} datum=10.12.2025`);
    h.ok('fm-tobias', `kontakt ${code} datum=10.03.2026 art=netzwerk`);
    h.ok('fm-tobias', `massnahme ${code} ja`);

    const reply = h.ok('fm-tobias', `fall ${code}`);
    expect(reply).toContain('Kundenreferenz: 123A000031');
    expect(reply).toContain('Status: aktiv');
    expect(reply).toContain('Gruppe: Ü25');
    expect(reply).toContain('Zuständig: Tobias Krüger');
    expect(reply).toContain('Vorgemerkt von: Lena Schröder');
    expect(reply).toContain('Übernahme am: 20.10.2025');
    expect(reply).toContain('Geplantes Ende (R18/R19): 20.10.2027');
    expect(reply).toContain('In Maßnahme (R15): ja');
    expect(reply).toContain('Letzter qualifizierter Kontakt: 10.12.2025');
    // six months in FM: half of the yearly six (the network talk does not count)
    expect(reply).toContain('Qualifizierte Kontakte in 12 Monaten (R16): 1 von 3 (anteilig, 6 im Jahr) – zu wenig');
    // In a measure 3 months would do (R15), but the yearly minimum asks within 60 days: Sunday 08.02. → Friday 06.02.
    expect(reply).toContain('Kontakt (R16): 06.02.2026 – überfällig');
    expect(reply).toContain('Sechsmonatsprüfung (R20): 20.04.2026 – überfällig');
  });

  it('shows a referral before the intake with its deadline', () => {
    const code = h.assignedCase();
    const reply = h.ok('ifk-lena', `fall ${code}`);
    expect(reply).toContain('Status: zugewiesen');
    expect(reply).toContain('Übernahme bis (R4): 10.11.2025');
    expect(reply).toContain('Übernahme (R4): 10.11.2025');
  });

  it('is visible to the FM, the FM team lead, the referring IFK and that IFK’s lead', () => {
    const code = h.activeCase();
    for (const person of ['fm-tobias', 'tl-fm-ue25', 'ifk-lena', 'tl-mi-1']) {
      expect(h.ok(person, `fall ${code}`)).toContain(`Fall ${code}`);
    }
  });

  it('is refused to everyone else', () => {
    const code = h.activeCase();
    for (const person of ['fm-aylin', 'ifk-murat', 'tl-mi-2', 'tl-fm-u25', 'gl-mitte', 'admin-it']) {
      expect(h.refused(person, `fall ${code}`)).toMatch(/Den Fall FM-2025-0001 sehen nur die zuständige Fachkraft, ihre Vertretung/);
    }
  });

  it('is visible to the stand-in while the FM is absent, naming the stand-in (R17)', () => {
    const code = h.activeCase();
    h.ok('fm-tobias', 'abwesend von=03.11.2025 bis=14.11.2025');
    h.at('2025-11-05T10:00:00+01:00');
    expect(h.ok('fm-aylin', `fall ${code}`)).toContain('Heute vertreten durch (R17): Aylin Demir');
    h.at('2025-11-17T10:00:00+01:00');
    expect(h.refused('fm-aylin', `fall ${code}`)).toMatch(/sehen nur/);
  });

  it('needs a case code', () => {
    expect(h.refused('fm-tobias', 'fall')).toMatch(/fall: Bitte den Fall angeben/);
  });
});
