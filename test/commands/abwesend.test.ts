import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actingFor, isAbsent, substituteChain } from '../../src/services/people.js';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

/** The audit log has no query for entries without a case; read the newest row from the database file. */
function lastAudit(): unknown {
  const db = new Database(h.world.dbFile, { readonly: true });
  try {
    return db.prepare('SELECT action, actor_id, case_code, details FROM audit_log ORDER BY id DESC LIMIT 1').get();
  } finally {
    db.close();
  }
}

describe('/fm abwesend: absences and the substitution chain (R17)', () => {
  it('records one’s own absence and names who stands in on the first day, with the number of cases', () => {
    h.activeCase();
    h.assignedCase();
    const auditBefore = h.world.store.audit.count();
    const reply = h.ok('fm-tobias', 'abwesend von=03.11.2025 bis=14.11.2025');

    expect(reply).toContain('Abwesenheit eingetragen');
    expect(reply).toContain('Zeitraum: 03.11.2025 bis 14.11.2025');
    expect(reply).toContain('Vertretung am 03.11.2025 (R17): Aylin Demir – für 2 Fälle');
    expect(h.world.store.absences.forPerson('fm-tobias')).toEqual([
      expect.objectContaining({ from: '2025-11-03', to: '2025-11-14', recordedBy: 'fm-tobias' }),
    ]);
    expect(h.world.store.audit.count()).toBe(auditBefore + 1);
    expect(lastAudit()).toMatchObject({ action: 'absence.recorded', actor_id: 'fm-tobias', case_code: null });
    expect(isAbsent(h.world, 'fm-tobias', '2025-11-14')).toBe(true);
    expect(isAbsent(h.world, 'fm-tobias', '2025-11-15')).toBe(false);
    const [dm] = h.directTo('fm-aylin').filter((t) => t.includes('vertrittst'));
    expect(dm).toMatch(/Tobias .* ist vom 03\.11\.2025 bis 14\.11\.2025 abwesend\. Du vertrittst \(R17\)/);
  });

  it('moves on along the chain when the next colleague is absent too, and wraps around', () => {
    h.ok('fm-aylin', 'abwesend von=01.11.2025 bis=30.11.2025');
    expect(h.ok('fm-tobias', 'abwesend von=03.11.2025 bis=07.11.2025')).toContain('Vertretung am 03.11.2025 (R17): Katrin Vogel – für 0 Fälle');
    // The organisation file's chain is the team's FMs in file order; the last one is followed by the first.
    expect(substituteChain(h.world, h.world.org.team('fm-ue25')!)).toEqual(['fm-tobias', 'fm-aylin', 'fm-katrin', 'fm-stefan']);
    expect(actingFor(h.world, 'fm-stefan', '2026-12-22')).toBe('fm-stefan');
    h.ok('fm-stefan', 'abwesend von=21.12.2026 bis=23.12.2026');
    // fm-katrin's absence comes from the organisation file (21.12.2026–04.01.2027)
    expect(actingFor(h.world, 'fm-katrin', '2026-12-22')).toBe('fm-tobias');
    expect(actingFor(h.world, 'fm-stefan', '2026-12-22')).toBe('fm-tobias');
  });

  it('says so when the whole team is absent', () => {
    for (const fm of ['fm-aylin', 'fm-katrin', 'fm-stefan']) h.ok(fm, 'abwesend von=03.11.2025 bis=07.11.2025');
    expect(h.ok('fm-tobias', 'abwesend von=03.11.2025 bis=07.11.2025')).toMatch(/niemand – das ganze Team ist abwesend/);
  });

  it('lets a team lead record the absence of a team member, and names the lead’s own deputy', () => {
    expect(h.ok('tl-fm-ue25', 'abwesend von=03.11.2025 bis=07.11.2025 person=fm-tobias')).toContain('Wer: Tobias Krüger');
    expect(h.world.store.absences.forPerson('fm-tobias')[0]!.recordedBy).toBe('tl-fm-ue25');
    expect(h.ok('tl-fm-ue25', 'abwesend von=10.11.2025 bis=11.11.2025')).toContain('Tobias Krüger (laut Organisationsdatei)');
    expect(h.world.store.audit.count()).toBe(2);
  });

  it.each([
    ['an end before the start', 'fm-tobias', 'von=07.11.2025 bis=03.11.2025', /bis: Der 03\.11\.2025 liegt vor dem 07\.11\.2025/],
    ['an absence already over', 'fm-tobias', 'von=01.10.2025 bis=19.10.2025', /bis: Der 19\.10\.2025 liegt in der Vergangenheit/],
    ['a wrong date', 'fm-tobias', 'von=3.11. bis=07.11.2025', /von: Bitte den ersten Tag als TT\.MM\.JJJJ/],
    ['a missing end', 'fm-tobias', 'von=03.11.2025', /bis: Diese Angabe fehlt/],
    ['an FM entering a colleague', 'fm-tobias', 'von=03.11.2025 bis=07.11.2025 person=fm-aylin', /person: Abwesenheiten für andere tragen nur Teamleitungen ein/],
    ['a lead entering someone of another team', 'tl-fm-ue25', 'von=03.11.2025 bis=07.11.2025 person=fm-jonas', /person: Abwesenheiten für andere/],
    ['an unknown person', 'tl-fm-ue25', 'von=03.11.2025 bis=07.11.2025 person=fm-niemand', /person: „fm-niemand“ ist nicht in der Organisationsdatei/],
  ])('refuses %s', (_name, person, args, expected) => {
    expect(h.refused(person, `abwesend ${args}`)).toMatch(expected);
  });

  it('refuses the same absence twice, also one from the organisation file', () => {
    h.ok('fm-tobias', 'abwesend von=03.11.2025 bis=07.11.2025');
    expect(h.refused('fm-tobias', 'abwesend von=03.11.2025 bis=07.11.2025')).toMatch(/schon eingetragen/);
    expect(h.refused('fm-katrin', 'abwesend von=21.12.2026 bis=04.01.2027')).toMatch(/schon eingetragen/);
  });
});

