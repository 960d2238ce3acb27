/**
 * /fm nachhaltigkeit FM-… monat=6|12|24 ergebnis=beschaeftigt|nicht-beschaeftigt|unbekannt — the FM (their
 * stand-in while absent, or the team lead) records what a follow-up after a successful exit found (R27).
 * Each follow-up is due for four weeks from its date and then counts as missed; a result may still be
 * recorded later, and a recorded one is never due again. "erledigt" on a follow-up in the FM digest opens
 * this command's form for that follow-up.
 */
import { FOLLOWUP_MONTHS, FOLLOWUP_RESULTS, followupsAfter, followupState, type Followup, type FollowupMonths, type FollowupResult } from '../src/domain/due.js';
import { RuleViolation, UserError } from '../src/domain/errors.js';
import { formatGermanDate, type LocalDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { followupResultLabel, followupTexts as T } from '../src/i18n/lifecycle.js';
import { commandHelp } from '../src/i18n/help.js';
import { facts, heading, message, text, type Form, type FormField } from '../src/messaging/reply.js';
import type { CaseRecord } from '../src/store/ports.js';
import { assertMayActOnCase, CASE_KEY, caseChoice, findCase, thisCaseChoice } from './caseAccess.js';
import { FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

const KEYS = [CASE_KEY, 'monat', 'ergebnis'] as const;

export const nachhaltigkeit: CommandDefinition = {
  name: 'nachhaltigkeit',
  roles: EVERYONE,
  helpOrder: 160,
  help: commandHelp.nachhaltigkeit,
  keys: KEYS,
  maxPositionals: 1,
  form: followupForm,
  run(ctx, input) {
    const now = ctx.clock.now();
    const today = ctx.calendar.today(now);
    const record = findCase(ctx, input);
    assertMayActOnCase(ctx, record, T.doing(record.caseCode), today);
    const endedOn = successfulEnd(record);
    const { months, result } = readFollowup(input);
    const followup = followupsAfter(endedOn).find((f) => f.months === months)!;
    if (today < followup.ruleOn) throw new RuleViolation('R27', T.tooEarly(record.caseCode, months, formatGermanDate(followup.ruleOn)), 'monat');
    assertNotRecorded(ctx, record.caseCode, months);
    const missed = followupState(followup, today) === 'missed';

    const saved = ctx.store.transaction(() => {
      // The primary key settles a double submit or two people recording at the same time.
      if (!ctx.store.followups.record({ caseCode: record.caseCode, months, result, on: today, recordedBy: ctx.actor.id, recordedAt: now })) return false;
      ctx.store.audit.record({
        at: now,
        actorId: ctx.actor.id,
        action: 'case.followup',
        caseCode: record.caseCode,
        details: { months, result, on: today, missed },
      });
      return true;
    });
    if (!saved) {
      assertNotRecorded(ctx, record.caseCode, months);
      throw new UserError(caseTexts.changedMeanwhile(record.caseCode));
    }

    const open = openFollowups(ctx, record, endedOn);
    const blocks = [
      heading(T.savedHeading),
      facts(
        [caseTexts.factCase, record.caseCode],
        [caseTexts.factClient, record.clientRef],
        [T.factFollowup, T.followupValue(months, formatGermanDate(followup.ruleOn))],
        [T.factResult, followupResultLabel(result)],
        [T.factRecordedOn, formatGermanDate(today)],
        [T.factOpen, open.length ? open.map((f) => T.openValue(f.months, formatGermanDate(f.ruleOn))).join(', ') : T.openNone],
      ),
    ];
    if (missed) blocks.push(text(T.missedNote(formatGermanDate(followup.lastOn))));
    return message(T.savedSummary(record.caseCode, months), ...blocks);
  },
};

/** R27: only a successfully ended case is followed up; its end date. */
function successfulEnd(record: CaseRecord): LocalDate {
  if (record.status !== 'beendet' || record.exitSuccessful !== true || record.endedOn === undefined) {
    throw new RuleViolation('R27', T.notSuccessful(record.caseCode));
  }
  return record.endedOn;
}

function readFollowup(input: ParsedCommand): { months: FollowupMonths; result: FollowupResult } {
  const f = new FieldReader(input);
  const rawMonths = f.raw('monat', false);
  const months = FOLLOWUP_MONTHS.find((m) => String(m) === rawMonths?.trim());
  if (rawMonths === undefined) f.fail('monat', T.monthMissing, 'R27');
  else if (months === undefined) f.fail('monat', T.monthUnknown(rawMonths), 'R27');
  const rawResult = f.raw('ergebnis', false);
  const result = FOLLOWUP_RESULTS.find((r) => r === rawResult?.toLowerCase());
  if (rawResult === undefined) f.fail('ergebnis', T.resultMissing, 'R27');
  else if (result === undefined) f.fail('ergebnis', T.resultUnknown(rawResult), 'R27');
  f.throwIfAny();
  return { months: months!, result: result! };
}

/** A recorded follow-up counts once (R27). */
function assertNotRecorded(ctx: CommandContext, caseCode: string, months: number): void {
  const existing = ctx.store.followups.forCase(caseCode).find((f) => f.months === months);
  if (!existing) return;
  throw new RuleViolation('R27', T.already(caseCode, months, followupResultLabel(existing.result), formatGermanDate(existing.on)), 'monat');
}

/** The follow-ups of the case without a result, due or not yet due. */
function openFollowups(ctx: CommandContext, record: CaseRecord, endedOn: LocalDate): Followup[] {
  const done = new Set(ctx.store.followups.forCase(record.caseCode).map((f) => f.months));
  return followupsAfter(endedOn).filter((f) => !done.has(f.months));
}

/** The follow-ups that can be recorded today: without a result, from their date on (also once missed). */
function recordable(ctx: CommandContext, record: CaseRecord, today: LocalDate): Followup[] {
  if (record.status !== 'beendet' || record.exitSuccessful !== true || record.endedOn === undefined) return [];
  return openFollowups(ctx, record, record.endedOn).filter((f) => f.ruleOn <= today);
}

const resultField = (): FormField => ({
  kind: 'select',
  key: 'ergebnis',
  label: T.fieldErgebnis,
  required: true,
  options: FOLLOWUP_RESULTS.map((r) => ({ value: r, label: followupResultLabel(r) })),
});

/** The choice of follow-up: with its date when the case is known, else just the months. */
const monthField = (options: Array<{ months: FollowupMonths; ruleOn?: LocalDate }>): FormField => ({
  kind: 'select',
  key: 'monat',
  label: T.fieldMonat,
  required: true,
  options: options.map((f) => ({
    value: String(f.months),
    label: f.ruleOn === undefined ? T.monthPlain(f.months) : T.monthOption(f.months, formatGermanDate(f.ruleOn)),
  })),
});

/** The bare command: the actor's successfully ended cases with a follow-up to record. */
function followupForm(ctx: CommandContext): Form {
  const today = ctx.calendar.today(ctx.clock.now());
  const describe = (r: CaseRecord) =>
    T.optionOpen(recordable(ctx, r, today).map((f) => T.optionOpenItem(f.months, formatGermanDate(f.ruleOn))));
  return {
    command: 'nachhaltigkeit',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      caseChoice(ctx, ['beendet'], T.formWhat, describe, (r) => recordable(ctx, r, today).length > 0, true),
      monthField(FOLLOWUP_MONTHS.map((months) => ({ months }))),
      resultField(),
    ],
  };
}

/**
 * The form "erledigt" on a follow-up in the FM digest opens: this case and this follow-up only, so just the
 * result is left to choose. Refused when it is recorded already.
 */
export function followupFormFor(ctx: CommandContext, record: CaseRecord, months: FollowupMonths): Form {
  const endedOn = successfulEnd(record);
  assertNotRecorded(ctx, record.caseCode, months);
  const followup = followupsAfter(endedOn).find((f) => f.months === months)!;
  const date = formatGermanDate(followup.ruleOn);
  return {
    command: 'nachhaltigkeit',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      thisCaseChoice(record, T.optionOpen([T.optionOpenItem(months, date)])),
      monthField([followup]),
      resultField(),
    ],
  };
}

/** For the FM digest: the follow-up of the case whose due day is `dueOn`, if any. */
export function followupDueOn(ctx: CommandContext, record: CaseRecord, dueOn: LocalDate): FollowupMonths | undefined {
  if (record.endedOn === undefined) return undefined;
  return followupsAfter(record.endedOn).find((f) => ctx.calendar.workingDayOnOrAfter(f.ruleOn) === dueOn)?.months;
}
