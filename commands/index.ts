/**
 * The registry of /fm subcommands, found, not listed: every module of this folder is loaded, and what it exports
 * as a command (name, keys, run) or as button actions (actionId, run) is registered. A new subcommand is one
 * file here — its name, roles, place in /fm hilfe (`helpOrder`), help, form and Teams menu entry declared in
 * it — plus its texts in src/i18n/ and its test. Routing, role check, /fm hilfe, the console's form walk-through
 * and the Teams command menus (`npm run teams:manifest`) all read from this registry.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ActionDefinition, CommandDefinition, CommandRegistry } from './types.js';

const self = fileURLToPath(import.meta.url);
const here = path.dirname(self);
/** `.ts` from the sources (tsx, vitest), `.js` from the build (dist/). */
const extension = path.extname(self);

const modules: Array<Record<string, unknown>> = await Promise.all(
  readdirSync(here)
    .filter((file) => file.endsWith(extension) && !file.endsWith(`.d${extension}`) && path.join(here, file) !== self)
    .sort()
    .map((file) => import(pathToFileURL(path.join(here, file)).href) as Promise<Record<string, unknown>>),
);

function isCommand(value: unknown): value is CommandDefinition {
  const v = value as Partial<CommandDefinition> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && Array.isArray(v.keys) && typeof v.run === 'function' && typeof v.helpOrder === 'number';
}

function isAction(value: unknown): value is ActionDefinition {
  const v = value as Partial<ActionDefinition> | null;
  return typeof v === 'object' && v !== null && typeof v.actionId === 'string' && typeof v.run === 'function';
}

const exported = modules.flatMap((m) => Object.values(m)).flatMap((v) => (Array.isArray(v) ? v : [v]));

/** In the order of /fm hilfe (each command's `helpOrder`): referral, round, intake, case lifecycle, views, duties, escalations. */
export const COMMANDS: CommandRegistry = [...new Set(exported.filter(isCommand))].sort((a, b) => a.helpOrder - b.helpOrder || a.name.localeCompare(b.name));

export const ACTIONS: readonly ActionDefinition[] = [...new Set(exported.filter(isAction))].sort((a, b) => a.actionId.localeCompare(b.actionId));

export function findCommand(name: string, commands: CommandRegistry = COMMANDS): CommandDefinition | undefined {
  return commands.find((c) => c.name === name);
}


export function findAction(actionId: string): ActionDefinition | undefined {
  return ACTIONS.find((a) => a.actionId === actionId);
}
