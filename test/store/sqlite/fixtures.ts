import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite/store.js';

/** A fresh temp folder per test, removed afterwards together with every store opened in it. */
export function useTempDir(): { path: (name?: string) => string; open: (name?: string) => SqliteStore } {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  let current: string | undefined;
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    current = undefined;
  });
  const path = (name = 'fm-lotse.db'): string => {
    if (!current) {
      current = mkdtempSync(join(tmpdir(), 'fm-lotse-store-'));
      dirs.push(current);
    }
    return join(current, name);
  };
  const open = (name?: string): SqliteStore => {
    const store = SqliteStore.open(path(name));
    stores.push(store);
    return store;
  };
  return { path, open };
}
