/**
 * What a decided escalation does to its case(s), per kind, through the case lifecycle's single steps:
 *
 * - `zugang` (R7): approved, the declined referral goes into the next round; rejected, the decline stands.
 * - `abgang` (R25): approved, the case ends with the planned exit reason; rejected, it stays.
 * - `verlaengerung` (R19): approved, the pending request is granted; rejected, it is refused.
 * - `kapazitaet` (R4): the lead's decision — assigned beyond capacity to a named FM (approved, as proposed by
 *   default), the intake deadline moved by N working days, or returned to the IFK (rejected; "Ablehnen"
 *   without more moves the deadline by DEFERRED_INTAKE_WORKING_DAYS).
 *
 * Each returns the channel-safe outcome sentence and tells the IFK and FM involved by direct message. Runs
 * inside the deciding vote's transaction.
 */
import type { Person } from '../../config/org.js';
import { UserError } from '../../domain/errors.js';
import { isExitReason } from '../../domain/exit.js';
import { formatGermanDate, type Instant } from '../../domain/time.js';
import { capacityTexts as C } from '../../i18n/capacity.js';
import { statusLabel } from '../../i18n/cases.js';
import { escalationTexts as T } from '../../i18n/escalations.js';
import type { Message } from '../../messaging/reply.js';
import type { CaseRecord, EscalationRecord } from '../../store/ports.js';
import { assignCase, changeCase, endCase, grantExtension, moveIntakeDeadline, returnReferral, settleOpenReturn, type ActingOnCase } from '../caseLifecycle.js';
import { casesOf, DEFERRED_INTAKE_WORKING_DAYS, type CapacityDecision, type EscalationDeps } from './model.js';
import { extensionRequestOf, outcomeMessage } from './view.js';

/** One decision to carry out: the escalation (already decided), who cast the deciding vote, and when. */
interface Decision {
  e: EscalationRecord;
  actor: Person;
  approved: boolean;
  /** The deciding lead's comment (required to reject). */
  comment: string | undefined;
  now: Instant;
}

/** Applies the decision to the case(s) and tells the IFK and FM; returns the channel-safe outcome sentence. */
export function applyOutcome(
  deps: EscalationDeps,
  e: EscalationRecord,
  actor: Person,
  approved: boolean,
  comment: string | undefined,
  now: Instant,
  capacity?: CapacityDecision,
): string {
  const decision: Decision = { e, actor, approved, comment, now };
  switch (e.kind) {
    case 'zugang':
      return decideAccess(deps, decision);
    case 'abgang':
      return decideExit(deps, decision);
    case 'verlaengerung':
      return decideExtension(deps, decision);
    case 'kapazitaet':
      return decideCapacity(deps, decision, capacity ?? (approved ? { kind: 'assign' } : { kind: 'defer', workingDays: DEFERRED_INTAKE_WORKING_DAYS }));
  }
}

/** R7: access granted puts the referral into the next round; the FM who declined it is not its FM any more. */
function decideAccess(deps: EscalationDeps, { e, actor, approved, comment, now }: Decision): string {
  const record = caseOf(deps, e);
  const acting = actingAs(deps, actor);
  const details = { escalationId: e.id };
  if (approved) {
    const changes = { assignedFmId: undefined, assignedAt: undefined };
    changeCase(acting, record, { from: ['strittig'], to: 'vorgemerkt', changes, now, action: 'case.access.granted', details, changedMeanwhile: T.changedMeanwhile });
  } else {
    changeCase(acting, record, { from: ['strittig'], to: 'abgelehnt', changes: {}, now, action: 'case.access.refused', details, changedMeanwhile: T.changedMeanwhile });
  }
  return tellInvolved(deps, e, record, approved, T.outcome('zugang', approved), comment, now);
}

/** R25: the return allowed, the case ends with the planned exit reason (and recommendation, R24). */
function decideExit(deps: EscalationDeps, { e, actor, approved, comment, now }: Decision): string {
  const record = caseOf(deps, e);
  const exitReason = String(e.data.exitReason);
  const recommendation = typeof e.data.recommendation === 'string' ? e.data.recommendation : undefined;
  if (approved && isExitReason(exitReason)) {
    endCase(deps, record, { reason: exitReason, ...(recommendation === undefined ? {} : { recommendation }), actorId: actor.id, now, escalationId: e.id });
  } else if (!approved) {
    settleOpenReturn(deps, record.caseCode, 'kept', actor.id, now, e.id); // R25: the planned exit falls, the case stays active
  }
  return tellInvolved(deps, e, record, approved, T.outcome('abgang', approved), comment, now);
}

/** R19: the lead's consent grants the pending request past 48 months; without it the request is refused. */
function decideExtension(deps: EscalationDeps, { e, actor, approved, comment, now }: Decision): string {
  const { store } = deps;
  const record = caseOf(deps, e);
  const request = extensionRequestOf(deps, e);
  if (!request || request.status !== 'pending') throw new UserError(T.extensionGone(e.caseCode));
  let newEnd: string | undefined;
  if (approved) {
    const granted = grantExtension(deps, record, { request, leadConsent: true, actorId: actor.id, now, escalationId: e.id });
    newEnd = formatGermanDate(granted.newPlannedEnd);
  } else {
    store.extensions.decide(request.id, 'rejected', actor.id, now);
    store.audit.record({
      at: now,
      actorId: actor.id,
      action: 'case.extension.rejected',
      caseCode: e.caseCode,
      details: { escalationId: e.id, requestId: request.id, months: request.months },
    });
  }
  return tellInvolved(deps, e, record, approved, T.outcome('verlaengerung', approved, newEnd ? { newEnd } : {}), comment, now);
}

