/** What every /fm subcommand gets and gives. */
import type { Form, Message } from '../src/messaging/reply.js';
import type { CommandContext } from '../src/services/context.js';
import type { ActionInput, ActionResponse } from '../src/messaging/ports.js';
import type { ParsedCommand } from './parse.js';

export type { CommandContext, CommandDeps } from '../src/services/context.js';

export interface CommandDefinition {
  name: string;
  /** The `key=value` keys this subcommand accepts; anything else is refused. */
  keys: readonly string[];
  /** How many bare words (e.g. a case code) may follow the subcommand. */
  maxPositionals: number;
  /** The form opened by the bare subcommand (Slack modal, Teams card, console walk-through). */
  form?(ctx: CommandContext): Form;
  /** Runs the command; returns the caller's private reply. Throws UserError(s) for bad input. */
  run(ctx: CommandContext, input: ParsedCommand): Message;
}

/** A button or select on a bot message, by its action id (e.g. "round.confirm"). */
export interface ActionDefinition {
  actionId: string;
  run(ctx: CommandContext, action: ActionInput): ActionResponse;
}
