/**
 * The one place unexpected errors end up: logged with a short id, and the person who triggered them is
 * told privately with that id. The error is re-thrown so an unacknowledged request gets an error status.
 */
import { randomBytes } from 'node:crypto';
import { AuthorizationError, type App } from '@slack/bolt';
import { slackTexts } from '../../../i18n/slack.js';
import { message, text } from '../../../messaging/reply.js';
import { replyPrivately } from '../privateReply.js';
import { parseFormMetadata } from '../render.js';

export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** Who triggered a request, from a slash command, view submission or block action body. */
export function requester(body: unknown): { userId: string; channelId?: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, any>;
  if (typeof b.command === 'string' && typeof b.user_id === 'string') {
    return { userId: b.user_id, ...(typeof b.channel_id === 'string' ? { channelId: b.channel_id } : {}) };
  }
  const userId: unknown = b.user?.id;
  if (typeof userId !== 'string') return undefined;
  if (b.type === 'view_submission') {
    try {
      const { channelId } = parseFormMetadata(String(b.view?.private_metadata ?? ''));
      return channelId ? { userId, channelId } : { userId };
    } catch {
      return { userId };
    }
  }
  const channelId: unknown = b.channel?.id;
  return typeof channelId === 'string' ? { userId, channelId } : { userId };
}

/** The last overload of app.error: the handler that also receives body and logger (extendedErrorHandler). */
type ExtendedErrorHandler = Parameters<App['error']>[0];

export function register(app: App): void {
  const handle: ExtendedErrorHandler = async ({ error, body, logger }) => {
    const errorId = newErrorId();
    const cause = error.original ?? error;
    logger.error(`[error ${errorId}] ${error.code ?? 'error'}: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    const to = requester(body);
    // Without a valid installation there is no token to answer with.
    if (to && !(error instanceof AuthorizationError)) {
      const notice = slackTexts.unexpectedError(errorId);
      try {
        await replyPrivately(app.client, to, message(notice, text(notice)));
      } catch (notifyError) {
        logger.error(`[error ${errorId}] could not tell ${to.userId}: ${String(notifyError)}`);
      }
    }
    throw error;
  };
  app.error(handle);
}
