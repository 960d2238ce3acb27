/**
 * Erasure that erases: what the retention job blanks must be gone from the files on disk — the database file
 * and its WAL — not only from what queries return. Old row versions would otherwise linger in the WAL until
 * the next checkpoint and in the database file's free space for good.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retention } from '../../../jobs/retention.js';
import { runJobs } from '../../../src/app/scheduler.js';
import { OrgIndex } from '../../../src/config/orgIndex.js';
import { WorkCalendar } from '../../../src/domain/calendar.js';
import { DEFAULT_NEED_CATALOGUE } from '../../../src/domain/needs.js';
import { ManualClock } from '../../../src/domain/time.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { insertCase } from '../../support/build.js';
import { exampleOrg } from '../../support/world.js';

const SENT_AT = Date.parse('2026-01-05T09:00:00+01:00');
const AFTER_90_DAYS = Date.parse('2026-04-07T09:00:00+02:00');
/** A short message text and one long enough for SQLite's overflow pages. */
const SHORT = 'Vertraulich: Termin mit Kundin Erika Musterfrau am Dienstag';
const LONG = `Gesprächsnotiz ${'Schuldnerberatung-Wohnungssuche-Suchtberatung '.repeat(120)}Ende`;
const CLIENT = '987Z654321';

let dir: string;
let dbFile: string;
let store: SqliteStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-erasure-'));
  dbFile = path.join(dir, 'fm-lotse.db');
  store = SqliteStore.open(dbFile);
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every byte FM-Lotse keeps on disk for this database: the file, and the WAL while there is one. */
function bytesOnDisk(): Buffer {
  const wal = `${dbFile}-wal`;
  return Buffer.concat([fs.readFileSync(dbFile), fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0)]);
}

const onDisk = (text: string): boolean => bytesOnDisk().includes(Buffer.from(text, 'utf8'));

function sendMessage(dedupeKey: string, text: string): void {
  store.outbox.enqueue({ dedupeKey, target: { kind: 'direct', personId: 'fm-tobias' }, message: { text, blocks: [] }, createdAt: SENT_AT });
  store.outbox.markSent(store.outbox.byKey(dedupeKey)!.id, SENT_AT);
}

function runRetention(at: number): void {
  const org = new OrgIndex(exampleOrg());
  const deps = { org, store, clock: new ManualClock(at), calendar: new WorkCalendar({ holidayRegion: 'DE-HB' }), needCatalogue: DEFAULT_NEED_CATALOGUE };
  const [outcome] = runJobs(deps, [retention], at);
  expect(outcome?.error).toBeUndefined();
}

describe('retention on a database file', () => {
  it('runs on connections that zero deleted content (secure_delete)', () => {
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('leaves no trace of a blanked message text in the database file or its WAL', () => {
    sendMessage('erasure:short', SHORT);
    sendMessage('erasure:long', LONG);
    // Control: before the job the texts are on disk (in the WAL or the file), so the search can find them.
    expect(onDisk(SHORT)).toBe(true);
    expect(onDisk(LONG.slice(0, 200))).toBe(true);

    runRetention(AFTER_90_DAYS);

    expect(store.outbox.byKey('erasure:short')?.message.text).toBe('');
    expect(onDisk(SHORT)).toBe(false);
    expect(onDisk('Schuldnerberatung-Wohnungssuche')).toBe(false);
    // The WAL is emptied, not just superseded.
    expect(fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0).toBe(0);
  });

  it('also after the texts were moved into the database file by an earlier checkpoint', () => {
    sendMessage('erasure:short', SHORT);
    store.db.pragma('wal_checkpoint(TRUNCATE)'); // as SQLite does by itself every 1000 pages
    expect(fs.readFileSync(dbFile).includes(Buffer.from(SHORT))).toBe(true);

    runRetention(AFTER_90_DAYS);

    expect(onDisk(SHORT)).toBe(false);
  });

  it('finishes on the next run when another process was still reading an older snapshot', () => {
    sendMessage('erasure:long', LONG);
    store.db.pragma('busy_timeout = 50'); // the checkpoint waits this long for the reader
    const reader = new Database(dbFile, { readonly: true });
    const rows = reader.prepare('SELECT * FROM outbox').iterate();
    rows.next(); // holds its snapshot, e.g. `fm-lotse db backup` in the middle of copying

    runRetention(AFTER_90_DAYS);
    expect(onDisk('Schuldnerberatung-Wohnungssuche')).toBe(true); // the reader may still need the old pages

    rows.return?.();
    reader.close();
    runRetention(AFTER_90_DAYS + 5 * 60_000); // the next tick: nothing new to blank, the checkpoint is repeated
    expect(onDisk('Schuldnerberatung-Wohnungssuche')).toBe(false);
  });

  it('leaves no trace of a forgotten customer number of a case ended 25 months ago', () => {
    insertCase(store, { clientRef: CLIENT, status: 'beendet', intakeOn: '2023-01-10', endedOn: '2024-01-31' });
    expect(onDisk(CLIENT)).toBe(true);

    runRetention(Date.parse('2026-03-02T09:00:00+01:00'));

    expect(onDisk(CLIENT)).toBe(false);
  });

  it('keeps messages younger than 90 days, on disk as in the database', () => {
    sendMessage('erasure:short', SHORT);
    runRetention(SENT_AT + 30 * 86_400_000);
    expect(store.outbox.byKey('erasure:short')?.message.text).toBe(SHORT);
    expect(onDisk(SHORT)).toBe(true);
  });
});
