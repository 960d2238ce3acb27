import { describe, expect, it } from 'vitest';
import { referral, T0, useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('SqliteContactRepository', () => {
  it('records contacts and lists those of one case oldest first', () => {
    const store = tmp.open();
    const a = store.cases.insertReferral(referral()).caseCode;
    const b = store.cases.insertReferral(referral()).caseCode;
    const later = store.contacts.add({ caseCode: a, on: '2025-12-01', kind: 'persoenlich', qualified: true, recordedBy: 'fm-1', recordedAt: T0 + 2 });
    const earlier = store.contacts.add({ caseCode: a, on: '2025-11-03', kind: 'netzwerk', qualified: false, recordedBy: 'fm-1', recordedAt: T0 + 3 });
    store.contacts.add({ caseCode: b, on: '2025-11-04', kind: 'telefon', qualified: true, recordedBy: 'fm-2', recordedAt: T0 });

    expect(later).toEqual({ id: later.id, caseCode: a, on: '2025-12-01', kind: 'persoenlich', qualified: true, recordedBy: 'fm-1', recordedAt: T0 + 2 });
    expect(store.contacts.forCase(a)).toEqual([earlier, later]);
    expect(earlier.qualified).toBe(false);
    expect(store.contacts.count()).toBe(3);
  });

  it('refuses a contact for a case that does not exist', () => {
    const store = tmp.open();
    expect(() =>
      store.contacts.add({ caseCode: 'FM-2025-9999', on: '2025-11-03', kind: 'telefon', qualified: true, recordedBy: 'fm-1', recordedAt: T0 }),
    ).toThrow(/FOREIGN KEY/);
    expect(store.contacts.count()).toBe(0);
  });

  it('refuses a date that is no calendar date', () => {
    const store = tmp.open();
    const { caseCode } = store.cases.insertReferral(referral());
    expect(() => store.contacts.add({ caseCode, on: '2025-02-29', kind: 'telefon', qualified: true, recordedBy: 'fm-1', recordedAt: T0 })).toThrow(/CHECK/);
  });
});
