/**
 * /fm abgang FM-… grund=<code> [empfehlung="…"] — the FM ends the case (R22, R25). Missed appointments alone
 * are no reason (R23); with no potential the FM records recommended alternatives (R24). The referring IFK is
 * asked by direct message to arrange the warm return talk (R26). The follow-ups after a successful exit
 * (R27) need no rows: the due-date engine derives them from the end date.
 */
import { FOLLOWUP_MONTHS, addMonths } from '../src/domain/due.js';
import { RuleViolation } from '../src/domain/errors.js';
import { exitViolation, EXIT_REASONS, isExitReason, isSuccessfulExit, type ExitReason } from '../src/domain/exit.js';
import { formatGermanDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { exitReasonLabel, exitTexts as T, lifecycleTexts as L } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, mention, message, text, type Form } from '../src/messaging/reply.js';
import { endCase } from '../src/services/caseLifecycle.js';
import { activeCaseFor, CASE_KEY, caseChoice, directKey, MAX_REASON_LENGTH } from './caseAccess.js';
import { FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

const KEYS = [CASE_KEY, 'grund', 'empfehlung'] as const;

export const abgang: CommandDefinition = {
  name: 'abgang',
  roles: EVERYONE,
  helpOrder: 150,
  help: commandHelp.abgang,
  teamsMenu: {
    personal: { priority: 30, description: M.abgang },
  },
  keys: KEYS,
  maxPositionals: 1,
  form: exitForm,
  run(ctx, input) {
    const { record, now, today } = activeCaseFor(ctx, input, T.doing);
    if (ctx.store.escalations.openFor(record.caseCode, 'abgang')) throw new RuleViolation('R25', T.disputed(record.caseCode));
    const { reason, recommendation } = readExit(input);
    const successful = isSuccessfulExit(reason);

    const referrerTold = record.referringPersonId !== ctx.actor.id;
    ctx.store.transaction(() => {
      endCase(ctx, record, { reason, recommendation, actorId: ctx.actor.id, now });
      if (referrerTold) {
        ctx.store.outbox.enqueue({
          dedupeKey: directKey('case.return', record.caseCode, record.referringPersonId),
          target: { kind: 'direct', personId: record.referringPersonId },
          createdAt: now,
          message: message(
            T.referrerSummary(record.caseCode),
            text(T.referrerText(record.caseCode, record.clientRef, exitReasonLabel(reason), mention(record.assignedFmId ?? ctx.actor.id), recommendation)),
          ),
        });
      }
    });

    const date = formatGermanDate(today);
    const rows: Array<[string, string]> = [
      [caseTexts.factCase, record.caseCode],
      [caseTexts.factClient, record.clientRef],
      [T.factDate, date],
      [T.factReason, exitReasonLabel(reason)],
    ];
    if (recommendation !== undefined) rows.push([T.factRecommendation, recommendation]);
    rows.push([
      T.factFollowups,
      successful ? FOLLOWUP_MONTHS.map((m) => formatGermanDate(addMonths(today, m))).join(', ') : T.followupsNone,
    ]);
    return message(T.savedSummary(record.caseCode, date), heading(T.savedHeading), facts(...rows), text(T.returnNote(referrerTold)));
  },
};

function readExit(input: ParsedCommand): { reason: ExitReason; recommendation?: string } {
  const f = new FieldReader(input);
  const raw = f.raw('grund', false)?.toLowerCase();
  const recommendation = f.raw('empfehlung', false);
  if (recommendation !== undefined && recommendation.length > MAX_REASON_LENGTH) {
    f.fail('empfehlung', T.recommendationTooLong(recommendation.length, MAX_REASON_LENGTH));
  }
  const violation = raw === undefined ? undefined : exitViolation(raw, recommendation);
  if (raw === undefined) f.fail('grund', T.reasonMissing([...EXIT_REASONS]), 'R22');
  else if (violation?.rule === 'R23') f.errors.push(new RuleViolation('R23', T.missedAppointmentsOnly, 'grund'));
  else if (!isExitReason(raw)) f.fail('grund', T.reasonUnknown(raw, [...EXIT_REASONS]), 'R22');
  else if (violation?.rule === 'R24') f.errors.push(new RuleViolation('R24', T.recommendationMissing, 'empfehlung'));
  f.throwIfAny();
  return { reason: raw as ExitReason, recommendation };
}

function exitForm(ctx: CommandContext): Form {
  return {
    command: 'abgang',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      caseChoice(ctx, ['aktiv'], T.formWhat, (r) => (r.intakeOn ? T.optionIntake(formatGermanDate(r.intakeOn)) : L.none), undefined, true),
      { kind: 'select', key: 'grund', label: T.fieldGrund, required: true, options: EXIT_REASONS.map((r) => ({ value: r, label: exitReasonLabel(r) })) },
      { kind: 'text', key: 'empfehlung', label: T.fieldEmpfehlung, hint: T.hintEmpfehlung, required: false },
    ],
  };
}
