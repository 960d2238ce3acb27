/**
 * The Teams transport under the outbox: the same guarantees as in Slack — no library retries that could post
 * twice, 429 waits for Retry-After, 5xx comes back later, refusals are final — plus threads and updates in place.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { heading, message, text } from '../../../src/messaging/reply.js';
import type { ConnectorCall } from '../../support/fakeBotConnector.js';
import { shown } from '../../support/fakeBotConnector.js';
import { teamInstall } from './activities.js';
import { createTeamsWorld, type TeamsWorld } from './teamsWorld.js';

const CHANNEL = '19:platzhalter-fm-ue25@thread.tacv2';
let w: TeamsWorld;

beforeEach(async () => {
  w = await createTeamsWorld('2025-10-21T09:00:00+02:00');
});

afterEach(async () => {
  await w.shutdown();
});

const attempts = (kind: ConnectorCall['kind']) => w.connector.calls.filter((c) => c.kind === kind);

async function installInChannel(): Promise<void> {
  await w.post(teamInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender('tl-fm-ue25'), channelId: CHANNEL }));
}

function enqueue(dedupeKey: string, target: { threadOf?: string; replaces?: string } = {}, body = dedupeKey) {
  return w.store.outbox.enqueue({ dedupeKey, target: { kind: 'channel', teamId: 'fm-ue25', ...target }, message: message(body, heading(body), text(`Inhalt ${body}`)), createdAt: w.clock.now() });
}

describe('outbox delivery into Teams', () => {
  it('tries a message once when Teams answers 503 and sends it after the backoff, posting it exactly once', async () => {
    await installInChannel();
    enqueue('notice');
    w.connector.failNext('send', 1, { status: 503 });
    expect(await w.flush()).toBe(0);
    expect(attempts('send')).toHaveLength(1); // the connector client itself does not retry
    expect(w.store.outbox.byKey('notice')).toMatchObject({ status: 'pending', attempts: 1 });
    w.clock.advance(5_000);
    expect(await w.flush()).toBe(1);
    expect(attempts('send').map((c) => c.status)).toEqual([503, 200]);
  });

  it('waits out a 429 for its Retry-After without counting an attempt', async () => {
    await installInChannel();
    enqueue('first');
    enqueue('second');
    w.connector.failNext('send', 1, { status: 429, retryAfterSeconds: 30 });
    expect(await w.flush()).toBe(0);
    expect(attempts('send')).toHaveLength(1); // the second waits with the first instead of adding to the limit
    expect(w.store.outbox.byKey('first')).toMatchObject({ status: 'pending', attempts: 0 });
    w.clock.advance(29_000);
    expect(await w.flush()).toBe(0);
    w.clock.advance(1_000);
    expect(await w.flush()).toBe(2);
  });

  it('gives up at once when Teams refuses (403: the bot is not in that team)', async () => {
    await installInChannel();
    enqueue('refused');
    w.connector.failNext('send', 1, { status: 403 });
    await w.flush();
    expect(w.store.outbox.byKey('refused')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('keeps a channel message queued until the bot has heard from Teams at all', async () => {
    enqueue('early');
    expect(await w.flush()).toBe(0);
    expect(w.store.outbox.byKey('early')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(w.connector.calls).toHaveLength(0);
    await installInChannel();
    w.clock.advance(5_000);
    expect(await w.flush()).toBe(1);
  });

  it("posts a thread reply into the post's reply chain and updates the post in place", async () => {
    await installInChannel();
    enqueue('parent');
    enqueue('reply', { threadOf: 'parent' });
    enqueue('status', { replaces: 'parent' }, 'geändert');
    expect(await w.flush()).toBe(3); // the parent first: reply and update need its activity id

    const [parent] = w.connector.callsOf('send').filter((c) => c.threadId === undefined);
    const root = parent!.response.id as string;
    expect(parent!.conversationId).toBe(CHANNEL);
    const [reply] = w.connector.callsOf('send').filter((c) => c.threadId !== undefined);
    expect(reply).toMatchObject({ conversationId: `${CHANNEL};messageid=${root}`, baseConversationId: CHANNEL, threadId: root });
    expect(w.store.outbox.byKey('reply')!.sentRef).toMatchObject({ platform: 'teams', channelId: CHANNEL });
    const [update] = w.connector.callsOf('update');
    expect(update).toMatchObject({ baseConversationId: CHANNEL, activityId: root });
    expect(shown(update!)).toContain('geändert');
  });
});
