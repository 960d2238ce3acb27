import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { TimeTravel } from '../../src/app/timeTravel.js';
import { UserError } from '../../src/domain/errors.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
let printed: string[];
let travel: TimeTravel;
beforeEach(() => {
  world = createWorld({ now: '2026-03-02T10:00:00+01:00' }); // Monday
  printed = [];
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  travel = new TimeTravel(deps, JOBS, async () => undefined, (line) => printed.push(line));
});
afterEach(() => world.close());

describe('/zeit in the console', () => {
  it('moves the clock and runs the jobs at their times on each working day passed', async () => {
    world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine());
    const text = await travel.travel('+1d');
    expect(text).toBe('Simulierte Zeit jetzt: 03.03.2026 10:00 (4 Läufe der geplanten Jobs).');
    expect(world.calendar.today(world.clock.now())).toBe('2026-03-03');
    // The leads' overview (their team duties never recorded, R28–R32), the duty reminders, then the round.
    expect(printed).toEqual(['⏰ 03.03.2026 07:45', '⏰ 03.03.2026 08:00', '⏰ 03.03.2026 09:00']);
    expect(world.store.rounds.scheduled('fm-ue25', '2026-03-03')).toBeDefined();
  });

  it('skips weekends and holidays and accepts a German date', async () => {
    await travel.travel('06.04.2026 12:00'); // Easter Monday in between: Good Friday 03.04., Easter Monday 06.04.
    expect(world.calendar.today(world.clock.now())).toBe('2026-04-06');
    expect(world.store.rounds.scheduled('fm-ue25', '2026-03-31')).toBeUndefined(); // no referrals: nothing to post
    expect(world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('round.schedule.empty')).map((i) => i.dedupeKey)).toEqual([
      'round.schedule.empty:fm-ue25:2026-03-03',
      'round.schedule.empty:fm-u25:2026-03-03',
      'round.schedule.empty:fm-ue25:2026-03-10',
      'round.schedule.empty:fm-u25:2026-03-10',
      'round.schedule.empty:fm-ue25:2026-03-17',
      'round.schedule.empty:fm-u25:2026-03-17',
      'round.schedule.empty:fm-ue25:2026-03-24',
      'round.schedule.empty:fm-u25:2026-03-24',
      'round.schedule.empty:fm-ue25:2026-03-31',
      'round.schedule.empty:fm-u25:2026-03-31',
    ]);
  });

  it('refuses going back and unreadable input with a German hint', async () => {
    await expect(travel.travel('01.01.2026 07:00')).rejects.toThrow(UserError);
    await expect(travel.travel('morgen')).rejects.toThrow(/\/zeit \+7d/);
  });
});
