import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/messaging/ports.js';
import { OrgIndex } from '../../../src/config/orgIndex.js';
import { facts, heading, message } from '../../../src/messaging/reply.js';
import { outboxClient, SlackTransport } from '../../../src/platforms/slack/transport.js';
import { FakeSlack, memoryLogger } from '../../support/fakeSlack.js';
import { exampleOrg } from '../../support/world.js';

const org = new OrgIndex(exampleOrg());
const notice = message('Neue Vormerkung FM-2025-0001', heading('Neue Vormerkung'), facts(['Fall', 'FM-2025-0001']));
const channel = { kind: 'channel', teamId: 'fm-ue25' } as const;

let fake: FakeSlack;
let transport: SlackTransport;

beforeEach(async () => {
  fake = await FakeSlack.start();
  transport = new SlackTransport(outboxClient(fake.token, { apiUrl: fake.apiUrl, logger: memoryLogger() }), org);
});
afterEach(() => fake.close());

async function failure(send: Promise<unknown>): Promise<DeliveryError> {
  const error = await send.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('addresses', () => {
  it("finds a team's channel and a person's Slack user id", () => {
    expect(transport.address(channel)).toBe('C0FMUE25');
    expect(transport.address({ kind: 'direct', personId: 'fm-tobias' })).toBe('U0FMTOBIAS');
  });

  it('has none for a team without a Slack channel or an unknown person', () => {
    expect(transport.address({ kind: 'channel', teamId: 'mi-2' })).toBeUndefined();
    expect(transport.address({ kind: 'direct', personId: 'nobody' })).toBeUndefined();
  });
});

describe('sending', () => {
  it('posts text and blocks to the address with chat.postMessage', async () => {
    await transport.send('C0FMUE25', channel, notice);
    const [call] = fake.callsTo('chat.postMessage');
    expect(call!.params.channel).toBe('C0FMUE25');
    expect(call!.params.text).toBe('Neue Vormerkung FM-2025-0001');
    expect(call!.params.blocks.map((b: any) => b.type)).toEqual(['header', 'section']);
  });

  it('answers where the message landed, replies in its thread and updates it in place', async () => {
    const posted = await transport.send('C0FMUE25', channel, notice);
    expect(posted).toEqual({ channelId: 'C0FMUE25', messageId: fake.callsTo('chat.postMessage')[0]!.response?.ts });
    await transport.send('C0FMUE25', channel, notice, posted);
    expect(fake.callsTo('chat.postMessage')[1]!.params.thread_ts).toBe(posted.messageId);
    await transport.update(posted, notice);
    const [update] = fake.callsTo('chat.update');
    expect(update!.params).toMatchObject({ channel: 'C0FMUE25', ts: posted.messageId });
  });

  it('reports a rate limit as retryable after Retry-After, without retrying by itself', async () => {
    fake.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 7 });
    const error = await failure(transport.send('C0FMUE25', channel, notice));
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports a server error as retryable, with exactly one attempt (no duplicate posts)', async () => {
    fake.failNext('chat.postMessage', 1, { status: 503 });
    const error = await failure(transport.send('C0FMUE25', channel, notice));
    expect(error.retryable).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports an unreachable Slack as retryable', async () => {
    const url = fake.apiUrl;
    await fake.close();
    const offline = new SlackTransport(outboxClient('xoxb-test-token', { apiUrl: url, logger: memoryLogger() }), org);
    const error = await failure(offline.send('C0FMUE25', channel, notice));
    expect(error.retryable).toBe(true);
    fake = await FakeSlack.start();
  });

  it('reports a refusal such as an unknown channel as final', async () => {
    fake.failNext('chat.postMessage', 1, { error: 'channel_not_found' });
    const error = await failure(transport.send('C0GONE', channel, notice));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('channel_not_found');
  });
});
