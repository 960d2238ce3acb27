/**
 * The servers of the Slack benchmarks, in a process of their own (so the load generator and the fake Slack Web
 * API in the bench process do not share the event loop they measure): FM-Lotse as `npm start` composes it
 * (src/main.ts `start`, Bolt over HTTP, SQLite in a temp folder, delivery kicked after each request) and a bare
 * Bolt app on the same kind of receiver whose only listener acks. Both talk to the fake Slack at argv[2].
 * Prints one line `SERVERS {"lotse": url, "bare": url}` when both listen; ends when its stdin closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver, LogLevel, type Logger } from '@slack/bolt';
import { loadEnv } from '../src/config/env.js';
import { start } from '../src/main.js';
import { EVENTS_PATH } from '../src/platforms/slack/app.js';

export const BENCH_TOKEN = 'xoxb-test-token';
export const BENCH_SIGNING_SECRET = 'test-signing-secret';

const apiUrl = process.argv[2];
if (!apiUrl) throw new Error('usage: slackServers.ts <fake Slack API URL>');

const dir = mkdtempSync(join(tmpdir(), 'fm-lotse-bench-slack-'));
const running = await start(
  loadEnv({
    SLACK_BOT_TOKEN: BENCH_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    FM_LOTSE_DB: join(dir, 'bench.db'),
    FM_LOTSE_NOW: '2025-10-20T10:00',
    LOG_LEVEL: 'warn',
  }),
);

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (...msg) => console.error(...msg),
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
const receiver = new HTTPReceiver({ signingSecret: BENCH_SIGNING_SECRET, endpoints: EVENTS_PATH, logger: quiet });
const bare = new App({ receiver, token: BENCH_TOKEN, clientOptions: { slackApiUrl: apiUrl }, logger: quiet, deferInitialization: true, convoStore: false });
bare.command('/fm', async ({ ack }) => {
  await ack();
});
await bare.init();
const server = await receiver.start({ port: 0, host: '127.0.0.1' } as never);
const barePort = (server.address() as { port: number }).port;

console.log(`SERVERS ${JSON.stringify({ lotse: `http://127.0.0.1:${running.slack?.port()}${EVENTS_PATH}`, bare: `http://127.0.0.1:${barePort}${EVENTS_PATH}` })}`);

process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all([running.stop(), receiver.stop()]).finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
