/**
 * What every part of the escalations folder shares: the dependencies, the constants the commands and
 * platforms use, the inputs of raising and voting, and which cases an escalation is about.
 */
import type { CommandDeps } from '../context.js';
import type { ExitReason } from '../../domain/exit.js';
import type { Instant } from '../../domain/time.js';
import type { EscalationVoteChoice } from '../../domain/vocabulary.js';
import type { EscalationRecord } from '../../store/ports.js';

export type EscalationDeps = Pick<CommandDeps, 'org' | 'store' | 'clock' | 'calendar'>;

export const ESCALATION_ACTIONS = { approve: 'escalation.approve', reject: 'escalation.reject' } as const;
/** The internal commands behind the buttons (and for typing them where there are no buttons). */
export const ESCALATION_COMMANDS = { approve: 'eskalation-zustimmen', reject: 'eskalation-ablehnen' } as const;
/** Who raises what the flows raise on their own (overflow of a round). */
export const SYSTEM_ACTOR = 'system';
/** Longest comment on a decision; enough for a sentence, too short for a case file. */
export const MAX_COMMENT_LENGTH = 300;
/** R4: a later intake decided on overflow gets a fresh intake window from the decision day. */
export const DEFERRED_INTAKE_WORKING_DAYS = 14;

interface RaiseCommon {
  caseCode: string;
  /** Person id, or SYSTEM_ACTOR. */
  raisedBy: string;
  /** Free text for the deciders (direct message only). */
  reason: string;
  now?: Instant;
}

export type RaiseInput = RaiseCommon &
  (
    | { kind: 'zugang' }
    | { kind: 'abgang'; exitReason: ExitReason; recommendation?: string }
    /** The pending extension request (ExtensionRepository) the lead decides (R19). */
    | { kind: 'verlaengerung'; extensionId: number }
    /** The round and its overflow cases; `caseCode` must be the first of them. */
    | { kind: 'kapazitaet'; roundId: number; caseCodes: string[] }
  );

export interface VoteInput {
  escalationId: number;
  vote: EscalationVoteChoice;
  comment?: string;
}

export interface VoteResult {
  escalation: EscalationRecord;
  /** The German note for the voter. */
  note: string;
}

/** Every case an escalation is about (a capacity escalation: all overflow cases of its round). */
export function casesOf(escalation: EscalationRecord): string[] {
  const codes = escalation.kind === 'kapazitaet' ? stringList(escalation.data.caseCodes) : [];
  return codes.length ? codes : [escalation.caseCode];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
