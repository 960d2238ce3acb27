/**
 * Answers only the person who wrote. Teams has no ephemeral messages in channels, so anything that may carry
 * a client reference goes into the person's personal chat with the bot; in the channel the bot only says so.
 */
import type { Activity, ConversationParameters, TurnContext } from 'botbuilder';
import type { BotResponse } from '../../messaging/ports.js';
import type { Clock } from '../../domain/time.js';
import { teamsTexts as T } from '../../i18n/teams.js';
import { list, message, text, type Message } from '../../messaging/reply.js';
import type { ConversationRepository } from '../../store/ports.js';
import { cardActivity, connectorOf } from './connector.js';
import { capturePersonalChat, conversationOf, tenantOf } from './conversations.js';
import { renderCard, renderFormCard, type People } from './render.js';

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
export function responseActivity(response: BotResponse, people: People): Partial<Activity> {
  if (response.kind === 'form') return cardActivity(renderFormCard(response.form), response.form.title);
  const msg = responseMessage(response);
  return cardActivity(renderCard(msg, people), msg.text);
}

/**
 * Sends `activity` into the personal chat of the person who wrote in this turn. Creating a one-to-one
 * conversation returns the existing chat when there is one, so no stored reference is needed here — and
 * the chat is stored for later direct messages.
 */
export async function sendToPersonalChat(context: TurnContext, activity: Partial<Activity>, deps: ReplyDeps): Promise<void> {
  const incoming = context.activity;
  const connector = connectorOf(context);
  const tenantId = tenantOf(incoming);
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: incoming.recipient,
    members: [incoming.from],
    channelData: tenantId ? { tenant: { id: tenantId } } : {},
    ...(tenantId ? { tenantId } : {}),
  };
  const chat = await connector.conversations.createConversation(parameters);
  if (!chat.id) throw new Error('Teams created a personal chat without an id');
  capturePersonalChat(
    deps.conversations,
    { conversationId: chat.id, serviceUrl: incoming.serviceUrl, bot: incoming.recipient, user: incoming.from, ...(tenantId ? { tenantId } : {}) },
    deps.clock.now(),
  );
  await connector.conversations.sendToConversation(chat.id, { ...activity, from: incoming.recipient, conversation: { isGroup: false, conversationType: 'personal', id: chat.id, name: '' } });
}

/** Answers a command privately: in the personal chat directly, from a channel or group chat via the personal chat. */
export async function replyPrivately(context: TurnContext, response: BotResponse, deps: ReplyDeps): Promise<void> {
  const activity = responseActivity(response, deps.people);
  if (conversationOf(context.activity).kind === 'personal') {
    await context.sendActivity(activity);
    return;
  }
  await sendToPersonalChat(context, activity, deps);
  await context.sendActivity(T.answeredPrivately);
}
