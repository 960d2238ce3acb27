/**
 * Malformed bodies at POST /api/messages, over real HTTP with the Teams SDK behind Express: a short JSON
 * error with the right status — no HTML page with a stack trace or the installation's paths — nothing of the
 * body in the log, and the bot answers the next activity as before. On Teams' own listener and on the one
 * it shares with Slack.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../../../src/config/env.js';
import { OrgIndex } from '../../../src/config/orgIndex.js';
import { ManualClock } from '../../../src/domain/time.js';
import { start, type Running } from '../../../src/main.js';
import { createTeamsPlatform, MESSAGES_PATH, type TeamsPlatform } from '../../../src/platforms/teams/app.js';
import { Bot } from '../../../src/app/bot.js';
import { WorkCalendar } from '../../../src/domain/calendar.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { FakeBotConnector, shown } from '../../support/fakeBotConnector.js';
import { FakeSlack } from '../../support/fakeSlack.js';
import { TEST_SIGNING_SECRET } from '../../support/slackRequests.js';
import { EXAMPLE_ORG_FILE, exampleOrg } from '../../support/world.js';
import { personalMessage, postActivity } from './activities.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Would be quoted by a JSON parse error; must not reach the log. */
const SECRET = 'Kunde 123A456789 hat Schulden';

const MALFORMED: Array<[string, string, string, number]> = [
  ['broken JSON', 'application/json', `{"type": "message", "text": "${SECRET}"`, 400],
  ['JSON null', 'application/json', 'null', 400],
  ['a JSON string', 'application/json', `"${SECRET}"`, 400],
  ['a JSON array', 'application/json', '[]', 400],
  ['an object without activity type', 'application/json', `{"text": "${SECRET}"}`, 400],
  ['plain text', 'text/plain', SECRET, 400],
  ['an unknown charset', 'application/json; charset=utf-99', '{}', 415],
  ['a body far above any activity', 'application/json', JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }), 413],
];

async function postRaw(url: string, contentType: string, body: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

function expectShortError(answer: { status: number; type: string | null; text: string }, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/json/);
  expect(answer.text.length).toBeLessThan(100);
  expect(answer.text).not.toMatch(/\bat\s/);
  expect(answer.text).not.toContain(ROOT);
  expect(answer.text).not.toContain('/work/');
  expect(answer.text).not.toContain('<');
  expect(JSON.parse(answer.text)).toHaveProperty('error');
}

let connector: FakeBotConnector;
beforeEach(async () => {
  connector = await FakeBotConnector.start();
});
afterEach(async () => {
  await connector.close();
});

const hello = () => personalMessage({ serviceUrl: connector.serviceUrl, from: { id: '29:platzhalter-ifk-lena', name: 'Lena Schröder' }, text: 'hilfe' });

describe('Teams on its own listener', () => {
  let store: SqliteStore;
  let platform: TeamsPlatform;
  let endpoint: string;
  const logged: string[] = [];

  beforeEach(async () => {
    store = SqliteStore.open(':memory:');
    const org = new OrgIndex(exampleOrg());
    const clock = new ManualClock(Date.parse('2025-10-20T09:00:00+02:00'));
    logged.length = 0;
    const log = (line: string) => logged.push(line);
    platform = createTeamsPlatform({
      auth: { auth: 'none' },
      port: 0,
      host: '127.0.0.1',
      bot: new Bot({ org, store, clock, calendar: new WorkCalendar({ holidayRegion: 'DE-HB' }) }),
      org,
      store,
      clock,
      healthy: () => store.isHealthy(),
      logger: { info() {}, warn: log, error: log },
    });
    await platform.start();
    endpoint = `http://127.0.0.1:${platform.port()}${MESSAGES_PATH}`;
  });
  afterEach(async () => {
    await platform.stop();
    store.close();
  });

  it.each(MALFORMED)('answers %s with a short JSON error, then the next activity as before', async (_what, contentType, body, status) => {
    expectShortError(await postRaw(endpoint, contentType, body), status);
    expect(logged.join('\n')).not.toContain('123A456789');
    expect(logged.join('\n')).not.toContain('Schulden');

    expect((await postActivity(endpoint, hello())).status).toBe(200);
    const [reply] = connector.callsOf('reply');
    expect(shown(reply!)).toContain('vormerken');
  });

  it('answers another method or path with a short JSON 404', async () => {
    const base = `http://127.0.0.1:${platform.port()}`;
    for (const response of [await fetch(`${base}${MESSAGES_PATH}`), await fetch(`${base}/anderswo`, { method: 'POST' })]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'not_found' });
    }
  });
});

describe('Teams on the listener it shares with Slack', () => {
  let dir: string;
  let slack: FakeSlack;
  let running: Running | undefined;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-robust-'));
    slack = await FakeSlack.start();
    // start() and Bolt report on the console what an operator needs to know; the test reads the answers.
    for (const level of ['info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await slack.close();
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers malformed bodies with short JSON errors and the next activity as before', async () => {
    const env = loadEnv({
      FM_LOTSE_ORG: EXAMPLE_ORG_FILE,
      FM_LOTSE_DB: path.join(dir, 'fm-lotse.db'),
      PORT: '0',
      HOST: '127.0.0.1',
      TEAMS_LOCAL_NOAUTH: '1',
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    running = await start(env, { input: new PassThrough(), output: new PassThrough() });
    const endpoint = `http://127.0.0.1:${running.slack!.port()}${MESSAGES_PATH}`;

    for (const [, contentType, body, status] of MALFORMED) expectShortError(await postRaw(endpoint, contentType, body), status);

    expect((await postActivity(endpoint, hello())).status).toBe(200);
    expect(shown(connector.callsOf('reply')[0]!)).toContain('vormerken');
  });
});
