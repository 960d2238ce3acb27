/**
 * R23 in substance: missed appointments alone never send a client back. An exit for lack of cooperation, and a
 * decline at intake because the client missed the handover talk, need at least two documented attempts of
 * different kinds (letter, phone, outreach) within the last three months — recorded with `/fm kontakt art=…`,
 * which do not count as counselling contacts (R16). Demo: fm-tobias, a case referred by ifk-lena.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('R23: an exit for lack of cooperation needs two documented attempts of different kinds', () => {
  let code: string;
  beforeEach(() => {
    code = h.activeCase({ client: '123A456789' });
    h.at('2026-06-10T10:00:00+02:00');
  });

  it('R23: refuses keine-mitwirkung without attempts, with the rule\'s text and the commands that record them', () => {
    const text = h.refused('fm-tobias', `abgang ${code} grund=keine-mitwirkung`);
    expect(text).toMatch(/grund: Allein versäumte Termine rechtfertigen keine Rückgabe \(R23\)/);
    expect(text).toContain('Erfasst ist noch keiner. Es fehlen noch 2 Versuche');
    expect(text).toContain(`/fm kontakt ${code} art=versuch-brief`);
    expect(h.world.store.returns.openFor(code)).toBeUndefined();
  });

  it('R16/R23: an attempt is recorded as such and does not count as a contact', () => {
    const reply = h.ok('fm-tobias', `kontakt ${code} art=versuch-brief datum=02.06.2026`);
    expect(reply).toContain('Kontaktversuch per Brief (ohne Antwort)');
    expect(reply).toContain('Zählt für die Mindestkontakte (R16): nein');
    expect(reply).toContain('Ein Kontaktversuch zählt nicht als Beratungskontakt (R16)');
    expect(h.world.store.contacts.forCase(code).at(-1)).toMatchObject({ kind: 'versuch-brief', qualified: false });
  });

  it('R23: one way tried twice is not enough; a second way within three months is', () => {
    h.ok('fm-tobias', `kontakt ${code} art=versuch-telefon datum=02.03.2026`); // more than 3 months ago
    h.ok('fm-tobias', `kontakt ${code} art=versuch-brief datum=02.06.2026`);
    h.ok('fm-tobias', `kontakt ${code} art=versuch-brief datum=05.06.2026`);
    const text = h.refused('fm-tobias', `abgang ${code} grund=keine-mitwirkung`);
    expect(text).toContain('Erfasst: Brief. Es fehlt noch 1 Versuch einer anderen Art');
    expect(text).not.toContain('art=versuch-brief`');

    h.ok('fm-tobias', `kontakt ${code} art=versuch-telefon datum=08.06.2026`);
    h.ok('fm-tobias', `abgang ${code} grund=keine-mitwirkung`);
    expect(h.world.store.returns.openFor(code)).toMatchObject({ reason: 'keine-mitwirkung' });
  });

  it('R23, R33: an outreach visit with consent counts as one of the ways', () => {
    h.ok('fm-tobias', `kontakt ${code} art=versuch-telefon datum=01.06.2026`);
    h.ok('fm-tobias', `kontakt ${code} art=aufsuchend zustimmung=ja datum=03.06.2026`);
    h.ok('fm-tobias', `abgang ${code} grund=keine-mitwirkung`);
  });

  it('R23: other reasons need no attempts', () => {
    h.ok('fm-tobias', `abgang ${code} grund=kunde-lehnt-ab`);
  });
});

describe('R23 at intake: a decline for a missed handover talk needs the same attempts', () => {
  let code: string;
  beforeEach(() => {
    code = h.assignedCase({ client: '123A456789' });
  });

  it('R23: refuses the decline with the rule and the missing attempts, changing nothing', () => {
    const text = h.refused('fm-tobias', `ablehnen ${code} grund="Kunde ist zum Übergabegespräch nicht erschienen"`);
    expect(text).toMatch(/Ein versäumtes Übergabegespräch allein rechtfertigt keine Ablehnung \(R23\)/);
    expect(text).toContain('Es fehlen noch 2 Versuche');
    expect(h.world.store.cases.byCode(code)!.status).toBe('zugewiesen');
  });

  it('R23: attempts recorded before the intake make the decline possible; other reasons need none', () => {
    h.ok('fm-tobias', `kontakt ${code} art=versuch-brief`);
    expect(h.ok('fm-tobias', `kontakt ${code} art=versuch-telefon`)).toContain('Kontaktversuch erfasst');
    h.ok('fm-tobias', `ablehnen ${code} grund="Übergabetermin zweimal versäumt"`);
    expect(h.world.store.cases.byCode(code)!.status).toBe('abgelehnt');

    const other = h.assignedCase({ client: '123A456780' });
    h.ok('fm-tobias', `ablehnen ${other} grund="Kunde lehnt Teilnahme ab"`);
  });
});
