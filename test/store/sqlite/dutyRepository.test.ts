import { describe, expect, it } from 'vitest';
import type { DutyKind } from '../../../src/domain/vocabulary.js';
import { openDatabase } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();
const DAY = 86_400_000;

describe('SqliteDutyRepository', () => {
  it('answers the latest meeting per kind and subject (R28), whatever order they were entered in', () => {
    const store = tmp.open();
    const duty = (kind: DutyKind, subject: string, on: string) => store.duties.record({ kind, subject, on, recordedBy: 'gl-1', recordedAt: T0 });
    duty('dienstbesprechung', 'mitte', '2025-09-10');
    duty('dienstbesprechung', 'mitte', '2025-06-11');
    duty('dienstbesprechung', 'nord', '2025-10-01');
    duty('besuch', 'mi-1', '2025-10-15');

    expect(store.duties.last('dienstbesprechung', 'mitte')).toBe('2025-09-10');
    expect(store.duties.last('dienstbesprechung', 'nord')).toBe('2025-10-01');
    expect(store.duties.last('besuch', 'mi-1')).toBe('2025-10-15'); // R30
    expect(store.duties.last('besuch', 'mi-2')).toBeUndefined();
    expect(store.duties.last('austausch', 'jobcenter')).toBeUndefined(); // R29: never held
  });

  it('lists all duties or one kind, by date', () => {
    const store = tmp.open();
    const net = store.duties.record({ kind: 'netzwerk', subject: 'fm-ue25', on: '2025-08-01', recordedBy: 'fm-1', recordedAt: T0 });
    const fm = store.duties.record({ kind: 'fm_austausch', subject: 'fm-u25+fm-ue25', on: '2025-07-01', recordedBy: 'fm-1', recordedAt: T0 + 1 });
    const cross = store.duties.record({ kind: 'austausch', subject: 'jobcenter', on: '2025-09-01', recordedBy: 'gl-1', recordedAt: T0 + 2 });

    expect(net).toEqual({ id: net.id, kind: 'netzwerk', subject: 'fm-ue25', on: '2025-08-01', status: 'held', recordedBy: 'fm-1', recordedAt: T0 });
    expect(store.duties.list()).toEqual([fm, net, cross]);
    expect(store.duties.list('fm_austausch')).toEqual([fm]); // R31
    expect(store.duties.list('dienstbesprechung')).toEqual([]);
    expect(store.duties.byId(fm.id)).toEqual(fm);
    expect(store.duties.byId(999)).toBeUndefined();
  });

  it('refuses a kind the schema does not know', () => {
    const store = tmp.open();
    expect(() => store.duties.record({ kind: 'party' as DutyKind, subject: 'mitte', on: '2025-08-01', recordedBy: 'x', recordedAt: T0 })).toThrow(/CHECK/);
  });

  it('R28: a plan does not count until it is confirmed as held, and is settled only once', () => {
    const store = tmp.open();
    store.duties.record({ kind: 'dienstbesprechung', subject: 'mitte', on: '2025-09-10', recordedBy: 'gl-1', recordedAt: T0 });
    const plan = store.duties.record({ kind: 'dienstbesprechung', subject: 'mitte', on: '2025-12-03', status: 'planned', recordedBy: 'gl-1', recordedAt: T0 });
    const other = store.duties.record({ kind: 'netzwerk', subject: 'fm-ue25', on: '2025-11-03', status: 'planned', recordedBy: 'fm-1', recordedAt: T0 });
    expect(plan.status).toBe('planned');
    expect(store.duties.last('dienstbesprechung', 'mitte')).toBe('2025-09-10');
    expect(store.duties.planned().map((d) => d.id)).toEqual([other.id, plan.id]); // by date
    expect(store.duties.planned({ kind: 'dienstbesprechung', subject: 'mitte' })).toEqual([plan]);

    expect(store.duties.settle(plan.id, 'held', 'tl-1', T0 + DAY)).toBe(true);
    expect(store.duties.settle(plan.id, 'cancelled', 'tl-1', T0 + 2 * DAY)).toBe(false);
    expect(store.duties.byId(plan.id)).toMatchObject({ status: 'held', settledBy: 'tl-1', settledAt: T0 + DAY });
    expect(store.duties.last('dienstbesprechung', 'mitte')).toBe('2025-12-03');

    expect(store.duties.settle(other.id, 'cancelled', 'fm-1', T0)).toBe(true);
    expect(store.duties.last('netzwerk', 'fm-ue25')).toBeUndefined(); // R32: called off, never held
    expect(store.duties.planned()).toEqual([]);
  });

  it('keeps the first day a duty was seen (R28–R32), whatever later runs say', () => {
    const store = tmp.open();
    expect(store.duties.firstSeen('dienstbesprechung', 'mitte')).toBeUndefined();
    expect(store.duties.markSeen('dienstbesprechung', 'mitte', '2026-03-02')).toBe('2026-03-02');
    expect(store.duties.markSeen('dienstbesprechung', 'mitte', '2026-03-03')).toBe('2026-03-02');
    expect(store.duties.markSeen('kontakt_fehlt', 'mi-9', '2026-03-03')).toBe('2026-03-03'); // R30 gap: not a recordable kind
    expect(store.duties.firstSeen('dienstbesprechung', 'mitte')).toBe('2026-03-02');
    expect(() => store.duties.markSeen('besuch', 'mi-1', '2026-02-30')).toThrow(/CHECK/);
  });

  it('migration 7 turns an old row dated after its recording day into a plan and keeps the others held', () => {
    const file = tmp.path();
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version <= 6));
    const insert = old.prepare('INSERT INTO duties (kind, subject, on_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)');
    const recordedAt = Date.parse('2025-10-20T10:00:00+02:00');
    insert.run('dienstbesprechung', 'mitte', '2025-10-01', 'gl-1', recordedAt); // past: counted
    insert.run('dienstbesprechung', 'mitte', '2025-10-20', 'gl-1', recordedAt); // that day: counted
    insert.run('dienstbesprechung', 'mitte', '2025-11-12', 'gl-1', recordedAt); // future: a plan
    insert.run('dienstbesprechung', 'nord', '2025-10-21', 'gl-1', Date.parse('2025-10-20T23:30:00+02:00')); // the next day, late at night
    old.close();

    const store = tmp.open();
    expect(store.duties.list().map((d) => [d.subject, d.on, d.status])).toEqual([
      ['mitte', '2025-10-01', 'held'],
      ['mitte', '2025-10-20', 'held'],
      ['nord', '2025-10-21', 'planned'],
      ['mitte', '2025-11-12', 'planned'],
    ]);
    expect(store.duties.last('dienstbesprechung', 'mitte')).toBe('2025-10-20');
  });

  it('migration 7 takes the first day of a duty never held from its earliest reminder of the old kind', () => {
    const file = tmp.path();
    const old = openDatabase(file, MIGRATIONS.filter((m) => m.version <= 6));
    const ping = old.prepare(
      `INSERT INTO outbox (dedupe_key, target_kind, target_ref, message, next_attempt_at, created_at) VALUES (?, 'direct', 'x', '{}', 0, ?)`,
    );
    ping.run('ping.duty:dienstbesprechung:nord:never:gl-1', Date.parse('2025-11-03T08:00:00+01:00'));
    ping.run('ping.duty:dienstbesprechung:nord:never:tl-1', Date.parse('2025-11-04T08:00:00+01:00'));
    ping.run('ping.duty:besuch:mi:2:never:fm-1', Date.parse('2025-11-05T08:00:00+01:00')); // an id with a colon
    ping.run('ping.duty:fm_austausch:fm-ue25:never:tl-1', Date.parse('2025-11-03T08:00:00+01:00')); // R31 is per pair now
    ping.run('ping.duty:netzwerk:fm-ue25:2025-12-01:tl-1', Date.parse('2025-12-01T08:00:00+01:00')); // held before: not "never"
    old.close();

    const store = tmp.open();
    expect(store.duties.firstSeen('dienstbesprechung', 'nord')).toBe('2025-11-03');
    expect(store.duties.firstSeen('besuch', 'mi:2')).toBe('2025-11-05');
    expect(store.duties.firstSeen('fm_austausch', 'fm-ue25')).toBeUndefined();
    expect(store.duties.firstSeen('netzwerk', 'fm-ue25')).toBeUndefined();
  });
});
