/**
 * Scheduled pings end to end into Slack: the real jobs on a temp SQLite file with the demo organisation,
 * the real Delivery and SlackTransport (library retries off) against the fake Slack Web API, a pinned
 * clock. What a person would notice: each ping arrives once, to the right person or channel, only on
 * working days, and never twice — not after a rerun, a restart, a 429 storm or a run of 5xx answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { Delivery } from '../../src/app/delivery.js';
import { runJobs } from '../../src/app/scheduler.js';
import { OrgIndex } from '../../src/config/orgIndex.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { ManualClock } from '../../src/domain/time.js';
import { renderMessage } from '../../src/platforms/slack/render.js';
import { outboxClient, SlackTransport } from '../../src/platforms/slack/transport.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { FakeSlack, memoryLogger, type SlackCall } from '../support/fakeSlack.js';
import { insertCase } from '../support/build.js';
import { exampleOrg } from '../support/world.js';

const POST = 'chat.postMessage';
const U = {
  gl: 'U0GLMITTE',
  tlUe25: 'U0TLFMUE25',
  tlU25: 'U0TLFMU25',
  tobias: 'U0FMTOBIAS',
  aylin: 'U0FMAYLIN',
  jonas: 'U0FMJONAS',
  tlMi1: 'U0TLMI1',
  tlMi2: 'U0TLMI2',
  tlMiU25: 'U0TLMIU25',
};
const CHANNEL = { ue25: 'C0FMUE25', u25: 'C0FMU25' };

const org = new OrgIndex(exampleOrg());
const calendar = new WorkCalendar({ holidayRegion: org.org.jobcenter.holidayRegion });
const quiet = { warn() {}, error() {} };

let dir: string;
let dbFile: string;
let clock: ManualClock;
let fake: FakeSlack;
let store: SqliteStore;
let delivery: Delivery;
let jobErrors: unknown[];

/** Opens the database and wires delivery as the bot does at start. */
function boot(): void {
  store = SqliteStore.open(dbFile);
  const client = outboxClient(fake.token, { apiUrl: fake.apiUrl, logger: memoryLogger() });
  delivery = new Delivery(store, [new SlackTransport(client, org)], clock, { calendar, logger: quiet });
}

/** A new process on the same database file: nothing survives but what the file holds. */
function restart(): void {
  store.close();
  boot();
}

/** Every job once at `at`; returns how many outbox items they queued. */
function runJobsAt(at: string): number {
  clock.set(Date.parse(at));
  const outcomes = runJobs({ org, store, clock, calendar, needCatalogue: DEFAULT_NEED_CATALOGUE }, JOBS, clock.now(), { error: (...e) => jobErrors.push(e) });
  return outcomes.reduce((sum, o) => sum + o.queued, 0);
}

/** The scheduler's tick at `at`: every job once, then one flush of the outbox. */
async function tick(at: string): Promise<void> {
  runJobsAt(at);
  await delivery.flush();
}

/** Where an outbox item must land in Slack, read from the organisation file. */
function slackAddress(item: OutboxItem): string | undefined {
  return item.target.kind === 'channel' ? org.team(item.target.teamId)?.slackChannel : org.person(item.target.personId)?.slackUserId;
}

const posts = (): SlackCall[] => fake.succeeded(POST);
const channelsOf = (calls: SlackCall[]): string[] => calls.map((c) => String(c.params.channel)).sort();
const pending = (): OutboxItem[] => store.outbox.all().filter((i) => i.status === 'pending');

/**
 * Every outbox item is sent and Slack accepted exactly one postMessage for it: one accepted call per
 * item in all, each item's recorded ts is one of them in the item's channel, and its (channel, text)
 * pair was accepted once.
 */
function expectEachItemPostedOnce(): void {
  const items = store.outbox.all();
  expect(items.filter((i) => i.status !== 'sent').map((i) => `${i.dedupeKey}: ${i.status} ${i.lastError ?? ''}`)).toEqual([]);
  const accepted = posts();
  expect(accepted).toHaveLength(items.length);
  const byTs = new Map(accepted.map((c) => [String(c.response!.ts), c]));
  expect(byTs.size).toBe(accepted.length);
  for (const item of items) {
    const call = byTs.get(item.sentRef!.messageId);
    expect(call?.params.channel, item.dedupeKey).toBe(slackAddress(item));
    const text = renderMessage(item.message, org).text;
    expect(accepted.filter((c) => c.params.channel === call?.params.channel && c.params.text === text), item.dedupeKey).toHaveLength(1);
  }
}

