/**
 * /fm abgang FM-… grund=<code> [empfehlung="…"] — the FM plans the exit of the case (R22, R25, R26): the case
 * stays theirs with the status „Rückgabe“ while the referring IFK (or, if that person left or is absent, the
 * lead of the referring team) is asked for the warm return talk; `/fm rueckgabe` (or its buttons) confirms —
 * then the case ends — or objects, and the two team leads decide (R25). Missed appointments alone are no
 * reason, and lack of cooperation needs two documented contact attempts of different kinds (R23); with no
 * potential the FM records recommended alternatives (R24). A stand-in decides only with the client's consent
 * (R17). The follow-ups after a successful exit (R27) need no rows: the due-date engine derives them.
 */
import { RuleViolation } from '../src/domain/errors.js';
import { exitViolation, EXIT_REASONS, isExitReason, needsOutreach, outreachCheck, type ExitReason } from '../src/domain/exit.js';
import { formatGermanDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { exitReasonLabel, exitTexts as T, lifecycleTexts as L } from '../src/i18n/lifecycle.js';
import { outreachTexts, returnTexts as R } from '../src/i18n/returns.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, text, type Form } from '../src/messaging/reply.js';
import { planReturn, returnAnswerDays } from '../src/services/returns.js';
import type { CaseRecord } from '../src/store/ports.js';
import { activeCaseFor, assertCounsellingConsent, CASE_KEY, caseChoice, consentField, MAX_REASON_LENGTH } from './caseAccess.js';
import { FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

const KEYS = [CASE_KEY, 'grund', 'empfehlung', 'einwilligung'] as const;

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
    assertOutreach(ctx, record, reason, today);
    assertCounsellingConsent(ctx, record, input, T.doing(record.caseCode)); // R17

    const { ret } = planReturn(ctx, record, { reason, ...(recommendation === undefined ? {} : { recommendation }), actorId: ctx.actor.id, now });
    const answerBy = formatGermanDate(ctx.calendar.addWorkingDays(today, returnAnswerDays(ctx)));
    const rows: Array<[string, string]> = [
      [caseTexts.factCase, record.caseCode],
      [caseTexts.factClient, record.clientRef],
      [R.factStatus, R.statusLabel],
      [T.factReason, exitReasonLabel(reason)],
    ];
    if (recommendation !== undefined) rows.push([T.factRecommendation, recommendation]);
    const asked = ctx.org.person(ret.addresseeId)?.name ?? ret.addresseeId;
    rows.push([R.factAsked, asked], [R.factAnswerBy, answerBy]);
    return message(R.plannedSummary(record.caseCode), heading(R.plannedHeading), facts(...rows), text(R.plannedText(asked, record.caseCode)));
  },
};

/** R23: lack of cooperation only after two documented contact attempts of different kinds in the last 3 months. */
function assertOutreach(ctx: CommandContext, record: CaseRecord, reason: ExitReason, today: string): void {
  if (!needsOutreach(reason)) return;
  const check = outreachCheck(ctx.store.contacts.forCase(record.caseCode), today);
  if (!check.ok) throw new RuleViolation('R23', outreachTexts.exitMissing(record.caseCode, check.tried, check.untried, check.missing), 'grund');
}

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
      caseChoice(ctx, ['aktiv'], T.formWhat, (r) => (r.intakeOn ? T.optionIntake(formatGermanDate(r.intakeOn)) : L.none), (r) => !ctx.store.returns.openFor(r.caseCode), true),
      { kind: 'select', key: 'grund', label: T.fieldGrund, required: true, options: EXIT_REASONS.map((r) => ({ value: r, label: exitReasonLabel(r) })) },
      { kind: 'text', key: 'empfehlung', label: T.fieldEmpfehlung, hint: T.hintEmpfehlung, required: false },
      consentField(),
    ],
  };
}
