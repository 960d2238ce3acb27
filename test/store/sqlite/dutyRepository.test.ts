import { describe, expect, it } from 'vitest';
import type { DutyKind } from '../../../src/domain/vocabulary.js';
import { T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

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
    const fm = store.duties.record({ kind: 'fm_austausch', subject: 'fm-ue25', on: '2025-07-01', recordedBy: 'fm-1', recordedAt: T0 + 1 });
    const cross = store.duties.record({ kind: 'austausch', subject: 'jobcenter', on: '2025-09-01', recordedBy: 'gl-1', recordedAt: T0 + 2 });

    expect(net).toEqual({ id: net.id, kind: 'netzwerk', subject: 'fm-ue25', on: '2025-08-01', recordedBy: 'fm-1', recordedAt: T0 });
    expect(store.duties.list()).toEqual([fm, net, cross]);
    expect(store.duties.list('fm_austausch')).toEqual([fm]); // R31
    expect(store.duties.list('dienstbesprechung')).toEqual([]);
  });

  it('refuses a kind the schema does not know', () => {
    const store = tmp.open();
    expect(() => store.duties.record({ kind: 'party' as DutyKind, subject: 'mitte', on: '2025-08-01', recordedBy: 'x', recordedAt: T0 })).toThrow(/CHECK/);
  });
});
