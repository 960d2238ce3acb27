/**
 * The single steps of a case's lifecycle: the one place a case changes state together with its audit entry
 * (compare-and-set), the one place a case ends (R22, R24, R25, R27) and the one place an extension is
 * granted (R18, R19). The commands and the escalation outcomes call these instead of writing case state.
 *
 * Every step is all or nothing — one `store.transaction`, nesting as a savepoint inside the caller's — and
 * sends no notifications: the caller tells whom it needs to — except assigning a referral, moving its intake
 * deadline and returning it (R4, R9), which queue their direct messages themselves, so every path sends the same.
 */
import type { CommandDeps } from './context.js';
import type { Person } from '../config/org.js';
import { addMonths, monthsBetween, STANDARD_MONTHS } from '../domain/due.js';
import { RuleViolation, UserError } from '../domain/errors.js';
import { isSuccessfulExit, type ExitReason } from '../domain/exit.js';
import { checkExtension, type ExtensionResult } from '../domain/extension.js';
import { formatGermanDate, type Instant, type LocalDate } from '../domain/time.js';
import type { CaseStatus } from '../domain/vocabulary.js';
import { capacityTexts } from '../i18n/capacity.js';
import { caseTexts } from '../i18n/cases.js';
import { referralTexts } from '../i18n/commands.js';
import { roundTexts } from '../i18n/rounds.js';
import { needLabel } from '../i18n/rules.js';
import { facts, heading, list, mention, message, text, type Block } from '../messaging/reply.js';
import { escalationTexts } from '../i18n/escalations.js';
import { exitTexts, extensionTexts } from '../i18n/lifecycle.js';
import { PendingExtensionExistsError, type CaseProgress, type CaseRecord, type ExtensionRecord, type Store } from '../store/ports.js';
import { withdrawOpenEscalations } from './escalations/withdraw.js';

export type LifecycleDeps = Pick<CommandDeps, 'org' | 'store' | 'clock' | 'calendar'>;

// --- the generic state change -------------------------------------------------------------------------------

/** Whoever acts on a case: a command's context, or the store with the person acting. */
export interface ActingOnCase {
  store: Pick<Store, 'cases' | 'audit'>;
  actor: Pick<Person, 'id'>;
}

export interface CaseChange {
  from: readonly CaseStatus[];
  to: CaseStatus;
  changes: CaseProgress;
  now: Instant;
  /** The audit entry: what happened, and its details. */
  action: string;
  details: Record<string, unknown>;
  /** The refusal when the case changed meanwhile; by default a command's "please try again". */
  changedMeanwhile?: (caseCode: string) => string;
}

/**
 * Moves the case from one of `from` to `to` (compare-and-set) and records who did it; undefined, and
 * nothing recorded, when the case is no longer in one of `from`. Inside the caller's transaction.
 */
export function moveCase(ctx: ActingOnCase, record: Pick<CaseRecord, 'caseCode'>, change: Omit<CaseChange, 'changedMeanwhile'>): CaseRecord | undefined {
  const changed = ctx.store.cases.transition(record.caseCode, change.from, change.to, change.changes, change.now);
  if (changed) ctx.store.audit.record({ at: change.now, actorId: ctx.actor.id, action: change.action, caseCode: record.caseCode, details: change.details });
  return changed;
}

/**
 * Moves the case from one of `from` to `to` (compare-and-set) and records who did it, inside the caller's
 * transaction; refuses when someone changed the case meanwhile, so a second submit or a race changes nothing.
 */
export function changeCase(ctx: ActingOnCase, record: Pick<CaseRecord, 'caseCode'>, change: CaseChange): CaseRecord {
  const changed = moveCase(ctx, record, change);
  if (!changed) throw new UserError((change.changedMeanwhile ?? caseTexts.changedMeanwhile)(record.caseCode));
  return changed;
}

// --- ending a case and granting an extension ----------------------------------------------------------------

/** Who takes a lifecycle step, when, and whether it carries out the leads' decision. */
export interface LifecycleStep {
  actorId: string;
  now: Instant;
  /**
   * The escalation whose decision the step carries out (R19, R25): noted in the audit entry; a refusal then
   * says that the decision cannot be carried out, rather than asking to try again.
   */
  escalationId?: number;
}

