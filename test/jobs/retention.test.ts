import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
beforeEach(() => {
  world = createWorld({ now: '2026-03-02T09:00:00+01:00' });
});
afterEach(() => world.close());

function run(at: string) {
  world.clock.set(Date.parse(at));
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  return runJobs(deps, JOBS, world.clock.now());
}

describe('retention (data protection)', () => {
  it('empties sent messages after 90 days but keeps their dedupe keys', async () => {
    world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine());
    const sent: string[] = [];
    await world
      .delivery([
        {
          platform: 'console',
          address: (t) => (t.kind === 'channel' ? t.teamId : t.personId),
          send: async (address, _t, m) => {
            sent.push(m.text);
            return { channelId: address, messageId: '1' };
          },
          update: async () => undefined,
        },
      ])
      .flush();
    expect(sent).toHaveLength(1);
    run('2026-05-29T09:00:00+02:00'); // 88 days later: kept
    expect(world.store.outbox.byKey('referral.notice:FM-2026-0001')?.message.text).not.toBe('');
    run('2026-06-01T09:00:00+02:00');
    const item = world.store.outbox.byKey('referral.notice:FM-2026-0001')!;
    expect(item.message).toEqual({ text: '', blocks: [] });
    expect(world.store.outbox.enqueue({ dedupeKey: item.dedupeKey, target: item.target, message: { text: 'x', blocks: [] }, createdAt: 0 })).toBe(false);
  });

  it('forgets the client reference of a declined referral after six months and of an ended case after 25 months', () => {
    world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine({ kunde: '123A000001' }));
    world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine({ kunde: '123A000002' }));
    world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine({ kunde: '123A000003' }));
    const now = world.clock.now();
    world.store.cases.transition('FM-2026-0001', ['vorgemerkt'], 'abgelehnt', { declinedReason: 'x' }, now);
    world.store.cases.transition('FM-2026-0002', ['vorgemerkt'], 'beendet', { endedOn: '2026-03-02' }, now);

    run('2026-09-03T09:00:00+02:00');
    expect(world.store.cases.byCode('FM-2026-0001')!.clientRef).toBe('—');
    expect(world.store.cases.byCode('FM-2026-0002')!.clientRef).toBe('123A000002');
    run('2028-04-03T09:00:00+02:00');
    expect(world.store.cases.byCode('FM-2026-0002')!.clientRef).toBe('—');
    expect(world.store.cases.byCode('FM-2026-0003')!.clientRef).toBe('123A000003'); // still open: kept
    expect(world.store.cases.byCode('FM-2026-0002')!.caseCode).toBe('FM-2026-0002');
  });
});
