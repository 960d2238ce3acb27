/**
 * Issue #13, item 3 — delivery at the rate limit: the 07:30 digests of 500 FMs through a fake Slack that
 * enforces Slack's rate limits (model and numbers: bench/RATE_LIMITS.md), by the real job, outbox, Delivery
 * and Slack transport (Web API client over HTTP). Goal: all delivered within 1.1× the least time the limits
 * allow, 0 duplicates, 0 lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JOBS } from '../jobs/index.js';
import { Delivery } from '../src/app/delivery.js';
import { runJobs } from '../src/app/scheduler.js';
import { loadOrgFileOrThrow } from '../src/config/load.js';
import { OrgIndex } from '../src/config/orgIndex.js';
import { WorkCalendar } from '../src/domain/calendar.js';
import { DEFAULT_NEED_CATALOGUE } from '../src/domain/needs.js';
import { SystemClock } from '../src/domain/time.js';
import { renderMessage } from '../src/platforms/slack/render.js';
import { outboxClient, SlackTransport } from '../src/platforms/slack/transport.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { insertCase } from '../test/support/build.js';
import { FakeSlack } from '../test/support/fakeSlack.js';
import { floorMs, RateLimitedSlack, type RateLimitModel } from '../test/support/rateLimitedSlack.js';
import { writeLargeOrg } from '../test/support/seed.js';

const POST = 'chat.postMessage';
const AT = Date.parse('2026-03-03T07:30:00+01:00'); // a Tuesday, 07:30: the FM digests are due
const GOAL = 1.1;

/** See bench/RATE_LIMITS.md: Slack's shape (per method per workspace, per conversation), numbers scaled to run in seconds. */
export const BENCH_MODEL: RateLimitModel = {
  perMethod: { [POST]: { perSecond: 20, burst: 20 } },
  perConversation: { perSecond: 1, burst: 3, methods: [POST] },
};

export async function benchRateLimit(teams = 10, fmsPerTeam = 50): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-bench-ratelimit-'));
  const fake = await FakeSlack.start();
  const limited = await RateLimitedSlack.start(fake, BENCH_MODEL);
  const large = writeLargeOrg(dir, { fmTeams: teams, fmsPerTeam });
  const store = SqliteStore.open(path.join(dir, 'fm-lotse.db'));
  try {
    for (const fmId of large.fmIds) {
      const team = fmId.replace(/^fm-(\d+)-\d+$/, 'fm-$1');
      // R13: a first contact overdue, so each FM's digest has an item.
      insertCase(store, { receivingTeamId: team, status: 'aktiv', fmId, intakeOn: '2025-11-20', referringTeamId: team.replace('fm', 'mi'), referringPersonId: team.replace('fm', 'ifk') });
    }
    const org = new OrgIndex(loadOrgFileOrThrow(large.file));
    const clock = new SystemClock(AT);
    const calendar = new WorkCalendar({ holidayRegion: org.org.jobcenter.holidayRegion });
    runJobs({ org, store, clock, calendar, needCatalogue: DEFAULT_NEED_CATALOGUE }, JOBS, AT, { error: () => undefined });
    const queued = store.outbox.all();

    const transport = new SlackTransport(outboxClient(fake.token, { apiUrl: limited.apiUrl }), org);
    const delivery = new Delivery(store, [transport], clock, { calendar, logger: { warn: () => undefined, error: console.error } });
    const start = performance.now();
    const { pending } = await delivery.drain({ maxWaitMs: 120_000 });
    const elapsed = performance.now() - start;

    // Accepted posts per conversation give the floor; (address, text) pairs tell duplicates and losses.
    const accepted = fake.succeeded(POST);
    const perConversation = new Map<string, number>();
    for (const call of accepted) perConversation.set(call.params.channel, (perConversation.get(call.params.channel) ?? 0) + 1);
    const floor = floorMs(BENCH_MODEL, new Map([[POST, perConversation]]));
    const posted = new Map<string, number>();
    for (const call of accepted) posted.set(`${call.params.channel}|${call.params.text}`, (posted.get(`${call.params.channel}|${call.params.text}`) ?? 0) + 1);
    const keyOf = (target: (typeof queued)[number]['target'], message: (typeof queued)[number]['message']) =>
      `${target.kind === 'channel' ? large.slackChannel.get(target.teamId) : large.slackUser.get(target.personId)}|${renderMessage(message, org).text}`;
    const lost = queued.filter((item) => !posted.has(keyOf(item.target, item.message))).length;
    const duplicates = [...posted.values()].reduce((sum, n) => sum + n - 1, 0);
    const digests = queued.filter((item) => item.dedupeKey.startsWith('ping.digest:')).length;
    const ratio = elapsed / floor;

    console.log(
      `rate limit: ${queued.length} messages (${digests} FM digests) of ${large.fmIds.length} FMs through a rate-limited fake Slack ` +
        `in ${(elapsed / 1000).toFixed(2)} s; floor ${(floor / 1000).toFixed(2)} s → ${ratio.toFixed(3)}× (goal ≤ ${GOAL}×) ` +
        `${ratio <= GOAL ? 'ok' : 'MISSED'}`,
    );
    console.log(
      `  ${duplicates} duplicates, ${lost} lost, ${pending} pending (goal 0/0/0); ${limited.refused.get(POST) ?? 0} calls answered 429; ` +
        `model: ${POST} ${BENCH_MODEL.perMethod[POST]!.perSecond}/s burst ${BENCH_MODEL.perMethod[POST]!.burst} per workspace, ` +
        `${BENCH_MODEL.perConversation.perSecond}/s burst ${BENCH_MODEL.perConversation.burst} per conversation (bench/RATE_LIMITS.md)`,
    );
  } finally {
    store.close();
    await limited.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
