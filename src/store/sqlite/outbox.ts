import type Database from 'better-sqlite3';
import type { Message, Target } from '../../messaging/reply.js';
import type { Instant } from '../../domain/time.js';
import { currentRequestId } from '../../messaging/trace.js';
import type { Outbox, OutboxItem, OutboxStatus, SentRef } from '../ports.js';
import type { WriteGuard } from './database.js';

interface OutboxRow {
  id: number;
  dedupe_key: string;
  target_kind: Target['kind'];
  target_ref: string;
  message: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  sent_at: number | null;
  last_error: string | null;
  thread_of: string | null;
  replaces: string | null;
  sent_ref: string | null;
  request_id: string | null;
}

export class SqliteOutbox implements Outbox {
  private readonly insert;
  /** Items this process enqueued (see enqueuedCount). */
  private enqueued = 0;
  private readonly selectDue;
  private readonly updateSent;
  private readonly updateFailed;
  private readonly selectAll;
  private readonly countAll;
  private readonly updatePostponed;
  private readonly selectByKey;
  private readonly selectNextAttempt;
  private readonly selectPauses;
  private readonly upsertPause;

  /** `guard`: the delivery's own writes (marks, postponements) outside a store transaction go through it. */
  constructor(
    private readonly db: Database.Database,
    private readonly guard?: WriteGuard,
  ) {
    this.insert = db.prepare<
      [Pick<OutboxRow, 'dedupe_key' | 'target_kind' | 'target_ref' | 'message' | 'created_at' | 'thread_of' | 'replaces' | 'request_id'>]
    >(
      `INSERT INTO outbox (dedupe_key, target_kind, target_ref, message, next_attempt_at, created_at, thread_of, replaces, request_id)
       VALUES (@dedupe_key, @target_kind, @target_ref, @message, @created_at, @created_at, @thread_of, @replaces, @request_id)
       ON CONFLICT (dedupe_key) DO NOTHING`,
    );
    this.updatePostponed = db.prepare<{ id: number; until: Instant; reason: string }>(
      `UPDATE outbox SET next_attempt_at = @until, last_error = @reason WHERE id = @id AND status = 'pending'`,
    );
    this.selectByKey = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE dedupe_key = ?');
    this.selectDue = db.prepare<[Instant, number], OutboxRow>(
      `SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.updateSent = db.prepare<[Instant, string | null, number]>(
      `UPDATE outbox SET status = 'sent', sent_at = ?, sent_ref = ?, attempts = attempts + 1 WHERE id = ?`,
    );
    this.updateFailed = db.prepare<{ id: number; error: string; next: Instant | null }>(
      `UPDATE outbox
       SET attempts = attempts + 1,
           last_error = @error,
           status = CASE WHEN @next IS NULL THEN 'failed' ELSE 'pending' END,
           next_attempt_at = coalesce(@next, next_attempt_at)
       WHERE id = @id`,
    );
    this.selectAll = db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY id');
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM outbox').pluck();
    this.selectNextAttempt = db.prepare<[], number | null>(`SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'`).pluck();
    this.selectPauses = db.prepare<[Instant], { platform: string; until: number }>('SELECT platform, until FROM delivery_pauses WHERE until > ?');
    this.upsertPause = db.prepare<{ platform: string; until: Instant; reason: string }>(
      `INSERT INTO delivery_pauses (platform, until, reason) VALUES (@platform, @until, @reason)
       ON CONFLICT (platform) DO UPDATE SET until = max(until, excluded.until), reason = excluded.reason`,
    );
  }

  private write<T>(work: () => T): T {
    return this.guard ? this.guard.run(work) : work();
  }

  nextAttemptAt(): Instant | undefined {
    return this.selectNextAttempt.get() ?? undefined;
  }

  pauses(now: Instant): Map<string, Instant> {
    return new Map(this.selectPauses.all(now).map((row) => [row.platform, row.until]));
  }

  pause(platform: string, until: Instant, reason: string): void {
    this.write(() => this.upsertPause.run({ platform, until, reason }));
  }

  enqueue(item: { dedupeKey: string; target: Target; message: Message; createdAt: Instant }): boolean {
    const result = this.insert.run({
      dedupe_key: item.dedupeKey,
      target_kind: item.target.kind,
      target_ref: item.target.kind === 'channel' ? item.target.teamId : item.target.personId,
      message: JSON.stringify(item.message),
      created_at: item.createdAt,
      thread_of: item.target.kind === 'channel' ? (item.target.threadOf ?? null) : null,
      replaces: item.target.kind === 'channel' ? (item.target.replaces ?? null) : null,
      request_id: currentRequestId() ?? null,
    });
    if (result.changes === 1) this.enqueued++;
    return result.changes === 1;
  }

  enqueuedCount(): number {
    return this.enqueued;
  }

  due(now: Instant, limit: number): OutboxItem[] {
    return this.selectDue.all(now, limit).map(toItem);
  }

  markSent(id: number, at: Instant, ref?: SentRef): void {
    expectOneRow(this.write(() => this.updateSent.run(at, ref ? JSON.stringify(ref) : null, id)), id);
  }

  postpone(id: number, until: Instant, reason: string): void {
    this.write(() => this.updatePostponed.run({ id, until, reason }));
  }

  redactBefore(before: Instant): number {
    return this.db
      .prepare(
        `UPDATE outbox SET message = json_object('text', '', 'blocks', json('[]'))
          WHERE status IN ('sent', 'failed') AND coalesce(sent_at, next_attempt_at) < ? AND json_extract(message, '$.text') <> ''`,
      )
      .run(before).changes;
  }

  byKey(dedupeKey: string): OutboxItem | undefined {
    const row = this.selectByKey.get(dedupeKey);
    return row && toItem(row);
  }

  markFailed(id: number, error: string, nextAttemptAt: Instant | undefined): void {
    expectOneRow(this.write(() => this.updateFailed.run({ id, error, next: nextAttemptAt ?? null })), id);
  }

  all(): OutboxItem[] {
    return this.selectAll.all().map(toItem);
  }

  count(): number {
    return this.countAll.get() ?? 0;
  }
}

function expectOneRow(result: Database.RunResult, id: number): void {
  if (result.changes !== 1) throw new Error(`Outbox item ${id} does not exist.`);
}

function toItem(row: OutboxRow): OutboxItem {
  const item: OutboxItem = {
    id: row.id,
    dedupeKey: row.dedupe_key,
    target: row.target_kind === 'channel' ? channelTarget(row) : { kind: 'direct', personId: row.target_ref },
    message: JSON.parse(row.message) as Message,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  };
  if (row.sent_at !== null) item.sentAt = row.sent_at;
  if (row.last_error !== null) item.lastError = row.last_error;
  if (row.sent_ref !== null) item.sentRef = JSON.parse(row.sent_ref) as SentRef;
  if (row.request_id != null) item.requestId = row.request_id;
  return item;
}

function channelTarget(row: OutboxRow): Target {
  const target: Target = { kind: 'channel', teamId: row.target_ref };
  if (row.thread_of !== null) target.threadOf = row.thread_of;
  if (row.replaces !== null) target.replaces = row.replaces;
  return target;
}
