/**
 * The warm return (R22–R26): an FM's exit is planned, not final. The case stays active with its FM (shown as
 * „Rückgabe“) while the referring IFK — or, when that person has left the team or is absent, a lead of the
 * referring team — is asked for the return talk. Confirming it ends the case (the case lifecycle's one
 * `endCase`); an objection opens the joint `abgang` escalation of the two team leads (R25), whose outcome ends
 * the case or keeps it; the FM may withdraw the plan until it is final. Every step is one transaction with
 * its audit entry and its direct messages.
 */
import type { CommandDeps } from './context.js';
import { endCase, settleOpenReturn } from './caseLifecycle.js';
import { raiseEscalation } from './escalations/index.js';
import { withdrawEscalation } from './escalations/withdraw.js';
import { isAbsent } from './people.js';
import { UserError } from '../domain/errors.js';
import { addMonths, FOLLOWUP_MONTHS } from '../domain/due.js';
import { isExitReason, isSuccessfulExit, type ExitReason } from '../domain/exit.js';
import { formatGermanDate, type Instant, type LocalDate } from '../domain/time.js';
import { exitReasonLabel } from '../i18n/lifecycle.js';
import { returnTexts as T } from '../i18n/returns.js';
import { actions, mention, message, text, type Message } from '../messaging/reply.js';
import { OpenReturnExistsError, type CaseRecord, type EscalationRecord, type ReturnRecord } from '../store/ports.js';

export type ReturnDeps = Pick<CommandDeps, 'org' | 'store' | 'clock' | 'calendar'>;

/** The buttons of the request for the return talk. */
export const RETURN_ACTIONS = { confirm: 'return.confirm', object: 'return.object' } as const;

/** R26: working days the IFK has for the return talk before they are reminded and their lead told (org setting). */
export const DEFAULT_RETURN_ANSWER_DAYS = 10;

export function returnAnswerDays(deps: Pick<CommandDeps, 'org'>): number {
  return deps.org.org.jobcenter.returnAnswerDays ?? DEFAULT_RETURN_ANSWER_DAYS;
}

/**
 * R26: who is asked for the return talk on `today`: the referring IFK while they are an IFK of the
 * organisation and present; otherwise a present lead of their team (the first lead when all are absent); the
 * IFK when there is no lead. `insteadOf` names the IFK when someone else is asked. After a U25 → Ü25 transfer
 * (R10) the referring IFK is still the one who first referred the client.
 */
export function returnAddressee(deps: ReturnDeps, record: CaseRecord, today: LocalDate): { personId: string; insteadOf?: string } {
  const ifk = deps.org.person(record.referringPersonId);
  if (ifk && ifk.roles.includes('ifk') && !isAbsent(deps, ifk.id, today)) return { personId: ifk.id };
  const leads = referringLeads(deps, record);
  const lead = leads.find((id) => !isAbsent(deps, id, today)) ?? leads[0];
  return lead ? { personId: lead, insteadOf: record.referringPersonId } : { personId: record.referringPersonId };
}

/** The leads of the referring IFK's team (of the referring team when the IFK has left the organisation). */
export function referringLeads(deps: Pick<ReturnDeps, 'org'>, record: CaseRecord): string[] {
  const teamId = deps.org.person(record.referringPersonId)?.team ?? record.referringTeamId;
  const team = deps.org.team(teamId);
  return team ? deps.org.leadsOf(team).map((p) => p.id) : [];
}

/** Who may confirm or object: the person asked, the referring IFK, and the leads of the IFK's team. */
export function mayAnswerReturn(deps: ReturnDeps, record: CaseRecord, ret: ReturnRecord, personId: string): boolean {
  return personId === ret.addresseeId || personId === record.referringPersonId || referringLeads(deps, record).includes(personId);
}

export interface PlannedExit {
  reason: ExitReason;
  recommendation?: string;
  actorId: string;
  now: Instant;
}

