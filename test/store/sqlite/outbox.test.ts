import { describe, expect, it } from 'vitest';
import { heading, message, text, type Message } from '../../../src/messaging/reply.js';
import { T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();
const MINUTE = 60_000;
const reminder: Message = message('Übernahme fällig', heading('Erinnerung'), text('Übernahme bis 10.11.2025'));

describe('SqliteOutbox', () => {
  it('enqueues a message once per dedupe key, however often a job runs', () => {
    const { outbox } = tmp.open();
    const item = { dedupeKey: 'intake-due:FM-2025-0001:2025-11-10:p-fm-1', target: { kind: 'direct', personId: 'p-fm-1' } as const, message: reminder, createdAt: T0 };

    expect(outbox.enqueue(item)).toBe(true);
    expect(outbox.enqueue({ ...item, createdAt: T0 + MINUTE })).toBe(false);
    expect(outbox.count()).toBe(1);
  });

  it('keeps target and message intact and makes a new item due at once', () => {
    const { outbox } = tmp.open();
    outbox.enqueue({ dedupeKey: 'a', target: { kind: 'channel', teamId: 'fm-ue25' }, message: reminder, createdAt: T0 });
    outbox.enqueue({ dedupeKey: 'b', target: { kind: 'direct', personId: 'p-fm-1' }, message: reminder, createdAt: T0 });

    expect(outbox.all()).toStrictEqual([
      { id: 1, dedupeKey: 'a', target: { kind: 'channel', teamId: 'fm-ue25' }, message: reminder, status: 'pending', attempts: 0, nextAttemptAt: T0, createdAt: T0 },
      { id: 2, dedupeKey: 'b', target: { kind: 'direct', personId: 'p-fm-1' }, message: reminder, status: 'pending', attempts: 0, nextAttemptAt: T0, createdAt: T0 },
    ]);
  });

  it('hands out due items oldest first, up to the limit, and nothing not yet due', () => {
    const { outbox } = tmp.open();
    const target = { kind: 'direct', personId: 'p-fm-1' } as const;
    outbox.enqueue({ dedupeKey: 'later', target, message: reminder, createdAt: T0 + 2 * MINUTE });
    outbox.enqueue({ dedupeKey: 'first', target, message: reminder, createdAt: T0 });
    outbox.enqueue({ dedupeKey: 'second', target, message: reminder, createdAt: T0 + MINUTE });

    expect(outbox.due(T0 - 1, 10)).toEqual([]);
    expect(outbox.due(T0 + MINUTE, 10).map((i) => i.dedupeKey)).toEqual(['first', 'second']);
    expect(outbox.due(T0 + 5 * MINUTE, 2).map((i) => i.dedupeKey)).toEqual(['first', 'second']);
    expect(outbox.due(T0 + 5 * MINUTE, 10).map((i) => i.dedupeKey)).toEqual(['first', 'second', 'later']);
  });

  it('does not hand out a sent item again', () => {
    const { outbox } = tmp.open();
    outbox.enqueue({ dedupeKey: 'a', target: { kind: 'channel', teamId: 'fm-ue25' }, message: reminder, createdAt: T0 });
    const [item] = outbox.due(T0, 10);

    outbox.markSent(item!.id, T0 + 1000);

    expect(outbox.due(T0 + 60 * MINUTE, 10)).toEqual([]);
    expect(outbox.all()[0]).toMatchObject({ status: 'sent', sentAt: T0 + 1000, attempts: 1 });
  });

  it('retries a failed send at the given time and gives up when no next attempt is given', () => {
    const { outbox } = tmp.open();
    outbox.enqueue({ dedupeKey: 'a', target: { kind: 'direct', personId: 'p-fm-1' }, message: reminder, createdAt: T0 });
    outbox.enqueue({ dedupeKey: 'b', target: { kind: 'direct', personId: 'p-fm-2' }, message: reminder, createdAt: T0 + MINUTE });

    outbox.markFailed(1, 'ratelimited', T0 + 10 * MINUTE);
    expect(outbox.due(T0 + 5 * MINUTE, 10).map((i) => i.dedupeKey)).toEqual(['b']);
    // The retried item now sorts by its new attempt time, behind b.
    expect(outbox.due(T0 + 10 * MINUTE, 10).map((i) => i.dedupeKey)).toEqual(['b', 'a']);
    expect(outbox.all()[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + 10 * MINUTE, lastError: 'ratelimited' });

    outbox.markFailed(1, 'channel_not_found', undefined);
    expect(outbox.all()[0]).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: T0 + 10 * MINUTE, lastError: 'channel_not_found' });
    expect(outbox.due(T0 + 1000 * MINUTE, 10).map((i) => i.dedupeKey)).toEqual(['b']);
  });

  it('complains about an item id it does not know', () => {
    const { outbox } = tmp.open();
    expect(() => outbox.markSent(99, T0)).toThrow('Outbox item 99 does not exist.');
    expect(() => outbox.markFailed(99, 'x', undefined)).toThrow('Outbox item 99 does not exist.');
  });
});
