/**
 * Faults the delivery must survive (issue #13, item 9): a database another process holds while a message is
 * in flight, and a platform's Retry-After across runs and restarts. Real SQLite; a second connection plays the
 * other process.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type PostedMessage, type Transport } from '../../src/messaging/ports.js';
import { message, text, type Message, type Target } from '../../src/messaging/reply.js';
import { createWorld, type World } from '../support/world.js';

/** A platform that records what it accepted; `beforeAnswer` runs after acceptance, before the answer arrives. */
class RecordingTransport implements Transport {
  readonly platform = 'console' as const;
  readonly sent: Array<{ address: string; text: string }> = [];
  failures: Array<DeliveryError | undefined> = [];
  beforeAnswer: (() => void) | undefined;

  address(target: Target): string | undefined {
    return target.kind === 'channel' ? target.teamId : target.personId;
  }

  async send(address: string, _target: Target, msg: Message): Promise<PostedMessage> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ address, text: msg.text });
    this.beforeAnswer?.();
    return { channelId: address, messageId: `m${this.sent.length}` };
  }

  async update(): Promise<void> {}
}

let world: World;
let transport: RecordingTransport;
let other: Database.Database | undefined;

beforeEach(() => {
  world = createWorld({ now: '2026-03-02T08:00:00+01:00' });
  transport = new RecordingTransport();
});
afterEach(() => {
  if (other?.inTransaction) other.exec('ROLLBACK');
  other?.close();
  other = undefined;
  world.close();
});

function enqueue(key: string, target: Target = { kind: 'channel', teamId: 'fm-ue25' }): void {
  world.store.outbox.enqueue({ dedupeKey: key, target, message: message(key, text(key)), createdAt: world.clock.now() });
}

/** Another process takes the database's write lock and holds it until `release`. */
function otherProcessLocks(): { release(): void } {
  other = new Database(world.dbFile);
  other.exec('BEGIN IMMEDIATE');
  return { release: () => other!.exec('COMMIT') };
}

describe('Delivery under faults (issue #13 item 9)', () => {
  it('retries a "sent" mark that could not be written as a mark, never sending the accepted message again', async () => {
    enqueue('a');
    enqueue('b');
    let lock: { release(): void } | undefined;
    // Slack accepted "a"; before its answer is recorded another process takes the database.
    transport.beforeAnswer = () => {
      lock ??= otherProcessLocks();
    };
    const delivery = world.delivery([transport]);
    await delivery.flush();
    expect(transport.sent.map((s) => s.text)).toEqual(['a']); // the run stopped: "b" waits, nothing piles up
    expect(world.store.writeHealth()).toMatchObject({ ok: false, lastError: 'SQLITE_BUSY' });
    expect(world.store.outbox.byKey('a')?.status).toBe('pending');

    await delivery.flush(); // still locked: neither "a" again nor "b" (its mark could not be written either)
    expect(transport.sent.map((s) => s.text)).toEqual(['a']);

    lock!.release();
    await delivery.flush();
    expect(transport.sent.map((s) => s.text)).toEqual(['a', 'b']);
    expect(world.store.outbox.all().map((i) => [i.dedupeKey, i.status, i.sentRef?.messageId])).toEqual([
      ['a', 'sent', 'm1'],
      ['b', 'sent', 'm2'],
    ]);
    expect(world.store.writeHealth()).toEqual({ ok: true });
  });

  it('holds a Retry-After across runs: nothing is tried on that platform before it ends, not even new messages', async () => {
    enqueue('a');
    transport.failures = [new DeliveryError('ratelimited', true, 5_000)];
    const delivery = world.delivery([transport]);
    await delivery.flush();

    world.clock.advance(2_000);
    enqueue('b'); // queued during the pause, due at once
    await delivery.flush();
    expect(transport.sent).toEqual([]);
    expect(world.store.outbox.byKey('b')?.attempts).toBe(0); // waiting is not a failed attempt

    world.clock.advance(3_000);
    await delivery.flush();
    expect(transport.sent.map((s) => s.text)).toEqual(['a', 'b']);
  });

  it('holds a Retry-After across a restart (it is stored in the database)', async () => {
    enqueue('a');
    transport.failures = [new DeliveryError('ratelimited', true, 5_000)];
    await world.delivery([transport]).flush();

    world.clock.advance(1_000);
    enqueue('b');
    const restarted = world.delivery([transport]);
    await restarted.flush();
    expect(transport.sent).toEqual([]);
    world.clock.advance(4_000);
    await restarted.flush();
    expect(transport.sent.map((s) => s.text)).toEqual(['a', 'b']);
  });

  it('while running, flushes again when the pause ends, not at the next timer tick', async () => {
    enqueue('a');
    transport.failures = [new DeliveryError('ratelimited', true, 30)];
    const delivery = world.delivery([transport]);
    delivery.start(3_600_000); // the timer alone would wait an hour
    try {
      await delivery.flush();
      world.clock.advance(30);
      for (let turn = 0; turn < 100 && transport.sent.length === 0; turn++) await new Promise((r) => setTimeout(r, 10));
      expect(transport.sent.map((s) => s.text)).toEqual(['a']);
    } finally {
      delivery.stop();
    }
  });

  it('drain() waits out every Retry-After and delivers all that is due before it returns', async () => {
    for (let i = 0; i < 30; i++) enqueue(`m${i}`, { kind: 'direct', personId: `p${i}` });
    // Every 7th call is refused with a 1-second Retry-After.
    transport.failures = Array.from({ length: 40 }, (_, i) => ((i + 1) % 7 === 0 ? new DeliveryError('ratelimited', true, 1_000) : undefined));
    const slept: number[] = [];
    const result = await world.delivery([transport]).drain({
      maxWaitMs: 60_000,
      sleep: async (ms) => {
        slept.push(ms);
        world.clock.advance(ms);
      },
    });
    expect(result).toEqual({ sent: 30, pending: 0 });
    expect(new Set(transport.sent.map((s) => s.text)).size).toBe(30); // each once
    expect(slept.every((ms) => ms <= 1_000)).toBe(true); // it waited for the Retry-After, not for a timer
    expect(world.store.outbox.all().every((i) => i.status === 'sent')).toBe(true);
  });

  it('drain() stops at a wait longer than it is willing to make and says what is left', async () => {
    enqueue('a');
    transport.failures = [new DeliveryError('503', true)]; // backoff 5 s
    const result = await world.delivery([transport]).drain({ maxWaitMs: 1_000, sleep: async () => undefined });
    expect(result).toEqual({ sent: 0, pending: 1 });
  });
});
