/**
 * Another process holds the database's write lock (a backup, a `jobs run`, a stuck tool) — issue #13 item 9.
 * Over real HTTP with Bolt: every request is still acknowledged and answered, the person is told in German that
 * nothing was stored, nothing half-written remains, the store reports that it cannot write (what /healthz reads),
 * and once the lock is gone the same command is stored.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeTexts } from '../../../src/i18n/faults.js';
import { referralLine } from '../../support/build.js';
import { post, slashCommand } from '../../support/slackRequests.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';

const LENA = 'U0IFKLENA';
const MI1_CHANNEL = 'C0MI1';

let slack: SlackWorld;
let other: Database.Database;

beforeEach(async () => {
  slack = await startSlackWorld('2025-10-20T09:00:00+02:00');
  other = new Database(slack.world.dbFile);
});
afterEach(async () => {
  if (other.inTransaction) other.exec('ROLLBACK');
  other.close();
  await slack.close();
});

const referral = () => post(slack.events, slashCommand({ text: referralLine(), userId: LENA, channelId: MI1_CHANNEL }));

describe('a database locked by another process', () => {
  it('acknowledges and answers every command, stores nothing and says so; after the lock the command is stored', async () => {
    other.exec('BEGIN IMMEDIATE'); // the other process takes the write lock and keeps it
    const before = slack.world.counts();

    const responses = await Promise.all(Array.from({ length: 8 }, () => referral()));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    const replies = await slack.fake.waitFor('chat.postEphemeral', 8);
    for (const reply of replies) {
      expect(reply.params).toMatchObject({ channel: MI1_CHANNEL, user: LENA });
      expect(reply.params.text).toContain('nicht gespeichert');
      expect(JSON.stringify(reply.params)).toContain(storeTexts.unavailable.slice(0, 60));
    }
    expect(slack.world.counts()).toEqual(before); // no case, no audit entry, no outbox row
    expect(slack.world.store.writeHealth()).toMatchObject({ ok: false, lastError: 'SQLITE_BUSY' });

    other.exec('COMMIT'); // the other process lets go
    expect(slack.world.store.writeHealth()).toEqual({ ok: true }); // the health check finds out by itself
    await referral();
    const [, ...rest] = await slack.fake.waitFor('chat.postEphemeral', 9);
    expect(JSON.stringify(rest.at(-1)!.params)).toContain('FM-2025-0001');
    expect(slack.world.counts().cases).toBe(before.cases + 1);
  });
});
