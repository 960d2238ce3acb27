/**
 * SIGKILL right after Slack got its acknowledgement (issue #13 item 9): the bot (`npm start`, Slack over HTTP)
 * is killed the moment the first of a burst of referrals is acknowledged, then started again. Every
 * acknowledged referral is stored, or its sender gets a direct message that it was not — never neither, never
 * both. Which requests the kill interrupts depends on timing; the property holds for each outcome.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referralLine } from '../support/build.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { startTs, until, type Started } from '../support/process.js';
import { post, slashCommand, TEST_SIGNING_SECRET } from '../support/slackRequests.js';

const LENA = 'U0IFKLENA';
const BURST = 12;

let dir: string;
let dbFile: string;
let fake: FakeSlack;
let running: Started | undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-killack-'));
  dbFile = path.join(dir, 'fm-lotse.db');
  fake = await FakeSlack.start();
});
afterEach(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  await running?.exited.catch(() => undefined);
  running = undefined;
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function startBot(): Promise<{ bot: Started; base: string }> {
  let stdout = '';
  const bot = startTs('src/main.ts', [], {
    FM_LOTSE_DB: dbFile,
    FM_LOTSE_NOW: '2025-10-20T09:00:00+02:00',
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
  });
  running = bot;
  bot.child.stdout?.on('data', (chunk) => (stdout += chunk));
  await until(() => /HTTP auf 127\.0\.0\.1:\d+/.test(stdout) || bot.child.exitCode !== null, 'the bot to listen');
  const port = /HTTP auf 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1];
  expect(port, stdout).toBeDefined();
  return { bot, base: `http://127.0.0.1:${port}` };
}

function pendingOutbox(): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare<[], number>(`SELECT count(*) FROM outbox WHERE status = 'pending'`).pluck().get() ?? 0;
  } finally {
    db.close();
  }
}

function inspect(): { stored: string[]; told: number; receipts: number } {
  const db = new Database(dbFile, { readonly: true });
  try {
    return {
      stored: db.prepare<[], string>('SELECT client_ref FROM cases').pluck().all(),
      told: db.prepare<[], number>(`SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'interrupted:%' AND status = 'sent'`).pluck().get() ?? 0,
      receipts: db.prepare<[], number>('SELECT count(*) FROM request_receipts').pluck().get() ?? 0,
    };
  } finally {
    db.close();
  }
}

describe('SIGKILL right after an acknowledgement', () => {
  it('leaves every acknowledged referral stored, or its sender told that it was not', async () => {
    const first = await startBot();
    const clients = Array.from({ length: BURST }, (_, i) => `9${String(i).padStart(2, '0')}A000000`.slice(0, 10));
    const acked: string[] = [];
    await Promise.allSettled(
      clients.map((kunde) =>
        post(`${first.base}/slack/events`, slashCommand({ text: referralLine({ kunde }), userId: LENA, channelId: 'C0MI1' })).then((response) => {
          if (response.status !== 200) return;
          acked.push(kunde);
          if (first.bot.child.signalCode === null) first.bot.child.kill('SIGKILL');
        }),
      ),
    );
    expect((await first.bot.exited).signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThan(0);

    const second = await startBot(); // tells the senders of what was acknowledged but not stored
    await until(() => pendingOutbox() === 0, 'the queued messages to go out', 30_000);
    second.bot.child.kill('SIGTERM');
    await second.bot.exited;

    const { stored, told, receipts } = inspect();
    expect(receipts).toBe(0);
    const ackedNotStored = acked.filter((kunde) => !stored.includes(kunde)).length;
    expect(told).toBeGreaterThanOrEqual(ackedNotStored); // each acknowledged one: stored, or its sender told
    expect(stored.length + told).toBeLessThanOrEqual(BURST); // never both for one request
    const notices = fake.succeeded('chat.postMessage').filter((c) => c.params.channel === LENA && String(c.params.text).includes('Neustarts'));
    expect(notices).toHaveLength(told);
  }, 60_000);
});
