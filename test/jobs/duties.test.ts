/**
 * The duties job (R28–R32) driven day by day with the world's clock: a duty never recorded is due from the day
 * the bot first knew it and reminded again every 14 days (`jobcenter.dutyRepeatDays`) until recorded; R31 is
 * one duty per pair of FM teams; an M&I team without contact FM is a gap for the FM team leads (R30); and
 * `openDutiesFor`, the data the lead digest reads.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { parseOrg } from '../../src/config/load.js';
import type { Org } from '../../src/config/org.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { addDays, type LocalDate } from '../../src/domain/time.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { allDuties, openDutiesFor } from '../../src/services/duties.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { EXAMPLE_ORG_FILE, createWorld, type World } from '../support/world.js';

let world: World;
afterEach(() => world.close());

type RawOrg = {
  jobcenter: Record<string, unknown>;
  teams: Array<Record<string, unknown>>;
  people: Array<Record<string, unknown>>;
};

/** The demo organisation with a change to its raw JSON, validated like the real file. */
function orgWith(change: (raw: RawOrg) => void): Org {
  const raw = JSON.parse(fs.readFileSync(EXAMPLE_ORG_FILE, 'utf8')) as RawOrg;
  change(raw);
  const result = parseOrg(raw);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.org;
}

/** A third FM team in the office (migrants), led by Ines. */
function withMigrationTeam(raw: RawOrg, partners?: string[]) {
  raw.teams.push({ id: 'fm-mig', name: 'Fallmanagement Migration', kind: 'fm_ue25', office: 'mitte', leads: ['tl-fm-mig'], ...(partners && { fmExchangePartners: partners }) });
  raw.people.push({ id: 'tl-fm-mig', name: 'Ines Wagner', roles: ['teamlead'], team: 'fm-mig' });
}

const deps = () => ({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE });

/** Every job at `time` (Berlin) on `day`, as the scheduler would. */
function runAt(day: LocalDate, time = '08:00') {
  const at = world.calendar.at(day, time);
  world.clock.set(at);
  return runJobs(deps(), JOBS, at);
}

/** Every day from `from` to `to`, both included (weekends too: the jobs themselves know working days). */
function runDays(from: LocalDate, to: LocalDate) {
  for (let day = from; day <= to; day = addDays(day, 1)) runAt(day);
}

/** A command at 09:00 of `day`. */
function say(day: LocalDate, userId: string, line: string) {
  world.clock.set(world.calendar.at(day, '09:00'));
  const response = world.bot.handleCommand({ platform: 'console', userId }, line);
  return response.kind === 'message' ? toPlainText(response.message) : response.kind === 'error' ? `FEHLER ${response.text}` : '';
}

const items = (prefix: string): OutboxItem[] => world.store.outbox.all().filter((i) => i.dedupeKey.startsWith(prefix));
const to = (item: OutboxItem): string => (item.target.kind === 'direct' ? item.target.personId : item.target.teamId);
/** The Berlin days on which `personId` got a message whose key starts with `prefix`. */
const sentDays = (prefix: string, personId: string): LocalDate[] =>
  items(prefix)
    .filter((i) => to(i) === personId)
    .map((i) => world.calendar.today(i.createdAt))
    .sort();
const daysBetween = (a: LocalDate, b: LocalDate) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const gaps = (days: LocalDate[]) => days.slice(1).map((day, i) => daysBetween(days[i]!, day));

