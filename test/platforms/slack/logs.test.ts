/**
 * Structured logs (issue #13, item 4) on the real Slack path: Bolt over HTTP, the real Bot and store, the real
 * Delivery, a fake Slack Web API, and the process's pino logger writing JSON lines into memory. One id per Slack
 * request is carried into its log lines, its audit entry, its outbox row and the log line of that row's send;
 * Bolt's own logs come through the same logger; nothing at info names a customer number or a message text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, pretty, useLogger } from '../../../src/app/log.js';
import { createSlackPlatform, type SlackPlatform } from '../../../src/platforms/slack/app.js';
import { CLIENT, referralLine } from '../../support/build.js';
import { FakeSlack } from '../../support/fakeSlack.js';
import { post, slashCommand, TEST_SIGNING_SECRET } from '../../support/slackRequests.js';
import { createWorld, type World } from '../../support/world.js';

let world: World;
let fake: FakeSlack;
let platform: SlackPlatform;
let out: string[];
let err: string[];
const lines = (): Array<Record<string, any>> => [...out, ...err].join('').split('\n').filter(Boolean).map((l) => JSON.parse(l));

beforeEach(async () => {
  out = [];
  err = [];
  useLogger(createLogger({ level: 'debug', format: 'json', stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } }));
  world = createWorld({ now: '2025-10-20T10:00:00+02:00' });
  fake = await FakeSlack.start();
  // No logger given: Bolt, its receiver and its clients log through the process's logger.
  platform = createSlackPlatform({
    botToken: fake.token,
    signingSecret: TEST_SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    bot: world.bot,
    org: world.org,
    healthy: () => true,
  });
  await platform.start();
});

afterEach(async () => {
  await platform.stop();
  await fake.close();
  world.close();
  useLogger(createLogger({ level: 'silent', format: 'json' }));
});

describe('log lines, audit entries and outbox sends of one Slack request share its id', () => {
  it('a referral: the request’s lines, its audit entry, its outbox row and the send’s line carry one id', async () => {
    const events = `http://127.0.0.1:${platform.port()}/slack/events`;
    const response = await post(events, slashCommand({ text: referralLine({ kunde: CLIENT }), userId: 'U0IFKLENA', channelId: 'C0MI1' }));
    expect(response.status).toBe(200);
    await fake.waitFor('chat.postEphemeral');

    const [created] = world.store.audit.byAction('referral.created');
    const id = created?.requestId;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const [queued] = world.store.outbox.all();
    expect(queued?.requestId).toBe(id);
    expect(lines().some((l) => l.req === id && l.level === 'debug' && /Slack request command \/fm/.test(l.msg))).toBe(true);

    await world.delivery([platform.transport]).flush();
    const sent = lines().find((l) => l.msg === 'outbox message sent');
    expect(sent).toMatchObject({ level: 'info', req: id, outbox: queued!.id, platform: 'slack', key: queued!.dedupeKey });
    expect(typeof sent!.time).toBe('string');

    // A second request gets an id of its own.
    await post(events, slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' }));
    const ids = new Set(lines().filter((l) => /Slack request/.test(l.msg)).map((l) => l.req));
    expect(ids.size).toBe(2);

    // Social data: no customer number and no message text in any line at info or above.
    const notice = fake.succeeded('chat.postMessage')[0]!.params.text as string;
    for (const line of lines().filter((l) => l.level !== 'debug' && l.level !== 'trace')) {
      const raw = JSON.stringify(line);
      expect(raw).not.toContain(CLIENT);
      expect(raw).not.toContain(notice);
    }
  });

  it('Bolt’s own logs come through the same logger, as JSON lines naming their component', async () => {
    const response = await fetch(`http://127.0.0.1:${platform.port()}/nirgendwo`);
    expect(response.status).toBe(404);
    expect(lines().find((l) => /Unhandled HTTP request \(GET\) made to \/nirgendwo/.test(l.msg))).toMatchObject({ level: 'info', component: 'fm-lotse:slack' });
  });
});

describe('LOG_LEVEL and the console chat’s readable lines', () => {
  it('writes only lines at or above the level, errors to stderr, and formats lines readably for the console', () => {
    const o: string[] = [];
    const e: string[] = [];
    const logger = createLogger({ level: 'warn', format: 'json', stdout: { write: (s: string) => void o.push(s) }, stderr: { write: (s: string) => void e.push(s) } });
    logger.info('nicht zu sehen');
    logger.warn({ outbox: 3 }, 'zu sehen');
    logger.error('Fehler');
    expect(o.join('')).not.toContain('nicht zu sehen');
    expect(JSON.parse(o.join(''))).toMatchObject({ level: 'warn', msg: 'zu sehen', outbox: 3 });
    expect(JSON.parse(e.join(''))).toMatchObject({ level: 'error', msg: 'Fehler' });
    expect(pretty('{"level":"warn","time":"2025-10-20T08:00:01.000Z","msg":"zu sehen","req":"abc","outbox":3}')).toBe('08:00:01 WARN  zu sehen [abc] outbox=3\n');
  });
});
