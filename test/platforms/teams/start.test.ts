/**
 * Starting FM-Lotse with Teams through src/main.ts: refused without authentication off loopback and with
 * incomplete credentials (each naming what to fix); served alone on PORT with /healthz; sharing one listener
 * with Slack when both run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../../../src/config/env.js';
import { start, type Running } from '../../../src/main.js';
import { FakeBotConnector, shown } from '../../support/fakeBotConnector.js';
import { FakeSlack } from '../../support/fakeSlack.js';
import { TEST_SIGNING_SECRET } from '../../support/slackRequests.js';
import { runTs } from '../../support/spawn.js';
import { EXAMPLE_ORG_FILE } from '../../support/world.js';
import { personalChatId, personalMessage, postActivity } from './activities.js';

let dir: string;
let running: Running | undefined;
let connector: FakeBotConnector;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-teams-'));
  connector = await FakeBotConnector.start();
  // start() and Bolt report on the console what an operator needs to know; the tests read the outcome instead.
  for (const level of ['info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
  await connector.close();
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const io = () => ({ input: new PassThrough(), output: new PassThrough() });
const baseEnv = () => ({ FM_LOTSE_ORG: EXAMPLE_ORG_FILE, FM_LOTSE_DB: path.join(dir, 'fm-lotse.db'), PORT: '0', HOST: '127.0.0.1' });
const hello = () => personalMessage({ serviceUrl: connector.serviceUrl, from: { id: '29:platzhalter-ifk-lena', name: 'Lena Schröder' }, text: 'hilfe' });

describe('starting with Microsoft Teams', () => {
  it('refuses TEAMS_LOCAL_NOAUTH on any address but 127.0.0.1, and names HOST', async () => {
    const result = await runTs('src/main.ts', [], { env: { ...baseEnv(), TEAMS_LOCAL_NOAUTH: '1', HOST: '0.0.0.0' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HOST muss „127.0.0.1“ sein');
  });

  it('refuses incomplete Microsoft credentials and names the missing variables', () => {
    expect(() => loadEnv({ ...baseEnv(), MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001' })).toThrow(
      /MICROSOFT_APP_PASSWORD und MICROSOFT_APP_TENANT_ID fehlen/,
    );
  });

  it('serves /api/messages and /healthz on PORT when Teams runs alone', async () => {
    running = await start(loadEnv({ ...baseEnv(), TEAMS_LOCAL_NOAUTH: '1' }), io());
    const port = running.teams?.port();
    expect(port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await postActivity(`http://127.0.0.1:${port}/api/messages`, hello())).status).toBe(200);
    const [reply] = connector.callsOf('reply');
    expect(reply!.conversationId).toBe(personalChatId('29:platzhalter-ifk-lena'));
    expect(shown(reply!)).toContain('vormerken');
  });

  it.each([
    ['over HTTP', (_slack: FakeSlack) => ({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET })],
    ['in Socket Mode', (slack: FakeSlack) => ({ SLACK_APP_TOKEN: slack.appToken })],
  ])('shares the one listener on PORT with Slack %s', async (_mode, slackMode) => {
    const slack = await FakeSlack.start();
    try {
      running = await start(
        loadEnv({ ...baseEnv(), TEAMS_LOCAL_NOAUTH: '1', SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl, ...slackMode(slack) }),
        io(),
      );
      expect(running.teams?.port()).toBeUndefined();
      const port = running.slack!.port();
      expect((await postActivity(`http://127.0.0.1:${port}/api/messages`, hello())).status).toBe(200);
      expect(connector.callsOf('reply')).toHaveLength(1);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await running?.stop();
      running = undefined;
      await slack.close();
    }
  });
});
