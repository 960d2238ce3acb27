/**
 * /fm verlaengern FM-… monate=N grund="…" — extends a case (R19): up to 12 months at a time; two extensions
 * within 48 months need nobody's consent. A third extension, or one past 48 months (up to 60), only with the
 * team lead's consent: an FM's request is recorded as pending and the lead(s) told; a lead extending the case
 * gives that consent.
 * Every extension is documented with its reason as an extension record, and its coded occasion (`anlass=`), which the
 * controlling figures count for the stays beyond 24 months (R35).
 */
import { monthsBetween } from '../src/domain/due.js';
import { RuleViolation, UserError } from '../src/domain/errors.js';
import { checkExtension, MAX_EXTENSION_MONTHS, type ConsentReason } from '../src/domain/extension.js';
import { formatGermanDate, type Instant, type LocalDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { extensionTexts as T, lifecycleTexts as L } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, text, type Form, type Message } from '../src/messaging/reply.js';
import { PendingExtensionExistsError, type CaseRecord } from '../src/store/ports.js';
import { activeCaseFor, assertCounsellingConsent, CASE_KEY, caseChoice, consentField, leadsTeam, occasionField, readOccasion, readReason } from './caseAccess.js';
import { EXTENSION_CODES, type ExtensionCode } from '../src/domain/vocabulary.js';
import { extensionCodeLabel, reasonCodeTexts } from '../src/i18n/reasonCodes.js';

