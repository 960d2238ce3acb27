/**
 * Parses the text after `/fm`: a subcommand, positional words (e.g. a case code) and `key=value`
 * arguments; values with spaces go in double quotes (straight or typographic, as chat clients
 * like to "correct" them).
 */
import { UserError } from '../src/domain/errors.js';
import { parseTexts } from '../src/i18n/commands.js';

export interface ParsedCommand {
  name: string;
  positionals: string[];
  args: Map<string, string>;
}

/** Longest command line accepted; a full referral needs about 250 characters. */
export const MAX_COMMAND_LENGTH = 1000;

const OPENING_QUOTES = new Set(['"', '“', '„', '”']);
const CLOSING_QUOTES = new Set(['"', '”', '“']);
// C0/C1 control characters (tab excepted) and bidi overrides, which can disguise what a message says.
const FORBIDDEN = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** Refuses overlong text and control characters, for command lines and single form values alike. */
export function assertCleanText(input: string, field?: string): void {
  if (input.length > MAX_COMMAND_LENGTH) throw new UserError(parseTexts.tooLong(input.length, MAX_COMMAND_LENGTH), field);
  if (FORBIDDEN.test(input)) throw new UserError(parseTexts.controlCharacters, field);
}

export function parseCommandLine(input: string): ParsedCommand {
  assertCleanText(input);

  const tokens = tokenize(input.replace(/\t/g, ' ').trim());
  const first = tokens.shift();
  if (first === undefined) return { name: '', positionals: [], args: new Map() };
  if (first.value !== undefined) throw new UserError(parseTexts.subcommandFirst);

  const args = new Map<string, string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.value === undefined) {
      positionals.push(token.key);
      continue;
    }
    const key = token.key.toLowerCase();
    if (args.has(key)) throw new UserError(parseTexts.repeatedKey(key), key);
    if (token.value.trim() === '') throw new UserError(parseTexts.emptyValue(key), key);
    args.set(key, token.value.trim());
  }
  return { name: first.key.toLowerCase(), positionals, args };
}

interface Token {
  key: string;
  /** undefined for a bare word (no `=`). */
  value?: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ') i++;
    if (i >= text.length) break;
    let word = '';
    while (i < text.length && text[i] !== ' ' && text[i] !== '=') word += text[i++];
    if (text[i] !== '=') {
      tokens.push({ key: word });
      continue;
    }
    i++; // '='
    if (word === '') throw new UserError(parseTexts.missingKey);
    let value = '';
    if (i < text.length && OPENING_QUOTES.has(text[i]!)) {
      i++;
      while (i < text.length && !CLOSING_QUOTES.has(text[i]!)) value += text[i++];
      if (i >= text.length) throw new UserError(parseTexts.unclosedQuote(word), word.toLowerCase());
      i++; // closing quote
      if (i < text.length && text[i] !== ' ') throw new UserError(parseTexts.textAfterQuote(word), word.toLowerCase());
    } else {
      while (i < text.length && text[i] !== ' ') value += text[i++];
    }
    tokens.push({ key: word, value });
  }
  return tokens;
}
