/**
 * Decisions typed as replies in an escalation's thread. The platforms hand over the text as the person
 * typed it, without their own mention syntax (Slack's `<@U…>`, Teams' `<at>…</at>`), so a reply to the bot
 * reads like any other.
 */
import type { EscalationVoteChoice } from '../../domain/vocabulary.js';
import type { EscalationRecord } from '../../store/ports.js';
import type { EscalationDeps } from './model.js';

/** "zustimmen", "Zustimmen!", "ablehnen weil …". */
const THREAD_VOTE = /^(zustimmen|ablehnen)\b[\s:,.!–-]*(.*)$/isu;

/** A thread reply as a vote, or undefined when it is just conversation. */
export function parseThreadVote(textValue: string): { vote: EscalationVoteChoice; comment?: string } | undefined {
  const match = THREAD_VOTE.exec(textValue.trim());
  if (!match) return undefined;
  const vote = match[1]!.toLowerCase() === 'zustimmen' ? 'approve' : 'reject';
  const comment = match[2]?.trim();
  return comment ? { vote, comment } : { vote };
}

/** The escalation whose channel message heads this thread. */
export function escalationOfThread(deps: EscalationDeps, channelId: string, threadId: string): EscalationRecord | undefined {
  return deps.store.escalations.byParentMessage(channelId, threadId);
}
