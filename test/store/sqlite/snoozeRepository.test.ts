import { describe, expect, it } from 'vitest';
import { snoozeKey } from '../../../src/store/ports.js';
import { T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('SqliteSnoozeRepository ("später" in the digest)', () => {
  it('hides an item until the day before `until` and shows it again from that day', () => {
    const store = tmp.open();
    store.snoozes.snooze({ caseCode: 'FM-2025-0001', itemKind: 'contact', dueOn: '2025-11-03', until: '2025-11-10', by: 'fm-1', at: T0 });

    expect(store.snoozes.isSnoozed('FM-2025-0001', 'contact', '2025-11-03', '2025-11-09')).toBe(true);
    expect(store.snoozes.isSnoozed('FM-2025-0001', 'contact', '2025-11-03', '2025-11-10')).toBe(false);
    expect(store.snoozes.isSnoozed('FM-2025-0001', 'review', '2025-11-03', '2025-11-09')).toBe(false);
    // A new due date of the same kind (after a contact was recorded) is a new item.
    expect(store.snoozes.isSnoozed('FM-2025-0001', 'contact', '2026-02-03', '2025-11-09')).toBe(false);
  });

  it('snoozing the same item again replaces the earlier snooze, even with an earlier day', () => {
    const store = tmp.open();
    const item = { caseCode: 'FM-2025-0001', itemKind: 'review', dueOn: '2025-11-03' };
    store.snoozes.snooze({ ...item, until: '2025-11-10', by: 'fm-1', at: T0 });
    store.snoozes.snooze({ ...item, until: '2025-11-05', by: 'fm-2', at: T0 + 1 });
    expect(store.snoozes.isSnoozed(item.caseCode, item.itemKind, item.dueOn, '2025-11-05')).toBe(false);
    expect(store.db.prepare('SELECT count(*) FROM snoozes').pluck().get()).toBe(1);
  });

  it('lists the keys of the items snoozed beyond today', () => {
    const store = tmp.open();
    store.snoozes.snooze({ caseCode: 'FM-2025-0001', itemKind: 'contact', dueOn: '2025-11-03', until: '2025-11-10', by: 'fm-1', at: T0 });
    store.snoozes.snooze({ caseCode: 'FM-2025-0002', itemKind: 'intake', dueOn: '2025-11-04', until: '2025-11-07', by: 'fm-1', at: T0 });
    store.snoozes.snooze({ caseCode: 'FM-2025-0003', itemKind: 'review', dueOn: '2025-11-04', until: '2025-11-06', by: 'fm-1', at: T0 });

    expect(store.snoozes.activeUntil('2025-11-06')).toEqual(
      new Set([snoozeKey('FM-2025-0001', 'contact', '2025-11-03'), 'FM-2025-0002|intake|2025-11-04']),
    );
    expect(store.snoozes.activeUntil('2025-11-10')).toEqual(new Set());
  });
});
