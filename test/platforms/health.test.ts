/**
 * GET /healthz and GET /metrics over HTTP (issue #13, item 5), on the real Slack platform (Bolt over HTTP and
 * over Socket Mode), the real store on a temp SQLite file, the real Delivery and a fake Slack Web API. The
 * 503 cases are provoked: an outbox stuck for 15 minutes, another process holding the database's write lock,
 * a Socket Mode connection lost for a minute.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { metrics } from '../../src/app/metrics.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { message, text } from '../../src/messaging/reply.js';
import { healthReport, outboxStats } from '../../src/platforms/healthReport.js';
import { createSlackPlatform, type SlackPlatform } from '../../src/platforms/slack/app.js';
import { FakeSlack, memoryLogger } from '../support/fakeSlack.js';
import { post, slashCommand, TEST_SIGNING_SECRET } from '../support/slackRequests.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
let fake: FakeSlack;
let platform: SlackPlatform;
let base: string;

async function startPlatform(mode: 'http' | 'socket'): Promise<void> {
  platform = createSlackPlatform({
    botToken: fake.token,
    ...(mode === 'http' ? { signingSecret: TEST_SIGNING_SECRET } : { appToken: fake.appToken }),
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    bot: world.bot,
    org: world.org,
    clock: world.clock,
    healthy: () => healthReport({ store: world.store, clock: world.clock, jobs: () => metrics.jobRuns, socketMode: () => platform.socketMode() }),
    logger: memoryLogger(),
  });
  await platform.start();
  base = `http://127.0.0.1:${platform.port()}`;
  metrics.observeOutbox(() => outboxStats(world.store, world.clock.now()));
}

async function health(): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}/healthz`);
  return { status: response.status, body: await response.json() };
}

/** One sample of the Prometheus text, e.g. `fm_lotse_outbox_sent_total{platform="slack"}`; 0 when absent. */
async function sample(series: string): Promise<number> {
  const textBody = await (await fetch(`${base}/metrics`)).text();
  const line = textBody.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

function queueNotice(key: string): void {
  world.store.outbox.enqueue({
    dedupeKey: key,
    target: { kind: 'channel', teamId: 'fm-ue25' },
    message: message('Neue Vormerkung FM-2025-0001', text('Neue Vormerkung FM-2025-0001')),
    createdAt: world.clock.now(),
  });
}

beforeEach(async () => {
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
  fake = await FakeSlack.start();
});

afterEach(async () => {
  await platform.stop();
  await fake.close();
  world.close();
});

describe('GET /healthz', () => {
  beforeEach(() => startPlatform('http'));

  it('answers 200 with JSON: database, outbox pending / oldest age / failed, the last run of each job', async () => {
    runJobs({ ...world, needCatalogue: DEFAULT_NEED_CATALOGUE }, JOBS, world.clock.now());
    queueNotice('health.one');
    world.clock.advance(90_000);
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database).toEqual({ reachable: true, writable: true });
    // What the jobs queued and the notice: all waiting (no delivery runs here), the oldest for 90 seconds.
    expect(body.outbox).toMatchObject({ pending: world.counts().outbox, failed: 0, oldestPendingAgeSeconds: 90, rateLimited: false, stuckSinceSeconds: null });
    expect(Object.keys(body.jobs).sort()).toEqual(JOBS.map((j) => j.name).sort());
    expect(body.jobs[JOBS[0]!.name]).toMatchObject({ lastRunAt: '2025-10-20T07:00:00.000Z', ok: true });
    expect(body.socketMode).toBeNull();
  });

  it('answers 503 when the outbox has been stuck for 15 minutes, and 200 again during a rate-limit pause or once sent', async () => {
    const delivery = world.delivery([platform.transport]);
    queueNotice('health.stuck');
    fake.failNext('chat.postMessage', 1, { status: 503 });
    await delivery.flush();
    world.clock.advance(14 * 60_000);
    expect((await health()).status).toBe(200);
    world.clock.advance(2 * 60_000);
    const stuck = await health();
    expect(stuck.status).toBe(503);
    expect(stuck.body.problems).toEqual(['outbox_stuck']);
    expect(stuck.body.outbox).toMatchObject({ pending: 1, stuckSinceSeconds: 16 * 60 });

    fake.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 60 });
    await delivery.flush();
    const paused = await health();
    expect(paused.status).toBe(200);
    expect(paused.body.outbox).toMatchObject({ pending: 1, rateLimited: true });

    world.clock.advance(61_000);
    await delivery.flush();
    const sent = await health();
    expect(sent.status).toBe(200);
    expect(sent.body.outbox).toMatchObject({ pending: 0, failed: 0, rateLimited: false, stuckSinceSeconds: null });
  });

  it('answers 503 while another process holds the database’s write lock, at once, and 200 after', async () => {
    const other = new Database(world.dbFile);
    const busyTimeout = world.store.db.pragma('busy_timeout', { simple: true });
    try {
      other.exec('BEGIN IMMEDIATE');
      const locked = await health();
      expect(locked.status).toBe(503);
      expect(locked.body.problems).toEqual(['database_not_writable']);
      expect(locked.body.database).toEqual({ reachable: true, writable: false });
      other.exec('ROLLBACK');
      expect((await health()).status).toBe(200);
      // The probe leaves the bot's own busy timeout as it was.
      expect(world.store.db.pragma('busy_timeout', { simple: true })).toBe(busyTimeout);
    } finally {
      other.close();
    }
  });
});

