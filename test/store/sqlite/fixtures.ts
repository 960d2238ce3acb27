import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { NewReferral } from '../../../src/store/ports.js';
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

export const T0 = Date.UTC(2025, 9, 20, 8, 0); // 2025-10-20 10:00 Berlin

let serial = 0;
export function referral(overrides: Partial<NewReferral> = {}): NewReferral {
  serial += 1;
  return {
    caseCode: `FM-2025-${String(serial).padStart(4, '0')}`,
    clientRef: `K${100000 + serial}`,
    group: 'ue25',
    route: 'formal',
    prognosis: 'nicht-marktnah',
    needs: ['gesundheit', 'wohnen', 'schulden'],
    countedNeeds: 3,
    integration12: false,
    assessment: true,
    referringPersonId: 'p-ifk-1',
    referringTeamId: 'mi-1',
    receivingTeamId: 'fm-ue25',
    flaggedOn: '2025-10-20',
    intakeDeadline: '2025-11-10',
    createdAt: T0,
    ...overrides,
  };
}
