/**
 * /fm massnahme FM-… ja|nein — the client is (no longer) in an active labour-market measure: the contact
 * interval for measures applies meanwhile (R15). The switch itself is shared with /fm gutachten.
 */
import { contactPolicy } from '../src/services/clocks.js';
import { contactCadence, dueItems } from '../src/domain/due.js';
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate, type LocalDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { contactTexts, lifecycleTexts as L, measureTexts as T } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, text, type Form } from '../src/messaging/reply.js';
import type { CaseRecord } from '../src/store/ports.js';
import { activeCaseFor, CASE_KEY, caseChoice, changeCase, clockOf } from './caseAccess.js';
import type { ParsedCommand } from './parse.js';
import { YES_NO } from './fields.js';
import { EVERYONE, listingOf, type CommandContext, type CommandDefinition, type CommandListing } from './types.js';

/** What distinguishes the two R15 switches; each declares its own listing (roles, help, Teams menu). */
export interface CaseSwitch extends CommandListing {
  name: string;
  /** Forms cannot send a bare word, so the value may also come as `<key>=ja|nein`. */
  key: string;
  field: 'inMeasure' | 'reportPending';
  action: string;
  texts: {
    doing(code: string): string;
    unchanged(code: string, on: boolean): string;
    savedHeading(on: boolean): string;
    savedSummary(code: string, on: boolean): string;
    formTitle: string;
    formSubmit: string;
    formWhat: string;
    optionState(on: boolean): string;
  };
  fieldLabel: string;
  /** Explanations under the confirmation. */
  notes(ctx: CommandContext, record: CaseRecord, on: boolean): string[];
}

export function caseSwitchCommand(sw: CaseSwitch): CommandDefinition {
  return {
    ...listingOf(sw),
    name: sw.name,
    keys: [CASE_KEY, sw.key],
    maxPositionals: 2,
    form: (ctx) => switchForm(ctx, sw),
    run(ctx, input) {
      const { record, now, today } = activeCaseFor(ctx, input, sw.texts.doing);
      const on = readSwitch(input, sw);
      if ((record[sw.field] ?? false) === on) throw new UserError(sw.texts.unchanged(record.caseCode, on));

      const updated = ctx.store.transaction(() => {
        return changeCase(ctx, record, { from: ['aktiv'], to: 'aktiv', changes: { [sw.field]: on }, now, action: sw.action, details: { [sw.field]: on } });
      });

      return message(
        sw.texts.savedSummary(record.caseCode, on),
        heading(sw.texts.savedHeading(on)),
        facts(
          [caseTexts.factCase, record.caseCode],
          [caseTexts.factClient, record.clientRef],
          [contactTexts.factNext, nextContact(ctx, updated, today)],
        ),
        ...sw.notes(ctx, updated, on).map((note) => text(note)),
      );
    },
  };
}

function readSwitch(input: ParsedCommand, sw: CaseSwitch): boolean {
  const positional = input.positionals[1]?.toLowerCase();
  const keyed = input.args.get(sw.key)?.toLowerCase();
  if (positional !== undefined && keyed !== undefined && positional !== keyed) throw new UserError(L.switchTwice(sw.key), sw.key);
  const value = positional ?? keyed;
  if (value !== 'ja' && value !== 'nein') throw new UserError(L.switchMissing(sw.key, sw.name), sw.key);
  return value === 'ja';
}

function nextContact(ctx: CommandContext, record: CaseRecord, today: LocalDate): string {
  const next = dueItems(clockOf(ctx, record, today), contactPolicy(ctx), ctx.calendar).find((i) => i.kind === 'contact');
  return next ? contactTexts.nextValue(formatGermanDate(next.dueOn), next.rule) : contactTexts.nextPaused;
}

function switchForm(ctx: CommandContext, sw: CaseSwitch): Form {
  return {
    command: sw.name,
    title: sw.texts.formTitle,
    submitLabel: sw.texts.formSubmit,
    fields: [
      caseChoice(ctx, ['aktiv'], sw.texts.formWhat, (r) => sw.texts.optionState(r[sw.field] ?? false), undefined, true),
      {
        kind: 'select',
        key: sw.key,
        label: sw.fieldLabel,
        required: true,
        options: [...YES_NO],
      },
    ],
  };
}

export const massnahme = caseSwitchCommand({
  name: 'massnahme',
  roles: EVERYONE,
  helpOrder: 100,
  help: commandHelp.massnahme,
  teamsMenu: {
    team: { priority: 50, description: M.massnahme },
  },
  key: T.key,
  field: 'inMeasure',
  action: 'case.measure',
  texts: T,
  fieldLabel: T.fieldTeilnahme,
  notes(ctx, record, on) {
    return [T.rhythm(on, contactCadence(record.group, on, contactPolicy(ctx)))];
  },
});
