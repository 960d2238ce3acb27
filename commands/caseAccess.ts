/**
 * Shared by the commands that act on one case (uebernahme, ablehnen, uebergang and the lifecycle commands):
 * finding the case by its code, checking who may act on it and in which state, and the case choice of their forms.
 */
import { actingFor, standingInFor } from '../src/services/people.js';
import { toCaseClock } from '../src/services/clocks.js';
import { formatCaseCode, parseCaseCode } from '../src/domain/caseCode.js';
import { summarizeContacts } from '../src/domain/contacts.js';
import type { CaseClock } from '../src/domain/due.js';
import { RuleViolation, UserError } from '../src/domain/errors.js';
import { returnTexts, standInTexts } from '../src/i18n/returns.js';
import { statusLabel } from '../src/i18n/cases.js';
import { formatGermanDate, parseGermanDate, type LocalDate } from '../src/domain/time.js';
import type { Team } from '../src/config/org.js';
import { caseTexts as T } from '../src/i18n/cases.js';
import { lifecycleTexts } from '../src/i18n/lifecycle.js';
import { referralTexts } from '../src/i18n/commands.js';
import { lifecycleTexts as L } from '../src/i18n/lifecycle.js';
import type { FormField } from '../src/messaging/reply.js';
import type { CaseRecord } from '../src/store/ports.js';
import type { CaseStatus } from '../src/domain/vocabulary.js';
import { reasonCodeTexts } from '../src/i18n/reasonCodes.js';
import { YES_NO, type FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import type { CommandContext } from './types.js';

/** Forms cannot send a bare word, so the case code may also come as `fall=FM-…`. */
export const CASE_KEY = 'fall';

/** Longest free-text reason (decline, intake without warm handover); enough for a sentence, too short for a case file. */
export const MAX_REASON_LENGTH = 300;

/** The case named by the first bare word (or `fall=`), in any letter case; refuses a missing or unknown code. */
export function findCase(ctx: CommandContext, input: ParsedCommand): CaseRecord {
  const positional = input.positionals[0];
  const keyed = input.args.get(CASE_KEY);
  if (positional !== undefined && keyed !== undefined && positional.toUpperCase() !== keyed.toUpperCase()) {
    throw new UserError(T.twice, CASE_KEY);
  }
  const raw = positional ?? keyed;
  if (raw === undefined) throw new UserError(T.missing(input.name), CASE_KEY);
  const parsed = parseCaseCode(raw);
  if (!parsed) throw new UserError(T.format(raw), CASE_KEY);
  const code = formatCaseCode(parsed.year, parsed.seq);
  const record = ctx.store.cases.byCode(code);
  if (!record) throw new UserError(T.unknown(code), CASE_KEY);
  return record;
}

/** True when the actor leads the team (own team as team lead, or listed in its `leads`). */
export function leadsTeam(ctx: CommandContext, teamId: string): boolean {
  return ctx.org.teamsLedBy(ctx.actor).some((t) => t.id === teamId);
}

/** The FM the case is assigned to, or a lead of the team that received it. */
export function mayActOn(ctx: CommandContext, record: CaseRecord): boolean {
  return record.assignedFmId === ctx.actor.id || leadsTeam(ctx, record.receivingTeamId);
}

/** Refuses everyone else; `doing` completes "Nur … kann …". */
export function assertMayActOn(ctx: CommandContext, record: CaseRecord, doing: string): void {
  if (mayActOn(ctx, record)) return;
  const fm = record.assignedFmId ? ctx.org.person(record.assignedFmId)?.name : undefined;
  const team = ctx.org.team(record.receivingTeamId)?.name ?? record.receivingTeamId;
  throw new UserError(T.notAllowed(doing, fm, team));
}

/**
 * The lifecycle commands also admit whoever stands in for the case's FM today while the FM is absent (R17):
 * the next present FM of the team's substitution chain.
 */
export function mayActOnCase(ctx: CommandContext, record: CaseRecord, today: LocalDate): boolean {
  if (mayActOn(ctx, record)) return true;
  return record.assignedFmId !== undefined && actingFor(ctx, record.assignedFmId, today) === ctx.actor.id;
}

export function assertMayActOnCase(ctx: CommandContext, record: CaseRecord, doing: string, today: LocalDate): void {
  if (mayActOnCase(ctx, record, today)) return;
  const fm = record.assignedFmId ? ctx.org.person(record.assignedFmId)?.name : undefined;
  const team = ctx.org.team(record.receivingTeamId)?.name ?? record.receivingTeamId;
  throw new UserError(L.notAllowed(doing, fm, team));
}

export function assertStatus(record: CaseRecord, allowed: readonly CaseStatus[], allowedLabel: string): void {
  if (!allowed.includes(record.status)) throw new UserError(T.wrongStatus(record.caseCode, record.status, allowedLabel));
}

/** A required or optional short free text (`grund`), refused when too long. */
export function readReason(f: FieldReader, required: boolean, missing: string, rule: string): string | undefined {
  const value = f.raw('grund', false);
  if (value === undefined) {
    if (required) f.fail('grund', missing, rule);
    return undefined;
  }
  if (value.length > MAX_REASON_LENGTH) f.fail('grund', T.reasonTooLong(value.length, MAX_REASON_LENGTH));
  return value;
}

/**
 * `datum` of something that took place (contact, review, talk): TT.MM.JJJJ, today when left out, never in
 * the future nor before the intake. Undefined (and an error collected) when it is wrong.
 */
export function readHappenedOn(f: FieldReader, today: LocalDate, intakeOn: LocalDate | undefined): LocalDate | undefined {
  const raw = f.raw('datum', false);
  if (raw === undefined) return today;
  const date = parseGermanDate(raw);
  if (date === undefined) f.fail('datum', L.dateFormat);
  else if (date > today) f.fail('datum', L.dateFuture(formatGermanDate(date)));
  else if (intakeOn !== undefined && date < intakeOn) f.fail('datum', L.dateBeforeIntake(formatGermanDate(date), formatGermanDate(intakeOn)));
  else return date;
  return undefined;
}

/** The due-date engine's view of one case as of `today`, with its qualified contacts (R16). */
export function clockOf(ctx: CommandContext, record: CaseRecord, today: LocalDate): CaseClock {
  const contacts = summarizeContacts(ctx.store.contacts.forCase(record.caseCode), today);
  return toCaseClock({ ...record, ...contacts }, ctx.store.cases.transfersStarted(), ctx.store.followups.doneByCase());
}

/** A direct message's dedupe key: one per kind, case and recipient. */
export const directKey = (kind: string, caseCode: string, personId: string): string => `${kind}:${caseCode}:${personId}`;

/** Slack's static select takes at most 100 options. */
const MAX_OPTIONS = 100;

/** The case field of a form opened for one case (a digest's or reminder's button): that case, already chosen. */
export function thisCaseChoice(record: CaseRecord, describe: string): FormField {
  return {
    kind: 'select',
    key: CASE_KEY,
    label: T.fieldFall,
    required: true,
    options: [{ value: record.caseCode, label: T.optionLine(record.caseCode, record.clientRef, describe) }],
  };
}

/**
 * The form's case choice: the actor's own cases and those of the teams they lead, in `statuses`; with
 * `withStandIn` also those of absent colleagues the actor stands in for today.
 * The form is private to the actor, so the client reference may help tell the cases apart.
 */
export function caseChoice(
  ctx: CommandContext,
  statuses: readonly CaseStatus[],
  what: string,
  describe: (record: CaseRecord) => string,
  keep: (record: CaseRecord) => boolean = () => true,
  withStandIn = false,
): FormField {
  const led = ctx.org.teamsLedBy(ctx.actor).map((t) => t.id);
  const byCode = new Map<string, CaseRecord>();
  for (const r of ctx.store.cases.list({ statuses, assignedFmId: ctx.actor.id })) byCode.set(r.caseCode, r);
  if (withStandIn) {
    // R17: the cases of absent colleagues the actor stands in for today (see mayActOnCase).
    for (const fmId of standingInFor(ctx, ctx.actor.id, ctx.calendar.today(ctx.clock.now()))) {
      for (const r of ctx.store.cases.list({ statuses, assignedFmId: fmId })) byCode.set(r.caseCode, r);
    }
  }
  if (led.length) for (const r of ctx.store.cases.list({ statuses, receivingTeamIds: led })) byCode.set(r.caseCode, r);
  const records = [...byCode.values()].filter(keep).sort((a, b) => a.caseCode.localeCompare(b.caseCode));
  if (records.length === 0) throw new UserError(T.noCasesForForm(what));
  return {
    kind: 'select',
    key: CASE_KEY,
    label: T.fieldFall,
    required: true,
    options: records.slice(0, MAX_OPTIONS).map((r) => ({ value: r.caseCode, label: T.optionLine(r.caseCode, r.clientRef, describe(r)) })),
  };
}

/** The receiving team must be reachable on the platform in use, or nobody would learn of the referral. */
export function assertTeamReachable(ctx: CommandContext, team: Team): void {
  const platform = ctx.caller.platform;
  const channel = platform === 'slack' ? team.slackChannel : platform === 'teams' ? team.teamsChannel : 'console';
  if (!channel) {
    const admins = ctx.org.admins().map((p) => p.name);
    throw new UserError(referralTexts.noChannel(team.name, platform === 'slack' ? 'Slack' : 'Teams', admins));
  }
}

/**
 * The start of every command on an active case: the case named in the input, checked that the actor may act
 * on it today (its FM, their stand-in while absent, a lead of the team) and that it is active.
 */
export function activeCaseFor(
  ctx: CommandContext,
  input: ParsedCommand,
  doing: (caseCode: string) => string,
): { record: CaseRecord; now: number; today: LocalDate } {
  const now = ctx.clock.now();
  const today = ctx.calendar.today(now);
  const record = findCase(ctx, input);
  assertMayActOnCase(ctx, record, doing(record.caseCode), today);
  assertStatus(record, ['aktiv'], lifecycleTexts.activeStatus);
  return { record, now, today };
}

/** The generic state change lives with the case lifecycle (services); re-exported for the commands. */
export { changeCase } from '../src/services/caseLifecycle.js';

/**
 * R17: standing in covers the case's routine (contacts, pings, seeing the case), but a decision on the
 * counselling itself — an extension, an exit, a decline — on someone else's case needs the client's prior
 * consent (`einwilligung=ja`). The case's FM and the team's leads always may.
 */
export function assertCounsellingConsent(ctx: CommandContext, record: CaseRecord, input: ParsedCommand, doing: string): void {
  if (record.assignedFmId === undefined || record.assignedFmId === ctx.actor.id || leadsTeam(ctx, record.receivingTeamId)) return;
  if (input.args.get('einwilligung')?.toLowerCase() === 'ja') return;
  const fm = ctx.org.person(record.assignedFmId)?.name ?? record.assignedFmId;
  throw new RuleViolation('R17', standInTexts.consentNeeded(fm, doing), 'einwilligung');
}

/** R17: the consent field of the counselling decisions' forms (only a stand-in needs it). */
export function consentField(): FormField {
  return { kind: 'select', key: 'einwilligung', label: standInTexts.fieldEinwilligung, required: false, options: [...YES_NO] };
}

/** The case's status in words; an active case with a planned exit is shown as „Rückgabe“ (R26). */
export function shownStatus(ctx: CommandContext, record: CaseRecord): string {
  return record.status === 'aktiv' && ctx.store.returns.openFor(record.caseCode) ? returnTexts.statusLabel : statusLabel(record.status);
}

/**
 * `anlass=<code>`: the coded occasion of a decline (R12) or an extension (R19), counted by the figures (R35) next to
 * the free-text `grund`. Optional on the typed line (a line without it counts as „ohne Angabe“), asked for in the
 * forms. Undefined (and an error collected) when the code is unknown.
 */
export function readOccasion<T extends string>(f: FieldReader, codes: readonly T[], rule: string): T | undefined {
  const raw = f.raw('anlass', false)?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (!(codes as readonly string[]).includes(raw)) {
    f.fail('anlass', reasonCodeTexts.unknown(raw, codes, rule), rule);
    return undefined;
  }
  return raw as T;
}

/** The form's choice of `anlass` (required there, so every record made through a form carries a code, R35). */
export function occasionField<T extends string>(label: string, codes: readonly T[], labelOf: (code: T) => string): FormField {
  return { kind: 'select', key: 'anlass', label, hint: reasonCodeTexts.hintCode, required: true, options: codes.map((c) => ({ value: c, label: labelOf(c) })) };
}
