/**
 * Action.Execute on the bot's cards (invoke `adaptiveCard/action`): buttons, applied choices and form submits.
 * The answer to the invoke shows only to the person who clicked — a refusal or note as a short message on the
 * card, a form (again with its errors) in place of the card. A changed message is also written into the
 * conversation, so everyone sees the update.
 */
import { AdaptiveCardActionExecuteResponseType, type Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { ActionInput, BotApi } from '../../../messaging/ports.js';
import type { OrgIndex } from '../../../config/orgIndex.js';
import { commonTexts } from '../../../i18n/commands.js';
import { toPlainText } from '../../../messaging/reply.js';
import { cardActivity } from '../connector.js';
import { callerOf, conversationOf } from '../conversations.js';
import { responseMessage } from '../privateReply.js';
import { readCardAction, renderCard, renderFormCard, type AdaptiveCard } from '../render.js';

/** teams-ai answers with the card only to the clicker; updates for everyone are written explicitly. */
export const ACTION_RESPONSE_TYPE = AdaptiveCardActionExecuteResponseType.REPLACE_FOR_INTERACTOR;

/** Replaces the card that was clicked, for everyone in the conversation. */
async function replaceClickedCard(context: TurnContext, card: AdaptiveCard, summary: string): Promise<void> {
  const id = context.activity.replyToId;
  if (!id) throw new Error('card action without the id of its message (replyToId)');
  await context.updateActivity({ ...cardActivity(card, summary), id });
}

export function register(app: Application, bot: BotApi, org: OrgIndex): void {
  app.adaptiveCards.actionExecute(/.*/, async (context, _state, data): Promise<AdaptiveCard | string> => {
    const activity = context.activity;
    const verb = String((activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
    const action = readCardAction(verb, data);
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
          if (conversation.kind === 'personal') await replaceClickedCard(context, card, response.message.text);
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
        await replaceClickedCard(context, card, response.message.text);
        return response.note ? toPlainText(response.note) : card;
      }
      case 'form':
        return renderFormCard(response.form);
      default:
        return toPlainText(responseMessage(response));
    }
  });
}
