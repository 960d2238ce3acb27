import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('SqliteCaseCodeSequence', () => {
  it('issues FM-YYYY-NNNN codes one after another within a year', () => {
    const { codes } = tmp.open();
    expect([codes.next(2025), codes.next(2025), codes.next(2025)]).toEqual(['FM-2025-0001', 'FM-2025-0002', 'FM-2025-0003']);
  });

  it('starts again at 1 in a new year and keeps counting the old year separately', () => {
    const { codes } = tmp.open();
    codes.next(2025);
    codes.next(2025);
    expect(codes.next(2026)).toBe('FM-2026-0001');
    expect(codes.next(2025)).toBe('FM-2025-0003');
  });

  it('continues after a restart instead of issuing a committed number again', () => {
    const file = tmp.path();
    const first = SqliteStore.open(file);
    first.codes.next(2025);
    first.codes.next(2025);
    first.close();

    const second = tmp.open();
    expect(second.codes.next(2025)).toBe('FM-2025-0003');
  });

  it('takes back a number only when the transaction that drew it is rolled back', () => {
    const store = tmp.open();
    expect(store.codes.next(2025)).toBe('FM-2025-0001');
    expect(() =>
      store.transaction(() => {
        store.codes.next(2025);
        throw new Error('command failed');
      }),
    ).toThrow('command failed');
    expect(store.codes.next(2025)).toBe('FM-2025-0002');
    expect(store.codes.next(2025)).toBe('FM-2025-0003');
  });

  it('never hands the same number to two connections on one file', () => {
    const a = tmp.open();
    const b = tmp.open();
    const drawn = [a.codes.next(2025), b.codes.next(2025), a.codes.next(2025), b.codes.next(2025)];
    expect(new Set(drawn).size).toBe(4);
  });

  it('grows past four digits after case 9999 of a year', () => {
    const store = tmp.open();
    store.db.prepare('INSERT INTO case_code_counters (year, last) VALUES (2025, 9998)').run();
    expect(store.codes.next(2025)).toBe('FM-2025-9999');
    expect(store.codes.next(2025)).toBe('FM-2025-10000');
  });

  it('rejects a year that is no four-digit calendar year and leaves no counter behind', () => {
    const store = tmp.open();
    const { codes } = store;
    expect(() => codes.next(25)).toThrow(RangeError);
    expect(() => codes.next(2025.5)).toThrow(); // the STRICT table refuses it before the formatter sees it
    expect(store.db.prepare('SELECT count(*) FROM case_code_counters').pluck().get()).toBe(0);
  });
});
