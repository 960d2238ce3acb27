/**
 * Acknowledged means stored, or the sender is told it was not (issue #13 item 9). The receipt written before
 * the acknowledgement goes away in the very transaction that stores the request; one left behind by a process
 * that died in between makes the next start tell the sender. Real SQLite, the real Bot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/app/bot.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

const LENA = { platform: 'slack' as const, userId: 'U0IFKLENA', channelId: 'C0MI1' };

let world: World;
beforeEach(() => {
  world = createWorld({ now: '2025-10-20T09:14:00+02:00' });
});
afterEach(() => world.close());

describe('request receipts', () => {
  it('are removed by the transaction that stores the request, before its answer is sent', async () => {
    let pendingAfterStore: number | undefined;
    await world.bot.track(LENA, '/fm vormerken', async () => {
      expect(world.store.receipts.all()).toHaveLength(1); // written before the platform acknowledges
      const reply = world.bot.handleCommand(LENA, referralLine());
      expect(reply.kind).toBe('message');
      pendingAfterStore = world.store.receipts.all().length; // a crash from here on loses nothing: it is stored
    });
    expect(pendingAfterStore).toBe(0);
    expect(world.store.receipts.all()).toEqual([]);
  });

  it('are removed after a refusal too, which stored nothing and was answered', async () => {
    await world.bot.track(LENA, '/fm vormerken', async () => {
      expect(world.bot.handleCommand(LENA, 'vormerken kunde=kaputt').kind).toBe('error');
    });
    expect(world.store.receipts.all()).toEqual([]);
  });

  it('are not written for a question that only reads (/fm hilfe, /fm meine): an interrupted one loses nothing', async () => {
    for (const command of ['hilfe', 'meine', '']) {
      await world.bot.track(
        LENA,
        `/fm ${command}`.trim(),
        async () => {
          expect(world.store.receipts.all()).toEqual([]);
          expect(world.bot.handleCommand(LENA, command).kind).toBe('message');
        },
        command,
      );
    }
    expect(world.store.receipts.all()).toEqual([]);
  });

  it('guard the read-only declaration: a write inside a read-only request throws and stores nothing', () => {
    expect(() =>
      world.store.readOnly(() => world.store.transaction(() => world.store.receipts.open({ id: 'r-x', platform: 'slack', userId: 'U0IFKLENA', label: '/fm hilfe', receivedAt: 0 }))),
    ).toThrow(/read-only/);
    // A repository written to directly, outside any transaction, too.
    expect(() =>
      world.store.readOnly(() => world.store.receipts.open({ id: 'r-y', platform: 'slack', userId: 'U0IFKLENA', label: '/fm hilfe', receivedAt: 0 })),
    ).toThrow(/readonly/i);
    expect(world.store.receipts.all()).toEqual([]);
    // Writing works again after it.
    world.store.transaction(() => world.store.receipts.open({ id: 'r-z', platform: 'slack', userId: 'U0IFKLENA', label: '/fm vormerken', receivedAt: 0 }));
    expect(world.store.receipts.all().map((r) => r.id)).toEqual(['r-z']);
  });

  it('left by a process that died between acknowledgement and storing, make the next start tell the sender', () => {
    // What the killed process left: the receipt of a referral it had acknowledged, and no case.
    world.store.receipts.open({ id: 'r-1', platform: 'slack', userId: 'U0IFKLENA', label: '/fm vormerken', receivedAt: world.clock.now() });
    const restarted = new Bot({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar });
    expect(restarted.tellInterrupted()).toBe(1);
    const [notice] = world.store.outbox.all();
    expect(notice?.target).toEqual({ kind: 'direct', personId: 'ifk-lena' });
    expect(toPlainText(notice!.message)).toBe(
      'Deine Eingabe „/fm vormerken“ vom 20.10.2025 09:14 kam bei FM-Lotse an, wurde aber wegen eines Neustarts nicht gespeichert. ' +
        'Es hat sich nichts geändert. Bitte sende sie noch einmal.',
    );
    expect(world.store.receipts.all()).toEqual([]);
    expect(restarted.tellInterrupted()).toBe(0); // told once
  });
});
