import { describe, expect, it } from 'vitest';
import { OpenCaseExistsError } from '../../../src/store/ports.js';
import { type CaseStatus } from '../../../src/domain/vocabulary.js';
import type { SqliteStore } from '../../../src/store/sqlite/store.js';
import { CLIENT, newReferral, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

// The port has no status transitions yet; the tests move cases directly.
function setStatus(store: SqliteStore, caseCode: string, status: CaseStatus): void {
  store.db.prepare('UPDATE cases SET status = ? WHERE case_code = ?').run(status, caseCode);
}

describe('SqliteCaseRepository', () => {
  it('stores a referral and reads back every field', () => {
    const store = tmp.open();
    const input = newReferral({
      caseCode: 'FM-2025-0042',
      clientRef: '123D456789',
      group: 'u25',
      route: 'einzelfall',
      prognosis: 'marktnah',
      needs: ['wohnen', 'sucht'],
      countedNeeds: 2,
      integration12: true,
      assessment: false,
      reason: 'drohender Wohnungsverlust',
      u25Until: '2026-03',
      referringPersonId: 'p-ifk-7',
      referringTeamId: 'mi-2',
      receivingTeamId: 'fm-u25',
      flaggedOn: '2025-10-27',
      intakeDeadline: '2025-11-14',
      createdAt: T0 + 1234,
    });

    const inserted = store.cases.insertReferral(input);

    const expected = { ...input, id: inserted.id, status: 'vorgemerkt', updatedAt: T0 + 1234 };
    expect(inserted).toStrictEqual(expected);
    expect(store.cases.byCode('FM-2025-0042')).toStrictEqual(expected);
    expect(store.cases.count()).toBe(1);
  });

  it('leaves optional fields out when they were not given', () => {
    const store = tmp.open();
    const { caseCode } = store.cases.insertReferral(newReferral());
    const read = store.cases.byCode(caseCode)!;
    expect(Object.keys(read)).not.toContain('reason');
    expect(Object.keys(read)).not.toContain('u25Until');
    expect(Object.keys(read)).not.toContain('assignedFmId');
  });

  it('answers undefined for an unknown case code', () => {
    expect(tmp.open().cases.byCode('FM-2025-9999')).toBeUndefined();
  });

  it('finds the open case of a client and ignores closed ones (abgelehnt, beendet)', () => {
    const store = tmp.open();
    const rejected = store.cases.insertReferral(newReferral({ clientRef: CLIENT }));
    setStatus(store, rejected.caseCode, 'abgelehnt');
    const ended = store.cases.insertReferral(newReferral({ clientRef: CLIENT }));
    setStatus(store, ended.caseCode, 'beendet');
    expect(store.cases.findOpenByClient(CLIENT)).toBeUndefined();

    for (const status of ['vorgemerkt', 'zugewiesen', 'aktiv', 'strittig'] as const) {
      const open = store.cases.insertReferral(newReferral({ clientRef: CLIENT }));
      setStatus(store, open.caseCode, status);
      expect(store.cases.findOpenByClient(CLIENT)?.caseCode, status).toBe(open.caseCode);
      setStatus(store, open.caseCode, 'beendet');
    }
  });

  it('refuses a second open referral for the same client, even past the command check', () => {
    const store = tmp.open();
    store.cases.insertReferral(newReferral({ clientRef: CLIENT }));

    expect(() => store.cases.insertReferral(newReferral({ clientRef: CLIENT }))).toThrow(OpenCaseExistsError);
    expect(store.cases.count()).toBe(1);
  });

  it('lets two processes race for the same client and stores only one referral', () => {
    const file = tmp.path();
    const a = tmp.open();
    const b = tmp.open();
    expect(a.db.name).toBe(file);
    // Both pass the check before either writes.
    expect(a.cases.findOpenByClient(CLIENT)).toBeUndefined();
    expect(b.cases.findOpenByClient(CLIENT)).toBeUndefined();

    a.cases.insertReferral(newReferral({ clientRef: CLIENT }));
    expect(() => b.cases.insertReferral(newReferral({ clientRef: CLIENT }))).toThrow(OpenCaseExistsError);
    expect(b.cases.count()).toBe(1);
  });

  it('accepts a new referral once the earlier case of that client is closed', () => {
    const store = tmp.open();
    const first = store.cases.insertReferral(newReferral({ clientRef: CLIENT }));
    setStatus(store, first.caseCode, 'beendet');

    const second = store.cases.insertReferral(newReferral({ clientRef: CLIENT }));
    expect(store.cases.findOpenByClient(CLIENT)?.caseCode).toBe(second.caseCode);
  });

  it('refuses a duplicate case code without mistaking it for an open-case conflict', () => {
    const store = tmp.open();
    store.cases.insertReferral(newReferral({ caseCode: 'FM-2025-0001' }));
    let error: unknown;
    try {
      store.cases.insertReferral(newReferral({ caseCode: 'FM-2025-0001' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(OpenCaseExistsError);
    expect((error as Error).message).toContain('cases.case_code');
  });

  describe('openReferrals', () => {
    function seed(store: SqliteStore) {
      const late = store.cases.insertReferral(newReferral({ intakeDeadline: '2025-11-20', referringPersonId: 'p-ifk-1', receivingTeamId: 'fm-ue25' }));
      const early = store.cases.insertReferral(newReferral({ intakeDeadline: '2025-11-03', referringPersonId: 'p-ifk-2', receivingTeamId: 'fm-u25' }));
      const middle = store.cases.insertReferral(newReferral({ intakeDeadline: '2025-11-10', referringPersonId: 'p-ifk-1', receivingTeamId: 'fm-u25' }));
      const assigned = store.cases.insertReferral(newReferral({ intakeDeadline: '2025-11-01', referringPersonId: 'p-ifk-1', receivingTeamId: 'fm-ue25' }));
      setStatus(store, assigned.caseCode, 'zugewiesen');
      return { late, early, middle, assigned };
    }
    const codes = (records: { caseCode: string }[]) => records.map((r) => r.caseCode);

    it('lists only referrals still waiting (vorgemerkt), earliest intake deadline first', () => {
      const store = tmp.open();
      const { late, early, middle } = seed(store);
      expect(codes(store.cases.openReferrals({}))).toEqual(codes([early, middle, late]));
    });

    it('narrows to the referring IFK', () => {
      const store = tmp.open();
      const { late, middle } = seed(store);
      expect(codes(store.cases.openReferrals({ referringPersonId: 'p-ifk-1' }))).toEqual(codes([middle, late]));
    });

    it('narrows to receiving teams, and to both criteria at once', () => {
      const store = tmp.open();
      const { late, early, middle } = seed(store);
      expect(codes(store.cases.openReferrals({ receivingTeamIds: ['fm-u25'] }))).toEqual(codes([early, middle]));
      expect(codes(store.cases.openReferrals({ receivingTeamIds: ['fm-u25', 'fm-ue25'] }))).toEqual(codes([early, middle, late]));
      expect(codes(store.cases.openReferrals({ referringPersonId: 'p-ifk-1', receivingTeamIds: ['fm-u25'] }))).toEqual(codes([middle]));
    });

    it('returns nothing for an empty team list', () => {
      const store = tmp.open();
      seed(store);
      expect(store.cases.openReferrals({ receivingTeamIds: [] })).toEqual([]);
    });
  });
});
