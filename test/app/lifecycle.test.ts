/**
 * A case lived through from referral to follow-up through the commands and a simulated year of jobs:
 * every kind of ping on the right working days, to the right person.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import type { BotResponse } from '../../src/messaging/ports.js';
import { TimeTravel } from '../../src/app/timeTravel.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText } from '../../src/messaging/reply.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
let travel: TimeTravel;
beforeEach(() => {
  world = createWorld({ now: '2026-03-02T10:00:00+01:00' });
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  travel = new TimeTravel(deps, JOBS, async () => undefined, () => undefined);
});
afterEach(() => world.close());

function say(userId: string, line: string): string {
  const response: BotResponse = world.bot.handleCommand({ platform: 'console', userId }, line);
  if (response.kind === 'form') throw new Error(`unexpected form for ${line}`);
  const text = response.kind === 'message' ? toPlainText(response.message) : response.text;
  if (response.kind === 'error') throw new Error(`${line}: ${text}`);
  return text;
}

const digestsOf = (personId: string): OutboxItem[] =>
  world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('ping.digest') && i.target.kind === 'direct' && i.target.personId === personId);
const dayOf = (item: OutboxItem): string => item.dedupeKey.slice(-10);

describe('a case from referral to follow-up', () => {
  it("pings contacts, the review and the follow-up on working days only, to the case's FM", async () => {
    say('ifk-lena', referralLine());
    await travel.travel('+1d'); // Tuesday: the scheduled round
    say('tl-fm-ue25', 'runde bestaetigen');
    const fm = world.store.cases.byCode('FM-2026-0001')!.assignedFmId!;
    await travel.travel('05.03.2026 15:00');
    say(fm, 'uebernahme FM-2026-0001 datum=05.03.2026 warm=ja ziele=ja');

    await travel.travel('08.05.2026 12:00'); // contact due Monday 04.05.2026 (Ü25: within 60 days for 6 a year, R16)
    const overdue = digestsOf(fm).filter((d) => toPlainText(d.message).includes('Beratungskontakt'));
    expect(overdue.map(dayOf)[0]).toBe('2026-05-04'); // listed from the Monday of its week
    expect(toPlainText(overdue[0]!.message)).toMatch(/Beratungskontakt · 04\.05\.2026 \(R16\)/);
    say(fm, 'kontakt FM-2026-0001 datum=06.05.2026 art=telefon');

    await travel.travel('10.09.2026 12:00'); // review due 05.09.2026 → Monday 07.09.2026 (R20)
    const review = digestsOf(fm).find((d) => toPlainText(d.message).includes('Halbjahresprüfung'))!;
    expect(toPlainText(review.message)).toMatch(/Halbjahresprüfung .* 07\.09\.2026 \(R20\)/);
    say(fm, 'pruefung FM-2026-0001');
    say(fm, 'abgang FM-2026-0001 grund=integration');
    say('ifk-lena', 'rueckgabe FM-2026-0001 bestaetigt'); // the return talk took place (R26)

    await travel.travel('20.03.2027 12:00'); // follow-up 6 months after the exit (R27)
    const followUp = digestsOf(fm).find((d) => toPlainText(d.message).includes('Nachbetreuung'))!;
    expect(toPlainText(followUp.message)).toMatch(/6 Monate nach Abgang/);

    // Not a single ping on a weekend or a public holiday of Bremen.
    for (const item of world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('ping.'))) {
      const created = world.calendar.today(item.createdAt);
      expect(world.calendar.isWorkingDay(created), `${item.dedupeKey} on ${created}`).toBe(true);
    }
    // The digests never reach a shared channel, and every audit step is on record.
    expect(world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('ping.digest') && i.target.kind === 'channel')).toEqual([]);
    expect(world.store.audit.forCase('FM-2026-0001').map((e) => e.action)).toEqual(
      expect.arrayContaining(['referral.created', 'case.assigned', 'case.contact', 'case.review', 'case.exit']),
    );
  });
});
