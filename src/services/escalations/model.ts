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
/** R4: a later intake decided on overflow ("Ablehnen" without more) moves the deadline by this many working days. */
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
  /** R4: what the lead decided on a capacity escalation; without it "approve" assigns as proposed, "reject" defers. */
  capacity?: CapacityDecision;
}

/**
 * R4, the lead's decision on the rows above capacity: assign them beyond capacity (to the named FM, or as the
 * round proposes), move their intake deadline by N working days, or return them to the IFK (the vote's
 * comment is the reason).
 */
export type CapacityDecision = ({ kind: 'assign'; fmId?: string } | { kind: 'defer'; workingDays: number } | { kind: 'return' }) & {
  /** Only these of the escalation's referrals (the lead decides case by case); default: all still undecided. */
  caseCodes?: string[];
};

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