export interface CaseExit extends LifecycleStep {
  /** R22. */
  reason: ExitReason;
  /** R24: the alternatives the FM recommends (required with no potential; the caller checks that). */
  recommendation?: string;
}

/**
 * Ends an active case on the day of `now` (R22): status "beendet" with end date, reason, whether it was
 * successful (R27: the follow-ups derive from it) and the recommendation (R24). A case that ends leaves
 * nothing to decide, so its open escalations are closed and a pending extension request falls away.
 * Refuses while the leads decide an objection to the exit (R25) and when the case changed meanwhile.
 */
export function endCase(deps: LifecycleDeps, record: CaseRecord, exit: CaseExit): CaseRecord {
  const { store } = deps;
  return store.transaction(() => {
    // R25: while the two leads decide an objection to the exit, nobody ends the case alone.
    if (store.escalations.openFor(record.caseCode, 'abgang')) throw new RuleViolation('R25', exitTexts.disputed(record.caseCode));
    const endedOn = deps.calendar.today(exit.now);
    const successful = isSuccessfulExit(exit.reason);
    const changes: CaseProgress = { endedOn, endReason: exit.reason, exitSuccessful: successful };
    if (exit.recommendation !== undefined) changes.exitRecommendation = exit.recommendation;
    const ended = changeCase(actingAs(store, exit.actorId), record, {
      from: ['aktiv'],
      to: 'beendet',
      changes,
      now: exit.now,
      action: 'case.exit',
      details: { ...escalationNote(exit), endReason: exit.reason, endedOn, successful, withRecommendation: exit.recommendation !== undefined },
      changedMeanwhile: changedMeanwhileText(exit),
    });
    closeForEndedCase(deps, record.caseCode, exit.actorId, exit.now);
    return ended;
  });
}

/**
 * A case that ends leaves nothing to decide: its open escalations are closed (recorded as rejected, with an
 * audit entry saying why) and a pending extension request falls away (R19). Runs inside the end's transaction.
 */
export function closeForEndedCase(deps: LifecycleDeps, caseCode: string, actorId: string, now: Instant): void {
  withdrawOpenEscalations(deps, caseCode, actorId, now);
  settleOpenReturn(deps, caseCode, 'ended', actorId, now); // R26: a planned exit is final once the case ended
  const { store } = deps;
  const pending = store.extensions.pendingFor(caseCode);
  if (pending && store.extensions.decide(pending.id, 'rejected', actorId, now)) {
    store.audit.record({ at: now, actorId, action: 'case.extension.withdrawn', caseCode, details: { requestId: pending.id, why: 'case-ended' } });
  }
}

export type ExtensionGrant = LifecycleStep & {
  /** R19: the team lead consents — a lead extends, or the lead decided the request. */
  leadConsent: boolean;
} & (
    /** A new extension: recorded as a request with its reason (R19: every extension is documented), granted at once. */
    | { months: number; reason: string; reasonCode?: string }
    /** The pending request the lead decided (R19). */
    | { request: ExtensionRecord }
  );

export interface GrantedExtension {
  record: CaseRecord;
  /** The granted request. */
  request: ExtensionRecord;
  newPlannedEnd: LocalDate;
  /** Extensions granted so far, this one included. */
  extensions: number;
  /** Months from the intake to the new planned end. */
  totalMonths: number;
  /** R19: the extension needed the team lead's consent (and had it). */
  withConsent: boolean;
}

/**
 * Extends an active case (R19): the planned end moves by the months from the current one (R18: 24 months
 * after the intake when none was recorded), the extension is counted, and the request is granted — a new
 * one recorded with its reason, or the pending one the lead decided. Refuses what R19 does not allow (what
 * needs the lead's consent only with `leadConsent`: a caller without it asks the lead instead) and a case
 * changed meanwhile.
 */
