/**
 * The one place unexpected errors of a turn end up: logged with a short id, and the person who triggered
 * them is told with that id — on the card for a card action, as a reply otherwise. Nothing about the
 * person or case goes into that notice.
 */
import { randomBytes } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import { teamsTexts as T } from '../../../i18n/teams.js';

export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

export function register(app: Application, logger: Pick<Console, 'error'>): void {
  app.error(async (context, error) => {
    const errorId = newErrorId();
    const activity = context.activity;
    logger.error(`[error ${errorId}] Teams ${activity.type}${activity.name ? ` ${activity.name}` : ''}: ${error.stack ?? error.message}`);
    // A proactive turn (outbox delivery) has nobody to tell; the transport reports its own failures.
    if (activity.type !== 'message' && activity.type !== 'invoke') return;
    const notice = T.unexpectedError(errorId);
    try {
      if (activity.type === 'invoke') {
        await context.sendActivity({
          type: 'invokeResponse',
          value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: notice } },
        });
      } else {
        await context.sendActivity(notice);
      }
    } catch (notifyError) {
      logger.error(`[error ${errorId}] could not tell ${activity.from?.id ?? 'the sender'}: ${String(notifyError)}`);
    }
  });
}
