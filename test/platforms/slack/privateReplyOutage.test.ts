/**
 * Private answers during a Slack outage (issue #13 item 9): the ephemeral confirmation of a referral carries the
 * case code, the deadline and the customer number. When Slack does not take it, it is queued in the outbox as a
 * direct message to the person and delivered once Slack is back — not lost. Real Bolt over HTTP, fake Slack.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referralLine } from '../../support/build.js';
import { until } from '../../support/process.js';
import { post, slashCommand } from '../../support/slackRequests.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';

const LENA = 'U0IFKLENA';
const MI1_CHANNEL = 'C0MI1';
const CLIENTS = ['111A111111', '222B222222', '333C333333'];

let slack: SlackWorld;
beforeEach(async () => {
  slack = await startSlackWorld('2025-10-20T09:00:00+02:00');
});
afterEach(() => slack.close());

const queuedReplies = () => slack.world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('reply:'));

describe('private replies during a Slack outage', () => {
  it('queues each confirmation as a direct message and delivers all of them once Slack is back', async () => {
    slack.fake.failNext('chat.postEphemeral', 100, { status: 503 });
    slack.fake.failNext('chat.postMessage', 100, { status: 503 });
    for (const kunde of CLIENTS) {
      const response = await post(slack.events, slashCommand({ text: referralLine({ kunde }), userId: LENA, channelId: MI1_CHANNEL }));
      expect(response.status).toBe(200);
    }
    await until(() => queuedReplies().length === CLIENTS.length, 'three queued replies');
    expect(queuedReplies().every((i) => i.target.kind === 'direct' && i.target.personId === 'ifk-lena')).toBe(true);
    await slack.delivery.flush(); // still down: nothing is given up
    expect(slack.world.store.outbox.all().filter((i) => i.status === 'failed')).toEqual([]);

    slack.fake.reset(); // Slack is back
    slack.world.clock.advance(60_000);
    await slack.delivery.flush();
    const dms = slack.fake.succeeded('chat.postMessage').filter((c) => c.params.channel === LENA);
    expect(dms).toHaveLength(CLIENTS.length);
    const shown = dms.map((c) => JSON.stringify(c.params)).join('\n');
    for (const [i, kunde] of CLIENTS.entries()) {
      expect(shown).toContain(kunde); // to the person themself only
      expect(shown).toContain(`FM-2025-000${i + 1}`);
    }
    // The channel notices went to the FM team without any customer number.
    const channel = slack.fake.succeeded('chat.postMessage').filter((c) => c.params.channel !== LENA);
    expect(channel).toHaveLength(CLIENTS.length);
    for (const kunde of CLIENTS) expect(JSON.stringify(channel.map((c) => c.params))).not.toContain(kunde);
  });

  it('still answers at once, ephemerally, when Slack takes it', async () => {
    await post(slack.events, slashCommand({ text: referralLine(), userId: LENA, channelId: MI1_CHANNEL }));
    await slack.fake.waitFor('chat.postEphemeral');
    expect(queuedReplies()).toEqual([]);
  });
});
