/**
 * A case that ends leaves nothing for the leads to decide: its open escalations are closed. Kept apart from
 * the voting service so that the case lifecycle (which ends cases) can use it while the escalation outcomes
 * use the case lifecycle.
 */
import type { Instant } from '../../domain/time.js';
import { escalationTexts as T } from '../../i18n/escalations.js';
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
    if (!store.escalations.decide(escalation.id, 'rejected', now)) continue;
    store.audit.record({ at: now, actorId, action: 'escalation.withdrawn', caseCode, details: { escalationId: escalation.id, kind: escalation.kind, why: 'case-ended' } });
    const parentKey = escalationParentKey(escalation.id);
    store.outbox.enqueue({
      dedupeKey: `escalation.thread:${escalation.id}:withdrawn`,
      target: { kind: 'channel', teamId: escalation.teamId, threadOf: parentKey },
      message: message(T.threadWithdrawn(caseCode)),
      createdAt: now,
    });
    store.outbox.enqueue({
      dedupeKey: `escalation.update:${escalation.id}:withdrawn`,
      target: { kind: 'channel', teamId: escalation.teamId, replaces: parentKey },
      message: renderEscalation(deps, store.escalations.byId(escalation.id)!, now),
      createdAt: now,
    });
  }
}
