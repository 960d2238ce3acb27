/**
 * `npx fm-lotse db backup FILE [--force]` as an operator runs it, and the restore of the README (stop the bot,
 * copy the backup in place of the database file, start).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { insertCase } from '../support/build.js';
import { runTs } from '../support/spawn.js';

let dir: string;
let db: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-backup-'));
  db = path.join(dir, 'fm-lotse.db');
  const store = SqliteStore.open(db);
  insertCase(store, { caseCode: 'FM-2025-0001' });
  store.close();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const backup = (...args: string[]) => runTs('src/cli.ts', ['db', 'backup', ...args], { env: { FM_LOTSE_DB: db } });

function caseCodes(file: string): string[] {
  const store = SqliteStore.open(file);
  try {
    return store.db.prepare<[], string>('SELECT case_code FROM cases ORDER BY case_code').pluck().all();
  } finally {
    store.close();
  }
}

describe('npx fm-lotse db backup', () => {
  it('refuses to overwrite an existing file without --force, names it and --force, and writes nothing', async () => {
    const target = path.join(dir, 'backup.db');
    fs.writeFileSync(target, 'Sicherung von gestern');

    const result = await backup(target);

    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(target);
    expect(result.stdout).toContain('--force');
    expect(result.stdout).toContain('nichts wurde geschrieben');
    expect(fs.readFileSync(target, 'utf8')).toBe('Sicherung von gestern');
    expect(fs.readdirSync(dir).sort()).toEqual(['backup.db', 'fm-lotse.db']);
  });

  it('overwrites it with --force: the file is then a complete copy, with nothing left beside it', async () => {
    const target = path.join(dir, 'backup.db');
    fs.writeFileSync(target, 'Sicherung von gestern');

    const result = await backup(target, '--force');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Sicherung geschrieben: ${target}`);
    expect(fs.readdirSync(dir).sort()).toEqual(['backup.db', 'fm-lotse.db']);
    expect(caseCodes(target)).toEqual(['FM-2025-0001']);
  });

  it('never writes over the live database, not even with --force', async () => {
    const result = await backup(db, '--force');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('FM_LOTSE_DB');
    expect(caseCodes(db)).toEqual(['FM-2025-0001']);
  });

  it('restores as the README says: the bot stopped, the backup copied in place of the database file', async () => {
    const target = path.join(dir, 'backups', 'fm-lotse-montag.db');
    expect((await backup(target)).code).toBe(0);
    const later = SqliteStore.open(db); // work after the backup, to be undone by the restore
    insertCase(later, { caseCode: 'FM-2025-0002' });
    later.close();

    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${db}${suffix}`, { force: true });
    fs.copyFileSync(target, db);

    expect(caseCodes(db)).toEqual(['FM-2025-0001']);
    const store = SqliteStore.open(db);
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });
});
