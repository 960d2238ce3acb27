/**
 * Action.Execute on the bot's cards (invoke `adaptiveCard/action`): buttons, applied choices and form submits.
 * The answer to the invoke shows only to the person who clicked — a refusal or note as a short message on the
 * card, a form (again with its errors) in place of the card. A changed message is also written into the
 * conversation, so everyone sees the update.
 */
import type { AdaptiveCardActionCardResponse, AdaptiveCardActionResponse } from '@microsoft/teams.api';
import type { ActionInput, BotApi } from '../../../messaging/ports.js';
import type { OrgIndex } from '../../../config/orgIndex.js';
import { commonTexts } from '../../../i18n/commands.js';
import { toPlainText } from '../../../messaging/reply.js';
import { cardActivity, toWire } from '../connector.js';
import { callerOf, conversationOf } from '../conversations.js';
import { responseMessage, type Turn } from '../privateReply.js';
import { readCardAction, renderCard, renderFormCard, type AdaptiveCard } from '../render.js';

/**
 * The answer to the clicker (an `adaptiveCard/action` invoke response of the SDK's model): a card replaces the
 * clicked one for them, a text shows as a short message on it.
 */
export function cardActionResponse(answer: AdaptiveCard | string): AdaptiveCardActionResponse {
  return typeof answer === 'string'
    ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer }
    : // The renderer's card JSON (checked against Adaptive Cards 1.5 in render.test.ts) in the SDK's card model; the
      // two differ only in the case of `msteams.width`: "Full" as Teams documents it, "full" in the SDK's type.
      { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer as unknown as AdaptiveCardActionCardResponse['value'] };
}

/** Replaces the card that was clicked, for everyone in the conversation. */
async function replaceClickedCard(turn: Turn, card: AdaptiveCard, summary: string): Promise<void> {
  const { replyToId: id, conversation, recipient } = turn.activity;
  if (!id) throw new Error('card action without the id of its message (replyToId)');
  if (!conversation?.id) throw new Error('card action without its conversation');
  await turn.api.conversations.updateActivity(conversation.id, id, toWire({ ...cardActivity(card, summary), id, ...(recipient ? { from: recipient } : {}), conversation }));
}

/** Answers an Action.Execute (invoke `adaptiveCard/action`) with the card or note for the clicker. */
export async function onCardAction(turn: Turn, bot: BotApi, org: OrgIndex): Promise<AdaptiveCard | string> {
  const activity = turn.activity;
  const execute = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const action = readCardAction(String(execute?.verb ?? ''), execute?.data ?? {});
  if (!action) return commonTexts.unknownAction;
  const caller = callerOf(activity, org);
  const conversation = conversationOf(activity);

  if (action.kind === 'form') {
    const response = bot.submitForm(caller, action.form.command, action.values);
    switch (response.kind) {
      case 'error':
        return renderFormCard(action.form, { values: action.values, errors: response });
      case 'form':
        return renderFormCard(response.form);
      case 'message': {
        const card = renderCard(response.message, org);
        // In the personal chat the result takes the form's place for good; elsewhere only the sender sees it.
        if (conversation.kind === 'personal') await replaceClickedCard(turn, card, response.message.text);
        return card;
      }
    }
  }

  const messageId = activity.replyToId;
  const input: ActionInput = {
    actionId: action.actionId,
    value: action.value,
    ...(messageId ? { message: { channelId: conversation.id, messageId } } : {}),
  };
  const response = bot.handleAction(caller, input);
  switch (response.kind) {
    case 'update': {
      const card = renderCard(response.message, org);
      await replaceClickedCard(turn, card, response.message.text);
      return response.note ? toPlainText(response.note) : card;
    }
    case 'form':
      return renderFormCard(response.form);
    default:
      return toPlainText(responseMessage(response));
  }
}