/** What the FM gives for an extension: the free-text reason and its coded occasion (R19, R35). */
interface Ask {
  reason: string;
  occasion: ExtensionCode | undefined;
}
import { grantExtension, plannedEndOf } from '../src/services/caseLifecycle.js';
import { raiseEscalation } from '../src/services/escalations/index.js';
import { FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

const KEYS = [CASE_KEY, 'monate', 'anlass', 'grund', 'einwilligung'] as const;

export const verlaengern: CommandDefinition = {
  name: 'verlaengern',
  roles: EVERYONE,
  helpOrder: 140,
  help: commandHelp.verlaengern,
  teamsMenu: {
    personal: { priority: 40, description: M.verlaengern },
  },
  keys: KEYS,
  maxPositionals: 1,
  form: extensionForm,
  run(ctx, input) {
    const { record, now, today } = activeCaseFor(ctx, input, T.doing);
    const { months, reason, occasion } = readRequest(input);
    assertCounsellingConsent(ctx, record, input, T.doing(record.caseCode)); // R17
    const pending = ctx.store.extensions.pendingFor(record.caseCode);
    if (pending) {
      throw new RuleViolation('R19', T.pendingExists(record.caseCode, pending.months, formatGermanDate(ctx.calendar.today(pending.requestedAt))));
    }

    const intakeOn = record.intakeOn!; // every active case has been taken in
    const plannedEndOn = plannedEndOf(record);
    const extensions = record.extensions ?? 0;
    const leadConsent = leadsTeam(ctx, record.receivingTeamId);
    const result = checkExtension({ intakeOn, plannedEndOn, extensions, months, leadConsent });
    if (!result.ok && !result.needsConsent) {
      const { code, params = {} } = result.violation;
      const shown = typeof params.plannedEnd === 'string' ? { ...params, plannedEnd: formatGermanDate(params.plannedEnd) } : params;
      throw new RuleViolation('R19', T.violation(code, shown), code === 'months-range' ? 'monate' : undefined);
    }
    const total = monthsBetween(intakeOn, result.newPlannedEnd);

    if (result.needsConsent) return requestConsent(ctx, record, months, { reason, occasion }, result.newPlannedEnd, total, result.consentReason, now);

    // R19: the one place an extension is granted (the lead's direct extension is the consent).
    const granted = grantExtension(ctx, record, {
      months,
      reason,
      ...(occasion !== undefined && { reasonCode: occasion }), // R35
      leadConsent,
      actorId: ctx.actor.id,
      now,
    });
    const end = formatGermanDate(granted.newPlannedEnd);
    const blocks = [
      heading(T.grantedHeading),
      facts(
        [caseTexts.factCase, record.caseCode],
        [caseTexts.factClient, record.clientRef],
        [T.factMonths, T.monthsValue(months)],
        [T.factEnd, end],
        [T.factTotal, T.monthsValue(granted.totalMonths)],
        [T.factCount, T.countValue(granted.extensions)],
        [reasonCodeTexts.factCode, extensionCodeLabel(occasion)],
        [T.factReason, reason],
      ),
    ];
    if (granted.withConsent) blocks.push(text(T.leadConsentGiven));
    return message(T.grantedSummary(record.caseCode, end), ...blocks);
  },
};

function readRequest(input: ParsedCommand): { months: number; reason: string; occasion: ExtensionCode | undefined } {
  const f = new FieldReader(input);
  const raw = f.raw('monate', true);
  const months = raw !== undefined && /^\d{1,3}$/.test(raw) ? Number(raw) : undefined;
  if (raw !== undefined && months === undefined) f.fail('monate', T.monthsFormat, 'R19');
  const occasion = readOccasion(f, EXTENSION_CODES, 'R19'); // R35: counted by this code, never by the free text
  const reason = readReason(f, true, T.reasonMissing, 'R19');
  f.throwIfAny();
  return { months: months!, reason: reason!, occasion };
}

/** The database refuses a second pending request when two requests race. */
function requestOrRefuse(ctx: CommandContext, record: CaseRecord, months: number, ask: Ask, now: Instant) {
  try {
    return ctx.store.extensions.request({
      caseCode: record.caseCode,
      months,
      reason: ask.reason,
      ...(ask.occasion !== undefined && { reasonCode: ask.occasion }), // R35
      requestedBy: ctx.actor.id,
      requestedAt: now,
    });
  } catch (error) {
    if (error instanceof PendingExtensionExistsError) throw new UserError(caseTexts.changedMeanwhile(record.caseCode));
    throw error;
  }
}

/**
 * R19: a third extension, or one past 48 months, the team lead decides; the request waits, the lead(s) learn
 * of it (case code only).
 */
function requestConsent(
  ctx: CommandContext,
  record: CaseRecord,
  months: number,
  ask: Ask,
  newPlannedEnd: LocalDate,
  total: number,
  consentReason: ConsentReason,
  now: Instant,
): Message {
  const team = ctx.org.team(record.receivingTeamId);
  const leads = team ? ctx.org.leadsOf(team) : [];
  const end = formatGermanDate(newPlannedEnd);
  ctx.store.transaction(() => {
    const request = requestOrRefuse(ctx, record, months, ask, now);
    ctx.store.audit.record({
      at: now,
      actorId: ctx.actor.id,
      action: 'case.extension.requested',
      caseCode: record.caseCode,
      details: { requestId: request.id, months, plannedEndOn: newPlannedEnd, totalMonths: total },
    });
    // R19: only with the team lead's consent, decided in the team's escalation thread.
    raiseEscalation(ctx, { kind: 'verlaengerung', caseCode: record.caseCode, extensionId: request.id, raisedBy: ctx.actor.id, reason: ask.reason, now });
  });
  return message(
    T.pendingSummary(record.caseCode),
    heading(T.pendingHeading),
    facts(
      [caseTexts.factCase, record.caseCode],
      [T.factMonths, T.monthsValue(months)],
      [T.factEnd, end],
      [T.factTotal, T.monthsValue(total)],
      [reasonCodeTexts.factCode, extensionCodeLabel(ask.occasion)],
      [T.factReason, ask.reason],
    ),
    text(T.pendingText(consentReason, team?.name ?? record.receivingTeamId, leads.length > 0)),
  );
}

function extensionForm(ctx: CommandContext): Form {
  return {
    command: 'verlaengern',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      caseChoice(ctx, ['aktiv'], T.formWhat, (r) => T.optionEnd(formatGermanDate(plannedEndOf(r)), r.extensions ?? 0), undefined, true),
      {
        kind: 'select',
        key: 'monate',
        label: T.fieldMonate,
        required: true,
        options: Array.from({ length: MAX_EXTENSION_MONTHS }, (_, i) => ({ value: String(i + 1), label: T.monthsValue(i + 1) })),
      },
      occasionField(reasonCodeTexts.fieldExtension, EXTENSION_CODES, extensionCodeLabel),
      { kind: 'text', key: 'grund', label: T.fieldGrund, hint: T.hintGrund, required: true },
      consentField(),
    ],
  };
}
