/** What every /fm subcommand gets and gives, and what it declares about itself for the registry. */
import type { Person } from '../src/config/org.js';
import type { UserError } from '../src/domain/errors.js';
import { ROLES, type Role } from '../src/domain/vocabulary.js';
import type { HelpEntry } from '../src/i18n/help.js';
import type { Form, Message } from '../src/messaging/reply.js';
import type { CommandContext } from '../src/services/context.js';
import type { ActionInput, ActionResponse } from '../src/messaging/ports.js';
import type { ParsedCommand } from './parse.js';

export type { CommandContext, CommandDeps } from '../src/services/context.js';
export type { HelpEntry } from '../src/i18n/help.js';

/** The Teams conversations with a command menu of their own, in the order of teams/manifest.json. */
export const TEAMS_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type TeamsScope = (typeof TEAMS_SCOPES)[number];

/** A command's place in the Teams command menu of one scope. */
export interface TeamsMenuEntry {
  /** Higher comes first; of more than 12 members only the 12 highest are shown (a Teams limit). */
  priority: number;
  /** German, from src/i18n/help.ts (teamsMenuTexts). */
  description: string;
}

/**
 * Every role: for the commands whose callers are decided by the case or team they name (its FM, the stand-in,
 * a lead of the team), which the command itself checks.
 */
export const EVERYONE: readonly Role[] = ROLES;

/** What a subcommand declares about itself besides running: who may call it, its help, its Teams menu entries. */
export interface CommandListing {
  /** Who may call it; the bot refuses everyone else before a form opens or the command runs. */
  roles: readonly Role[];
  /** Its place in /fm hilfe, lowest first (steps of 10 leave room for new ones between). */
  helpOrder: number;
  /** The refusal for the other roles, where it says more than the standard one (commonTexts.notForRole). */
  refusal?(actor: Person): UserError;
  /** Its entries in /fm hilfe (src/i18n/help.ts); none when another command's entry describes it too. */
  help: readonly HelpEntry[];
  /**
   * It only reads: it answers from what is stored and changes nothing, so a request for it needs no receipt
   * (an interrupted one loses nothing; issue #13 items 1 and 9). The bot runs it under Store.readOnly, where a
   * write throws, so a wrong declaration fails the command's tests.
   */
  readOnly?: true;
  /** Per Teams scope, whether it is in that command menu; `npm run teams:manifest` writes the menus. */
  teamsMenu?: Partial<Record<TeamsScope, TeamsMenuEntry>>;
}

/** Just the listing of `from`: for factories whose configuration declares it next to their own settings. */
export function listingOf(from: CommandListing): CommandListing {
  const { roles, helpOrder, refusal, help, readOnly, teamsMenu } = from;
  return { roles, helpOrder, ...(refusal && { refusal }), help, ...(readOnly && { readOnly }), ...(teamsMenu && { teamsMenu }) };
}

export interface CommandDefinition extends CommandListing {
  name: string;
  /** The `key=value` keys this subcommand accepts; anything else is refused. */
  keys: readonly string[];
  /** How many bare words (e.g. a case code) may follow the subcommand. */
  maxPositionals: number;
  /** The form opened by the bare subcommand (Slack modal, Teams card, console walk-through). */
  form?(ctx: CommandContext): Form;
  /**
   * Runs the command; returns the caller's private reply. Throws UserError(s) for bad input.
   * `commands` is the registry the bot routes by (only /fm hilfe reads it).
   */
  run(ctx: CommandContext, input: ParsedCommand, commands: CommandRegistry): Message;
}

/** The /fm subcommands in the order /fm hilfe lists them; the real one is COMMANDS in commands/index.ts. */
export type CommandRegistry = readonly CommandDefinition[];

/** A button or select on a bot message, by its action id (e.g. "round.confirm"). */
export interface ActionDefinition {
  actionId: string;
  run(ctx: CommandContext, action: ActionInput): ActionResponse;
}
