/**
 * Sends what the outbox holds. Each item is marked sent right after its platform accepted it; failures
 * are rescheduled in the database (so retries survive restarts) with exponential backoff or the
 * platform's Retry-After. A crash between sending and marking may repeat that one message at most.
 */
import type { WorkCalendar } from '../domain/calendar.js';
import type { Clock } from '../domain/time.js';
import type { OutboxItem, Store } from '../store/ports.js';
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

export class Delivery {
  private running: Promise<number> | undefined;
  private kicked = false;
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
      const after = this.running ?? Promise.resolve(0);
      void after
        .catch(() => 0)
        .then(() => {
          this.kicked = false;
          return this.flush();
        })
        .catch((error) => this.logger.error('outbox flush failed', error));
    });
  }

  /** Flushes every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      this.flush().catch((error) => this.logger.error('outbox flush failed', error));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
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
    const paused = new Map<string, number>();
    for (;;) {
      const batch = this.store.outbox.due(now, this.batchSize).filter((item) => !tried.has(item.id));
      if (batch.length === 0) return sent;
      for (const item of batch) {
        tried.add(item.id);
        if (holdUntil !== undefined && item.dedupeKey.startsWith(PING_PREFIX)) {
          this.store.outbox.postpone(item.id, holdUntil, 'waiting for the next working day');
          continue;
        }
        if (await this.sendOne(item, paused)) sent++;
      }
    }
  }

  private async sendOne(item: OutboxItem, paused: Map<string, number>): Promise<boolean> {
    const parentKey = item.target.kind === 'channel' ? (item.target.replaces ?? item.target.threadOf) : undefined;
    let parent: OutboxItem | undefined;
    if (parentKey !== undefined) {
      parent = this.store.outbox.byKey(parentKey);
      if (!parent || parent.status === 'failed') {
        this.store.outbox.markFailed(item.id, `the message it belongs to (${parentKey}) was never sent`, undefined);
        return false;
      }
      if (!parent.sentRef) {
        // Thread replies and updates wait for their parent; waiting is not a failed attempt.
        this.store.outbox.postpone(item.id, this.clock.now() + BASE_BACKOFF_MS, `waiting for ${parentKey}`);
        return false;
      }
    }
    const route = parent?.sentRef ? this.routeTo(parent.sentRef.platform) : this.route(item);
    if (!route) {
      this.store.outbox.markFailed(item.id, 'no platform address for this target', undefined);
      metrics.outboxFailed.inc({ platform: 'none' });
      this.logger.warn(`outbox item ${item.id}: no platform can reach ${item.target.kind} ${describe(item)}`);
      return false;
    }
    const pausedUntil = paused.get(route.transport.platform);
    if (pausedUntil !== undefined) {
      this.store.outbox.postpone(item.id, pausedUntil, `${route.transport.platform} rate limit`);
      return false;
    }
    try {
      const { transport, address } = route;
      const posted = parent?.sentRef && { channelId: parent.sentRef.channelId, messageId: parent.sentRef.messageId };
      if (posted && item.target.kind === 'channel' && item.target.replaces !== undefined) {
        await transport.update(posted, item.message);
        this.store.outbox.markSent(item.id, this.clock.now(), parent!.sentRef);
      } else {
        const sent = await transport.send(address ?? posted!.channelId, item.target, item.message, posted);
        this.store.outbox.markSent(item.id, this.clock.now(), { platform: transport.platform, ...sent });
      }
      metrics.outboxSent.inc({ platform: route.transport.platform });
      // The request that queued it (req), the outbox row and its key: no text, no customer number.
      log().info({ component: 'delivery', req: item.requestId, outbox: item.id, key: item.dedupeKey, platform: route.transport.platform }, 'outbox message sent');
      return true;
    } catch (error) {
      if (error instanceof DeliveryError && error.retryable && error.retryAfterMs !== undefined) {
        // A rate limit says nothing about this message: it waits without an attempt, and so does the rest of
        // the platform's queue in this flush, instead of adding to the limit.
        const until = this.clock.now() + error.retryAfterMs;
        this.store.outbox.postpone(item.id, until, error.message);
        paused.set(route.transport.platform, until);
        metrics.outboxRetried.inc({ platform: route.transport.platform, reason: 'rate_limit' });
        return false;
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
      return false;
    }
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

function describe(item: OutboxItem): string {
  return item.target.kind === 'channel' ? item.target.teamId : item.target.personId;
}
