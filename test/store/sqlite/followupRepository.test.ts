import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import type { SqliteStore } from '../../../src/store/sqlite/store.js';
import { insertCase, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

/** A case ended on 15.01.2026. */
function endedCase(store: SqliteStore): string {
  return insertCase(store, { status: 'beendet', intakeOn: '2024-01-15', endedOn: '2026-01-15' }).caseCode;
}

describe('follow-up results (R27)', () => {
  it('records one result per case and follow-up; a second one for the same follow-up changes nothing (R27)', () => {
    const store = tmp.open();
    const code = endedCase(store);
    const six = { caseCode: code, months: 6, result: 'beschaeftigt' as const, on: '2026-07-15', recordedBy: 'fm-tobias', recordedAt: T0 };
    expect(store.followups.record(six)).toBe(true);
    expect(store.followups.record({ ...six, result: 'unbekannt', recordedBy: 'tl-fm-ue25' })).toBe(false);
    expect(store.followups.record({ ...six, months: 12, result: 'nicht-beschaeftigt', on: '2027-01-15' })).toBe(true);

    expect(store.followups.forCase(code)).toEqual([six, { ...six, months: 12, result: 'nicht-beschaeftigt', on: '2027-01-15' }]);
    expect(store.followups.doneByCase()).toEqual(new Map([[code, [6, 12]]]));
    expect(store.followups.forCase('FM-2026-0999')).toEqual([]);
    expect(store.followups.count()).toBe(2);
  });

  it('lets the schema refuse other months, results, dates and unknown cases (R27)', () => {
    const store = tmp.open();
    const code = endedCase(store);
    const base = { caseCode: code, months: 6, result: 'beschaeftigt' as const, on: '2026-07-15', recordedBy: 'fm-tobias', recordedAt: T0 };
    expect(() => store.followups.record({ ...base, months: 9 })).toThrow(/CHECK/);
    expect(() => store.followups.record({ ...base, result: 'ja' as never })).toThrow(/CHECK/);
    expect(() => store.followups.record({ ...base, on: '15.07.2026' })).toThrow(/CHECK/);
    expect(() => store.followups.record({ ...base, caseCode: 'FM-2026-0999' })).toThrow(/FOREIGN KEY/);
    expect(store.followups.count()).toBe(0);
  });

  it('is added by migration 8 to a database of the previous version', () => {
    const file = tmp.path();
    const before = MIGRATIONS.filter((m) => m.version < 8);
    openDatabase(file, before).close();
    const db = openDatabase(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'followups'").pluck().get()).toBe('followups');
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(8);
    db.close();
  });
});
