/**
 * Replies people write in the threads of the bot's channel messages (Events API `message.channels` and
 * `message.groups`). Only a decision under an escalation gets an answer, privately; everything else in a
 * thread is conversation and left alone. A decision may start with a mention of the bot; the mention is
 * Slack's syntax and is removed here, so the bot gets the words alone.
 */
import type { App } from '@slack/bolt';
import type { BotApi, Caller } from '../../../messaging/ports.js';
import { workTurn } from '../ackFirst.js';
import { withoutLeadingMentions } from '../mentions.js';
import { replyPrivately, responseMessage, viaOutbox } from '../privateReply.js';
import type { People } from '../render.js';

/** Slack escapes &, < and > in message text; the bot compares and stores what the person typed. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function register(app: App, bot: BotApi, people: People): void {
  app.event('message', async ({ event, client }) => {
    // Edits, deletions, joins and bot posts (our own thread replies among them) carry a subtype or a bot id.
    if (event.subtype !== undefined || event.bot_id !== undefined) return;
    await workTurn(); // Bolt has acked the event; requests that arrived meanwhile are acknowledged first
    const { thread_ts: threadId, ts, channel, user, text } = event;
    if (threadId === undefined || threadId === ts || !user || !text) return;
    const caller: Caller = { platform: 'slack', userId: user, channelId: channel };
    // Real mentions are `<@U…>` in the raw text; what the person typed as `<` arrives escaped, so strip first.
    const typed = unescapeSlack(withoutLeadingMentions(text));
    const response = bot.handleThreadReply(caller, { channelId: channel, threadId, text: typed });
    if (response === undefined || response.kind === 'form') return;
    await replyPrivately(client, caller, responseMessage(response), people, viaOutbox(bot, caller));
  });
}
