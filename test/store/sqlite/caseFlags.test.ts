import { describe, expect, it } from 'vitest';
import { SqliteCaseRepository } from '../../../src/store/sqlite/caseRepository.js';
import { openDatabase } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { insertCase, newReferral, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

/** Taken in on 03.11.2025, planned end 03.11.2027. */
function activeCase(store: SqliteStore): string {
  return insertCase(store, { status: 'aktiv', fmId: 'fm-1', intakeOn: '2025-11-03' }).caseCode;
}

describe('case flags of the lifecycle', () => {
  it('sets a flag without changing the status (R15: the client starts a measure)', () => {
    const store = tmp.open();
    const code = activeCase(store);
    const updated = store.cases.transition(code, ['aktiv'], 'aktiv', { inMeasure: true }, T0 + 1);
    expect(updated).toMatchObject({ status: 'aktiv', inMeasure: true, updatedAt: T0 + 1 });
    expect(store.cases.byCode(code)?.inMeasure).toBe(true);
  });

  it('round-trips every lifecycle field, booleans and the extension count included', () => {
    const store = tmp.open();
    const code = activeCase(store);
    store.cases.transition(
      code,
      ['aktiv'],
      'aktiv',
      { reportPending: true, inMeasure: false, lastReviewOn: '2026-05-04', locationTalkOn: '2027-10-01', plannedEndOn: '2028-11-03', extensions: 1 },
      T0,
    );
    store.cases.transition(
      code,
      ['aktiv'],
      'beendet',
      { endedOn: '2028-01-15', endReason: 'ziele_erreicht', exitSuccessful: true, exitRecommendation: '§ 44a-Verfahren' },
      T0,
    );
    expect(store.cases.byCode(code)).toMatchObject({
      status: 'beendet',
      reportPending: true,
      inMeasure: false,
      lastReviewOn: '2026-05-04',
      locationTalkOn: '2027-10-01',
      plannedEndOn: '2028-11-03',
      extensions: 1,
      endedOn: '2028-01-15',
      endReason: 'ziele_erreicht',
      exitSuccessful: true,
      exitRecommendation: '§ 44a-Verfahren',
    });
  });

  it('leaves flags that were never set out of the record, the extension count while it is 0 too', () => {
    const store = tmp.open();
    const read = store.cases.byCode(activeCase(store))!;
    for (const key of ['inMeasure', 'reportPending', 'lastReviewOn', 'locationTalkOn', 'extensions', 'exitSuccessful', 'exitRecommendation']) {
      expect(Object.keys(read)).not.toContain(key);
    }
  });

  it('a report that arrived clears the pending flag (R15)', () => {
    const store = tmp.open();
    const code = activeCase(store);
    store.cases.transition(code, ['aktiv'], 'aktiv', { reportPending: true }, T0);
    store.cases.transition(code, ['aktiv'], 'aktiv', { reportPending: false }, T0);
    expect(store.cases.byCode(code)?.reportPending).toBe(false);
  });

  it('refuses impossible values in the database itself', () => {
    const store = tmp.open();
    const code = activeCase(store);
    expect(() => store.cases.transition(code, ['aktiv'], 'aktiv', { lastReviewOn: '2026-02-30' }, T0)).toThrow(/CHECK/);
    expect(() => store.cases.transition(code, ['aktiv'], 'aktiv', { extensions: -1 }, T0)).toThrow(/CHECK/);
    expect(store.cases.byCode(code)?.lastReviewOn).toBeUndefined();
  });

  it('upgrades a database of the previous release and keeps its cases, with no extensions yet', () => {
    const file = tmp.path();
    const old = openDatabase(file, MIGRATIONS.slice(0, 2));
    new SqliteCaseRepository(old).insertReferral(newReferral({ caseCode: 'FM-2025-0777' }));
    old.close();

    const store = tmp.open();
    const upgraded = store.cases.transition('FM-2025-0777', ['vorgemerkt'], 'vorgemerkt', { inMeasure: true }, T0);
    expect(upgraded).toMatchObject({ caseCode: 'FM-2025-0777', inMeasure: true });
    expect(store.db.prepare(`SELECT extensions FROM cases WHERE case_code = 'FM-2025-0777'`).pluck().get()).toBe(0);
  });
});