export function grantExtension(deps: LifecycleDeps, record: CaseRecord, grant: ExtensionGrant): GrantedExtension {
  const { store } = deps;
  const changedMeanwhile = changedMeanwhileText(grant);
  return store.transaction(() => {
    const intakeOn = record.intakeOn;
    if (intakeOn === undefined) throw new UserError(changedMeanwhile(record.caseCode)); // every active case was taken in
    const months = 'request' in grant ? grant.request.months : grant.months;
    const asked = { intakeOn, plannedEndOn: plannedEndOf(record), extensions: record.extensions ?? 0, months };
    const check = checkExtension({ ...asked, leadConsent: grant.leadConsent });
    if (!check.ok) throw extensionRefusal(record.caseCode, check, grant);
    const newPlannedEnd = check.newPlannedEnd;
    const extensions = asked.extensions + 1;
    // R19: whether the grant rests on the lead's consent is the rule's answer without it.
    const withConsent = checkExtension({ ...asked, leadConsent: false }).needsConsent;
    const totalMonths = monthsBetween(intakeOn, newPlannedEnd);
    const request = 'request' in grant ? grant.request : recordRequest(store, record.caseCode, { ...grant, months }, changedMeanwhile);
    const extended = changeCase(actingAs(store, grant.actorId), record, {
      from: ['aktiv'],
      to: 'aktiv',
      changes: { extensions, plannedEndOn: newPlannedEnd },
      now: grant.now,
      action: 'case.extension.granted',
      details: {
        ...escalationNote(grant),
        requestId: request.id,
        months,
        plannedEndOn: newPlannedEnd,
        extensions,
        totalMonths,
        leadConsent: withConsent,
        ...(request.reasonCode !== undefined && { anlass: request.reasonCode }), // R35
      },
      changedMeanwhile,
    });
    // A request decided meanwhile (a second click, a race) is not granted twice.
    if (!store.extensions.decide(request.id, 'granted', grant.actorId, grant.now)) throw new UserError(changedMeanwhile(record.caseCode));
    const granted = store.extensions.forCase(record.caseCode).find((x) => x.id === request.id)!;
    return { record: extended, request: granted, newPlannedEnd, extensions, totalMonths, withConsent };
  });
}

/**
 * Who hears of a referral's progress on the referring side: the referring IFK and, for a U25 → Ü25 transfer
 * (R10), the FM of the U25 case too — the IFK stays the referrer for the return talk (R26), the U25 FM still
 * holds the client until the Ü25 intake.
 */
export function referringSide(store: Pick<Store, 'cases'>, record: Pick<CaseRecord, 'referringPersonId' | 'transferFrom'>): string[] {
  const u25Fm = record.transferFrom === undefined ? undefined : store.cases.byCode(record.transferFrom)?.assignedFmId;
  return [...new Set([record.referringPersonId, ...(u25Fm === undefined ? [] : [u25Fm])])];
}

/** R18: cases taken in before the planned end was recorded run 24 months from the intake. */
export function plannedEndOf(record: Pick<CaseRecord, 'intakeOn' | 'plannedEndOn'>): LocalDate {
  return record.plannedEndOn ?? addMonths(record.intakeOn!, STANDARD_MONTHS);
}

/** The database refuses a second pending request when two requests race. */
function recordRequest(
  store: Pick<Store, 'extensions'>,
  caseCode: string,
  ask: { months: number; reason: string; reasonCode?: string; actorId: string; now: Instant },
  changedMeanwhile: (caseCode: string) => string,
): ExtensionRecord {
  try {
    return store.extensions.request({
      caseCode,
      months: ask.months,
      reason: ask.reason,
      ...(ask.reasonCode !== undefined && { reasonCode: ask.reasonCode }), // R35
      requestedBy: ask.actorId,
      requestedAt: ask.now,
    });
  } catch (error) {
    if (error instanceof PendingExtensionExistsError) throw new UserError(changedMeanwhile(caseCode));
    throw error;
  }
}

/** R19 in the words of the caller: the command's rule text, or that the leads' decision cannot be carried out. */
function extensionRefusal(caseCode: string, check: Exclude<ExtensionResult, { ok: true }>, step: LifecycleStep): Error {
  if (step.escalationId !== undefined) return new UserError(escalationTexts.extensionImpossible(caseCode));
  if (check.needsConsent) return new Error(`R19: this extension of ${caseCode} needs the team lead's consent; ask the lead instead of granting it`);
  const { code, params = {} } = check.violation;
  const shown = typeof params.plannedEnd === 'string' ? { ...params, plannedEnd: formatGermanDate(params.plannedEnd) } : params;
  return new RuleViolation('R19', extensionTexts.violation(code, shown), code === 'months-range' ? 'monate' : undefined);
}

