/**
 * The Teams transport under the outbox: the same guarantees as in Slack — no library retries that could post
 * twice, 429 waits for Retry-After, 5xx comes back later, refusals are final — plus threads and updates in place.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { heading, message, text } from '../../../src/messaging/reply.js';
import type { ConnectorCall } from '../../support/fakeBotConnector.js';
import { FakeBotConnector, shown } from '../../support/fakeBotConnector.js';
import { BOT, TENANT, teamInstall } from './activities.js';
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

  it('delivers a message exactly once through a 429 with Retry-After and a 502 after it: one call per answer, the pause held', async () => {
    await installInChannel();
    enqueue('notice');
    w.connector.failNext('send', 1, { status: 429, retryAfterSeconds: 5 });
    w.connector.failNext('send', 1, { status: 502 });

    expect(await w.flush()).toBe(0);
    // The SDK's client neither retried nor slept through the Retry-After: one call, and the outbox waits.
    expect(attempts('send').map((c) => c.status)).toEqual([429]);
    expect(w.store.outbox.byKey('notice')).toMatchObject({ status: 'pending', attempts: 0 }); // a rate limit is no failed attempt
    expect(w.store.outbox.pauses(w.clock.now())).toEqual(new Map([['teams', w.clock.now() + 5_000]])); // Retry-After held in the database
    w.clock.advance(4_999);
    expect(await w.flush()).toBe(0);
    expect(attempts('send')).toHaveLength(1);

    w.clock.advance(1);
    expect(await w.flush()).toBe(0);
    expect(attempts('send').map((c) => c.status)).toEqual([429, 502]);
    const backedOff = w.store.outbox.byKey('notice')!;
    expect(backedOff).toMatchObject({ status: 'pending', attempts: 1 });
    expect(backedOff.nextAttemptAt).toBeGreaterThan(w.clock.now());

    w.clock.advance(backedOff.nextAttemptAt - w.clock.now());
    expect(await w.flush()).toBe(1);
    expect(await w.flush()).toBe(0);
    expect(attempts('send').map((c) => c.status)).toEqual([429, 502, 200]);
    expect(w.connector.messagesIn(CHANNEL)).toHaveLength(1);
    expect(w.store.outbox.byKey('notice')).toMatchObject({ status: 'sent' });
  });

  it('tries again later when the Bot Connector cannot be reached at all (connection refused)', async () => {
    const gone = await FakeBotConnector.start();
    const serviceUrl = gone.serviceUrl;
    await gone.close();
    await w.post(teamInstall({ serviceUrl, from: w.sender('tl-fm-ue25'), channelId: CHANNEL }));
    enqueue('unreachable');
    expect(await w.flush()).toBe(0);
    const item = w.store.outbox.byKey('unreachable')!;
    expect(item).toMatchObject({ status: 'pending', attempts: 1 });
    expect(item.lastError).toContain('Teams unreachable');
  });

  it('delivers a direct message through a personal chat stored by the botbuilder version of FM-Lotse (existing rows keep working)', async () => {
    const tobias = w.sender('fm-tobias');
    // A row as FM-Lotse stored it before the Teams SDK v2: botbuilder's ConversationReference without activityId.
    const reference = {
      user: { id: tobias.id, name: tobias.name, aadObjectId: 'aad-of-tobias' },
      bot: BOT,
      conversation: { tenantId: TENANT, id: 'a:chat-stored-before', conversationType: 'personal', isGroup: false },
      channelId: 'msteams',
      locale: 'de-DE',
      serviceUrl: w.connector.serviceUrl,
    };
    w.store.conversations.save({
      conversationId: 'a:chat-stored-before',
      kind: 'personal',
      userId: tobias.id,
      aadObjectId: 'aad-of-tobias',
      tenantId: TENANT,
      serviceUrl: w.connector.serviceUrl,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      updatedAt: w.clock.now(),
    });
    w.store.outbox.enqueue({ dedupeKey: 'dm', target: { kind: 'direct', personId: 'fm-tobias' }, message: message('Hallo Tobias', text('Hallo Tobias')), createdAt: w.clock.now() });
    expect(await w.flush()).toBe(1);
    const [sent] = w.connector.callsOf('send');
    expect(sent).toMatchObject({ conversationId: 'a:chat-stored-before', body: { from: BOT, conversation: { id: 'a:chat-stored-before', tenantId: TENANT } } });
    expect(shown(sent!)).toContain('Hallo Tobias');
  });
});