/**
 * A week's worth of due work in the demo organisation (referrals flagged before 2026-03-03):
 * overdue contacts and a review due on 03.03.2026 for Tobias, an intake deadline this week for Aylin,
 * an overdue U25 contact for Jonas, and an open referral for the Ü25 assignment round.
 */
function seedDueWork(): Record<string, string> {
  return {
    overdueContact: insertCase(store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2025-11-20' }).caseCode, // R13: due 20.02.2026
    reviewToday: insertCase(store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2025-09-03' }).caseCode, // R20: due 03.03.2026
    intakeThisWeek: insertCase(store, { status: 'zugewiesen', fmId: 'fm-aylin', flaggedOn: '2026-02-13', intakeDeadline: '2026-03-05' }).caseCode, // R4
    u25Contact: insertCase(store, { group: 'u25', status: 'aktiv', fmId: 'fm-jonas', intakeOn: '2026-01-26' }).caseCode, // R13 U25 monthly: FM U25, referred by Nele (mi-u25)
    openReferral: insertCase(store, { status: 'vorgemerkt', flaggedOn: '2026-02-27', intakeDeadline: '2026-03-19' }).caseCode, // R9
  };
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-pings-'));
  dbFile = path.join(dir, 'fm-lotse.db');
  clock = new ManualClock(Date.parse('2026-03-02T06:00:00+01:00'));
  fake = await FakeSlack.start();
  jobErrors = [];
  boot();
});

afterEach(async () => {
  store.close();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(jobErrors).toEqual([]);
});

describe('each kind of ping on a working day', () => {
  it('arrives once, at its time, to the right Slack user or channel, and never again after reruns and a restart', async () => {
    const codes = seedDueWork();

    await tick('2026-03-03T07:29:00+01:00'); // Tuesday, before the first ping
    expect(posts()).toHaveLength(0);

    await tick('2026-03-03T07:30:00+01:00'); // FM digests (R13, R20, R4)
    expect(channelsOf(posts())).toEqual([U.aylin, U.tobias, U.jonas].sort());
    const digestOf = (user: string) => JSON.stringify(posts().find((c) => c.params.channel === user)?.params.blocks);
    expect(digestOf(U.tobias)).toContain(codes.overdueContact);
    expect(digestOf(U.tobias)).toContain(codes.reviewToday);
    expect(digestOf(U.aylin)).toContain(codes.intakeThisWeek);
    expect(digestOf(U.jonas)).toContain(codes.u25Contact);

    await tick('2026-03-03T07:45:00+01:00'); // team-lead overviews (R4, R16), the office lead's (R28)
    const leads = posts().slice(3);
    expect(channelsOf(leads)).toEqual([U.gl, U.tlUe25, U.tlU25].sort());
    expect(JSON.stringify(leads.find((c) => c.params.channel === U.tlUe25)?.params.blocks)).toContain(codes.intakeThisWeek);

    await tick('2026-03-03T08:00:00+01:00'); // duties (R28–R32), none ever recorded, and the supervision sample (R34)
    const duties = posts().slice(6);
    expect(channelsOf(duties)).toEqual(
      [
        ...[U.gl, U.tlUe25, U.tlU25], // R28 office meeting: office lead and FM team leads
        ...[U.tlUe25, U.tlU25], // R29 cross-office exchange
        ...[U.tobias, U.tlMi1, U.aylin, U.tlMi2, U.jonas, U.tlMiU25], // R30 contact FM and M&I lead per M&I team
        ...[U.tlUe25, U.tlU25], // R31
        ...[U.tlUe25, U.tlU25], // R32
        ...[U.tlUe25, U.tlU25], // R34 supervision sample per FM team
      ].sort(),
    );

    await tick('2026-03-03T09:00:00+01:00'); // the weekly assignment round (R9) in the team channels
    const rounds = posts().slice(23);
    expect(channelsOf(rounds)).toEqual([CHANNEL.u25, CHANNEL.ue25].sort());
    expect(JSON.stringify(rounds.find((c) => c.params.channel === CHANNEL.ue25)?.params.blocks)).toContain(codes.openReferral);
    expect(rounds.find((c) => c.params.channel === CHANNEL.u25)?.params.text).toContain('keine offenen Vormerkungen');
    expectEachItemPostedOnce();

    // Later ticks that day, a restart, and the catch-up run at start: nothing is posted again.
    const before = fake.callsTo(POST).length;
    await tick('2026-03-03T09:05:00+01:00');
    await tick('2026-03-03T15:00:00+01:00');
    restart();
    await tick('2026-03-03T15:02:00+01:00');
    expect(fake.callsTo(POST)).toHaveLength(before);
    expectEachItemPostedOnce();
  });

  it('sends what a restart found queued but unsent, once', async () => {
    seedDueWork();
    const queued = runJobsAt('2026-03-03T09:00:00+01:00'); // the process dies before its flush
    expect(queued).toBeGreaterThan(20);
    expect(fake.callsTo(POST)).toHaveLength(0);

    restart();
    await tick('2026-03-03T09:01:00+01:00'); // catch-up run at start
    expect(store.outbox.count()).toBe(queued);
    expectEachItemPostedOnce();
  });
});

describe('weekends and public holidays', () => {
  it('posts nothing on Karfreitag, the Easter weekend and Easter Monday, and everything on the Tuesday after', async () => {
    seedDueWork();
    for (const day of ['2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06']) {
      for (const time of ['07:30', '07:45', '08:00', '09:00', '12:00']) await tick(`${day}T${time}:00+02:00`);
    }
    expect(fake.callsTo(POST)).toHaveLength(0);
    expect(store.outbox.all().filter((i) => i.dedupeKey.startsWith('ping.'))).toEqual([]);

    await tick('2026-04-07T09:00:00+02:00'); // Tuesday: a later run the same day catches every ping up
    const keys = store.outbox.all().map((i) => i.dedupeKey.split(':')[0]);
    expect(new Set(keys)).toEqual(new Set(['ping.digest', 'ping.lead', 'ping.duty', 'ping.supervision', 'round.post', 'round.schedule.empty']));
    expectEachItemPostedOnce();
  });

  it('retries a Friday ping that met a 5xx not on Saturday or Sunday but on Monday morning', async () => {
    seedDueWork();
    runJobsAt('2026-03-06T08:00:00+01:00'); // Friday
    const queued = store.outbox.all();
    expect(queued.length).toBeGreaterThan(10);
    expect(queued.every((i) => i.dedupeKey.startsWith('ping.'))).toBe(true);
    fake.failNext(POST, queued.length, { status: 503 });
    await delivery.flush();
    expect(posts()).toHaveLength(0);
    expect(pending().every((i) => i.attempts === 1 && /503/.test(i.lastError ?? ''))).toBe(true);

    for (const at of ['2026-03-07T00:00:01+01:00', '2026-03-07T10:00:00+01:00', '2026-03-08T18:00:00+01:00', '2026-03-09T06:59:59+01:00']) {
      clock.set(Date.parse(at));
      await delivery.flush();
    }
    expect(fake.callsTo(POST)).toHaveLength(queued.length); // only Friday's failed attempts
    const monday = Date.parse('2026-03-09T07:00:00+01:00');
    expect(pending().map((i) => i.nextAttemptAt)).toEqual(queued.map(() => monday));
    expect(pending().every((i) => i.attempts === 1)).toBe(true); // holding is not a failed attempt

    clock.set(monday);
    await delivery.flush();
    expectEachItemPostedOnce();
  });
});

describe('Slack rate limits and server errors', () => {
  it('ends a 429 storm and runs of 5xx with every message delivered exactly once, honouring Retry-After', async () => {
    seedDueWork();
    const n = runJobsAt('2026-03-03T09:00:00+01:00');
    expect(n).toBeGreaterThan(20);
    // The storm outlasts two full passes over the outbox; then 5xx runs, and every third call a 502.
    fake.failNext(POST, 2 * n + 3, { status: 429, retryAfterSeconds: 30 });
    fake.failNext(POST, 6, { status: 503 });
    fake.failEvery(POST, 3, { status: 502 }, 3 * n);
    fake.failNext(POST, 4, { status: 500 });

    const t0 = clock.now();
    await delivery.flush();
    expect(fake.callsTo(POST)).toHaveLength(1); // the first 429 pauses the whole queue instead of adding to the limit
    expect(store.outbox.pauses(t0)).toEqual(new Map([['slack', t0 + 30_000]])); // Retry-After kept in the database (delivery_pauses)
    expect(pending()).toHaveLength(n); // every message keeps its place in the queue
    expect(pending().map((i) => i.attempts)).toEqual(Array.from({ length: n }, () => 0)); // a rate limit is no failed attempt

    clock.set(t0 + 29_999);
    await delivery.flush();
    expect(fake.callsTo(POST)).toHaveLength(1); // nobody jumps the Retry-After

    restart(); // retry state lives in the database, not in the process
    for (let round = 0; pending().length > 0 && round < 200; round++) {
      clock.advance(15_000);
      await delivery.flush();
    }
    expect(clock.now() - t0).toBeLessThan(2 * 3600_000); // still the same morning
    expect(fake.callsTo(POST).length).toBeGreaterThan(2 * n); // the failures really happened
    expectEachItemPostedOnce();
    expect(store.outbox.all().filter((i) => i.status !== 'sent')).toEqual([]);
  });
});