function actingAs(store: Store, actorId: string): ActingOnCase {
  return { store, actor: { id: actorId } };
}

function escalationNote(step: LifecycleStep): { escalationId?: number } {
  return step.escalationId === undefined ? {} : { escalationId: step.escalationId };
}

/** A command asks to try again; carrying out the leads' decision, the decision cannot be carried out. */
function changedMeanwhileText(step: LifecycleStep): (caseCode: string) => string {
  return step.escalationId === undefined ? caseTexts.changedMeanwhile : escalationTexts.changedMeanwhile;
}

/**
 * R22–R26: the case's open planned exit becomes final — `ended` (the case ended, e.g. by the leads' decision,
 * R25) or `kept` (the leads kept the case) — with its audit entry; false when there was none. Inside the
 * caller's transaction.
 */
export function settleOpenReturn(
  deps: Pick<LifecycleDeps, 'store'>,
  caseCode: string,
  status: 'ended' | 'kept',
  actorId: string,
  now: Instant,
  escalationId?: number,
): boolean {
  const { store } = deps;
  const open = store.returns.openFor(caseCode);
  if (!open || !store.returns.settle(open.id, status, actorId, now)) return false;
  store.audit.record({
    at: now,
    actorId,
    action: `case.return.${status}`,
    caseCode,
    details: { returnId: open.id, ...(escalationId === undefined ? {} : { escalationId }) },
  });
  return true;
}

// --- assigning a referral, moving its intake deadline, returning it (R4, R9) ---------------------------------

export interface CaseAssignment extends LifecycleStep {
  fmId: string;
  /** The round whose confirmation assigns the referral (R9). */
  roundId?: number;
  /** R4: assigned beyond the FM's capacity, on the team lead's decision. */
  overflow: boolean;
}

/**
 * Assigns a referral still "vorgemerkt" to an FM (R9) — the one place this happens, for a confirmed round and
 * for the lead's capacity decision (R4) alike: status "zugewiesen", the audit entry, and the direct messages
 * to the FM (with the handover checklist) and to the referring side, in one transaction. Undefined, and
 * nothing written, when the case is no longer a referral (assigned meanwhile, returned, …).
 */
export function assignCase(deps: LifecycleDeps, caseCode: string, assignment: CaseAssignment): CaseRecord | undefined {
  const { store } = deps;
  return store.transaction(() => {
    const roundNote = assignment.roundId === undefined ? {} : { roundId: assignment.roundId };
    const record = moveCase(actingAs(store, assignment.actorId), { caseCode }, {
      from: ['vorgemerkt'],
      to: 'zugewiesen',
      changes: { assignedFmId: assignment.fmId, assignedAt: assignment.now },
      now: assignment.now,
      action: 'case.assigned',
      details: { ...escalationNote(assignment), ...roundNote, fmId: assignment.fmId, overflow: assignment.overflow },
    });
    if (record) notifyAssignment(deps, record, assignment);
    return record;
  });
}