describe('the stand-in may act on the case while the FM is absent, and only then (R17)', () => {
  it('lets the next colleague in the chain record a contact during the absence, but not before or after', () => {
    const code = h.activeCase();
    h.ok('fm-tobias', 'abwesend von=03.11.2025 bis=14.11.2025');
    expect(h.refused('fm-aylin', `kontakt ${code}`)).toMatch(/ihre Vertretung während einer Abwesenheit \(R17\)/);

    h.at('2025-11-05T10:00:00+01:00');
    h.ok('fm-aylin', `kontakt ${code}`);
    expect(h.world.store.contacts.forCase(code)[0]!.recordedBy).toBe('fm-aylin');
    expect(h.refused('fm-katrin', `kontakt ${code} art=telefon`)).toMatch(/Nur die zuständige Fachkraft/);

    h.at('2025-11-17T10:00:00+01:00');
    expect(h.refused('fm-aylin', `kontakt ${code} art=telefon`)).toMatch(/Nur die zuständige Fachkraft/);
  });

  it('R17: lets the stand-in extend and end the case with the client\'s consent to counselling by the stand-in, and offers them the case in the form', () => {
    const code = h.activeCase();
    h.ok('fm-tobias', 'abwesend von=03.11.2025 bis=14.11.2025');
    h.at('2025-11-05T10:00:00+01:00');
    const response = h.run('fm-aylin', 'pruefung');
    expect(response.kind === 'form' && response.form.fields[0]!.kind === 'select' && response.form.fields[0]!.options.map((o) => o.value)).toEqual([code]);
    expect(h.refused('fm-aylin', `verlaengern ${code} monate=3 grund="Vertretung"`)).toMatch(/einwilligung: Du vertrittst Tobias .*\(R17\)/);
    h.ok('fm-aylin', `verlaengern ${code} monate=3 grund="Vertretung" einwilligung=ja`);
    h.ok('fm-aylin', `abgang ${code} grund=integration einwilligung=ja`);
    h.ok('ifk-lena', `rueckgabe ${code} bestaetigt`);
    expect(h.world.store.cases.byCode(code)).toMatchObject({ status: 'beendet', extensions: 1 });
    // The IFK hears from the case's FM, whoever typed it.
    expect(h.directTo('ifk-lena').find((m) => m.includes('plant, das FM'))).toContain('@{fm-tobias} plant, das FM');
  });
});

describe('/fm hilfe lists the lifecycle commands', () => {
  it('names each of them with an example', () => {
    const help = h.ok('fm-tobias', 'hilfe');
    for (const name of ['kontakt', 'massnahme', 'gutachten', 'pruefung', 'standort', 'verlaengern', 'abgang', 'meine', 'fall', 'abwesend']) {
      expect(help).toContain(`/fm ${name}`);
    }
  });
});
