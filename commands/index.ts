/** The registry of /fm subcommands. */
import { ablehnen } from './ablehnen.js';
import { hilfe } from './hilfe.js';
import { roundActions, runde } from './runde.js';
import { team } from './team.js';
import { uebergang } from './uebergang.js';
import { uebernahme } from './uebernahme.js';
import { vormerken } from './vormerken.js';
import { vormerkungen } from './vormerkungen.js';
import type { ActionDefinition, CommandDefinition } from './types.js';

export const COMMANDS: readonly CommandDefinition[] = [hilfe, vormerken, vormerkungen, runde, uebernahme, ablehnen, uebergang, team];

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export const ACTIONS: readonly ActionDefinition[] = [...roundActions];

export function findAction(actionId: string): ActionDefinition | undefined {
  return ACTIONS.find((a) => a.actionId === actionId);
}
