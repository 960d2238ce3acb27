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
 * `>` quotes; Slack also takes the full-width `＊` `＿` `｀` `＞`), the Markdown of Teams' Adaptive Card
 * TextBlocks (`**bold**`, `_italic_`, `- `/`1. ` lists, links) and the console (`*bold*`) must not format what a
 * person typed. Slack documents no escape for these characters (only `&amp;`, `&lt;`, `&gt;` for its control
 * characters), and an invisible character next to them is no barrier: Slack's word-boundary rule counts a
 * zero-width space as a boundary (it is how jsx-slack's "exact mode" forces formatting), and CommonMark, which
 * Adaptive Cards follow, counts U+2060 as neither space nor punctuation, so `*⁠x*` still emphasises there. So:
 * - the inline markers are replaced by look-alikes that no platform parses (INERT_MARKERS, the same choice as
 *   jsx-slack's `<Escape>`): inert everywhere by construction, same length, read as typed (not byte-identical;
 *   underscores inside an emoji code such as `:white_check_mark:` stay, they cannot open italics);
 * - a line that would start a block (quote `>`/`＞`, list `-`/`+`/`1.`/`1)`, heading `#`, setext `=`/`-`,
 *   indented code) gets a SOFT HYPHEN (U+00AD, invisible at a line start) in front: Slack quotes only "at the
 *   beginning of a line" (jsx-slack prefixes U+00AD for exactly this), and CommonMark block markers may only be
 *   preceded by spaces, so the line becomes an ordinary paragraph.
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
  '\uFF0A': '\uFE61', // ＊ → ﹡ SMALL ASTERISK: full-width bold (Slack)
  _: '\u02CD', // ˍ MODIFIER LETTER LOW MACRON: _italic_ (Slack, Teams)
  '\uFF3F': '\u2E0F', // ＿ → ⸏ PARAGRAPHOS: full-width italics (Slack)
  '~': '\u223C', // ∼ TILDE OPERATOR: ~strike~ (Slack)
  '`': '\u02CB', // ˋ MODIFIER LETTER GRAVE ACCENT: `code` and ```blocks``` (Slack; removed by the Teams renderer)
  '\uFF40': '\u02CB', // ｀ → ˋ: full-width code (Slack)
};

const SOFT_HYPHEN = '\u00AD';
/**
 * A marker, or an emoji code whose underscores sit between letters (never italics, so left as typed). An
 * underscore between two letters or digits opens no italics on any platform (Slack needs a word boundary,
 * CommonMark forbids intraword `_` emphasis), so ids such as `max_mustermann` stay as typed.
 */
const MARKER = /:[a-z0-9]+(?:_[a-z0-9]+)+:|[*\uFF0A\uFF3F~`\uFF40]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/giu;

/**
 * A line some platform would turn into a block: a quote (`>`, `&gt;`, `＞`), a list item (`- `, `+ `, `1. `,
 * `1) `; `* ` is inert already by its look-alike), a heading (`# `), a setext underline or rule (`===`, `---`)
 * or indented code (4 spaces or a tab). Dates (`12.01.2027`) and negative numbers (`-5`) are no such line.
 */
const BLOCK_START = /^(?=[ \t]*(?:>|&gt;|\uFF1E|[-+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$)| {4}|\t)/gm;

/**
 * The text with every formatting character made inert (see the module comment); what it reads stays the same.
 * Idempotent. Applied by neutraliseFreeText, exported for tests and for text from elsewhere.
 */
export function neutraliseFormatting(text: string): string {
  return text.replace(MARKER, (m) => (m.length > 1 ? m : INERT_MARKERS[m]!)).replace(BLOCK_START, SOFT_HYPHEN);
}

/** The text with every mention, link, broadcast and formatting syntax made inert; unchanged where there is none. */
export function neutraliseFreeText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of RULES) result = result.replace(pattern, replacement);
  return neutraliseFormatting(result);
}
