/**
 * What a decided escalation does to its case(s), per kind, through the case lifecycle's single steps:
 *
 * - `zugang` (R7): approved, the declined referral goes into the next round; rejected, the decline stands.
 * - `abgang` (R25): approved, the case ends with the planned exit reason; rejected, it stays.
 * - `verlaengerung` (R19): approved, the pending request is granted; rejected, it is refused.
 * - `kapazitaet` (R4): approved, the overflow referrals are assigned beyond capacity; rejected, their
 *   intake is deferred to a fresh window.
 *
 * Each returns the channel-safe outcome sentence and tells the IFK and FM involved by direct message. Runs
 * inside the deciding vote's transaction.
 */
import type { Person } from '../../config/org.js';
import { UserError } from '../../domain/errors.js';
import { isExitReason } from '../../domain/exit.js';
import { formatGermanDate, type Instant } from '../../domain/time.js';
import { escalationTexts as T } from '../../i18n/escalations.js';
import type { Message } from '../../messaging/reply.js';
import type { CaseRecord, EscalationRecord } from '../../store/ports.js';
import { changeCase, endCase, grantExtension, moveCase, settleOpenReturn, type ActingOnCase } from '../caseLifecycle.js';
import { casesOf, DEFERRED_INTAKE_WORKING_DAYS, type EscalationDeps } from './model.js';
import { assignedFmMessage, assignedIfkMessage, deferredIfkMessage, extensionRequestOf, outcomeMessage } from './view.js';

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
export function applyOutcome(deps: EscalationDeps, e: EscalationRecord, actor: Person, approved: boolean, comment: string | undefined, now: Instant): string {
  const decision: Decision = { e, actor, approved, comment, now };
  switch (e.kind) {
    case 'zugang':
      return decideAccess(deps, decision);
    case 'abgang':
      return decideExit(deps, decision);
    case 'verlaengerung':
      return decideExtension(deps, decision);
    case 'kapazitaet':
      return approved ? assignBeyondCapacity(deps, decision) : deferIntake(deps, decision, comment!);
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

/** R4, "assign beyond capacity": each overflow referral still open goes to the FM its round proposes. */
function assignBeyondCapacity(deps: EscalationDeps, { e, actor, now }: Decision): string {
  const { store } = deps;
  const proposals = [store.rounds.currentProposal(e.teamId), store.rounds.byId(Number(e.data.roundId))];
  let assigned = 0;
  for (const caseCode of casesOf(e)) {
    const fmId = proposals.map((r) => r?.rows.find((row) => row.caseCode === caseCode)?.fmId).find((id) => id !== undefined);
    if (fmId === undefined) continue;
    const record = moveCase(actingAs(deps, actor), { caseCode }, {
      from: ['vorgemerkt'],
      to: 'zugewiesen',
      changes: { assignedFmId: fmId, assignedAt: now },
      now,
      action: 'case.assigned',
      details: { escalationId: e.id, fmId, overflow: true },
    });
    if (!record) continue; // assigned meanwhile (e.g. the round was confirmed first)
    assigned++;
    direct(deps, e, fmId, record.caseCode, assignedFmMessage(record), now);
    direct(deps, e, record.referringPersonId, record.caseCode, assignedIfkMessage(record, fmId), now);
  }
  return T.outcome('kapazitaet', true, { count: assigned });
}

/** R4, "later intake": each overflow referral still open gets a fresh intake window, with the lead's reason. */
function deferIntake(deps: EscalationDeps, { e, actor, now }: Decision, reason: string): string {
  const { store, calendar } = deps;
  const fresh = calendar.addWorkingDays(calendar.today(now), DEFERRED_INTAKE_WORKING_DAYS);
  for (const caseCode of casesOf(e)) {
    const record = store.cases.byCode(caseCode);
    if (!record || record.status !== 'vorgemerkt' || record.intakeDeadline >= fresh) continue;
    if (!store.escalations.moveIntakeDeadline(caseCode, fresh, now)) continue;
    store.audit.record({
      at: now,
      actorId: actor.id,
      action: 'case.intake.deferred',
      caseCode,
      details: { escalationId: e.id, from: record.intakeDeadline, to: fresh },
    });
    direct(deps, e, record.referringPersonId, caseCode, deferredIfkMessage(record, fresh, reason), now);
  }
  return T.outcome('kapazitaet', false, { deadline: formatGermanDate(fresh) });
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
