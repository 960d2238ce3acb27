/**
 * A simulated year in the console's time travel, as the people would live it: the FM records a contact on
 * each day the digest lists it for „Heute“, and the office never records its FM team meeting. The client
 * gets at least R16's minimum in every rolling 12 months, the office lead is reminded of the meeting every
 * quarter at least (R28), and the lead's overview never repeats itself on consecutive days.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { TimeTravel } from '../../src/app/timeTravel.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { addDays } from '../../src/domain/time.js';
import type { BotResponse } from '../../src/messaging/ports.js';
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
  if (response.kind !== 'message') throw new Error(`${line}: ${response.kind === 'error' ? response.text : response.kind}`);
  return toPlainText(response.message);
}

const today = () => world.calendar.today(world.clock.now());
const sent = (prefix: string, personId: string): OutboxItem[] =>
  world.store.outbox.all().filter((i) => i.dedupeKey.startsWith(prefix) && i.target.kind === 'direct' && i.target.personId === personId);

describe('a year with FM-Lotse (R13, R16, R28)', () => {
  it('keeps the contact minimum, reminds of the team meeting every quarter, and never repeats the lead overview', { timeout: 120_000 }, async () => {
    say('ifk-lena', referralLine());
    await travel.travel('+1d'); // Tuesday: the round
    say('tl-fm-ue25', 'runde bestaetigen');
    const code = 'FM-2026-0001';
    const fm = world.store.cases.byCode(code)!.assignedFmId!;
    say(fm, `uebernahme ${code} datum=03.03.2026 warm=ja ziele=ja`);
    const intakeOn = '2026-03-03';

    // 450 days: the FM follows the digest — a contact under „Heute“ (or still overdue) is held that day.
    for (let day = 0; day < 450; day++) {
      await travel.travel('+1d');
      const digest = sent(`ping.digest:${fm}:${today()}`, fm)[0];
      const text = digest ? toPlainText(digest.message) : '';
      const dueNow = text.split(/\n\*?Diese Woche/)[0]!;
      if (new RegExp(`${code}\\* · [^\\n]*Beratungskontakt`).test(dueNow)) say(fm, `kontakt ${code} art=persoenlich`);
    }

    // R16: every window of 365 days after the intake holds at least 6 qualified contacts (Ü25).
    const contacts = world.store.contacts.forCase(code).filter((c) => c.qualified).map((c) => c.on).sort();
    for (let start = addDays(intakeOn, 1); addDays(start, 364) <= addDays(intakeOn, 440); start = addDays(start, 1)) {
      const end = addDays(start, 364);
      expect(contacts.filter((on) => on >= start && on <= end).length, `window from ${start}`).toBeGreaterThanOrEqual(6);
    }
    // …and no more than the strictest rule needs: about one contact every 60 days.
    expect(contacts.length).toBeLessThanOrEqual(Math.ceil(450 / 55));

    // R28: the office never recorded its FM team meeting; its lead hears of it at least every quarter.
    const reminders = sent('ping.duty:dienstbesprechung:', 'gl-mitte').map((i) => world.calendar.today(i.createdAt)).sort();
    expect(reminders.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < reminders.length; i++) expect(reminders[i]! <= addDays(reminders[i - 1]!, 92)).toBe(true);

    // The lead's overview: never the same content on two working days in a row (a weekly summary may repeat).
    const leadItems = sent('ping.lead:tl-fm-ue25:', 'tl-fm-ue25').sort((a, b) => a.createdAt - b.createdAt);
    const sentDays = leadItems.map((i) => world.calendar.today(i.createdAt));
    const overviews = leadItems.map((i) => toPlainText(i.message).split('\n').slice(1).join('\n'));
    expect(overviews.length).toBeGreaterThan(10);
    expect(overviews.length).toBeLessThan(150); // far fewer than the ~310 working days
    for (let i = 1; i < overviews.length; i++) {
      if (world.calendar.nextWorkingDay(sentDays[i - 1]!) !== sentDays[i]) continue;
      expect(overviews[i], `${sentDays[i - 1]} / ${sentDays[i]}`).not.toBe(overviews[i - 1]);
    }
  });
});
