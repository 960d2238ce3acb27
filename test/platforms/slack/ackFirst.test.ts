/**
 * Ack first (issue #13, item 1): a burst of signed slash commands is acknowledged before the work of any of
 * them runs. The burst is written on 20 open connections at once (so all of it is waiting for the bot at the
 * same time, as under load); observed with Node's own diagnostics channels (HTTP server responses; undici, the
 * fetch behind the Slack Web API client): how many acks the bot had written when it began answering the first.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sign, slashCommand, TEST_SIGNING_SECRET } from '../../support/slackRequests.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';

let slack: SlackWorld;
beforeEach(async () => {
  slack = await startSlackWorld('2025-10-20T10:00:00+02:00');
});
afterEach(async () => {
  await slack.close();
});

/** A signed slash command as raw HTTP/1.1 bytes. */
function rawCommand(url: URL, body: string): string {
  const timestamp = Math.floor(Date.now() / 1000);
  return [
    `POST ${url.pathname} HTTP/1.1`,
    `Host: ${url.host}`,
    'Content-Type: application/x-www-form-urlencoded',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Slack-Request-Timestamp: ${timestamp}`,
    `X-Slack-Signature: ${sign(TEST_SIGNING_SECRET, timestamp, body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

function open(url: URL): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The status code of the response on `socket`. */
function statusOf(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('Slack requests are acknowledged before any request’s work runs', () => {
  it('20 slash commands waiting at once are all acked before the first answer is sent, and each is answered', async () => {
    const burst = 20;
    const url = new URL(slack.events);
    let acked = 0;
    let ackedAtFirstAnswer: number | undefined;
    const onResponse = (message: unknown): void => {
      if ((message as { request: { url?: string } }).request.url?.startsWith('/slack/events')) acked++;
    };
    const onClientRequest = (message: unknown): void => {
      if ((message as { request: { path?: string } }).request.path?.includes('chat.postEphemeral')) ackedAtFirstAnswer ??= acked;
    };
    let accepted = 0;
    const onAccept = (): void => void accepted++;
    subscribe('net.server.socket', onAccept);
    const sockets = await Promise.all(Array.from({ length: burst }, () => open(url)));
    // The bot has taken every connection (its sockets are read from now on), so the burst meets it at once.
    while (accepted < burst) await new Promise((resolve) => setTimeout(resolve, 5));
    unsubscribe('net.server.socket', onAccept);
    const requests = sockets.map(() => rawCommand(url, slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' })));
    subscribe('http.server.response.finish', onResponse);
    subscribe('undici:request:create', onClientRequest);
    try {
      const statuses = sockets.map(statusOf);
      sockets.forEach((socket, i) => socket.write(requests[i]!));
      expect(await Promise.all(statuses)).toEqual(Array(burst).fill(200));
      await slack.fake.waitFor('chat.postEphemeral', burst);
    } finally {
      unsubscribe('http.server.response.finish', onResponse);
      unsubscribe('undici:request:create', onClientRequest);
    }
    expect(ackedAtFirstAnswer).toBe(burst);
    expect(slack.fake.succeeded('chat.postEphemeral').map((call) => call.params.user)).toEqual(Array(burst).fill('U0IFKLENA'));
  });
});