describe('GET /healthz in Socket Mode', () => {
  beforeEach(() => startPlatform('socket'));

  it('reports the connection and answers 503 once it has been lost for a minute', async () => {
    const acks = 'fm_lotse_ack_latency_seconds_count{platform="slack"}';
    const acked = await sample(acks);
    const payload = Object.fromEntries(new URLSearchParams(slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' })));
    await fake.sendEnvelope('slash_commands', payload);
    expect(await sample(acks)).toBe(acked + 1);

    const connected = await health();
    expect(connected.status).toBe(200);
    expect(connected.body.socketMode).toEqual({ state: 'connected', sinceSeconds: 0 });

    await fake.close(); // Slack gone: the connection drops and cannot come back
    for (let i = 0; i < 200 && platform.socketMode()?.state === 'connected'; i++) await new Promise((r) => setTimeout(r, 10));
    world.clock.advance(59_000);
    const lost = await health();
    expect(lost.status).toBe(200);
    expect(lost.body.socketMode.state).not.toBe('connected');
    world.clock.advance(1_000);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.problems).toEqual(['socket_mode_disconnected']);
    expect(down.body.socketMode.sinceSeconds).toBe(60);
  });
});

describe('GET /metrics', () => {
  beforeEach(() => startPlatform('http'));

  it('counts commands by name and outcome, acknowledgement latency, outbox sends and job durations, in Prometheus format', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const hilfe = 'fm_lotse_commands_total{kind="command",command="hilfe",outcome="ok"}';
    const refused = 'fm_lotse_commands_total{kind="command",command="vormerken",outcome="refused"}';
    const unknown = 'fm_lotse_commands_total{kind="command",command="unbekannt",outcome="refused"}';
    const acks = 'fm_lotse_ack_latency_seconds_count{platform="slack"}';
    const sent = 'fm_lotse_outbox_sent_total{platform="slack"}';
    const retried = 'fm_lotse_outbox_retried_total{platform="slack",reason="error"}';
    const job = `fm_lotse_job_duration_seconds_count{job="${JOBS[0]!.name}",outcome="ok"}`;
    const before = Object.fromEntries(await Promise.all([hilfe, refused, unknown, acks, sent, retried, job].map(async (s) => [s, await sample(s)] as const)));

    for (const line of ['hilfe', 'vormerken kunde=1', 'gibtsnicht']) {
      expect((await post(`${base}/slack/events`, slashCommand({ text: line, userId: 'U0IFKLENA', channelId: 'C0MI1' }))).status).toBe(200);
    }
    await fake.waitFor('chat.postEphemeral', 3);
    queueNotice('metrics.one');
    expect(await sample('fm_lotse_outbox_pending')).toBe(1);
    const delivery = world.delivery([platform.transport]);
    fake.failNext('chat.postMessage', 1, { status: 500 });
    await delivery.flush();
    world.clock.advance(10_000);
    await delivery.flush();
    expect(await sample('fm_lotse_outbox_pending')).toBe(0);
    runJobs({ ...world, needCatalogue: DEFAULT_NEED_CATALOGUE }, JOBS, world.clock.now());

    expect(await sample(hilfe)).toBe(before[hilfe]! + 1);
    expect(await sample(refused)).toBe(before[refused]! + 1);
    expect(await sample(unknown)).toBe(before[unknown]! + 1);
    expect(await sample(acks)).toBe(before[acks]! + 3);
    expect(await sample(sent)).toBe(before[sent]! + 1);
    expect(await sample(retried)).toBe(before[retried]! + 1);
    expect(await sample(job)).toBe(before[job]! + 1);
    const textBody = await (await fetch(`${base}/metrics`)).text();
    // Labels name commands and outcomes only: no customer number, no person.
    expect(textBody).not.toMatch(/U0IFKLENA|ifk-lena|kunde/);
  });
});
