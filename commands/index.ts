/** The registry of /fm subcommands. */
import { hilfe } from './hilfe.js';
import { vormerken } from './vormerken.js';
import { vormerkungen } from './vormerkungen.js';
import type { CommandDefinition } from './types.js';

export const COMMANDS: readonly CommandDefinition[] = [hilfe, vormerken, vormerkungen];

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((c) => c.name === name);
}
