import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type PostedMessage, type Transport } from '../../src/messaging/ports.js';
import { message, text, type Message, type Target } from '../../src/messaging/reply.js';
import { Bot } from '../../src/app/bot.js';
import { Delivery } from '../../src/app/delivery.js';
import { referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

/** Lets the event loop turn until `done` holds (at most 200 turns). */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !done(); turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** A platform that records what it was given and fails as told. */
class RecordingTransport implements Transport {
  readonly platform = 'console' as const;
  readonly sent: Array<{ address: string; message: Message; thread?: PostedMessage }> = [];
  readonly updated: Array<{ posted: PostedMessage; message: Message }> = [];
  failures: DeliveryError[] = [];

  address(target: Target): string | undefined {
    return target.kind === 'direct' && target.personId === 'nobody' ? undefined : target.kind === 'channel' ? target.teamId : target.personId;
  }

  async send(address: string, _target: Target, msg: Message, thread?: PostedMessage): Promise<PostedMessage> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ address, message: msg, ...(thread ? { thread } : {}) });
    return { channelId: address, messageId: `m${this.sent.length}` };
  }

  async update(posted: PostedMessage, msg: Message): Promise<void> {
    this.updated.push({ posted, message: msg });
  }
}

let world: World;
let transport: RecordingTransport;

beforeEach(() => {
  world = createWorld({ now: '2026-03-02T08:00:00+01:00' });
  transport = new RecordingTransport();
});
afterEach(() => world.close());

function enqueue(key: string, target: Target = { kind: 'channel', teamId: 'fm-ue25' }): void {
  world.store.outbox.enqueue({ dedupeKey: key, target, message: message(key, text(key)), createdAt: world.clock.now() });
}

describe('Delivery', () => {
  it('sends what a handled command queued right after it answered, without waiting for the timer', async () => {
    const delivery = world.delivery([transport]);
    const bot = new Bot({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar }, undefined, () => delivery.kick());
    const reply = bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine());
    expect(reply.kind).toBe('message');
    expect(transport.sent).toHaveLength(0); // the request is answered first
    await until(() => transport.sent.length > 0);
    expect(transport.sent.map((s) => s.address)).toEqual(['fm-ue25']); // the channel notice of the referral
  });

  it('runs one more flush for what was committed while a flush was running', async () => {
    enqueue('a');
    const delivery = world.delivery([transport]);
    const running = delivery.flush();
    enqueue('b');
    delivery.kick();
    await running;
    await until(() => transport.sent.length === 2);
    expect(transport.sent.map((s) => s.message.text)).toEqual(['a', 'b']);
  });

  it('starts no flush from a kick after it was stopped, so a shutdown that closes the store right after logs no error', async () => {
    enqueue('a');
    const errors: unknown[][] = [];
    const delivery = new Delivery(world.store, [transport], world.clock, { logger: { warn: () => undefined, error: (...args: unknown[]) => errors.push(args) } });
    delivery.kick(); // e.g. the console's last command, just before /ende
    delivery.stop();
    world.store.close();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([]);
    expect(transport.sent).toHaveLength(0);
  });

  it('sends each queued message once, however often it flushes', async () => {
    enqueue('a');
    enqueue('b');
    const delivery = world.delivery([transport]);
    await Promise.all([delivery.flush(), delivery.flush()]);
    await delivery.flush();
    expect(transport.sent.map((s) => s.message.text)).toEqual(['a', 'b']);
  });

  it('retries a rate-limited message after Retry-After, also after a restart', async () => {
    enqueue('a');
    transport.failures = [new DeliveryError('ratelimited', true, 30_000)];
    await world.delivery([transport]).flush();
    expect(transport.sent).toHaveLength(0);

    // A new Delivery (as after a restart) waits for the stored time.
    const restarted = world.delivery([transport]);
    world.clock.advance(29_000);
    await restarted.flush();
    expect(transport.sent).toHaveLength(0);
    world.clock.advance(1_000);
    await restarted.flush();
    expect(transport.sent.map((s) => s.message.text)).toEqual(['a']);
  });

  it('backs off exponentially on server errors and delivers exactly once in the end', async () => {
    enqueue('a');
    transport.failures = [new DeliveryError('500', true), new DeliveryError('502', true), new DeliveryError('503', true)];
    const delivery = world.delivery([transport]);
    for (let i = 0; i < 10; i++) {
      await delivery.flush();
      world.clock.advance(60_000);
    }
    expect(transport.sent).toHaveLength(1);
    expect(world.store.outbox.all()[0]?.status).toBe('sent');
  });

  it('posts a thread reply and an update only after their parent message, into the parent', async () => {
    enqueue('parent');
    enqueue('reply', { kind: 'channel', teamId: 'fm-ue25', threadOf: 'parent' });
    enqueue('edit', { kind: 'channel', teamId: 'fm-ue25', replaces: 'parent' });
    transport.failures = [new DeliveryError('ratelimited', true, 10_000)];
    const delivery = world.delivery([transport]);
    await delivery.flush(); // the parent is rate-limited: its reply and update wait, no attempt counted
    expect(transport.sent).toHaveLength(0);
    expect(world.store.outbox.all().map((i) => i.attempts)).toEqual([0, 0, 0]); // a rate limit is no failed attempt

    world.clock.advance(10_000);
    await delivery.flush();
    world.clock.advance(5_000);
    await delivery.flush();
    expect(transport.sent.map((s) => [s.message.text, s.thread?.messageId])).toEqual([
      ['parent', undefined],
      ['reply', 'm1'],
    ]);
    expect(transport.updated).toEqual([{ posted: { channelId: 'fm-ue25', messageId: 'm1' }, message: expect.objectContaining({ text: 'edit' }) }]);
    expect(world.store.outbox.byKey('parent')?.sentRef).toEqual({ platform: 'console', channelId: 'fm-ue25', messageId: 'm1' });
  });

  it('gives up a thread reply whose parent was never queued', async () => {
    enqueue('orphan', { kind: 'channel', teamId: 'fm-ue25', threadOf: 'nothing' });
    await world.delivery([transport]).flush();
    expect(world.store.outbox.byKey('orphan')?.status).toBe('failed');
  });

  it('gives up a message the platform refuses for good, and one that no platform can address', async () => {
    enqueue('refused');
    enqueue('nowhere', { kind: 'direct', personId: 'nobody' });
    transport.failures = [new DeliveryError('channel_not_found', false)];
    await world.delivery([transport]).flush();
    expect(world.store.outbox.all().map((i) => i.status)).toEqual(['failed', 'failed']);
  });
});
