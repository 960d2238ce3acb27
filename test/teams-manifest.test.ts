import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { teamsCommandLists } from '../commands/teamsMenu.js';
import { withCommandLists } from '../scripts/teams-manifest.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object with the plugin as `default`.
const addFormats = ajvFormats.default;
const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'teams');
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const schema = JSON.parse(fs.readFileSync(path.resolve(root, 'specs/teams-manifest.v1.30.schema.json'), 'utf8'));

/** Keywords whose meaning differs between draft-04 and draft-07 (boolean exclusive bounds, `id` as base URI). */
function draft04Only(node: unknown, inProperties = false): string[] {
  if (Array.isArray(node)) return node.flatMap((n) => draft04Only(n));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => [
    ...(!inProperties && ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') ? [key] : []),
    ...(!inProperties && key === 'id' && typeof value === 'string' ? [key] : []),
    ...draft04Only(value, key === 'properties' || key === 'definitions' || key === 'patternProperties'),
  ]);
}

/**
 * Microsoft's schema declares draft-04, which Ajv 8 does not ship; it uses no keyword whose meaning changed
 * since (checked below), so it is compiled as draft-07 without its `$schema` line.
 */
function manifestValidator() {
  const { $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  return ajv.compile(rest);
}

/** Width, height, colour type and the raw RGBA rows of a non-interlaced 8-bit PNG. */
function readPng(file: string): { width: number; height: number; colorType: number; pixel(x: number, y: number): number[] } {
  const data = fs.readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const colorType = data[25]!;
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    if (data.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const stride = 1 + width * 4;
  return {
    width,
    height,
    colorType,
    pixel: (x, y) => {
      expect(rows[y * stride]).toBe(0); // unfiltered rows, as the icon script writes them
      return [...rows.subarray(y * stride + 1 + x * 4, y * stride + 5 + x * 4)];
    },
  };
}

describe('Teams app package (teams/)', () => {
  it('has a manifest valid against the Teams manifest schema v1.30', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(draft04Only(schema)).toEqual([]);
    const validate = manifestValidator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.manifestVersion).toBe('1.30');
  });

  it('would be refused with a bot id that is no GUID or an accent colour that is no hex code', () => {
    const validate = manifestValidator();
    const broken = structuredClone(manifest);
    broken.bots[0].botId = 'mein-bot';
    broken.accentColor = 'blau';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/accentColor', '/bots/0/botId']);
  });

  it('ships a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    const color = readPng(path.join(dir, manifest.icons.color));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(path.join(dir, manifest.icons.outline));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let drawn = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = outline.pixel(x, y);
        expect([r, g, b]).toEqual([255, 255, 255]);
        if (a! > 0) drawn++;
      }
    }
    expect(outline.pixel(0, 0)[3]).toBe(0);
    expect(drawn).toBeGreaterThan(50);
  });

  it('is a conversational bot for personal chats, teams and group chats', () => {
    const [bot] = manifest.bots;
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it('has the command menus of the command registry: run npm run teams:manifest when this fails', () => {
    const committed = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const generated = withCommandLists(committed, teamsCommandLists(COMMANDS));
    expect(generated, 'teams/manifest.json differs from the command registry: run npm run teams:manifest').toBe(committed);
  });

  it('offers at most 12 commands per scope, as Teams allows, each once, hilfe first, all of them known', () => {
    const lists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> = manifest.bots[0].commandLists;
    const scopes = lists.flatMap((l) => l.scopes);
    expect(new Set(scopes).size).toBe(scopes.length); // one list per scope
    expect(scopes).toEqual(['personal', 'team', 'groupChat']);
    const known = new Set(COMMANDS.map((c) => c.name));
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(12);
      const titles = list.commands.map((c) => c.title);
      expect(new Set(titles).size).toBe(titles.length);
      expect(titles[0]).toBe('hilfe');
      for (const title of titles) expect(known.has(title), title).toBe(true);
      for (const c of list.commands) expect(c.description.length).toBeGreaterThan(0);
    }
  });

  it('keeps the rest of the manifest byte for byte when the menus change', () => {
    const committed = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const [personal, ...others] = teamsCommandLists(COMMANDS);
    const shorter = [{ ...personal!, commands: personal!.commands.slice(0, 2) }, ...others];
    const rewritten = withCommandLists(committed, shorter);
    expect(JSON.parse(rewritten).bots[0].commandLists).toEqual(shorter);
    const outside = (text: string) => text.replace(/"commandLists": \[[\s\S]*\n {6}\]/, '');
    expect(outside(rewritten)).toBe(outside(committed));
    expect(withCommandLists(rewritten, teamsCommandLists(COMMANDS))).toBe(committed);
  });
});
