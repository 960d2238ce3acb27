/**
 * Writes the Teams command menus — `bots[0].commandLists` of teams/manifest.json — from the command registry
 * (each command's `teamsMenu`, see commands/teamsMenu.ts). Run `npm run teams:manifest` after adding a command
 * to a menu or changing its priority or description; test/teams-manifest.test.ts fails while the committed
 * manifest differs. Only the lists are rewritten: the rest of the file keeps its bytes, and the lists keep
 * the file's layout (one command per line), so an unchanged registry gives an unchanged file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { COMMANDS } from '../commands/index.js';
import { teamsCommandLists, type TeamsCommandList } from '../commands/teamsMenu.js';

export const MANIFEST_FILE = path.resolve(import.meta.dirname, '../teams/manifest.json');

const KEY = '"commandLists": ';

/** The manifest text with `bots[0].commandLists` replaced by `lists`; throws when the file is not as expected. */
export function withCommandLists(manifestText: string, lists: readonly TeamsCommandList[]): string {
  const start = manifestText.indexOf(KEY);
  if (start < 0 || manifestText.indexOf(KEY, start + 1) >= 0) {
    throw new Error(`expected exactly one ${KEY.trim()} in the Teams manifest`);
  }
  const open = start + KEY.length;
  const close = matchingBracket(manifestText, open);
  const indent = manifestText.slice(manifestText.lastIndexOf('\n', start) + 1, start);
  const updated = manifestText.slice(0, open) + formatLists(lists, indent) + manifestText.slice(close + 1);
  assertOnlyListsChanged(manifestText, updated, lists);
  return updated;
}

/** The lists in the manifest's layout: 2-space indents, inline scopes, one command object per line. */
export function formatLists(lists: readonly TeamsCommandList[], indent: string): string {
  const [i1, i2, i3] = [1, 2, 3].map((depth) => indent + '  '.repeat(depth));
  const command = (c: { title: string; description: string }) =>
    `${i3}{ "title": ${JSON.stringify(c.title)}, "description": ${JSON.stringify(c.description)} }`;
  const list = (l: TeamsCommandList) =>
    [
      `${i1}{`,
      `${i2}"scopes": [${l.scopes.map((s) => JSON.stringify(s)).join(', ')}],`,
      `${i2}"commands": [`,
      l.commands.map(command).join(',\n'),
      `${i2}]`,
      `${i1}}`,
    ].join('\n');
  return `[\n${lists.map(list).join(',\n')}\n${indent}]`;
}

/** The index of the `]` closing the array that opens at `open`, skipping brackets inside strings. */
function matchingBracket(text: string, open: number): number {
  if (text[open] !== '[') throw new Error(`expected "[" after ${KEY.trim()} in the Teams manifest`);
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unterminated ${KEY.trim()} in the Teams manifest`);
}

/** Guards the text surgery: the result parses, carries `lists` in bots[0], and nothing else differs. */
function assertOnlyListsChanged(before: string, after: string, lists: readonly TeamsCommandList[]): void {
  const was = JSON.parse(before);
  const now = JSON.parse(after);
  if (!isDeepStrictEqual(now.bots?.[0]?.commandLists, lists)) throw new Error('commandLists is not in bots[0] of the Teams manifest');
  was.bots[0].commandLists = lists;
  if (!isDeepStrictEqual(now, was)) throw new Error('writing commandLists would change more of the Teams manifest');
}

function main(): void {
  const before = readFileSync(MANIFEST_FILE, 'utf8');
  const after = withCommandLists(before, teamsCommandLists(COMMANDS));
  if (after === before) {
    console.log(`${path.relative(process.cwd(), MANIFEST_FILE)}: command lists unchanged`);
    return;
  }
  writeFileSync(MANIFEST_FILE, after);
  console.log(`${path.relative(process.cwd(), MANIFEST_FILE)}: command lists written`);
}

// Run as a script, not when a test imports the functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
