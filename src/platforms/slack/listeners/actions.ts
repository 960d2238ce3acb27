/** Clicks on buttons and choices in selects of the bot's messages. */
import type { App, BlockAction, types } from '@slack/bolt';
import type { ActionInput, BotApi, Caller } from '../../../messaging/ports.js';
import { workTurn } from '../ackFirst.js';
import { replyPrivately, responseMessage, viaOutbox } from '../privateReply.js';
import { renderMessage, renderModal, type People } from '../render.js';

/** The value the bot sees: a button's value or the chosen option; undefined for elements we never render. */
function actionValue(action: BlockAction['actions'][number]): string | undefined {
  if (action.type === 'button') return action.value ?? '';
  if (action.type === 'static_select') return action.selected_option?.value;
  return undefined;
}

/**
 * A form opened by a button is about the clicked message: a choice with a single option (e.g. which escalation
 * "Ablehnen" refers to) is that message's own and comes preselected, so only the rest needs typing.
 */
export function preselectSingleChoices(view: types.ModalView): types.ModalView {
  const isInput = (block: types.ModalView['blocks'][number]): block is types.InputBlock => block.type === 'input';
  const blocks = view.blocks.map((block) => {
    if (!isInput(block) || block.element.type !== 'static_select') return block;
    const [only, ...more] = block.element.options ?? [];
    if (!only || more.length > 0 || block.element.initial_option) return block;
    return { ...block, element: { ...block.element, initial_option: only } };
  });
  return { ...view, blocks };
}

export function register(app: App, bot: BotApi, people: People): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    await workTurn(); // ack first: requests that arrived meanwhile are acknowledged before this one's work
    const value = actionValue(action);
    if (value === undefined) {
      logger.debug(`ignored ${action.type} action ${action.action_id}`);
      return;
    }
    const container = body.container as { channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
    const channelId = body.channel?.id ?? container.channel_id;
    const ts = body.message?.ts ?? container.message_ts;
    const caller: Caller = { platform: 'slack', userId: body.user.id, ...(channelId ? { channelId } : {}) };
    const input: ActionInput = { actionId: action.action_id, value, ...(channelId && ts ? { message: { channelId, messageId: ts } } : {}) };

    const response = bot.handleAction(caller, input);
    switch (response.kind) {
      case 'form':
        await client.views.open({ trigger_id: body.trigger_id, view: preselectSingleChoices(renderModal(response.form, channelId ? { channelId } : {})) });
        return;
      case 'update': {
        const rendered = renderMessage(response.message, people);
        // Ephemeral messages have no ts chat.update could address; Slack lets their response_url replace them.
        if (container.is_ephemeral || !channelId || !ts) {
          if (!respond) throw new Error(`cannot update message of action ${action.action_id}: no response_url`);
          await respond({ replace_original: true, ...rendered });
        } else {
          await client.chat.update({ channel: channelId, ts, ...rendered });
        }
        if (response.note) await replyPrivately(client, caller, response.note, people, viaOutbox(bot, caller));
        return;
      }
      default:
        await replyPrivately(client, caller, responseMessage(response), people, viaOutbox(bot, caller));
    }
  });
}