describe('R28: an overdue duty is reminded again until it is recorded', () => {
  it('R28: an office that never records its FM team meeting is reminded every 14 days for a whole year (so at least every quarter)', () => {
    world = createWorld({ now: '2026-01-05T06:00:00+01:00' });
    runDays('2026-01-05', '2027-01-04');

    const sent = sentDays('ping.duty:dienstbesprechung:mitte:', 'gl-mitte');
    expect(sent[0]).toBe('2026-01-05'); // due from the first day the bot ran
    expect(sent).toHaveLength(27); // the due day and 26 repeats in 364 days
    expect(Math.max(...gaps(sent))).toBeLessThanOrEqual(17); // 14 days, moved past a holiday at most
    expect(gaps(sent).filter((g) => g === 14).length).toBeGreaterThanOrEqual(22);
    for (let quarter = '2026-01-05'; quarter < '2027-01-04'; quarter = addDays(quarter, 91)) {
      expect(sent.some((day) => day >= quarter && day < addDays(quarter, 91))).toBe(true);
    }
    expect(sent.every((day) => world.calendar.isWorkingDay(day))).toBe(true);
    // Each repeat once per recipient: the office lead and both FM team leads.
    expect(items('ping.duty:dienstbesprechung:mitte:')).toHaveLength(27 * 3);
    const keys = items('ping.duty:dienstbesprechung:mitte:').map((i) => i.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);

    const second = items('ping.duty:dienstbesprechung:mitte:2026-01-05+14d:gl-mitte')[0]!;
    expect(toPlainText(second.message)).toMatch(/zuletzt: noch nie erfasst[\s\S]*Überfällig seit 05\.01\.2026 \(14 Tage\)[\s\S]*alle 14 Tage wieder/);
  });

  it('R28: once recorded there is no reminder until it is due again, then every 14 days again', () => {
    world = createWorld({ now: '2026-01-05T06:00:00+01:00' });
    runDays('2026-01-05', '2026-03-10');
    expect(say('2026-03-10', 'gl-mitte', 'termin art=dienstbesprechung datum=10.03.2026')).toMatch(/am 10\.03\.2026 erfasst/);
    runDays('2026-03-11', '2026-07-01');
    expect(say('2026-07-01', 'tl-fm-ue25', 'termin art=dienstbesprechung datum=30.06.2026')).toMatch(/am 30\.06\.2026 erfasst/);
    runDays('2026-07-02', '2026-10-31');

    expect(sentDays('ping.duty:dienstbesprechung:mitte:', 'gl-mitte')).toEqual([
      '2026-01-05', '2026-01-19', '2026-02-02', '2026-02-16', '2026-03-02', // never held
      '2026-06-10', '2026-06-24', // due three months after 10.03.
      '2026-09-30', '2026-10-14', '2026-10-28', // due three months after 30.06.
    ]);
    const june = items('ping.duty:dienstbesprechung:mitte:2026-06-10:gl-mitte')[0]!;
    expect(toPlainText(june.message)).toMatch(/zuletzt: 10\.03\.2026[\s\S]*Heute fällig/);
  });

  it('R28–R32: the repeat follows jobcenter.dutyRepeatDays', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00', org: orgWith((raw) => (raw.jobcenter.dutyRepeatDays = 7)) });
    runDays('2026-03-02', '2026-03-20');
    expect(sentDays('ping.duty:netzwerk:fm-ue25:', 'tl-fm-ue25')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']); // R32
    expect(toPlainText(items('ping.duty:netzwerk:fm-ue25:2026-03-02+7d:tl-fm-ue25')[0]!.message)).toMatch(/alle 7 Tage wieder/);
  });

  it('R28: a job that runs twice or late sends each repeat once, and a new office counts from the day it appears', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    runAt('2026-03-02');
    runAt('2026-03-02', '10:00');
    runAt('2026-03-20'); // nothing ran for two weeks: only the current repeat goes out
    expect(sentDays('ping.duty:dienstbesprechung:mitte:', 'gl-mitte')).toEqual(['2026-03-02', '2026-03-20']);
    expect(items('ping.duty:dienstbesprechung:mitte:2026-03-02+14d:')).toHaveLength(3);
    expect(world.store.duties.firstSeen('dienstbesprechung', 'mitte')).toBe('2026-03-02');
  });
});

