/** Private answers to one person: ephemeral in the channel they used, else a direct message. */
import type { WebClient } from '@slack/web-api';
import { WebAPIPlatformError } from '@slack/web-api';
import type { BotApi, BotResponse, Caller } from '../../messaging/ports.js';
import { list, message, text, type ImagePart, type Message } from '../../messaging/reply.js';
import { renderMessage, type People } from './render.js';
import { toDeliveryError } from './transport.js';

/** postEphemeral fails in conversations the bot is not part of (e.g. a DM between two people). */
const NOT_VISIBLE_THERE = new Set(['channel_not_found', 'not_in_channel', 'user_not_in_channel']);

export interface Recipient {
  userId: string;
  /** The conversation the person is in; without it the answer is a direct message. */
  channelId?: string | undefined;
}

/**
 * `undelivered`: where an answer goes that Slack did not take for a passing reason (outage, 5xx, rate limit) —
 * the outbox, as a direct message (see `viaOutbox`); it returns false when it could not take it either.
 */
export async function replyPrivately(
  client: WebClient,
  to: Recipient,
  msg: Message,
  people?: People,
  undelivered?: (msg: Message) => boolean,
): Promise<void> {
  const rendered = renderMessage(msg, people);
  try {
    await postText(client, to, rendered);
  } catch (error) {
    if (undelivered && toDeliveryError(error).retryable && undelivered(msg)) return;
    throw error;
  }
  // R35: the charts follow the text into the person's direct conversation.
  await uploadCharts(client, to.userId, msg.images ?? []);
}

/** Ephemeral in the channel used; where that is not possible, a direct message. */
async function postText(client: WebClient, to: Recipient, rendered: ReturnType<typeof renderMessage>): Promise<void> {
  if (to.channelId) {
    try {
      await client.chat.postEphemeral({ channel: to.channelId, user: to.userId, ...rendered });
      return;
    } catch (error) {
      if (!(error instanceof WebAPIPlatformError && NOT_VISIBLE_THERE.has(error.data.error))) throw error;
    }
  }
  // A user id as channel posts into the app's direct conversation with that person.
  await client.chat.postMessage({ channel: to.userId, ...rendered });
}

/** Private answers Slack does not take now are queued for the caller as a direct message (issue #13 item 9). */
export function viaOutbox(bot: BotApi, caller: Caller): (msg: Message) => boolean {
  return (msg) => bot.queuePrivateReply?.(caller, msg) ?? false;
}

/**
 * The charts of a reply (R35), as PNG files uploaded through Slack's external upload (files.getUploadURLExternal,
 * the upload itself, files.completeUploadExternal — Bolt's client `filesUploadV2`) into the app's direct
 * conversation with the person: an upload cannot be ephemeral, and figures never go into a channel.
 */
export async function uploadCharts(client: WebClient, userId: string, images: readonly ImagePart[]): Promise<void> {
  if (images.length === 0) return;
  const { chartPng } = await import('../charts.js');
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) return;
  for (const image of images) {
    const file = await chartPng(image);
    await client.filesUploadV2({ channel_id: channel, file, filename: image.fileName, title: image.title, alt_text: image.alt });
  }
}

/** A reply or refusal as a message; field errors the refusal text does not already contain are listed. */
export function responseMessage(response: Exclude<BotResponse, { kind: 'form' }>): Message {
  if (response.kind === 'message') return response.message;
  const extra = Object.values(response.fieldErrors).filter((m) => !response.text.includes(m));
  return extra.length > 0 ? message(response.text, text(response.text), list(extra)) : message(response.text, text(response.text));
}