/** The case lifecycle's steps a capacity decision takes; each audit entry names the escalation. */
const CAPACITY_STEPS: readonly string[] = ['case.assigned', 'case.intake.deferred', 'case.returned'];

/** R4: whether the lead decided this referral under the escalation already (case by case, before the rest). */
export function decidedUnder(deps: EscalationDeps, e: EscalationRecord, caseCode: string): boolean {
  return deps.store.audit.forCase(caseCode).some((a) => CAPACITY_STEPS.includes(a.action) && a.details.escalationId === e.id);
}

/** R4: the escalation's referrals the lead has not decided yet (case by case decisions count). */
export function undecidedCases(deps: EscalationDeps, e: EscalationRecord): string[] {
  return casesOf(e).filter((code) => !decidedUnder(deps, e, code));
}

/** R4: the whole decision — on the given referrals, else on every one not decided case by case before. */
function decideCapacity(deps: EscalationDeps, { e, actor, comment, now }: Decision, decision: CapacityDecision): string {
  return C.outcome(applyCapacityDecision(deps, e, actor, decision, comment, now, decision.caseCodes ?? undecidedCases(deps, e)));
}

/**
 * R4, the lead's decision on rows above capacity, applied to each given referral still open through the case
 * lifecycle's single steps (which tell the FM and the referring IFK): assigned beyond capacity to the named FM
 * (or the one the round proposes), the intake deadline moved by N working days, or returned to the IFK with
 * the lead's reason. Returns the channel-safe line of each case — one assigned or closed meanwhile is reported
 * unchanged. Inside the caller's transaction.
 */
export function applyCapacityDecision(
  deps: EscalationDeps,
  e: EscalationRecord,
  actor: Pick<Person, 'id'>,
  decision: CapacityDecision,
  comment: string | undefined,
  now: Instant,
  caseCodes: readonly string[],
): string[] {
  const { store } = deps;
  const proposals = [store.rounds.byId(Number(e.data.roundId)), store.rounds.currentProposal(e.teamId)];
  const step = { actorId: actor.id, now, escalationId: e.id };
  const fmName = (id: string) => deps.org.person(id)?.name ?? id;
  const lines: string[] = [];
  for (const caseCode of caseCodes) {
    const before = store.cases.byCode(caseCode);
    if (!before || before.status !== 'vorgemerkt') {
      lines.push(C.lineUnchanged(caseCode, before ? statusLabel(before.status) : '—'));
      continue;
    }
    switch (decision.kind) {
      case 'assign': {
        const fmId = decision.fmId ?? proposals.map((r) => r?.rows.find((row) => row.caseCode === caseCode)?.fmId).find((id) => id !== undefined);
        const record = fmId === undefined ? undefined : assignCase(deps, caseCode, { ...step, fmId, overflow: true });
        if (fmId === undefined) lines.push(C.lineNoFm(caseCode));
        else lines.push(record ? C.lineAssigned(caseCode, fmName(fmId)) : C.lineUnchanged(caseCode, statusLabel(store.cases.byCode(caseCode)?.status ?? before.status)));
        break;
      }
      case 'defer': {
        const moved = moveIntakeDeadline(deps, caseCode, { ...step, workingDays: decision.workingDays, reason: comment ?? '—' });
        lines.push(moved ? C.lineDeferred(caseCode, formatGermanDate(moved.from), formatGermanDate(moved.to)) : C.lineUnchanged(caseCode, statusLabel(before.status)));
        break;
      }
      case 'return': {
        const record = returnReferral(deps, caseCode, { ...step, reason: comment ?? '—' });
        lines.push(record ? C.lineReturned(caseCode) : C.lineUnchanged(caseCode, statusLabel(before.status)));
        break;
      }
    }
  }
  return lines;
}

/** The outcome to the referring IFK and the case's FM, with the client reference and the lead's comment; returns the outcome. */
function tellInvolved(deps: EscalationDeps, e: EscalationRecord, record: CaseRecord, approved: boolean, outcome: string, comment: string | undefined, now: Instant): string {
  const msg = outcomeMessage(e, record, approved, outcome, comment);
  for (const personId of [record.referringPersonId, record.assignedFmId]) if (personId) direct(deps, e, personId, e.caseCode, msg, now);
  return outcome;
}

function direct(deps: EscalationDeps, e: EscalationRecord, personId: string, caseCode: string, msg: Message, now: Instant): void {
  deps.store.outbox.enqueue({
    dedupeKey: `escalation.outcome:${e.id}:${caseCode}:${personId}`,
    target: { kind: 'direct', personId },
    message: msg,
    createdAt: now,
  });
}

/** The case as it was when the decision fell (the IFK and FM to tell are those of that moment). */
function caseOf(deps: EscalationDeps, e: EscalationRecord): CaseRecord {
  return deps.store.cases.byCode(e.caseCode)!;
}

function actingAs(deps: EscalationDeps, actor: Person): ActingOnCase {
  return { store: deps.store, actor };
}
