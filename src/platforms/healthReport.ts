/**
 * What /healthz reports, read from the database and the running parts at each request. Unhealthy (503) when
 * - the database cannot write (another process holds its write lock, the file is read-only, …): checked
 *   without waiting, so the probe itself never blocks the bot;
 * - the outbox is stuck: a message has been waiting for 15 minutes although due (or failing) all that time,
 *   and no platform has asked the bot to slow down (a rate-limit pause is Slack's or Teams' doing, not a fault);
 * - Socket Mode has not been connected for a minute.
 * Pings held for the next working day and thread replies waiting for their parent are not stuck.
 */
import type { Clock } from '../domain/time.js';
import type { JobRun, OutboxStats } from '../app/metrics.js';
import type { SqliteStore } from '../store/sqlite/store.js';

export const OUTBOX_STUCK_MS = 15 * 60_000;
export const SOCKET_DOWN_MS = 60_000;

export type SocketModeState = 'connecting' | 'connected' | 'disconnected';

export interface SocketModeStatus {
  state: SocketModeState;
  /** Epoch ms since when the connection has been in this state (for `connected`) or not connected (else). */
  since: number;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  /** Why it is unavailable: database_unreachable, database_not_writable, outbox_stuck, socket_mode_disconnected. */
  problems: string[];
  database: { reachable: boolean; writable: boolean };
  outbox?: OutboxStats & { rateLimited: boolean; stuckSinceSeconds: number | null };
  jobs: Record<string, { lastRunAt: string; durationMs: number; queued: number; ok: boolean }>;
  socketMode: { state: SocketModeState; sinceSeconds: number } | null;
}

export interface HealthSources {
  store: SqliteStore;
  clock: Clock;
  /** The last run of each job (metrics.jobRuns). */
  jobs?: () => ReadonlyMap<string, JobRun>;
  /** Only in Socket Mode. */
  socketMode?: () => SocketModeStatus | undefined;
}

export function outboxStats(store: SqliteStore, now: number): OutboxStats {
  const row = store.db
    .prepare<[], { pending: number; failed: number; oldest: number | null }>(
      `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              min(created_at) FILTER (WHERE status = 'pending') AS oldest
         FROM outbox`,
    )
    .get();
  return {
    pending: row?.pending ?? 0,
    failed: row?.failed ?? 0,
    oldestPendingAgeSeconds: row?.oldest == null ? 0 : Math.max(0, Math.round((now - row.oldest) / 1000)),
  };
}

/** Whether a write could start now: BEGIN IMMEDIATE takes the write lock without waiting (busy timeout 0). */
export function databaseWritable(store: SqliteStore): boolean {
  const { db } = store;
  if (db.inTransaction) return true;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  } finally {
    try {
      db.pragma(`busy_timeout = ${Number(timeout) || 0}`);
    } catch {
      // a closed database: reported as unreachable
    }
  }
}

export function healthReport(src: HealthSources): HealthReport {
  const now = src.clock.now();
  const problems: string[] = [];
  const reachable = src.store.isHealthy();
  const writable = reachable && databaseWritable(src.store);
  if (!reachable) problems.push('database_unreachable');
  else if (!writable) problems.push('database_not_writable');

  let outbox: HealthReport['outbox'];
  if (reachable) {
    const cutoff = now - OUTBOX_STUCK_MS;
    const stuck = src.store.db
      .prepare<[number, number], number | null>(
        `SELECT min(created_at) FROM outbox
          WHERE status = 'pending' AND created_at <= ? AND (attempts > 0 OR next_attempt_at <= ?)`,
      )
      .pluck()
      .get(cutoff, cutoff);
    // A platform's Retry-After pause is held in delivery_pauses (the messages keep their place in the queue).
    const rateLimited = src.store.outbox.pauses(now).size > 0;
    const stuckSince = stuck ?? undefined;
    if (stuckSince !== undefined && !rateLimited) problems.push('outbox_stuck');
    outbox = {
      ...outboxStats(src.store, now),
      rateLimited,
      stuckSinceSeconds: stuckSince === undefined ? null : Math.round((now - stuckSince) / 1000),
    };
  }

  const jobs: HealthReport['jobs'] = {};
  for (const [name, run] of src.jobs?.() ?? []) {
    jobs[name] = { lastRunAt: new Date(run.at).toISOString(), durationMs: Math.round(run.durationMs * 10) / 10, queued: run.queued, ok: run.ok };
  }

  const socket = src.socketMode?.();
  if (socket && socket.state !== 'connected' && now - socket.since >= SOCKET_DOWN_MS) problems.push('socket_mode_disconnected');

  return {
    status: problems.length === 0 ? 'ok' : 'unavailable',
    problems,
    database: { reachable, writable },
    ...(outbox ? { outbox } : {}),
    jobs,
    socketMode: socket ? { state: socket.state, sinceSeconds: Math.max(0, Math.round((now - socket.since) / 1000)) } : null,
  };
}
