/**
 * Free text people type (a decline reason, a comment, a vote) is shown as text on every platform: it must not
 * turn into a mention, a link or a broadcast where others read it. What would be syntax is broken by a
 * WORD JOINER (U+2060): invisible, so the text reads as typed, but no platform parses it any more.
 *
 * The Bot applies it to every typed value and form value before a command sees them (src/app/bot.ts), so the
 * message model never carries free text that resolves as a mention token (`@{id}`, see reply.ts), and the
 * renderers (Slack, Teams, console) need nothing more for it. The Slack renderer also escapes `<`, `>` and `&`
 * (src/platforms/slack/render.ts `escapeMrkdwn`); a Teams renderer that shows bot text as Markdown may call
 * `neutraliseFreeText` on text from elsewhere too (it is idempotent).
 */

const WORD_JOINER = '\u2060';

const RULES: Array<[RegExp, string]> = [
  // The message model's mention token `@{person-id}` (resolved into <@U…> on Slack, a mention on Teams).
  [/@(?=\{)/g, `@${WORD_JOINER}`],
  // Markdown links `[label](target)` (Teams TextBlocks, the console) and images `![…](…)`.
  [/\](?=\()/g, `]${WORD_JOINER}`],
  // Bare URLs that clients turn into links: `https://…`, `ftp://…`.
  [/:(?=\/\/)/g, `:${WORD_JOINER}`],
  // Slack's `<@U…>`, `<!channel>`, `<#C…>`, `<https://…|label>` and Teams' `<at>…</at>`.
  [/<(?=[@!#]|at>|https?:|mailto:)/gi, `<${WORD_JOINER}`],
];

/** The text with every mention, link and broadcast syntax made inert; unchanged where there is none. */
export function neutraliseFreeText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of RULES) result = result.replace(pattern, replacement);
  return result;
}
