import { describe, expect, it } from 'vitest';
import { T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('SqliteAbsenceRepository', () => {
  it('keeps absences entered in the chat per person, by first day', () => {
    const store = tmp.open();
    const late = store.absences.add({ personId: 'fm-1', from: '2026-01-05', to: '2026-01-09', recordedBy: 'fm-1', recordedAt: T0 });
    const early = store.absences.add({ personId: 'fm-1', from: '2025-12-22', to: '2025-12-22', recordedBy: 'tl-1', recordedAt: T0 + 1 });
    const other = store.absences.add({ personId: 'fm-2', from: '2025-11-03', to: '2025-11-14', recordedBy: 'fm-2', recordedAt: T0 });

    expect(early).toEqual({ id: early.id, personId: 'fm-1', from: '2025-12-22', to: '2025-12-22', recordedBy: 'tl-1', recordedAt: T0 + 1 });
    expect(store.absences.forPerson('fm-1')).toEqual([early, late]);
    expect(store.absences.forPerson('fm-3')).toEqual([]);
    expect(store.absences.all()).toEqual([early, late, other]);
  });

  it('refuses an absence that ends before it starts', () => {
    const store = tmp.open();
    expect(() => store.absences.add({ personId: 'fm-1', from: '2026-01-09', to: '2026-01-05', recordedBy: 'fm-1', recordedAt: T0 })).toThrow(/CHECK/);
    expect(store.absences.all()).toEqual([]);
  });
});
