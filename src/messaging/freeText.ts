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
 *
 * Formatting (issue #13 item 9). Slack's mrkdwn (`*bold*`, `_italic_`, `~strike~`, `` `code` ``, ``` ``` ```,
 * `>` quotes), the Markdown of Teams' Adaptive Card TextBlocks (`**bold**`, `_italic_`, `- `/`1. ` lists) and
 * the console (`*bold*`) must not format what a person typed. Slack documents no escape for these characters
 * (only `&amp;`, `&lt;`, `&gt;`), and an invisible character next to them is not a documented barrier on any
 * platform (CommonMark, which Adaptive Cards follow, treats U+2060 as neither space nor punctuation, so `*⁠x*`
 * still emphasises there). So:
 * - the inline markers `*` `_` `~` `` ` `` are replaced by look-alike characters that no platform parses
 *   (INERT_MARKERS below): guaranteed inert everywhere, same length, read as typed (not byte-identical);
 * - a line that would start a block (quote `>`, list `-`/`+`/`*`/`1.`, heading `#`, setext `=`, indented code)
 *   gets a WORD JOINER in front: Slack formats quotes only "at the start of a line", and CommonMark block
 *   markers may only be preceded by spaces, so the line becomes an ordinary paragraph.
 * The bot's own texts (src/i18n) keep their markup: only typed values pass through here.
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

/**
 * Formatting characters and their inert look-alikes (all in the Basic Multilingual Plane, so lengths and
 * limits such as "at most 300 characters" count the same). None of them is markup in Slack mrkdwn, Adaptive
 * Card Markdown, CommonMark or the console renderer.
 */
export const INERT_MARKERS: Readonly<Record<string, string>> = {
  '*': '\u2217', // ∗ ASTERISK OPERATOR: *bold* (Slack, console), *italic*/**bold** (Teams)
  _: '\u02CD', // ˍ MODIFIER LETTER LOW MACRON: _italic_ (Slack, Teams)
  '~': '\u223C', // ∼ TILDE OPERATOR: ~strike~ (Slack)
  '`': '\u02CB', // ˋ MODIFIER LETTER GRAVE ACCENT: `code` and ```blocks``` (Slack; removed by the Teams renderer)
};

/**
 * A line some platform would turn into a block: a quote (`>`, Slack also `&gt;`), a list item (`- `, `+ `,
 `1. `, `1) `; `* ` is inert already by its look-alike), a heading (`# `), a setext underline or rule (`===`, `---`) or indented code (4 spaces
 * or a tab). Dates (`12.01.2027`) and negative numbers (`-5`) are no such line and stay untouched.
 */
const BLOCK_START = /^(?=[ \t]*(?:>|&gt;|[-+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$)| {4}|\t)/gm;

/**
 * The text with every formatting character made inert (see the module comment); what it reads stays the same.
 * Idempotent. Applied by neutraliseFreeText, exported for tests and for text from elsewhere.
 */
export function neutraliseFormatting(text: string): string {
  return text.replace(/[*_~`]/g, (c) => INERT_MARKERS[c]!).replace(BLOCK_START, WORD_JOINER);
}

/** The text with every mention, link, broadcast and formatting syntax made inert; unchanged where there is none. */
export function neutraliseFreeText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of RULES) result = result.replace(pattern, replacement);
  return neutraliseFormatting(result);
}
