/**
 * Escalations: decisions that belong to team leads, brought into the receiving FM team's channel as one
 * message with a thread (R4, R7, R19, R25). The folder's public entry; its parts:
 *
 * - `domain/escalation.ts`  who decides: seats, leads and their deputies (R17), refusals, when votes decide
 * - `service.ts`            the transactions: raise, vote, who may vote today, whom to remind
 * - `outcomes.ts`           what a decision does to its case(s), per kind, through `../caseLifecycle.ts`
 * - `view.ts`               the channel message, the decider's and the outcome direct messages
 * - `withdraw.ts`           closing the open escalations of a case that ends
 * - `threadVotes.ts`        "zustimmen" / "ablehnen …" typed in the thread
 * - `model.ts`              shared constants and inputs
 *
 * Every step is one transaction with its audit entries and outbox messages; the final vote applies the
 * outcome in the same transaction. The channel only ever sees case codes; the client reference, the reason
 * and comments go by direct message.
 */
export {
  casesOf,
  type CapacityDecision,
  DEFERRED_INTAKE_WORKING_DAYS,
  ESCALATION_ACTIONS,
  ESCALATION_COMMANDS,
  MAX_COMMENT_LENGTH,
  SYSTEM_ACTOR,
  type EscalationDeps,
  type RaiseInput,
  type VoteInput,
  type VoteResult,
} from './model.js';
export { seatsFor, type Decider } from '../../domain/escalation.js';
export { assertMayVote, castVote, mayVote, decidersFor, missingDeciders, raiseCapacityEscalation, raiseEscalation } from './service.js';
export { decidersText, renderEscalation } from './view.js';
export { decideCapacity, type CapacityInput } from './capacity.js';
export { undecidedCases } from './outcomes.js';
export { escalationOfThread, parseThreadVote } from './threadVotes.js';
/** A case that ends closes its open escalations and its pending extension request (the case lifecycle's step). */
export { closeForEndedCase } from '../caseLifecycle.js';
