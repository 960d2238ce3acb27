/** Submitted modals (callback id fm_form): values back into the command the form was opened for. */
import type { App } from '@slack/bolt';
import type { BotApi, Caller } from '../../../messaging/ports.js';
import { workTurn } from '../ackFirst.js';
import { replyPrivately, responseMessage, viaOutbox } from '../privateReply.js';
import { FORM_CALLBACK_ID, formFieldKeys, modalErrors, parseFormMetadata, readViewValues, renderModal, type People } from '../render.js';

export function register(app: App, bot: BotApi, people: People): void {
  app.view(FORM_CALLBACK_ID, async ({ ack, body, view, client }) => {
    // The answer to a submission (field errors) is its ack, so its work waits for its turn before the ack.
    await workTurn();
    const metadata = parseFormMetadata(view.private_metadata);
    const caller: Caller = { platform: 'slack', userId: body.user.id, ...(metadata.channelId ? { channelId: metadata.channelId } : {}) };
    const response = bot.submitForm(caller, metadata.command, readViewValues(view));

    if (response.kind === 'form') {
      await ack({ response_action: 'update', view: renderModal(response.form, metadata) });
      return;
    }
    if (response.kind === 'error') {
      // The modal stays open with the messages next to the fields; nothing was stored.
      const errors = modalErrors(formFieldKeys(view), response.text, response.fieldErrors, response.general);
      if (errors) {
        await ack({ response_action: 'errors', errors });
        return;
      }
    }
    await ack();
    await replyPrivately(client, caller, responseMessage(response), people, viaOutbox(bot, caller));
  });
}
