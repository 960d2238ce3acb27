/**
 * Ack first (issue #13, item 1), the hold: a request's work waits while further requests are still arriving,
 * so a burst is acknowledged before any of its work runs even when its requests trickle in; it starts once no
 * request has come for QUIET_MS, and a steady stream holds it back for MAX_HOLD_MS at most. Fake timers drive
 * the clock (setTimeout, setImmediate and performance.now).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_HOLD_MS, QUIET_MS } from '../../../src/platforms/slack/ackFirst.js';

// A fresh scheduler per test (it remembers the last arrival), on a fresh fake clock.
let noteArrival: () => void;
let workTurn: () => Promise<void>;
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] });
  vi.resetModules();
  ({ noteArrival, workTurn } = await import('../../../src/platforms/slack/ackFirst.js'));
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts a piece of work; `at` is when (fake milliseconds since `start`) its turn came, once it has. */
function pieceOfWork(start: number): { at: number | undefined } {
  const piece: { at: number | undefined } = { at: undefined };
  void workTurn().then(() => (piece.at = performance.now() - start));
  return piece;
}

describe('the work of acknowledged requests', () => {
  it('waits while requests keep arriving closer together than QUIET_MS, then runs once they stop', async () => {
    const start = performance.now();
    noteArrival();
    const work = pieceOfWork(start);
    // Nine more requests, one every QUIET_MS - 1 ms: the work must not start in between.
    for (let i = 0; i < 9; i++) {
      await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
      expect(work.at).toBeUndefined();
      noteArrival();
    }
    const lastArrival = performance.now() - start;
    await vi.advanceTimersByTimeAsync(QUIET_MS + 2);
    expect(work.at).toBeGreaterThanOrEqual(lastArrival + QUIET_MS);
    expect(work.at).toBeLessThanOrEqual(lastArrival + QUIET_MS + 2);
  });

  it(`waits no longer than MAX_HOLD_MS (${MAX_HOLD_MS} ms) under a steady stream of requests`, async () => {
    const start = performance.now();
    noteArrival();
    const work = pieceOfWork(start);
    for (let t = 0; t < 2 * MAX_HOLD_MS && work.at === undefined; t += 2) {
      noteArrival();
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(work.at).toBeGreaterThanOrEqual(MAX_HOLD_MS);
    expect(work.at).toBeLessThanOrEqual(MAX_HOLD_MS + 2);
  });

  it('runs at once when no request came in lately, one piece per turn of the event loop, in order', async () => {
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    const start = performance.now();
    const pieces = [pieceOfWork(start), pieceOfWork(start), pieceOfWork(start)];
    await vi.runAllTimersAsync();
    // No hold: each runs on the next turn (the fake setImmediate counts a millisecond per turn).
    for (const piece of pieces) expect(piece.at).toBeLessThan(QUIET_MS);
    const order: number[] = [];
    const turns = [1, 2, 3].map((n) => workTurn().then(() => order.push(n)));
    await vi.runAllTimersAsync();
    await Promise.all(turns);
    expect(order).toEqual([1, 2, 3]);
  });
});
