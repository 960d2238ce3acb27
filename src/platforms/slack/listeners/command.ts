/** The one slash command `/fm`: everything after it goes to the bot as text. */
import type { App } from '@slack/bolt';
import type { BotApi, Caller } from '../../../messaging/ports.js';
import { workTurn } from '../ackFirst.js';
import { replyPrivately, responseMessage, viaOutbox } from '../privateReply.js';
import { renderModal, type People } from '../render.js';

export const SLASH_COMMAND = '/fm';

export function register(app: App, bot: BotApi, people: People): void {
  app.command(SLASH_COMMAND, async ({ command, ack, client }) => {
    // Slack gives up after 3 seconds; the answer itself follows as a separate call.
    await ack();
    await workTurn(); // ack first: requests that arrived meanwhile are acknowledged before this one's work
    const caller: Caller = { platform: 'slack', userId: command.user_id, channelId: command.channel_id };
    const response = bot.handleCommand(caller, command.text);
    if (response.kind === 'form') {
      await client.views.open({ trigger_id: command.trigger_id, view: renderModal(response.form, { channelId: command.channel_id }) });
      return;
    }
    await replyPrivately(client, caller, responseMessage(response), people, viaOutbox(bot, caller));
  });
}
