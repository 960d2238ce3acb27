/**
 * Text sent to the bot: the same `/fm …` line as in Slack — with or without the slash, with or without the
 * word `fm`, with or without an @mention (Teams puts `<at>FM-Lotse</at>` into a channel message; it is removed
 * here). In a channel thread under an escalation, the text may also be a decision ("zustimmen", "ablehnen …").
 */
import type { BotApi, Caller } from '../../../messaging/ports.js';
import type { Message } from '../../../messaging/reply.js';
import type { OrgIndex } from '../../../config/orgIndex.js';
import { callerOf, conversationOf } from '../conversations.js';
import { replyPrivately, type ReplyDeps, type Turn } from '../privateReply.js';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ', '&amp;': '&' };

/** The text of a chat message as the person typed it: no leftover mentions or HTML entities, trimmed. */
export function plainMessageText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&(?:lt|gt|quot|#39|nbsp|amp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\u00a0/g, ' ')
    .trim();
}

/** What follows `/fm` (or `fm`, or nothing): the subcommand line BotApi.handleCommand expects. */
export function commandText(text: string): string {
  return plainMessageText(text).replace(/^\/?(?:fm(?:\s+|$))?/i, '').replace(/^\//, '').trim();
}

/** Answers a `message` activity: a decision in an escalation thread, or a command. */
export async function onMessage(turn: Turn, bot: BotApi, org: OrgIndex, deps: ReplyDeps): Promise<void> {
  const activity = turn.activity;
  const text = plainMessageText(activity.text ?? '');
  // Reactions, files, Action.Submit payloads of foreign cards: nothing this bot answers.
  if (text === '') return;
  const caller = callerOf(activity, org);
  const conversation = conversationOf(activity);
  if (conversation.kind === 'channel' && conversation.threadId !== undefined && conversation.threadId !== activity.id) {
    const decision = bot.handleThreadReply(caller, { channelId: conversation.id, threadId: conversation.threadId, text });
    if (decision) {
      await replyPrivately(turn, decision, deps, viaOutbox(bot, caller));
      return;
    }
  }
  await replyPrivately(turn, bot.handleCommand(caller, commandText(text)), deps, viaOutbox(bot, caller));
}

/** Issue #13 item 9: private answers Teams does not take now are queued for the caller as a direct message. */
function viaOutbox(bot: BotApi, caller: Caller): (msg: Message) => boolean {
  return (msg) => bot.queuePrivateReply?.(caller, msg) ?? false;
}
