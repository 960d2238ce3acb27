/**
 * A complete application on a temp SQLite file with the demo organisation and a pinned clock:
 * the real Bot, store and calendar, no mocks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bot } from '../../src/app/bot.js';
import { Delivery } from '../../src/app/delivery.js';
import type { Transport } from '../../src/messaging/ports.js';
import { loadOrgFile } from '../../src/config/load.js';
import type { Org } from '../../src/config/org.js';
import { OrgIndex } from '../../src/config/orgIndex.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { ManualClock } from '../../src/domain/time.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';

export const EXAMPLE_ORG_FILE = path.resolve(import.meta.dirname, '../../config/org.example.json');

export function exampleOrg(): Org {
  const result = loadOrgFile(EXAMPLE_ORG_FILE);
  if (!result.ok) throw new Error(`example org invalid:\n${result.problems.join('\n')}`);
  return result.org;
}

export interface World {
  dir: string;
  dbFile: string;
  org: OrgIndex;
  store: SqliteStore;
  clock: ManualClock;
  calendar: WorkCalendar;
  bot: Bot;
  delivery(transports: Transport[]): Delivery;
  /** Row counts of the tables a failed command must leave alone. */
  counts(): { cases: number; audit: number; outbox: number };
  close(): void;
}

/** `now` as an ISO instant, e.g. '2025-10-20T09:00:00+02:00'. */
export function createWorld(options: { now: string; org?: Org }): World {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-'));
  const dbFile = path.join(dir, 'fm-lotse.db');
  const org = new OrgIndex(options.org ?? exampleOrg());
  const store = SqliteStore.open(dbFile);
  const clock = new ManualClock(Date.parse(options.now));
  const calendar = new WorkCalendar({ holidayRegion: org.org.jobcenter.holidayRegion });
  const bot = new Bot({ org, store, clock, calendar });
  return {
    dir,
    dbFile,
    org,
    store,
    clock,
    calendar,
    bot,
    delivery: (transports) => new Delivery(store, transports, clock, { calendar, logger: { warn() {}, error() {} } }),
    counts: () => ({ cases: store.cases.count(), audit: store.audit.count(), outbox: store.outbox.count() }),
    close() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