function notifyAssignment(deps: LifecycleDeps, record: CaseRecord, { fmId, overflow, now }: CaseAssignment): void {
  const deadline = formatGermanDate(record.intakeDeadline);
  const fmBlocks: Block[] = [heading(roundTexts.fmDmHeading(record.caseCode))];
  if (overflow) fmBlocks.push(text(capacityTexts.fmOverCapacity));
  fmBlocks.push(
    facts(
      [roundTexts.factClient, record.clientRef],
      [roundTexts.factGroup, referralTexts.groupLabel(record.group)],
      [roundTexts.factNeeds, record.needs.map(needLabel).join(', ')],
      [roundTexts.factReferredBy, mention(record.referringPersonId)],
      [roundTexts.factDeadline, deadline],
    ),
    heading(roundTexts.checklistHeading),
    list(roundTexts.checklist(record.caseCode)),
  );
  deps.store.outbox.enqueue({
    dedupeKey: `case.assigned.fm:${record.caseCode}:${fmId}`,
    target: { kind: 'direct', personId: fmId },
    createdAt: now,
    message: message(roundTexts.fmDmSummary(record.caseCode, deadline), ...fmBlocks),
  });
  for (const personId of referringSide(deps.store, record)) {
    const blocks: Block[] = [heading(roundTexts.ifkDmHeading(record.caseCode)), facts([roundTexts.factClient, record.clientRef]), text(roundTexts.ifkDmText(mention(fmId), deadline))];
    if (overflow) blocks.push(text(capacityTexts.ifkOverCapacity));
    deps.store.outbox.enqueue({
      dedupeKey: personId === record.referringPersonId ? `case.assigned.ifk:${record.caseCode}:${fmId}` : `case.assigned.ifk:${record.caseCode}:${fmId}:${personId}`,
      target: { kind: 'direct', personId },
      createdAt: now,
      message: message(roundTexts.ifkDmSummary(record.caseCode), ...blocks),
    });
  }
}

export interface IntakeDeadlineMove extends LifecycleStep {
  /** R4: how many working days the deadline moves (from the current deadline). */
  workingDays: number;
  /** Why, for the referring side (direct message only). */
  reason: string;
}

export interface MovedIntakeDeadline {
  record: CaseRecord;
  from: LocalDate;
  to: LocalDate;
}

/**
 * Moves the intake deadline of a referral still "vorgemerkt" by N working days (R4) — the one place this
 * happens: the new deadline, the audit entry with the old and the new date, and the direct message to the
 * referring side stating both dates and the reason, in one transaction. Undefined, and nothing written, when
 * the case is no longer a referral.
 */
export function moveIntakeDeadline(deps: LifecycleDeps, caseCode: string, move: IntakeDeadlineMove): MovedIntakeDeadline | undefined {
  const { store } = deps;
  return store.transaction(() => {
    const before = store.cases.byCode(caseCode);
    if (!before || before.status !== 'vorgemerkt') return undefined;
    const from = before.intakeDeadline;
    const to = deps.calendar.addWorkingDays(from, move.workingDays);
    const record = store.cases.moveIntakeDeadline(caseCode, to, move.now);
    if (!record) return undefined;
    store.audit.record({
      at: move.now,
      actorId: move.actorId,
      action: 'case.intake.deferred',
      caseCode,
      details: { ...escalationNote(move), from, to, workingDays: move.workingDays },
    });
    for (const personId of referringSide(store, record)) {
      store.outbox.enqueue({
        dedupeKey: `case.intake.deferred:${caseCode}:${to}:${personId}`,
        target: { kind: 'direct', personId },
        createdAt: move.now,
        message: message(
          capacityTexts.deferredSummary(caseCode, formatGermanDate(to)),
          text(capacityTexts.deferredText(caseCode, record.clientRef, formatGermanDate(from), formatGermanDate(to), move.workingDays, move.reason)),
        ),
      });
    }
    return { record, from, to };
  });
}

/**
 * R4: the FM team has no capacity and its lead returns a referral still "vorgemerkt" to the IFK with a
 * reason: the referral is closed as declined (the reason kept as the decline reason), with its audit entry
 * and the direct message to the referring side, in one transaction. Undefined when it is no longer a referral.
 */
export function returnReferral(deps: LifecycleDeps, caseCode: string, step: LifecycleStep & { reason: string }): CaseRecord | undefined {
  const { store } = deps;
  return store.transaction(() => {
    const record = moveCase(actingAs(store, step.actorId), { caseCode }, {
      from: ['vorgemerkt'],
      to: 'abgelehnt',
      changes: { declinedReason: step.reason },
      now: step.now,
      action: 'case.returned',
      details: { ...escalationNote(step), why: 'capacity' },
    });
    if (!record) return undefined;
    for (const personId of referringSide(store, record)) {
      store.outbox.enqueue({
        dedupeKey: `case.returned:${caseCode}:${personId}`,
        target: { kind: 'direct', personId },
        createdAt: step.now,
        message: message(capacityTexts.returnedSummary(caseCode), text(capacityTexts.returnedText(caseCode, record.clientRef, step.reason))),
      });
    }
    return record;
  });
}
