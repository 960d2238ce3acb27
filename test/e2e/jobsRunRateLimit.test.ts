/**
 * `npx fm-lotse jobs run` against a Slack that enforces its rate limits (429 + Retry-After): the run waits out
 * each Retry-After and exits only when everything due was delivered, each message once (issue #13, item 9 / P4).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../src/store/ports.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { insertCase } from '../support/build.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { startTs } from '../support/process.js';
import { RateLimitedSlack } from '../support/rateLimitedSlack.js';
import { writeLargeOrg, type LargeOrg } from '../support/seed.js';

const POST = 'chat.postMessage';
const AT = '2026-03-03T07:30:00+01:00'; // a Tuesday morning: every FM's digest is due

let dir: string;
let dbFile: string;
let large: LargeOrg;
let fake: FakeSlack;
let limited: RateLimitedSlack;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-ratelimit-'));
  dbFile = path.join(dir, 'fm-lotse.db');
  large = writeLargeOrg(dir, { fmTeams: 2, fmsPerTeam: 20 });
  const store = SqliteStore.open(dbFile);
  for (const fmId of large.fmIds) {
    const team = fmId.replace(/^fm-(\d+)-\d+$/, 'fm-$1');
    insertCase(store, { receivingTeamId: team, status: 'aktiv', fmId, intakeOn: '2025-11-20', referringTeamId: team.replace('fm', 'mi'), referringPersonId: team.replace('fm', 'ifk') }); // R13: contact overdue
  }
  store.close();
  fake = await FakeSlack.start();
  // 10 posts at once, then 10 a second, per workspace; 3 at once and 1 a second per conversation.
  limited = await RateLimitedSlack.start(fake, {
    perMethod: { [POST]: { perSecond: 10, burst: 10 } },
    perConversation: { perSecond: 1, burst: 3, methods: [POST] },
  });
});

afterEach(async () => {
  await limited.close();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('jobs run at the rate limit', () => {
  it('waits out every Retry-After and delivers everything due, each message once, before it exits', async () => {
    const run = await startTs('src/cli.ts', ['jobs', 'run', '--at', AT], {
      FM_LOTSE_DB: dbFile,
      FM_LOTSE_ORG: large.file,
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: limited.apiUrl,
    }).exited;
    expect(run.code, run.stdout + run.stderr).toBe(0);

    const store = SqliteStore.open(dbFile);
    let items: OutboxItem[];
    try {
      items = store.outbox.all();
    } finally {
      store.close();
    }
    for (const fmId of large.fmIds) expect(items.some((i) => i.dedupeKey.startsWith(`ping.digest:${fmId}:`))).toBe(true);
    expect(limited.refused.get(POST)).toBeGreaterThan(0); // the limit was reached
    expect(items.filter((i) => i.status !== 'sent').map((i) => i.dedupeKey)).toEqual([]); // today: 20 of 500
    expect(fake.succeeded(POST)).toHaveLength(items.length); // nothing twice
    expect(run.stdout).toContain(`${items.length} Nachrichten gesendet.`);
  }, 60_000);
});
