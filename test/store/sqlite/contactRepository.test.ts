import { describe, expect, it } from 'vitest';
import { addContacts, insertCase, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('SqliteContactRepository', () => {
  it('records contacts and lists those of one case oldest first', () => {
    const store = tmp.open();
    const a = insertCase(store).caseCode;
    const b = insertCase(store).caseCode;
    const [later, earlier] = addContacts(
      store,
      a,
      { on: '2025-12-01', kind: 'persoenlich', qualified: true, recordedBy: 'fm-1', recordedAt: T0 + 2 },
      { on: '2025-11-03', kind: 'netzwerk', qualified: false, recordedBy: 'fm-1', recordedAt: T0 + 3 },
    );
    addContacts(store, b, { on: '2025-11-04', kind: 'telefon', qualified: true, recordedBy: 'fm-2', recordedAt: T0 });

    expect(later).toEqual({ id: later!.id, caseCode: a, on: '2025-12-01', kind: 'persoenlich', qualified: true, recordedBy: 'fm-1', recordedAt: T0 + 2 });
    expect(store.contacts.forCase(a)).toEqual([earlier, later]);
    expect(earlier!.qualified).toBe(false);
    expect(store.contacts.count()).toBe(3);
  });

  it('refuses a contact for a case that does not exist', () => {
    const store = tmp.open();
    expect(() => addContacts(store, 'FM-2025-9999', { on: '2025-11-03', kind: 'telefon' })).toThrow(/FOREIGN KEY/);
    expect(store.contacts.count()).toBe(0);
  });

  it('refuses a date that is no calendar date', () => {
    const store = tmp.open();
    const { caseCode } = insertCase(store);
    expect(() => addContacts(store, caseCode, { on: '2025-02-29', kind: 'telefon' })).toThrow(/CHECK/);
  });
});
