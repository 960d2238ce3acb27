/**
 * A crash in the middle of sending: `npx fm-lotse jobs run` is killed with SIGKILL while it posts a large
 * morning's pings to a slow fake Slack, then run again. Nothing may be lost, at most the one message in
 * flight may arrive twice, and the database must come out intact.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrgFileOrThrow, orgCheck } from '../../src/config/load.js';
import { OrgIndex } from '../../src/config/orgIndex.js';
import { renderMessage } from '../../src/platforms/slack/render.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { startTs, until, type Started } from '../support/process.js';
import { insertCase } from '../support/build.js';
import { writeLargeOrg, type LargeOrg } from '../support/seed.js';

const POST = 'chat.postMessage';
const AT = '2026-03-03T09:00:00+01:00'; // a Tuesday: every ping and the assignment round are due
const TEAMS = 4;
const FMS_PER_TEAM = 15;

let dir: string;
let dbFile: string;
let large: LargeOrg;
let fake: FakeSlack;
let running: Started | undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-kill-'));
  dbFile = path.join(dir, 'fm-lotse.db');
  large = writeLargeOrg(dir, { fmTeams: TEAMS, fmsPerTeam: FMS_PER_TEAM });
  const store = SqliteStore.open(dbFile);
  for (const fmId of large.fmIds) {
    const team = fmId.replace(/^fm-(\d+)-\d+$/, 'fm-$1');
    insertCase(store, { receivingTeamId: team, status: 'aktiv', fmId, intakeOn: '2025-11-20', referringTeamId: team.replace('fm', 'mi'), referringPersonId: team.replace('fm', 'ifk') }); // R13: contact overdue
  }
  for (const team of large.fmTeamIds) {
    insertCase(store, { receivingTeamId: team, status: 'vorgemerkt', flaggedOn: '2026-02-27', intakeDeadline: '2026-03-19', referringTeamId: team.replace('fm', 'mi'), referringPersonId: team.replace('fm', 'ifk') }); // R9
  }
  store.close();
  fake = await FakeSlack.start();
  fake.answerDelayMs = 20;
});

afterEach(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  await running?.exited.catch(() => undefined);
  running = undefined;
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The database as the next process finds it (opening it recovers the WAL): integrity and outbox rows by status. */
function inspectDb(): { integrity: unknown; status: Record<string, number> } {
  const db = new Database(dbFile);
  try {
    const rows = db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status').all();
    return { integrity: db.pragma('integrity_check', { simple: true }), status: Object.fromEntries(rows.map((r) => [r.status, r.n])) };
  } finally {
    db.close();
  }
}

function jobsRun(): Started {
  running = startTs('src/cli.ts', ['jobs', 'run', '--at', AT], {
    FM_LOTSE_DB: dbFile,
    FM_LOTSE_ORG: large.file,
    SLACK_BOT_TOKEN: fake.token,
    // Not used by `jobs run`, but the environment is only complete with it (contract: HTTP mode).
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: fake.apiUrl,
  });
  return running;
}

describe('SIGKILL during a jobs run', () => {
  it('loses no message, repeats at most the one in flight, and leaves the database intact', async () => {
    expect(orgCheck(large.file)).toEqual({ exitCode: 0, output: 'ok' }); // what `fm-lotse org check` prints
    const org = new OrgIndex(loadOrgFileOrThrow(large.file));

    const first = jobsRun();
    await until(() => fake.callsTo(POST).length >= 30 || first.child.exitCode !== null, '30 posted messages');
    expect(first.child.exitCode).toBeNull(); // still sending: the kill lands mid-run
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const postedBeforeKill = fake.callsTo(POST).length;
    const afterKill = inspectDb();
    expect(afterKill.integrity).toBe('ok');
    expect(afterKill.status.sent).toBeGreaterThan(0); // some marked sent, the rest still queued
    expect(afterKill.status.pending).toBeGreaterThan(0);

    const second = await jobsRun().exited;
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(inspectDb().integrity).toBe('ok');
    const store = SqliteStore.open(dbFile);
    let items: OutboxItem[];
    try {
      items = store.outbox.all();
    } finally {
      store.close();
    }

    // What the morning owes: a digest per FM, per team a lead digest, a supervision sample and a
    // round in its channel, the office lead's overview (R28), and the team duties (R28–R32) never recorded yet.
    // R28 office lead + team leads, R29, R30 (contact FM + M&I lead), R31 per pair of FM teams (each team's lead), R32
    const duties = 1 + TEAMS + TEAMS + 2 * TEAMS + TEAMS * (TEAMS - 1) + TEAMS;
    const expected = large.fmIds.length + 3 * TEAMS + 1 + duties;
    expect(items).toHaveLength(expected);
    expect(postedBeforeKill).toBeLessThan(expected); // the kill came in the middle of sending
    expect(items.filter((i) => i.status !== 'sent').map((i) => i.dedupeKey)).toEqual([]);
    for (const fmId of large.fmIds) {
      expect(items.some((i) => i.dedupeKey.startsWith(`ping.digest:${fmId}:`) && i.target.kind === 'direct' && i.target.personId === fmId)).toBe(true);
    }

    // Every message reached its Slack address at least once; only the one in flight at the kill twice.
    const calls = fake.callsTo(POST);
    const timesPosted = new Map<string, number>();
    for (const key of calls.map((c) => `${c.params.channel}|${c.params.text}`)) timesPosted.set(key, (timesPosted.get(key) ?? 0) + 1);
    const keyOf = (item: OutboxItem) => {
      const address = item.target.kind === 'channel' ? large.slackChannel.get(item.target.teamId) : large.slackUser.get(item.target.personId);
      return `${address}|${renderMessage(item.message, org).text}`;
    };
    expect(new Set(items.map(keyOf)).size).toBe(items.length); // the pairs tell the messages apart
    expect(items.filter((i) => !timesPosted.has(keyOf(i))).map((i) => i.dedupeKey)).toEqual([]);
    expect(timesPosted.size).toBe(items.length); // nothing posted that the outbox does not hold
    const repeated = [...timesPosted.values()].filter((n) => n > 1);
    expect(repeated.length).toBeLessThanOrEqual(1);
    expect(repeated.every((n) => n === 2)).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(items.length + 1);
  }, 45_000);
});
