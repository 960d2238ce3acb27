/**
 * The command registry: a subcommand declared in one place shows up everywhere it should. A fixture registry
 * — the real commands plus a demo subcommand defined here — goes through /fm hilfe, the console walk-through,
 * the role check and the Teams menus.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YES_NO } from '../../commands/fields.js';
import { COMMANDS } from '../../commands/index.js';
import type { ParsedCommand } from '../../commands/parse.js';
import { teamsCommandLists, teamsMenu } from '../../commands/teamsMenu.js';
import type { CommandDefinition, CommandRegistry } from '../../commands/types.js';
import { Bot } from '../../src/app/bot.js';
import type { BotResponse, Caller } from '../../src/messaging/ports.js';
import { message, text, toPlainText } from '../../src/messaging/reply.js';
import { createWorld, type World } from '../support/world.js';
import { consoleChat } from '../support/consoleChat.js';

/** What the demo's `run` was given, one entry per call. */
let received: ParsedCommand[];

/** A demo subcommand, declared like any real one; its German texts live here because it is a fixture. */
const demo: CommandDefinition = {
  name: 'demo',
  roles: ['fm', 'teamlead'],
  helpOrder: 1000,
  help: [{ usage: '/fm demo thema="Fallbesprechung" dringend=ja', text: 'Eine Demo-Notiz festhalten (nur Fallmanagement und Teamleitungen).' }],
  teamsMenu: { personal: { priority: 115, description: 'Demo-Notiz festhalten' } },
  keys: ['thema', 'dringend'],
  maxPositionals: 0,
  form: () => ({
    command: 'demo',
    title: 'Demo-Notiz',
    submitLabel: 'Festhalten',
    fields: [
      { kind: 'text', key: 'thema', label: 'Thema', required: true },
      { kind: 'select', key: 'dringend', label: 'Dringend?', required: false, options: [...YES_NO] },
    ],
  }),
  run(_ctx, input) {
    received.push(input);
    const line = `Demo-Notiz „${input.args.get('thema')}“ festgehalten.`;
    return message(line, text(line));
  },
};

const FIXTURE: CommandRegistry = [...COMMANDS, demo];

let world: World;
let bot: Bot;

beforeEach(() => {
  received = [];
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
  bot = new Bot({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar }, FIXTURE);
});
afterEach(() => world.close());

const as = (userId: string): Caller => ({ platform: 'console', userId });

function textOf(response: BotResponse): string {
  if (response.kind === 'message') return toPlainText(response.message);
  if (response.kind === 'error') return response.text;
  return JSON.stringify(response.form);
}

const chat = (lines: string[]): Promise<string> => consoleChat(world, lines, { bot });

const REFUSAL = '„demo“ können nur Personen mit einer der Rollen „fm“, „teamlead“ aufrufen; du bist als ifk eingetragen.';

describe('a subcommand declared once, in its own definition', () => {
  it('is listed in /fm hilfe after the real ones, with its example and explanation', () => {
    const help = textOf(bot.handleCommand(as('fm-tobias'), 'hilfe'));
    expect(help).toContain('`/fm demo thema="Fallbesprechung" dringend=ja`\nEine Demo-Notiz festhalten');
    expect(help.indexOf('/fm demo')).toBeGreaterThan(help.indexOf('/fm verlauf'));
    // The real registry's help is untouched by the fixture.
    expect(textOf(world.bot.handleCommand(as('fm-tobias'), 'hilfe'))).not.toContain('/fm demo');
  });

  it('is walked through in the console chat, and its run receives the answers', async () => {
    const printed = await chat(['/als fm-tobias', '/fm demo', 'Fallbesprechung', 'ja']);
    expect(printed).toContain('Formular „Demo-Notiz“');
    expect(printed).toMatch(/\nthema> Fallbesprechung\n/);
    expect(printed).toMatch(/\ndringend> ja\n/);
    expect(printed).toContain('Demo-Notiz „Fallbesprechung“ festgehalten.');
    expect(received).toHaveLength(1);
    expect(Object.fromEntries(received[0]!.args)).toEqual({ thema: 'Fallbesprechung', dringend: 'ja' });
  });

  it('also reaches the console’s /hilfe, which shows the registry’s help', async () => {
    const printed = await chat(['/hilfe']);
    expect(printed).toContain('/fm demo');
  });

  it('refuses a caller whose role it does not declare, with the standard refusal, before any form opens', async () => {
    expect(bot.handleCommand(as('ifk-lena'), 'demo')).toEqual({ kind: 'error', text: REFUSAL, fieldErrors: {}, general: [REFUSAL] });
    expect(textOf(bot.handleCommand(as('ifk-lena'), 'demo thema=x'))).toBe(REFUSAL);
    expect(textOf(bot.submitForm(as('ifk-lena'), 'demo', { thema: 'x' }))).toBe(REFUSAL);
    const printed = await chat(['/fm demo']);
    expect(printed).toContain(REFUSAL);
    expect(printed).not.toContain('Formular „Demo-Notiz“');
    expect(received).toEqual([]);
  });

  it('joins the Teams personal menu by its priority, pushing out the lowest one so the menu stays at 12', () => {
    const real = teamsMenu(COMMANDS, 'personal');
    const withDemo = teamsMenu(FIXTURE, 'personal');
    expect(real).toHaveLength(12);
    expect(withDemo).toHaveLength(12);
    expect(withDemo.slice(0, 2)).toEqual([real[0], { title: 'demo', description: 'Demo-Notiz festhalten' }]);
    expect(withDemo.slice(2)).toEqual(real.slice(1, 11));
    expect(withDemo.map((c) => c.title)).not.toContain(real[11]!.title);
    // The other scopes do not change.
    expect(teamsCommandLists(FIXTURE).slice(1)).toEqual(teamsCommandLists(COMMANDS).slice(1));
  });
});

describe('the real registry', () => {
  it('names every subcommand in /fm hilfe', () => {
    const help = textOf(world.bot.handleCommand(as('ifk-lena'), 'hilfe'));
    for (const { name } of COMMANDS) expect(help, name).toContain(`/fm ${name}`);
  });

  it('has each name once', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps the IFK-only refusal of /fm vormerken (R3) for every other role', () => {
    expect(textOf(world.bot.handleCommand(as('fm-tobias'), 'vormerken'))).toBe(
      'Vormerken können nur Integrationsfachkräfte (Rolle „ifk“); du bist als fm eingetragen. (R3)',
    );
    expect(textOf(world.bot.submitForm(as('tl-fm-ue25'), 'vormerken', {}))).toBe(
      'Vormerken können nur Integrationsfachkräfte (Rolle „ifk“); du bist als teamlead eingetragen. (R3)',
    );
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });
});
