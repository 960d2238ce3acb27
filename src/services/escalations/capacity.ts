/**
 * R4, the lead's capacity decision, also case by case: `/fm kapazitaet <Nr> … fall=FM-…` decides one referral
 * of the escalation and leaves it open for the rest; the decision on the last undecided referral is the
 * deciding vote (service.ts), which closes the escalation. Each partial decision is one transaction with the
 * lifecycle steps (audit entries, direct messages to FM and IFK), a line in the thread and the updated message.
 */
import type { Person } from '../../config/org.js';
import { UserError } from '../../domain/errors.js';
import { capacityTexts as C } from '../../i18n/capacity.js';
import { message } from '../../messaging/reply.js';
import { escalationParentKey } from '../../store/ports.js';
import { casesOf, type CapacityDecision, type EscalationDeps, type VoteResult } from './model.js';
import { applyCapacityDecision, undecidedCases } from './outcomes.js';
import { assertMayVote, castVote } from './service.js';
import { renderEscalation } from './view.js';

export interface CapacityInput {
  escalationId: number;
  decision: CapacityDecision;
  /** The lead's reason (required to defer or return; direct messages only). */
  comment?: string;
}

/**
 * Applies the lead's decision to the chosen referrals (default: all still undecided). Refuses (UserError,
 * nothing changed) anyone who may not decide, and a referral that is not one of the escalation's undecided ones.
 */
export function decideCapacity(deps: EscalationDeps, actor: Person, input: CapacityInput): VoteResult {
  const { store } = deps;
  const e = store.escalations.byId(input.escalationId);
  if (!e || e.kind !== 'kapazitaet') throw new Error(`no capacity escalation ${input.escalationId}`);
  assertMayVote(deps, e, actor);
  const vote = input.decision.kind === 'assign' ? 'approve' : 'reject';
  const common = { escalationId: e.id, vote, ...(input.comment === undefined ? {} : { comment: input.comment }) } as const;
  const chosen = input.decision.caseCodes;
  const open = undecidedCases(deps, e);
  const stray = chosen?.find((code) => !open.includes(code));
  if (stray !== undefined) throw new UserError(casesOf(e).includes(stray) ? C.caseDecided(stray, e.id) : C.caseNotInEscalation(stray, e.id, open), 'fall');
  // The last undecided referrals: the deciding vote closes the escalation.
  if (chosen === undefined || open.every((code) => chosen.includes(code))) return castVote(deps, actor, { ...common, capacity: input.decision });

  const now = deps.clock.now();
  return store.transaction(() => {
    // A race decided one meanwhile: nothing changes.
    if (store.escalations.byId(e.id)?.status !== 'open' || chosen.some((code) => !undecidedCases(deps, e).includes(code))) throw new UserError(C.changedMeanwhile(e.id));
    const lines = applyCapacityDecision(deps, e, actor, input.decision, input.comment, now, chosen);
    const remaining = undecidedCases(deps, e);
    const parentKey = escalationParentKey(e.id);
    const outcome = C.partialOutcome(lines, remaining);
    store.outbox.enqueue({
      dedupeKey: `escalation.thread:${e.id}:partial:${chosen.join(',')}:${now}`,
      target: { kind: 'channel', teamId: e.teamId, threadOf: parentKey },
      message: message(outcome),
      createdAt: now,
    });
    store.outbox.enqueue({
      dedupeKey: `escalation.update:${e.id}:partial:${chosen.join(',')}:${now}`,
      target: { kind: 'channel', teamId: e.teamId, replaces: parentKey },
      message: renderEscalation(deps, e, now),
      createdAt: now,
    });
    return { escalation: store.escalations.byId(e.id)!, note: outcome };
  });
}
