/**
 * No body can end the process. A correctly signed request whose payload is `null` used to reject a promise
 * inside Bolt's HTTPReceiver that nobody handled — and Node ends the process on that. Over real HTTP with
 * Bolt on 127.0.0.1: malformed bodies get a short refusal and the next request is served; the same against
 * the compiled program started as `npm start` does; and the process guards of src/main.ts keep an unhandled
 * rejection from ending the bot, logging it without its message.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrgIndex } from '../../../src/config/orgIndex.js';
import { appTexts } from '../../../src/i18n/app.js';
import { message, text } from '../../../src/messaging/reply.js';
import type { BotApi } from '../../../src/messaging/ports.js';
import { createSlackPlatform, type SlackPlatform } from '../../../src/platforms/slack/app.js';
import { compiledProgram } from '../../support/compiled.js';
import { FakeSlack, memoryLogger } from '../../support/fakeSlack.js';
import { startTs, until, type Started } from '../../support/process.js';
import { post, sign, slashCommand, TEST_SIGNING_SECRET } from '../../support/slackRequests.js';
import { exampleOrg } from '../../support/world.js';

const program = await compiledProgram();

/** Would be quoted by a parse error; must not reach the log. */
const SECRET = 'Kunde 123A456789';
const form = (payload: string): string => new URLSearchParams({ payload }).toString();
const JSON_TYPE = { 'content-type': 'application/json' };

const NOT_AN_OBJECT: Array<[string, string, Record<string, string>?]> = [
  ['payload=null', form('null')],
  ['JSON null', 'null', JSON_TYPE],
  ['payload=1', form('1')],
  ['payload=true', form('true')],
  ['a payload string', form(JSON.stringify(SECRET))],
  ['a payload array', form(`[${JSON.stringify(SECRET)}]`)],
];

/** A signed POST that gives up after a few seconds: the old crash left such a request unanswered. */
async function postMalformed(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(TEST_SIGNING_SECRET, timestamp, body),
      ...headers,
    },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, text: await response.text() };
}

/** Answers every command with „Hallo“. */
const bot: BotApi = {
  handleCommand: () => ({ kind: 'message', message: message('Hallo', text('Hallo')) }),
  submitForm: () => ({ kind: 'message', message: message('Hallo', text('Hallo')) }),
  handleAction: () => ({ kind: 'message', message: message('Hallo', text('Hallo')) }),
  handleThreadReply: () => undefined,
};

describe('Bolt on 127.0.0.1', () => {
  let fake: FakeSlack;
  let platform: SlackPlatform;
  let logger: ReturnType<typeof memoryLogger>;
  let events: string;

  beforeEach(async () => {
    fake = await FakeSlack.start();
    logger = memoryLogger();
    platform = createSlackPlatform({
      botToken: fake.token,
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      bot,
      org: new OrgIndex(exampleOrg()),
      healthy: () => true,
      logger,
    });
    await platform.start();
    events = `http://127.0.0.1:${platform.port()}/slack/events`;
  });
  afterEach(async () => {
    await platform.stop();
    await fake.close();
  });

  // vitest fails the run on an unhandled rejection, so the old crash would show here as well.
  it.each(NOT_AN_OBJECT)('answers a signed body with %s 400 at once, then the next command as before', async (_what, body, headers) => {
    expect(await postMalformed(events, body, headers)).toEqual({ status: 400, text: '' });

    const next = await post(events, slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' }));
    expect(next.status).toBe(200);
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(reply!.params).toMatchObject({ user: 'U0IFKLENA', text: 'Hallo' });
    expect(logger.lines.map((l) => l.text).join('\n')).not.toContain('123A456789');
  });

  it('answers payload=null 401 when it is not correctly signed, like any forged request', async () => {
    expect((await post(events, form('null'), { secret: 'jemand-anderes' })).status).toBe(401);
  });

  it('still serves Slack’s own checks: ssl_check and url_verification', async () => {
    expect((await post(events, 'ssl_check=1&token=x')).status).toBe(200);
    const challenge = await post(events, JSON.stringify({ type: 'url_verification', challenge: 'abc' }), { headers: JSON_TYPE });
    expect(challenge.json()).toEqual({ challenge: 'abc' });
  });
});

describe('the running process', () => {
  let dir: string;
  let fake: FakeSlack;
  let running: Started | undefined;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-robust-'));
    fake = await FakeSlack.start();
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
    await running?.exited.catch(() => undefined);
    running = undefined;
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** `npm start` for Slack over HTTP against the fake, until it says it listens; `stdout()` is what it printed so far. */
  async function startListening(env: Record<string, string> = {}): Promise<{ bot: Started; stdout: () => string }> {
    let stdout = '';
    const bot = startTs('src/main.ts', [], {
      FM_LOTSE_DB: path.join(dir, 'fm-lotse.db'),
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    });
    running = bot;
    bot.child.stdout?.on('data', (chunk) => (stdout += chunk));
    await until(() => /HTTP auf 127\.0\.0\.1:\d+/.test(stdout) || bot.child.exitCode !== null, 'the bot to listen');
    return { bot, stdout: () => stdout };
  }

  it('survives a signed payload=null and answers the next command (npm start, Slack over HTTP)', async () => {
    const { bot, stdout: printed } = await startListening();
    const stdout = printed();
    const port = /HTTP auf 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1];
    expect(port, stdout).toBeDefined();
    const base = `http://127.0.0.1:${port}`;

    expect((await postMalformed(`${base}/slack/events`, form('null'))).status).toBe(400);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await post(`${base}/slack/events`, slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' }))).status).toBe(200);
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(reply!.params).toMatchObject({ channel: 'C0MI1', user: 'U0IFKLENA' });

    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    expect(exit.code, exit.stderr).toBe(0);
  }, 40_000);

  it('stops cleanly (exit 0) on SIGTERM while the jobs missed at start still run after it listens (npm start)', async () => {
    // The first working day of a quarter: the missed jobs queue the leads' pings and the quarterly duties.
    const { bot, stdout } = await startListening({ FM_LOTSE_NOW: '2026-01-05T07:40' });
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    expect(exit.code, `${exit.signal ?? ''} ${exit.stderr}`).toBe(0);
    expect(stdout()).toContain(appTexts.stopping);
  }, 40_000);
});

describe('process guards (src/main.ts)', () => {
  /** Runs a script against the compiled main module with the guards installed. */
  function guarded(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const main = pathToFileURL(program.entry('src/main.ts')).href;
    const source = `import { installProcessGuards } from '${main}';
      installProcessGuards(async () => console.log('gestoppt'));
      ${script}`;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('log a rejection nobody handled, without its message, and keep the bot running', async () => {
    const result = await guarded(`
      Promise.reject(new TypeError('${SECRET} schrieb etwas'));
      setTimeout(() => { console.log('läuft noch'); process.exit(0); }, 100);`);
    expect(result.stdout).toContain('läuft noch');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\[Fehler [0-9a-f]{8}\][^\n]*läuft weiter/);
    expect(result.stderr).toContain('TypeError');
    expect(result.stderr).not.toContain('123A456789');
    expect(result.stderr).not.toContain('schrieb');
  });

  it('stop the bot cleanly and exit 1 after an exception thrown out of synchronous code', async () => {
    const result = await guarded(`
      setTimeout(() => { throw new RangeError('${SECRET}'); }, 10);
      setTimeout(() => console.log('läuft noch'), 2_000);`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('gestoppt');
    expect(result.stdout).not.toContain('läuft noch');
    expect(result.stderr).toContain('RangeError');
    expect(result.stderr).not.toContain('123A456789');
  });
});
