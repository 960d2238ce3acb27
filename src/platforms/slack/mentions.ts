/**
 * Slack's mention syntax stays in the Slack platform: in message text a mention arrives as `<@U…>`, and a
 * lead may address the bot ("@FM-Lotse zustimmen") before typing a decision in an escalation's thread.
 */

/** Mentions at the start of a message, with the space after them (`<@U0BOT> <@U0TL> zustimmen`). */
const LEADING_MENTIONS = /^\s*(?:<@[A-Z0-9]+>\s*)*/i;

/** The message without the mentions it starts with, so the bot reads what the person typed after them. */
export function withoutLeadingMentions(text: string): string {
  return text.replace(LEADING_MENTIONS, '');
}
