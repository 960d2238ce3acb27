/**
 * A case that ends leaves nothing for the leads to decide: its open escalations are closed. Kept apart from
 * the voting service so that the case lifecycle (which ends cases) can use it while the escalation outcomes
 * use the case lifecycle.
 */
import type { Instant } from '../../domain/time.js';
import { escalationTexts as T } from '../../i18n/escalations.js';
import { returnThreadTexts } from '../../i18n/returns.js';
import { message } from '../../messaging/reply.js';
import { escalationParentKey } from '../../store/ports.js';
import type { EscalationDeps } from './model.js';
import { renderEscalation } from './view.js';

/**
 * Closes the case's open escalations (recorded as rejected, with an audit entry saying why), says so in
 * each thread and updates each channel message. Runs inside the caller's transaction.
 */
export function withdrawOpenEscalations(deps: EscalationDeps, caseCode: string, actorId: string, now: Instant): void {
  const { store } = deps;
  for (const escalation of store.escalations.forCase(caseCode).filter((e) => e.status === 'open')) {
    withdrawEscalation(deps, escalation.id, caseCode, actorId, now, 'case-ended');
  }
}

/**
 * Closes one open escalation that has nothing left to decide (recorded as rejected, with an audit entry
 * saying why), says so in its thread and updates its channel message; false when it was not open. Runs
 * inside the caller's transaction. `exit-withdrawn`: the FM withdrew the planned exit it was about (R25).
 */
export function withdrawEscalation(
  deps: EscalationDeps,
  escalationId: number,
  caseCode: string,
  actorId: string,
  now: Instant,
  why: 'case-ended' | 'exit-withdrawn',
): boolean {
  const { store } = deps;
  const escalation = store.escalations.byId(escalationId);
  if (!escalation || escalation.status !== 'open') return false;
  if (!store.escalations.decide(escalation.id, 'rejected', now)) return false;
  store.audit.record({ at: now, actorId, action: 'escalation.withdrawn', caseCode, details: { escalationId: escalation.id, kind: escalation.kind, why } });
  const parentKey = escalationParentKey(escalation.id);
  store.outbox.enqueue({
    dedupeKey: `escalation.thread:${escalation.id}:withdrawn`,
    target: { kind: 'channel', teamId: escalation.teamId, threadOf: parentKey },
    message: message(why === 'case-ended' ? T.threadWithdrawn(caseCode) : returnThreadTexts.exitWithdrawn(caseCode)),
    createdAt: now,
  });
  store.outbox.enqueue({
    dedupeKey: `escalation.update:${escalation.id}:withdrawn`,
    target: { kind: 'channel', teamId: escalation.teamId, replaces: parentKey },
    message: renderEscalation(deps, store.escalations.byId(escalation.id)!, now),
    createdAt: now,
  });
  return true;
}
