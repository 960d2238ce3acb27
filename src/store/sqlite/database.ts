import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError, type WriteHealth } from '../ports.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/** The database was written by a newer FM-Lotse; running old code on it could corrupt it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `Database ${file} has schema version ${databaseVersion}, but this FM-Lotse knows versions up to ${codeVersion} only. ` +
        'Run the newer FM-Lotse release, or point FM_LOTSE_DB at a backup made by this release.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * How long a write waits for another process's write lock (SQLite busy_timeout). The wait is synchronous: it
 * stalls the whole event loop, so it stays well inside Slack's 3-second budget for acknowledgements.
 */
export const BUSY_TIMEOUT_MS = 1_000;

/**
 * Opens (or creates) the database file and brings its schema up to date.
 * `migrations` is a parameter only so tests can simulate other releases.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives process crashes; better-sqlite3 would only default to it on reopen.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Deleted and overwritten content is zeroed in the file instead of lingering in free space, so texts the
    // retention job blanks are gone from the disk once the WAL is checkpointed (checkpointTruncate).
    db.pragma('secure_delete = ON');
    migrate(db, file, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database, file: string, migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" has version ${m.version}, expected ${i + 1}.`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const currentVersion = db.prepare<[], number>('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck();
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );

  const codeVersion = migrations.length;
  const databaseVersion = currentVersion.get() ?? 0;
  if (databaseVersion > codeVersion) throw new SchemaTooNewError(file, databaseVersion, codeVersion);

  for (const migration of migrations.slice(databaseVersion)) {
    // IMMEDIATE takes the write lock before the version is read again, so two processes starting at
    // once cannot both apply the same step.
    db.transaction(() => {
      if (migration.version <= (currentVersion.get() ?? 0)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    }).immediate();
  }
}

/** For GET /healthz: true when the connection is open and answers a query. */
export function isHealthy(db: Database.Database): boolean {
  try {
    return db.prepare('SELECT 1').pluck().get() === 1;
  } catch {
    return false;
  }
}

/** Connections whose last checkpointTruncate could not finish. */
const unfinished = new WeakSet<Database.Database>();

/**
 * Moves every page of the WAL into the database file and empties the WAL (wal_checkpoint(TRUNCATE)): old
 * versions of changed rows then exist nowhere on disk (with secure_delete, not in free space either).
 * Returns false when it could not finish: inside a transaction (a dry run, whose changes are rolled back
 * anyway), or while another connection still reads an older snapshot — then `checkpointUnfinished` says so
 * until a later call finishes it. Waits at most the busy timeout for such readers.
 */
export function checkpointTruncate(db: Database.Database): boolean {
  if (db.memory || db.inTransaction) return false;
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  const done = result?.busy === 0;
  if (done) unfinished.delete(db);
  else unfinished.add(db);
  return done;
}

/** True while a checkpointTruncate on this connection has not been able to finish. */
export function checkpointUnfinished(db: Database.Database): boolean {
  return unfinished.has(db);
}

/**
 * A consistent copy of the live database (SQLite online backup); writers may keep working meanwhile.
 * Written beside the target and renamed onto it when complete, so a failed backup leaves an earlier one at
 * that path intact and no half-written file behind. Replaces an existing target; `fm-lotse db backup` asks for
 * `--force` first.
 */
export async function backupDatabase(db: Database.Database, targetFile: string): Promise<void> {
  mkdirSync(dirname(targetFile), { recursive: true });
  const partial = `${targetFile}.${process.pid}.partial`;
  try {
    await db.backup(partial);
    renameSync(partial, targetFile);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** SQLite result codes (primary, as prefix of the extended ones) meaning "cannot write now", not "bad statement". */
const UNAVAILABLE_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_CORRUPT', 'SQLITE_NOTADB'];

/** The SQLite code of an error that says the database cannot write at the moment; undefined for any other error. */
export function unavailableCode(error: unknown): string | undefined {
  if (!(error instanceof Database.SqliteError)) return undefined;
  return UNAVAILABLE_CODES.some((c) => error.code === c || error.code.startsWith(`${c}_`)) ? error.code : undefined;
}

/**
 * Runs the writes of one connection and keeps track of whether they succeed. After a write failed because
 * the database was locked by another process (or cannot write at all), further writes do not wait for the
 * lock any more (busy_timeout 0): each one tries once and fails at once, so a lock held for seconds stalls
 * the event loop — every acknowledgement and every other request — for one busy timeout only, not once per
 * request. The first write that succeeds again restores the normal wait. Failures become
 * StoreUnavailableError (no message text); `health()` is what /healthz reports about the database writing.
 */
export class WriteGuard {
  private failingSince: number | undefined;
  private lastError: string | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  run<T>(write: () => T): T {
    let result: T;
    try {
      result = write();
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      const code = unavailableCode(error);
      if (code === undefined) {
        this.recovered();
        throw error;
      }
      this.failed(code);
      throw new StoreUnavailableError(code);
    }
    this.recovered();
    return result;
  }

  /**
   * While failing, first tries to take the write lock once, without waiting (BEGIN IMMEDIATE, ROLLBACK), so the
   * state clears as soon as the other process lets go even when nothing else writes meanwhile.
   */
  health(): WriteHealth {
    if (this.failingSince !== undefined && this.db.open && !this.db.inTransaction) {
      try {
        this.run(() => {
          this.db.exec('BEGIN IMMEDIATE');
          this.db.exec('ROLLBACK');
        });
      } catch {
        // still failing: reported below
      }
    }
    if (this.failingSince === undefined) return { ok: true };
    return { ok: false, failingSince: this.failingSince, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  private failed(code: string): void {
    this.lastError = code;
    if (this.failingSince !== undefined) return;
    this.failingSince = this.now();
    if (this.db.open) this.db.pragma('busy_timeout = 0');
  }

  private recovered(): void {
    if (this.failingSince === undefined) return;
    this.failingSince = undefined;
    this.lastError = undefined;
    if (this.db.open) this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}