describe('R31: one exchange duty per pair of FM teams', () => {
  it('R31: recording the exchange with one partner counts for both teams of that pair and for no other pair', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00', org: orgWith((raw) => withMigrationTeam(raw)) });
    runAt('2026-03-02');
    expect(items('ping.duty:fm_austausch:').map((i) => `${i.dedupeKey.split(':')[2]} → ${to(i)}`).sort()).toEqual([
      'fm-mig+fm-u25 → tl-fm-mig',
      'fm-mig+fm-u25 → tl-fm-u25',
      'fm-mig+fm-ue25 → tl-fm-mig',
      'fm-mig+fm-ue25 → tl-fm-ue25',
      'fm-u25+fm-ue25 → tl-fm-u25',
      'fm-u25+fm-ue25 → tl-fm-ue25',
    ]);
    const toUe25 = items('ping.duty:fm_austausch:fm-u25+fm-ue25:2026-03-02:tl-fm-ue25')[0]!;
    expect(toPlainText(toUe25.message)).toMatch(/Austausch von Fallmanagement Ü25 mit Fallmanagement U25 .*R31.*partner=fm-u25/);

    expect(say('2026-03-02', 'tl-fm-ue25', 'termin art=fm-austausch datum=02.03.2026')).toMatch(/partner: .*R31.*fm-u25, fm-mig/);
    expect(say('2026-03-02', 'tl-fm-ue25', 'termin art=fm-austausch partner=fm-u25 datum=02.03.2026')).toMatch(/Austausch mit anderen FM-Teams am 02\.03\.2026 erfasst/);
    expect(world.store.duties.last('fm_austausch', 'fm-u25+fm-ue25')).toBe('2026-03-02');

    runDays('2026-03-03', '2026-03-16');
    const repeats = items('ping.duty:fm_austausch:').filter((i) => i.dedupeKey.includes('+14d'));
    expect(repeats.map((i) => `${i.dedupeKey.split(':')[2]} → ${to(i)}`).sort()).toEqual([
      'fm-mig+fm-u25 → tl-fm-mig',
      'fm-mig+fm-u25 → tl-fm-u25',
      'fm-mig+fm-ue25 → tl-fm-mig',
      'fm-mig+fm-ue25 → tl-fm-ue25',
    ]);
  });

  it('R31: each team exchanges with the partners the organisation file lists for it (default: all other FM teams)', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00', org: orgWith((raw) => withMigrationTeam(raw, ['fm-ue25'])) });
    const pairs = allDuties(world.org)
      .filter((d) => d.kind === 'fm_austausch')
      .map((d) => `${d.teamId}→${d.partnerId}: ${d.recipients.join(',')}`);
    expect(pairs).toEqual([
      'fm-ue25→fm-u25: tl-fm-ue25',
      'fm-ue25→fm-mig: tl-fm-ue25',
      'fm-u25→fm-ue25: tl-fm-u25',
      'fm-u25→fm-mig: tl-fm-u25', // U25 lists everyone; Migration only Ü25 — Ines is not reminded of this pair
      'fm-mig→fm-ue25: tl-fm-mig',
    ]);
    // Either team of a listed pair may record it.
    expect(say('2026-03-02', 'tl-fm-mig', 'termin art=fm-austausch partner=fm-u25 datum=02.03.2026')).toMatch(/erfasst/);
    expect(world.store.duties.last('fm_austausch', 'fm-mig+fm-u25')).toBe('2026-03-02');
  });

  it('R31: an entry from before pairs existed (one team) still counts for every pair of that team', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00', org: orgWith((raw) => withMigrationTeam(raw)) });
    world.store.duties.record({ kind: 'fm_austausch', subject: 'fm-ue25', on: '2026-02-02', recordedBy: 'tl-fm-ue25', recordedAt: 0 });
    runAt('2026-03-02');
    expect(items('ping.duty:fm_austausch:').map((i) => i.dedupeKey.split(':')[2])).toEqual(['fm-mig+fm-u25', 'fm-mig+fm-u25']);
  });
});