/**
 * Plans the exit of an active case (R22, R26): recorded as an open return, the person asked gets a direct
 * message with reason, recommendation and the buttons. Refuses a second plan.
 */
export function planReturn(deps: ReturnDeps, record: CaseRecord, plan: PlannedExit): { ret: ReturnRecord; insteadOf?: string } {
  const { store } = deps;
  const today = deps.calendar.today(plan.now);
  const asked = returnAddressee(deps, record, today);
  return store.transaction(() => {
    const open = store.returns.openFor(record.caseCode);
    if (open) throw new UserError(T.alreadyPlanned(record.caseCode, formatGermanDate(deps.calendar.today(open.plannedAt))));
    let ret: ReturnRecord;
    try {
      ret = store.returns.plan({
        caseCode: record.caseCode,
        reason: plan.reason,
        ...(plan.recommendation === undefined ? {} : { recommendation: plan.recommendation }),
        addresseeId: asked.personId,
        plannedBy: plan.actorId,
        plannedAt: plan.now,
      });
    } catch (error) {
      if (error instanceof OpenReturnExistsError) throw new UserError(T.alreadyPlanned(record.caseCode, formatGermanDate(today)));
      throw error;
    }
    store.audit.record({
      at: plan.now,
      actorId: plan.actorId,
      action: 'case.return.planned',
      caseCode: record.caseCode,
      details: { returnId: ret.id, endReason: plan.reason, addresseeId: asked.personId, withRecommendation: plan.recommendation !== undefined },
    });
    store.outbox.enqueue({
      dedupeKey: `case.return.ask:${ret.id}:${asked.personId}`,
      target: { kind: 'direct', personId: asked.personId },
      createdAt: plan.now,
      message: askMessage(record, ret, asked.insteadOf),
    });
    return asked.insteadOf === undefined ? { ret } : { ret, insteadOf: asked.insteadOf };
  });
}

/** The request for the return talk (also the reminder's body): reason, recommendation, the two buttons. */
export function askMessage(record: CaseRecord, ret: ReturnRecord, insteadOf?: string, summary = T.askSummary(record.caseCode), lead?: string): Message {
  const reason = isExitReason(ret.reason) ? exitReasonLabel(ret.reason) : ret.reason;
  return message(
    summary,
    ...(lead ? [text(lead)] : []),
    text(T.askText(record.caseCode, record.clientRef, reason, mention(record.assignedFmId ?? ret.plannedBy), ret.recommendation)),
    ...(insteadOf ? [text(T.askInsteadOf(mention(insteadOf)))] : []),
    actions(
      { actionId: RETURN_ACTIONS.confirm, label: T.buttonConfirm, value: record.caseCode, style: 'primary' },
      { actionId: RETURN_ACTIONS.object, label: T.buttonObject, value: record.caseCode },
    ),
    text(T.askTyped(record.caseCode)),
  );
}

/**
 * R26: the return talk took place — the case ends with the planned reason (the one `endCase`), the return is
 * final, and the FM is reminded of the profiling and VerBIS (R26) and told the follow-ups (R27).
 */
export function confirmReturn(deps: ReturnDeps, record: CaseRecord, ret: ReturnRecord, actorId: string, now: Instant): CaseRecord {
  const { store } = deps;
  if (ret.status === 'objected') throw new UserError(T.alreadyObjected(record.caseCode));
  if (!isExitReason(ret.reason)) throw new Error(`planned exit ${ret.id} has no exit reason`);
  const reason = ret.reason;
  return store.transaction(() => {
    if (!store.returns.settle(ret.id, 'confirmed', actorId, now)) throw new UserError(T.notPlanned(record.caseCode));
    store.audit.record({ at: now, actorId, action: 'case.return.confirmed', caseCode: record.caseCode, details: { returnId: ret.id } });
    const ended = endCase(deps, record, { reason, ...(ret.recommendation === undefined ? {} : { recommendation: ret.recommendation }), actorId, now });
    const endedOn = ended.endedOn!;
    const followups = isSuccessfulExit(reason) ? FOLLOWUP_MONTHS.map((m) => formatGermanDate(addMonths(endedOn, m))).join(', ') : undefined;
    for (const personId of new Set([record.assignedFmId ?? ret.plannedBy])) {
      if (personId === actorId) continue;
      store.outbox.enqueue({
        dedupeKey: `case.return.confirmed:${ret.id}:${personId}`,
        target: { kind: 'direct', personId },
        createdAt: now,
        message: message(
          T.fmConfirmedSummary(record.caseCode),
          text(T.fmConfirmedText(record.caseCode, record.clientRef, mention(actorId), formatGermanDate(endedOn), followups)),
        ),
      });
    }
    return ended;
  });
}

