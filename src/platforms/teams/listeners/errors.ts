/**
 * The one place unexpected errors of a turn end up: logged with a short id, and the person who triggered
 * them is told with that id — on the card for a card action, as a reply otherwise. Nothing about the
 * person or case goes into that notice.
 */
import { randomBytes } from 'node:crypto';
import { teamsTexts as T } from '../../../i18n/teams.js';
import { replyTo, type Turn } from '../privateReply.js';

export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Logs a failed turn under a new error id and returns the German notice that names it. */
export function logFailure(turn: Turn, error: unknown, logger: Pick<Console, 'error'>): { errorId: string; notice: string } {
  const errorId = newErrorId();
  const activity = turn.activity;
  logger.error(`[error ${errorId}] Teams ${activity.type ?? '?'}${activity.name ? ` ${activity.name}` : ''}: ${describe(error)}`);
  return { errorId, notice: T.unexpectedError(errorId) };
}

/** A failed message turn: the notice goes to the sender as a reply (the turn itself ends normally). */
export async function tellSender(turn: Turn, error: unknown, logger: Pick<Console, 'error'>): Promise<void> {
  const { errorId, notice } = logFailure(turn, error, logger);
  try {
    await replyTo(turn, notice);
  } catch (notifyError) {
    logger.error(`[error ${errorId}] could not tell ${turn.activity.from?.id ?? 'the sender'}: ${String(notifyError)}`);
  }
}
