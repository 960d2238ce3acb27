/**
 * Reading `key=value` arguments: every problem is collected (so a form can mark every wrong field at
 * once) and reported with the field's name. Values are checked with zod.
 */
import { z } from 'zod/v4';
import { UserError, UserErrors } from '../src/domain/errors.js';
import { commonTexts } from '../src/i18n/commands.js';
import type { FieldOption } from '../src/messaging/reply.js';
import type { CommandDefinition } from './types.js';
import type { ParsedCommand } from './parse.js';

export class FieldReader {
  readonly errors: UserError[] = [];

  constructor(private readonly input: ParsedCommand) {}

  /** The raw value, or undefined (and an error when `required`). */
  raw(key: string, required: boolean): string | undefined {
    const value = this.input.args.get(key);
    if (value === undefined && required) this.fail(key, commonTexts.missing(key));
    return value;
  }

  oneOf<const T extends readonly [string, ...string[]]>(key: string, allowed: T, required: true): T[number] | undefined;
  oneOf<const T extends readonly [string, ...string[]]>(key: string, allowed: T, required: false): T[number] | undefined;
  oneOf<const T extends readonly [string, ...string[]]>(key: string, allowed: T, required: boolean): T[number] | undefined {
    const value = this.raw(key, required);
    if (value === undefined) return undefined;
    const parsed = z.enum(allowed).safeParse(value.toLowerCase());
    if (!parsed.success) this.fail(key, commonTexts.oneOf(key, allowed));
    return parsed.success ? parsed.data : undefined;
  }

  yesNo(key: string, required: boolean): boolean | undefined {
    const value = this.raw(key, required);
    if (value === undefined) return undefined;
    const parsed = z.enum(['ja', 'nein']).safeParse(value.toLowerCase());
    if (!parsed.success) {
      this.fail(key, commonTexts.yesNo(key));
      return undefined;
    }
    return parsed.data === 'ja';
  }

  fail(field: string, message: string, rule?: string): void {
    this.errors.push(new UserError(message, field, rule));
  }

  /** Throws every collected problem at once. */
  throwIfAny(): void {
    if (this.errors.length) throw new UserErrors(this.errors);
  }
}

/** Refuses keys and bare words the command does not know, before anything else is looked at. */
export function checkShape(def: CommandDefinition, input: ParsedCommand): void {
  const errors: UserError[] = [];
  for (const key of input.args.keys()) {
    if (!def.keys.includes(key)) errors.push(new UserError(commonTexts.unknownKey(key, def.name, def.keys), key));
  }
  if (input.positionals.length > def.maxPositionals) {
    errors.push(new UserError(commonTexts.tooManyWords(def.name, input.positionals.slice(def.maxPositionals))));
  }
  if (errors.length) throw new UserErrors(errors);
}

/** The options of a ja/nein choice in a form. */
export const YES_NO: readonly FieldOption[] = [
  { value: 'ja', label: commonTexts.yes },
  { value: 'nein', label: commonTexts.no },
];