/**
 * R25: the IFK (or their lead) objects — the joint `abgang` escalation of the referring and the receiving
 * team's leads opens with the planned reason; the case stays active; the FM is told.
 */
export function objectToReturn(deps: ReturnDeps, record: CaseRecord, ret: ReturnRecord, actorId: string, objection: string, now: Instant): EscalationRecord {
  const { store } = deps;
  if (ret.status === 'objected') throw new UserError(T.alreadyObjected(record.caseCode));
  if (!isExitReason(ret.reason)) throw new Error(`planned exit ${ret.id} has no exit reason`);
  const exitReason = ret.reason;
  return store.transaction(() => {
    const { escalation } = raiseEscalation(deps, {
      kind: 'abgang',
      caseCode: record.caseCode,
      exitReason,
      ...(ret.recommendation === undefined ? {} : { recommendation: ret.recommendation }),
      raisedBy: actorId,
      reason: objection,
      now,
    });
    if (!store.returns.object(ret.id, objection, escalation.id)) throw new UserError(T.notPlanned(record.caseCode));
    store.audit.record({ at: now, actorId, action: 'case.return.objected', caseCode: record.caseCode, details: { returnId: ret.id, escalationId: escalation.id } });
    const fm = record.assignedFmId ?? ret.plannedBy;
    store.outbox.enqueue({
      dedupeKey: `case.return.objected:${ret.id}:${fm}`,
      target: { kind: 'direct', personId: fm },
      createdAt: now,
      message: message(T.fmObjectedSummary(record.caseCode), text(T.fmObjectedText(record.caseCode, record.clientRef, mention(actorId), objection))),
    });
    return escalation;
  });
}

/**
 * The FM withdraws the planned exit before it is final: the case stays active, an objection's escalation
 * has nothing left to decide and is closed, the person asked is told.
 */
export function withdrawReturn(deps: ReturnDeps, record: CaseRecord, ret: ReturnRecord, actorId: string, now: Instant): void {
  const { store } = deps;
  store.transaction(() => {
    if (!store.returns.settle(ret.id, 'withdrawn', actorId, now)) throw new UserError(T.notPlanned(record.caseCode));
    store.audit.record({ at: now, actorId, action: 'case.return.withdrawn', caseCode: record.caseCode, details: { returnId: ret.id } });
    if (ret.escalationId !== undefined) withdrawEscalation(deps, ret.escalationId, record.caseCode, actorId, now, 'exit-withdrawn');
    store.outbox.enqueue({
      dedupeKey: `case.return.withdrawn:${ret.id}:${ret.addresseeId}`,
      target: { kind: 'direct', personId: ret.addresseeId },
      createdAt: now,
      message: message(T.askerWithdrawnSummary(record.caseCode), text(T.askerWithdrawnText(record.caseCode, mention(actorId)))),
    });
  });
}

/** The open planned exits of the team's cases (for the lead digest), oldest first. */
export function pendingReturnsOf(deps: Pick<CommandDeps, 'store'>, teamId: string): ReturnRecord[] {
  return deps.store.returns.listOpen().filter((r) => r.status === 'pending' && deps.store.cases.byCode(r.caseCode)?.receivingTeamId === teamId);
}

export { settleOpenReturn };
