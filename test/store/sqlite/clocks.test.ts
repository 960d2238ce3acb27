import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../../src/domain/vocabulary.js';
import type { SqliteStore } from '../../../src/store/sqlite/store.js';
import { addContacts, insertCase, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();
const TODAY = '2026-03-02';

function caseIn(store: SqliteStore, status: CaseStatus, fmId = 'fm-1', receivingTeamId = 'fm-ue25'): string {
  return insertCase(store, { status, fmId, intakeOn: '2025-06-02', receivingTeamId }).caseCode;
}

describe('cases.clocks (R16 aggregates for the due-date jobs)', () => {
  it('gives each case its newest qualified contact and the count of the last year, with the case fields', () => {
    const store = tmp.open();
    const a = caseIn(store, 'aktiv');
    const b = caseIn(store, 'aktiv');
    store.cases.transition(a, ['aktiv'], 'aktiv', { inMeasure: true }, T0);
    addContacts(store, a, '2025-07-01', '2025-10-15', '2026-02-20');
    addContacts(store, b, '2025-12-24');

    const clocks = store.cases.clocks({ statuses: ['aktiv'] }, TODAY);
    expect(clocks.map((c) => [c.caseCode, c.lastContactOn, c.contactsLastYear])).toEqual([
      [a, '2026-02-20', 3],
      [b, '2025-12-24', 1],
    ]);
    expect(clocks[0]).toMatchObject({ status: 'aktiv', assignedFmId: 'fm-1', intakeOn: '2025-06-02', inMeasure: true });
  });

  it('answers no last contact and a count of 0 for a case without contacts', () => {
    const store = tmp.open();
    const a = caseIn(store, 'aktiv');
    const [clock] = store.cases.clocks({ statuses: ['aktiv'] }, TODAY);
    expect(clock).toMatchObject({ caseCode: a, contactsLastYear: 0 });
    expect(Object.keys(clock!)).not.toContain('lastContactOn');
  });

  it('does not count unqualified contacts (a talk with a network partner) for R16', () => {
    const store = tmp.open();
    const a = caseIn(store, 'aktiv');
    addContacts(store, a, '2025-11-03', { on: '2026-02-27', kind: 'netzwerk' });
    const [clock] = store.cases.clocks({ statuses: ['aktiv'] }, TODAY);
    expect(clock).toMatchObject({ lastContactOn: '2025-11-03', contactsLastYear: 1 });
  });

  it('counts the 365 days up to today: 365 days ago is out, 364 days ago is in, later contacts are ignored', () => {
    const store = tmp.open();
    const a = caseIn(store, 'aktiv');
    addContacts(
      store,
      a,
      '2025-03-02', // today − 365 days: outside
      '2025-03-03', // today − 364 days: inside
      TODAY,
      '2026-03-03', // tomorrow: not happened yet as of today
    );
    const [clock] = store.cases.clocks({ statuses: ['aktiv'] }, TODAY);
    expect(clock).toMatchObject({ lastContactOn: TODAY, contactsLastYear: 2 });
    // A day later the window has moved on: 03.03.2025 drops out, the contact of 03.03.2026 counts.
    expect(store.cases.clocks({ statuses: ['aktiv'] }, '2026-03-03')[0]).toMatchObject({ lastContactOn: '2026-03-03', contactsLastYear: 2 });
  });

  it('leaves out closed cases and narrows to an FM or to receiving teams', () => {
    const store = tmp.open();
    const mine = caseIn(store, 'aktiv', 'fm-1');
    const theirs = caseIn(store, 'aktiv', 'fm-2', 'fm-u25');
    const assigned = caseIn(store, 'zugewiesen', 'fm-1');
    caseIn(store, 'beendet', 'fm-1');
    caseIn(store, 'abgelehnt', 'fm-1');
    caseIn(store, 'vorgemerkt');
    addContacts(store, theirs, '2026-01-10');

    const codes = (filter: Parameters<SqliteStore['cases']['clocks']>[0]) => store.cases.clocks(filter, TODAY).map((c) => c.caseCode);
    expect(codes({ statuses: ['aktiv'] })).toEqual([mine, theirs]);
    expect(codes({ statuses: ['aktiv', 'zugewiesen'], assignedFmId: 'fm-1' })).toEqual([mine, assigned]);
    expect(codes({ statuses: ['aktiv'], receivingTeamIds: ['fm-u25'] })).toEqual([theirs]);
    expect(codes({ statuses: ['aktiv'], receivingTeamIds: [] })).toEqual([]);
  });

  it('reads the contacts through the (case_code, on_date) index', () => {
    const store = tmp.open();
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT count(*) FROM contacts k WHERE k.case_code = ? AND k.qualified = 1 AND k.on_date > ? AND k.on_date <= ?`,
      )
      .all('FM-2025-0001', '2025-03-02', TODAY) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX contacts_case_on/);
  });
});
