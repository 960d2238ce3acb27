/**
 * Slack over Socket Mode (SLACK_APP_TOKEN): the app dials out to the fake's WebSocket, receives
 * envelopes and acknowledges them over the socket; /healthz is still served on PORT.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackPlatform, type SlackPlatform } from '../../../src/platforms/slack/app.js';
import { FakeSlack, memoryLogger } from '../../support/fakeSlack.js';
import { slashCommand, viewSubmission } from '../../support/slackRequests.js';
import { createWorld, type World } from '../../support/world.js';

let world: World;
let fake: FakeSlack;
let platform: SlackPlatform;
let healthy = true;

const commandPayload = (text: string) => Object.fromEntries(new URLSearchParams(slashCommand({ text, userId: 'U0IFKLENA', channelId: 'C0MI1' })));
const interactivePayload = (form: string) => JSON.parse(new URLSearchParams(form).get('payload')!);

beforeEach(async () => {
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
  fake = await FakeSlack.start();
  healthy = true;
  platform = createSlackPlatform({
    botToken: fake.token,
    appToken: fake.appToken,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    bot: world.bot,
    org: world.org,
    healthy: () => healthy,
    logger: memoryLogger(),
  });
  await platform.start();
});

afterEach(async () => {
  await platform.stop();
  await fake.close();
  world.close();
});

describe('Socket Mode', () => {
  it('connects with the app token and serves /healthz on its own port', async () => {
    expect(fake.callsTo('apps.connections.open')[0]!.token).toBe(fake.appToken);
    expect(fake.socketCount).toBe(1);
    const base = `http://127.0.0.1:${platform.port()}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    healthy = false;
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect((await fetch(`${base}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('acknowledges a slash command envelope at once and answers privately', async () => {
    const ack = await fake.sendEnvelope('slash_commands', commandPayload('hilfe'));
    expect(ack.payload ?? {}).toEqual({});
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(reply!.params).toMatchObject({ channel: 'C0MI1', user: 'U0IFKLENA' });
    expect(JSON.stringify(reply!.params.blocks)).toContain('vormerken');
  });

  it('answers a form submission with a bad field in the acknowledgement, storing nothing', async () => {
    await fake.sendEnvelope('slash_commands', commandPayload('vormerken'));
    const [opened] = await fake.waitFor('views.open');
    const submission = viewSubmission({ userId: 'U0IFKLENA', view: opened!.params.view, values: { kunde: 'Erika Muster', gruppe: 'ue25' } });
    const ack = await fake.sendEnvelope('interactive', interactivePayload(submission));
    expect(ack.payload?.response_action).toBe('errors');
    expect(ack.payload?.errors.kunde).toContain('Kundennummer');
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('disconnects and frees the health port on stop', async () => {
    const port = platform.port();
    await platform.stop();
    expect(platform.port()).toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    for (let i = 0; i < 100 && fake.socketCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fake.socketCount).toBe(0);
  });
});
