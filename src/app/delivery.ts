/**
 * Sends what the outbox holds. Each item is marked sent right after its platform accepted it; failures
 * are rescheduled in the database (so retries survive restarts) with exponential backoff or the
 * platform's Retry-After. A crash between sending and marking may repeat that one message at most; a mark
 * that could not be written (the database locked by another process) is retried as a mark, never as a send.
 * A platform's Retry-After is stored and holds every later run, also after a restart.
 */
import type { WorkCalendar } from '../domain/calendar.js';
import type { Clock } from '../domain/time.js';
import type { OutboxItem, SentRef, Store } from '../store/ports.js';
import { DeliveryError, type Transport } from '../messaging/ports.js';
import { boltLogger, log } from './log.js';
import { metrics } from './metrics.js';

export interface DeliveryOptions {
  /** Items per flush. */
  batchSize?: number;
  /** After this many failed attempts an item is given up (status "failed") and logged. */
  maxAttempts?: number;
  logger?: Pick<Console, 'warn' | 'error'>;
  /**
   * With a calendar, pings (dedupe keys "ping.…") wait for the next working day: nothing of the kind goes out
   * on a weekend or holiday, not even a retry.
   */
  calendar?: WorkCalendar;
}

/** Prefix of the dedupe keys of scheduled reminders. */
export const PING_PREFIX = 'ping.';
/** Held pings go out from this time on the next working day. */
const PING_RESUME_TIME = '07:00';

const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** What `drain` did: messages sent, and pending ones left (due later than it was willing to wait). */
export interface DrainResult {
  sent: number;
  pending: number;
}

export class Delivery {
  private running: Promise<number> | undefined;
  /**
   * Messages the platform accepted whose "sent" mark could not be written yet (id → the mark). They are never
   * sent again by this process; each run first tries to write their marks.
   */
  private readonly unmarked = new Map<number, { at: number; ref: SentRef }>();
  /** Rate-limit pauses per platform (Retry-After), loaded from the database at the first run. */
  private pauses: Map<string, number> | undefined;
  private wake: NodeJS.Timeout | undefined;
  private kicked = false;
  /** Stopped (shutting down): a kick no longer starts a flush — the store may be closed by then. */
  private halted = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly logger: Pick<Console, 'warn' | 'error'>;
  private readonly calendar: WorkCalendar | undefined;

  constructor(
    private readonly store: Store,
    private readonly transports: Transport[],
    private readonly clock: Clock,
    options: DeliveryOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 50;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.logger = options.logger ?? boltLogger('delivery');
    this.calendar = options.calendar;
  }