describe('R30: an M&I team without a contact FM', () => {
  it('R30: is shown to the FM team leads of its office as a gap, again every 14 days', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00', org: orgWith((raw) => delete raw.teams.find((t) => t.id === 'mi-2')!.contactFm) });
    runDays('2026-03-02', '2026-03-16');
    expect(items('ping.duty:besuch:mi-2')).toHaveLength(0);
    expect(sentDays('ping.duty:kontakt_fehlt:mi-2:', 'tl-fm-ue25')).toEqual(['2026-03-02', '2026-03-16']);
    expect(items('ping.duty:kontakt_fehlt:mi-2:2026-03-02:').map(to).sort()).toEqual(['tl-fm-u25', 'tl-fm-ue25']);
    const text = toPlainText(items('ping.duty:kontakt_fehlt:mi-2:2026-03-02:tl-fm-ue25')[0]!.message);
    expect(text).toMatch(/Kontakt-Fallmanager:in fehlt[\s\S]*Markt & Integration 2 hat keine Kontakt-Fallmanager:in \(R30\)[\s\S]*sharesFmMeeting/);
  });

  it('R30: is no gap, and needs no visit, when it shares the FM team meeting', () => {
    world = createWorld({
      now: '2026-03-02T06:00:00+01:00',
      org: orgWith((raw) => {
        const mi2 = raw.teams.find((t) => t.id === 'mi-2')!;
        delete mi2.contactFm;
        mi2.sharesFmMeeting = true;
      }),
    });
    runAt('2026-03-02');
    expect(items('ping.duty:kontakt_fehlt')).toHaveLength(0);
    expect(items('ping.duty:besuch:mi-2')).toHaveLength(0);
    expect(items('ping.duty:besuch:mi-1')).toHaveLength(2);
  });
});

describe('openDutiesFor: what the lead digest shows (R28–R32)', () => {
  it('R28–R32: lists the duties due for a person, most overdue first, as data', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00', org: orgWith((raw) => delete raw.teams.find((t) => t.id === 'mi-2')!.contactFm) });
    expect(openDutiesFor(deps(), 'tl-fm-ue25', '2026-03-02').every((d) => d.dueOn === '2026-03-02' && d.overdueDays === 0)).toBe(true); // before the first run
    say('2026-03-02', 'gl-mitte', 'termin art=dienstbesprechung datum=15.12.2025');
    runAt('2026-03-02');
    say('2026-03-02', 'tl-fm-ue25', 'termin art=netzwerk datum=25.03.2026');

    expect(openDutiesFor(deps(), 'tl-fm-ue25', '2026-03-20')).toEqual([
      { kind: 'austausch', rule: 'R29', subject: 'jobcenter', subjectName: 'Jobcenter Weserstadt (Demo)', dueOn: '2026-03-02', overdueDays: 18 },
      { kind: 'kontakt_fehlt', rule: 'R30', subject: 'mi-2', subjectName: 'Markt & Integration 2', dueOn: '2026-03-02', overdueDays: 18 },
      {
        kind: 'fm_austausch',
        rule: 'R31',
        subject: 'fm-u25+fm-ue25',
        subjectName: 'Fallmanagement Ü25',
        partnerName: 'Fallmanagement U25',
        dueOn: '2026-03-02',
        overdueDays: 18,
      },
      { kind: 'netzwerk', rule: 'R32', subject: 'fm-ue25', subjectName: 'Fallmanagement Ü25', dueOn: '2026-03-02', overdueDays: 18, plannedOn: '2026-03-25' },
      { kind: 'dienstbesprechung', rule: 'R28', subject: 'mitte', subjectName: 'Geschäftsstelle Mitte', lastOn: '2025-12-15', dueOn: '2026-03-16', overdueDays: 4 },
    ]);
    expect(openDutiesFor(deps(), 'fm-tobias', '2026-03-20')).toEqual([
      { kind: 'besuch', rule: 'R30', subject: 'mi-1', subjectName: 'Markt & Integration 1', dueOn: '2026-03-02', overdueDays: 18 },
    ]);
    expect(openDutiesFor(deps(), 'ifk-lena', '2026-03-20')).toEqual([]);
    expect(openDutiesFor(deps(), 'gl-mitte', '2026-03-13').map((d) => d.kind)).toEqual([]); // R28 not due before 16.03.
  });
});
