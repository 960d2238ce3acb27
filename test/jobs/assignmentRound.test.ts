import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
afterEach(() => world.close());

function run(at: string) {
  world.clock.set(Date.parse(at));
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  return runJobs(deps, JOBS, world.clock.now()).filter((o) => o.job === 'assignment-round');
}

describe('the scheduled assignment round (R9)', () => {
  beforeEach(() => {
    world = createWorld({ now: '2026-03-02T10:00:00+01:00' }); // Monday
    expect(world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine()).kind).toBe('message');
  });

  it('posts the proposal at the meeting time on Tuesday, once, however often the job runs', () => {
    expect(run('2026-03-03T08:55:00+01:00')[0]).toMatchObject({ job: 'assignment-round', queued: 0 });
    expect(run('2026-03-03T09:00:00+01:00')[0]?.queued).toBe(2); // Ü25 proposal, U25 "nothing to distribute"
    expect(run('2026-03-03T09:05:00+01:00')[0]?.queued).toBe(0);
    expect(run('2026-03-03T15:00:00+01:00')[0]?.queued).toBe(0);
    const posts = world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('round.post'));
    expect(posts.map((p) => p.target)).toEqual([{ kind: 'channel', teamId: 'fm-ue25' }]);
    expect(world.store.rounds.scheduled('fm-ue25', '2026-03-03')?.trigger).toBe('schedule');
  });

  it('catches up later that day after the bot was down at 09:00', () => {
    run('2026-03-03T11:40:00+01:00');
    expect(world.store.rounds.scheduled('fm-ue25', '2026-03-03')).toBeDefined();
  });

  it('tells a team with nothing to distribute, once', () => {
    run('2026-03-03T09:00:00+01:00');
    run('2026-03-03T09:30:00+01:00');
    const u25 = world.store.outbox.all().filter((i) => i.target.kind === 'channel' && i.target.teamId === 'fm-u25');
    expect(u25.map((i) => toPlainText(i.message))).toEqual(['Für Fallmanagement U25 liegen keine offenen Vormerkungen vor.']);
  });
});

describe('a meeting day on a public holiday (R9)', () => {
  beforeEach(() => {
    world = createWorld({ now: '2028-10-27T10:00:00+02:00' });
    world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine());
  });

  it('posts nothing on Reformation Day and tells the leads on the working day before', () => {
    run('2028-10-30T07:30:00+01:00'); // Monday before Tuesday 31.10.2028
    const warnings = world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('round.holiday'));
    expect(warnings.map((w) => w.target).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { kind: 'direct', personId: 'tl-fm-u25' },
      { kind: 'direct', personId: 'tl-fm-ue25' },
    ]);
    expect(toPlainText(warnings[0]!.message)).toMatch(/31\.10\.2028.*Feiertag \(Reformationstag\)/s);
    run('2028-10-30T12:00:00+01:00');
    expect(world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('round.holiday'))).toHaveLength(2);

    run('2028-10-31T09:30:00+01:00');
    expect(world.store.rounds.scheduled('fm-ue25', '2028-10-31')).toBeUndefined();
    expect(world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('round.post'))).toHaveLength(0);
  });
});