  /** Sends every due item once; returns how many were sent. Concurrent calls share one run. */
  flush(): Promise<number> {
    this.running ??= this.sendDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Sends what a just-committed change queued, right after the current turn of the event loop (so the request
   * that caused it is answered first). A kick during a running flush runs one more flush after it, so nothing
   * committed meanwhile waits for the timer, which stays the safety net for retries and restarts.
   */
  kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      if (this.halted) {
        this.kicked = false;
        return;
      }
      const after = this.running ?? Promise.resolve(0);
      void after
        .catch(() => 0)
        .then(() => {
          this.kicked = false;
          return this.halted ? 0 : this.flush();
        })
        .catch((error) => this.logger.error('outbox flush failed', error));
    });
  }

  /** Flushes every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    this.stop();
    this.halted = false;
    this.timer = setInterval(() => {
      this.flush().catch((error) => this.logger.error('outbox flush failed', error));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and the kicks; an explicit `flush()` still sends (the last one before the store closes). */
  stop(): void {
    this.halted = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.wake) clearTimeout(this.wake);
    this.wake = undefined;
  }

  /**
   * Flushes until nothing pending is due within `maxWaitMs`, sleeping (real time, `sleep`) until the next item
   * is due — a rate limit's Retry-After, a backoff — in between. For `jobs run`, which exits afterwards.
   */
  async drain(options: { maxWaitMs: number; sleep?: (ms: number) => Promise<void> }): Promise<DrainResult> {
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    let sent = 0;
    for (;;) {
      sent += await this.flush();
      const next = this.nextWake();
      if (next === undefined) return { sent, pending: 0 };
      const wait = next - this.clock.now();
      if (wait > options.maxWaitMs) return { sent, pending: this.pendingCount() };
      // At least a moment: an item whose mark cannot be written stays due, and must not spin the loop.
      await sleep(Math.max(wait, 50));
    }
  }

  /**
   * When the next pending item can be tried: its next attempt, or — for one due already, which a flush left
   * because its platform is rate limited — the end of the earliest pause. Undefined when nothing is pending.
   */
  private nextWake(): number | undefined {
    const next = this.store.outbox.nextAttemptAt();
    if (next === undefined) return undefined;
    const now = this.clock.now();
    if (next > now) return next;
    const ends = [...(this.pauses ?? new Map<string, number>()).values()].filter((until) => until > now);
    return ends.length > 0 ? Math.min(...ends) : now;
  }

  /** Messages accepted by their platform whose "sent" mark is not written yet (for health reporting). */
  unmarkedCount(): number {
    return this.unmarked.size;
  }

  private pendingCount(): number {
    return this.store.outbox.all().filter((item) => item.status === 'pending').length;
  }

  /** While the timer runs, a rate-limit pause ends with a flush at its end, not at the next tick after it. */
  private wakeAt(until: number): void {
    if (!this.timer) return;
    if (this.wake) clearTimeout(this.wake);
    this.wake = setTimeout(() => {
      this.wake = undefined;
      this.kick();
    }, Math.max(until - this.clock.now(), 0));
    this.wake.unref();
  }

  /**
   * Sends batch after batch until nothing is due any more (a failed item is rescheduled, so it leaves the
   * due set). After a rate limit the platform's remaining items wait for its Retry-After without an attempt.
   */
  private async sendDue(): Promise<number> {
    let sent = 0;
    const now = this.clock.now();
    const holdUntil = this.pingHold(now);
    const tried = new Set<number>();
    const paused = this.heldPauses(now);
    let stayed = 0;
    try {
      this.writeUnmarked();
      for (;;) {
        // Items tried in this run that stay due (a mark still unwritten, a rate limit) are skipped: ask for more.
        const batch = this.store.outbox.due(now, this.batchSize + stayed).filter((item) => !tried.has(item.id));
        if (batch.length === 0) break;
        for (const item of batch) {
          // Every platform waits for its Retry-After: the rest stays as it is until the pause ends.
          if (this.allPaused(paused)) return this.afterRun(sent, paused);
          tried.add(item.id);
          if (this.unmarked.has(item.id)) {
            stayed++; // accepted already: only its mark is missing
            continue;
          }
          if (holdUntil !== undefined && item.dedupeKey.startsWith(PING_PREFIX)) {
            this.store.outbox.postpone(item.id, holdUntil, 'waiting for the next working day');
            continue;
          }
          const outcome = await this.sendOne(item, paused);
          if (outcome === 'sent') sent++;
          if (outcome === 'stays') stayed++;
        }
      }
    } catch (error) {
      // The database cannot write (e.g. another process holds it): the rest waits for the next run; what was
      // accepted meanwhile keeps its mark in memory (`unmarked`) and is not sent again.
      this.logger.error(`outbox run stopped, the rest waits for the next run (${describeError(error)})`);
    }
    return this.afterRun(sent, paused);
  }

  private allPaused(paused: Map<string, number>): boolean {
    const now = this.clock.now();
    return this.transports.length > 0 && this.transports.every((t) => (paused.get(t.platform) ?? 0) > now);
  }

  /** Schedules a flush for the end of the earliest running pause; returns `sent`. */
  private afterRun(sent: number, paused: Map<string, number>): number {
    const nextEnd = Math.min(...[...paused.values()].filter((until) => until > this.clock.now()));
    if (Number.isFinite(nextEnd)) this.wakeAt(nextEnd);
    return sent;
  }

  /** Marks of accepted messages that could not be written earlier; throws while the database still cannot write. */
  private writeUnmarked(): void {
    for (const [id, mark] of this.unmarked) {
      this.store.outbox.markSent(id, mark.at, mark.ref);
      this.unmarked.delete(id);
    }
  }

  /** The platforms' Retry-After pauses still running at `now` (from the database at the first run). */
  private heldPauses(now: number): Map<string, number> {
    if (!this.pauses) {
      try {
        this.pauses = this.store.outbox.pauses(now);
      } catch (error) {
        this.logger.warn(`outbox: rate-limit pauses could not be read (${describeError(error)})`);
        return new Map();
      }
    }
    for (const [platform, until] of this.pauses) if (until <= now) this.pauses.delete(platform);
    return this.pauses;
  }

  /** The platform accepted the message: the mark is written, or kept to be written by the next run. */
  private markSent(id: number, ref: SentRef): void {
    const at = this.clock.now();
    try {
      this.store.outbox.markSent(id, at, ref);
    } catch (error) {
      this.unmarked.set(id, { at, ref });
      throw error;
    }
  }

  /** 'sent'; 'stays' when the item is still due as it was (rate limited); 'moved' when it was rescheduled or given up. */
  private async sendOne(item: OutboxItem, paused: Map<string, number>): Promise<'sent' | 'stays' | 'moved'> {
    const parentKey = item.target.kind === 'channel' ? (item.target.replaces ?? item.target.threadOf) : undefined;
    let parent: OutboxItem | undefined;
    if (parentKey !== undefined) {
      parent = this.store.outbox.byKey(parentKey);
      if (!parent || parent.status === 'failed') {
        this.store.outbox.markFailed(item.id, `the message it belongs to (${parentKey}) was never sent`, undefined);
        return 'moved';
      }
      if (!parent.sentRef) {
        // Thread replies and updates wait for their parent; waiting is not a failed attempt.
        this.store.outbox.postpone(item.id, this.clock.now() + BASE_BACKOFF_MS, `waiting for ${parentKey}`);
        return 'moved';
      }
    }
    const route = parent?.sentRef ? this.routeTo(parent.sentRef.platform) : this.route(item);
    if (!route) {
      this.store.outbox.markFailed(item.id, 'no platform address for this target', undefined);
      metrics.outboxFailed.inc({ platform: 'none' });
      this.logger.warn(`outbox item ${item.id}: no platform can reach ${item.target.kind} ${describe(item)}`);
      return 'moved';
    }
    const pausedUntil = paused.get(route.transport.platform);
    if (pausedUntil !== undefined && pausedUntil > this.clock.now()) {
      this.store.outbox.postpone(item.id, pausedUntil, `${route.transport.platform} rate limit`);
      return 'moved';
    }
    let accepted: SentRef | undefined;
    try {
      const { transport, address } = route;
      const posted = parent?.sentRef && { channelId: parent.sentRef.channelId, messageId: parent.sentRef.messageId };
      if (posted && item.target.kind === 'channel' && item.target.replaces !== undefined) {
        await transport.update(posted, item.message);
        accepted = parent!.sentRef;
      } else {
        const sent = await transport.send(address ?? posted!.channelId, item.target, item.message, posted);
        accepted = { platform: transport.platform, ...sent };
      }
    } catch (error) {
      if (error instanceof DeliveryError && error.retryable && error.retryAfterMs !== undefined) {
        // A rate limit says nothing about this message: it waits without an attempt, and so does the rest of
        // the platform's queue in this flush, instead of adding to the limit.
        // The pause is stored, so the next runs (and a restarted process) hold it too. The item keeps its place
        // in the queue: the pause holds it, and order per platform stays as queued.
        const until = this.clock.now() + error.retryAfterMs;
        paused.set(route.transport.platform, until);
        this.store.outbox.pause(route.transport.platform, until, error.message);
        metrics.outboxRetried.inc({ platform: route.transport.platform, reason: 'rate_limit' });
        return 'stays';
      }
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      const attempt = item.attempts + 1;
      const giveUp = !retryable || attempt >= this.maxAttempts;
      const wait = Math.min(BASE_BACKOFF_MS * 2 ** item.attempts, MAX_BACKOFF_MS);
      const reason = error instanceof Error ? error.message : String(error);
      this.store.outbox.markFailed(item.id, reason, giveUp ? undefined : this.clock.now() + wait);
      if (giveUp) metrics.outboxFailed.inc({ platform: route.transport.platform });
      else metrics.outboxRetried.inc({ platform: route.transport.platform, reason: 'error' });
      if (giveUp) this.logger.error(`outbox item ${item.id} given up after ${attempt} attempt(s): ${reason}`);
      return 'moved';
    }
    this.markSent(item.id, accepted!);
    metrics.outboxSent.inc({ platform: route.transport.platform });
    // The request that queued it (req), the outbox row and its key: no text, no customer number.
    log().info({ component: 'delivery', req: item.requestId, outbox: item.id, key: item.dedupeKey, platform: route.transport.platform }, 'outbox message sent');
    return 'sent';
  }

  /** On a weekend or holiday: when pings may go out again. */
  private pingHold(now: number): number | undefined {
    if (!this.calendar) return undefined;
    const today = this.calendar.today(now);
    if (this.calendar.isWorkingDay(today)) return undefined;
    return this.calendar.at(this.calendar.nextWorkingDay(today), PING_RESUME_TIME);
  }

  /** The transport that posted a parent message; its address is taken from the parent's reference. */
  private routeTo(platform: string): { transport: Transport; address?: string } | undefined {
    const transport = this.transports.find((t) => t.platform === platform);
    return transport && { transport };
  }

  private route(item: OutboxItem): { transport: Transport; address?: string } | undefined {
    for (const transport of this.transports) {
      const address = transport.address(item.target);
      if (address !== undefined) return { transport, address };
    }
    return undefined;
  }
}

/** An error for the log: its name and SQLite code, never its message (it may quote message text). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}

function describe(item: OutboxItem): string {
  return item.target.kind === 'channel' ? item.target.teamId : item.target.personId;
}
