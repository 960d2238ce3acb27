import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase, BUSY_TIMEOUT_MS, isHealthy, openDatabase, SchemaTooNewError } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { insertCase, newReferral, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

function appliedVersions(db: Database.Database): number[] {
  return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
}

describe('openDatabase', () => {
  it('creates missing parent folders and sets WAL, synchronous NORMAL, foreign keys and a busy timeout', () => {
    const file = join(tmp.path('data'), 'nested', 'fm-lotse.db');
    const db = openDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    } finally {
      db.close();
    }
  });

  it('applies each migration once and keeps the data when the bot restarts', () => {
    const file = tmp.path();
    const first = SqliteStore.open(file);
    expect(appliedVersions(first.db)).toEqual(MIGRATIONS.map((m) => m.version));
    first.cases.insertReferral(newReferral({ caseCode: 'FM-2025-0001' }));
    first.close();

    const second = SqliteStore.open(file);
    try {
      expect(appliedVersions(second.db)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(second.cases.byCode('FM-2025-0001')).toBeDefined();
      expect(second.cases.count()).toBe(1);
    } finally {
      second.close();
    }
  });

  it('refuses a database written by a newer release, naming both versions', () => {
    const file = tmp.path();
    const newer = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'future', sql: 'CREATE TABLE future (x INTEGER)' }];
    openDatabase(file, newer).close();

    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(file)).toThrow(
      `schema version ${MIGRATIONS.length + 1}, but this FM-Lotse knows versions up to ${MIGRATIONS.length} only`,
    );
  });

  it('rolls back a failing migration completely and keeps the ones before it', () => {
    const file = tmp.path();
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;' },
    ];
    expect(() => openDatabase(file, broken)).toThrow(/no such table/);

    const db = openDatabase(file);
    try {
      expect(appliedVersions(db)).toEqual(MIGRATIONS.map((m) => m.version));
      const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
      expect(tables).not.toContain('half_done');
      expect(tables).toEqual(expect.arrayContaining(['cases', 'case_code_counters', 'audit_log', 'outbox']));
    } finally {
      db.close();
    }
  });

  it('refuses migrations that are not numbered 1, 2, 3, …', () => {
    expect(() => openDatabase(tmp.path(), [{ version: 2, name: 'gap', sql: 'SELECT 1' }])).toThrow(/expected 1/);
  });
});

describe('isHealthy', () => {
  it('reports an open database as healthy and a closed one as not', () => {
    const db = openDatabase(tmp.path());
    expect(isHealthy(db)).toBe(true);
    db.close();
    expect(isHealthy(db)).toBe(false);
  });
});

describe('backupDatabase', () => {
  it('writes a copy that opens with the same rows and passes integrity_check', async () => {
    const store = tmp.open();
    store.transaction(() => {
      for (let i = 0; i < 50; i++) {
        const code = insertCase(store).caseCode;
        store.audit.record({ at: T0, actorId: 'p-ifk-1', action: 'referral.created', caseCode: code, details: { i } });
      }
    });
    const target = join(tmp.path('backups'), 'copy.db');

    await backupDatabase(store.db, target);

    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const table of ['cases', 'case_code_counters', 'audit_log', 'outbox', 'schema_migrations']) {
        const rows = (db: Database.Database) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
        expect(rows(copy), table).toEqual(rows(store.db));
      }
      expect(copy.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(50);
    } finally {
      copy.close();
    }
  });
});

describe('backupDatabase, run again', () => {
  it('replaces an earlier backup at the same path with the current state', async () => {
    const store = tmp.open();
    const target = tmp.path('backup.db');
    store.codes.next(2025);
    await backupDatabase(store.db, target);
    store.codes.next(2025);

    await backupDatabase(store.db, target);

    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.prepare('SELECT last FROM case_code_counters WHERE year = 2025').pluck().get()).toBe(2);
    } finally {
      copy.close();
    }
  });
});
