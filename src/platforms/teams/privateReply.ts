/**
 * Answers only the person who wrote. Teams has no ephemeral messages in channels, so anything that may carry
 * a client reference goes into the person's personal chat with the bot; in the channel the bot only says so.
 */
import type { BotResponse } from '../../messaging/ports.js';
import type { Clock } from '../../domain/time.js';
import { teamsTexts as T } from '../../i18n/teams.js';
import { list, message, text, type ImagePart, type Message } from '../../messaging/reply.js';
import type { ConversationRepository } from '../../store/ports.js';
import { cardActivity, toDeliveryError, toWire, type Connector, type OutgoingActivity } from './connector.js';
import { capturePersonalChat, conversationOf, tenantOf, type IncomingActivity } from './conversations.js';
import { renderCard, renderChartCard, renderFormCard, type People } from './render.js';

export interface ReplyDeps {
  people: People;
  conversations: ConversationRepository;
  clock: Clock;
}

/** A reply or refusal as a message; field errors the refusal text does not already contain are listed. */
export function responseMessage(response: Exclude<BotResponse, { kind: 'form' }>): Message {
  if (response.kind === 'message') return response.message;
  const extra = Object.values(response.fieldErrors).filter((m) => !response.text.includes(m));
  return extra.length > 0 ? message(response.text, text(response.text), list(extra)) : message(response.text, text(response.text));
}

/** A bot response as the activity that shows it: a form card, or the message as a card. */
export function responseActivity(response: BotResponse, people: People): OutgoingActivity {
  if (response.kind === 'form') return cardActivity(renderFormCard(response.form), response.form.title);
  const msg = responseMessage(response);
  return cardActivity(renderCard(msg, people), msg.text);
}

/** One incoming activity and the Bot Connector client of its service URL (the SDK's `ctx.api`). */
export interface Turn {
  activity: IncomingActivity;
  api: Connector;
}

/**
 * Answers in the conversation the activity came from, as a reply to it (Bot Framework's replyToActivity:
 * in a channel thread the answer stays in that thread).
 */
export async function replyTo(turn: Turn, activity: OutgoingActivity | string): Promise<void> {
  const incoming = turn.activity;
  const conversation = incoming.conversation;
  if (!conversation?.id || !incoming.id) throw new Error('an activity without conversation or id cannot be answered');
  const outgoing: OutgoingActivity = typeof activity === 'string' ? { type: 'message', text: activity } : activity;
  await turn.api.conversations.replyToActivity(
    conversation.id,
    incoming.id,
    toWire({ ...outgoing, ...(incoming.recipient ? { from: incoming.recipient } : {}), ...(incoming.from ? { recipient: incoming.from } : {}), conversation }),
  );
}

/**
 * Sends `activity` into the personal chat of the person who wrote in this turn. Creating a one-to-one
 * conversation returns the existing chat when there is one, so no stored reference is needed here — and
 * the chat is stored for later direct messages.
 */
export async function sendToPersonalChat(turn: Turn, activity: OutgoingActivity, deps: ReplyDeps): Promise<void> {
  const incoming = turn.activity;
  const { recipient: bot, from: user, serviceUrl } = incoming;
  if (!bot || !user || !serviceUrl) throw new Error('an activity without sender, recipient or service URL cannot be answered privately');
  const tenantId = tenantOf(incoming);
  const chat = await turn.api.conversations.create({
    isGroup: false,
    bot,
    members: [user],
    channelData: tenantId ? { tenant: { id: tenantId } } : {},
    ...(tenantId ? { tenantId } : {}),
  });
  if (!chat.id) throw new Error('Teams created a personal chat without an id');
  capturePersonalChat(deps.conversations, { conversationId: chat.id, serviceUrl, bot, user, ...(tenantId ? { tenantId } : {}) }, deps.clock.now());
  await turn.api.conversations.createActivity(chat.id, toWire({ ...activity, from: bot, conversation: { isGroup: false, conversationType: 'personal', id: chat.id, name: '' } }));
}

/**
 * Answers a command privately: in the personal chat directly, from a channel or group chat via the personal chat.
 * `undelivered`: where an answer goes that Teams did not take for a passing reason (429, 5xx, unreachable) — the
 * outbox, as a direct message (issue #13 item 9); it returns false when it could not take it either.
 */
export async function replyPrivately(turn: Turn, response: BotResponse, deps: ReplyDeps, undelivered?: (msg: Message) => boolean): Promise<void> {
  const activity = responseActivity(response, deps.people);
  const personal = conversationOf(turn.activity).kind === 'personal';
  try {
    if (personal) await replyTo(turn, activity);
    else await sendToPersonalChat(turn, activity, deps);
  } catch (error) {
    if (undelivered && response.kind !== 'form' && toDeliveryError(error).retryable && undelivered(responseMessage(response))) return;
    throw error;
  }
  // R35: the charts follow the answer, into the personal chat only.
  const charts = await chartsActivity(response.kind === 'message' ? (response.message.images ?? []) : []);
  if (charts) await (personal ? replyTo(turn, charts) : sendToPersonalChat(turn, charts, deps));
  if (!personal) await replyTo(turn, T.answeredPrivately);
}

/** Teams shows pictures up to 1024 pixels wide in a card. */
const CHART_MAX_WIDTH = 1024;

/** R35: a reply's charts drawn as PNG, in one card for the personal chat; undefined without charts. */
async function chartsActivity(images: readonly ImagePart[]): Promise<OutgoingActivity | undefined> {
  if (images.length === 0) return undefined;
  const { chartPng } = await import('../charts.js');
  const drawn = [];
  for (const image of images) drawn.push({ title: image.title, alt: image.alt, png: await chartPng(image, { maxWidth: CHART_MAX_WIDTH }) });
  const card = renderChartCard(drawn);
  return cardActivity(card, card.fallbackText ?? '');
}
