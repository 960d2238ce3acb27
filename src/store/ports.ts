/**
 * What the application needs from storage. The SQLite implementation lives beside this file;
 * commands and jobs depend only on these interfaces.
 */
import type { Instant, LocalDate } from '../domain/time.js';
import type { Message, Target } from '../messaging/reply.js';

export type Group = 'u25' | 'ue25';
export type AccessRoute = 'formal' | 'einzelfall';

/** Lifecycle of a case. A referral (Vormerkung) is a case in status "vorgemerkt". */
export type CaseStatus = 'vorgemerkt' | 'zugewiesen' | 'aktiv' | 'abgelehnt' | 'strittig' | 'beendet';

/** Statuses in which a client counts as having an open referral or case (one at a time). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['vorgemerkt', 'zugewiesen', 'aktiv', 'strittig'];

export interface NewReferral {
  caseCode: string;
  clientRef: string;
  group: Group;
  route: AccessRoute;
  prognosis: 'marktnah' | 'nicht-marktnah';
  /** Handlungsbedarf codes as entered. */
  needs: string[];
  /** How many of them count for R1 (key groups Leistungsfähigkeit/Rahmenbedingungen). */
  countedNeeds: number;
  integration12: boolean;
  assessment: boolean;
  /** R2 reason for the individual-case route. */
  reason?: string;
  /** U25: month of the 25th birthday, YYYY-MM (R10). */
  u25Until?: string;
  referringPersonId: string;
  referringTeamId: string;
  receivingTeamId: string;
  flaggedOn: LocalDate;
  intakeDeadline: LocalDate;
  createdAt: Instant;
}

export interface CaseRecord extends NewReferral {
  id: number;
  status: CaseStatus;
  assignedFmId?: string;
  updatedAt: Instant;
}

export interface CaseRepository {
  insertReferral(referral: NewReferral): CaseRecord;
  byCode(caseCode: string): CaseRecord | undefined;
  /** The client's referral or case in one of OPEN_STATUSES, if any. */
  findOpenByClient(clientRef: string): CaseRecord | undefined;
  /** Referrals in status "vorgemerkt", by intake deadline, optionally narrowed. */
  openReferrals(filter: { referringPersonId?: string; receivingTeamIds?: string[] }): CaseRecord[];
  count(): number;
}

/** Sequential case codes per year (FM-YYYY-NNNN); a number once drawn is never drawn again. */
export interface CaseCodeSequence {
  next(year: number): string;
}

export interface AuditEntry {
  id: number;
  at: Instant;
  actorId: string;
  action: string;
  caseCode?: string;
  details: Record<string, unknown>;
}

/** Append-only: who did what, to which case, when. */
export interface AuditLog {
  record(entry: Omit<AuditEntry, 'id'>): void;
  forCase(caseCode: string): AuditEntry[];
  count(): number;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxItem {
  id: number;
  /** Unique per logical message (kind, subject, due date, recipient): enqueuing it again is a no-op. */
  dedupeKey: string;
  target: Target;
  message: Message;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Instant;
  createdAt: Instant;
  sentAt?: Instant;
  lastError?: string;
}

export interface Outbox {
  /** Returns false when an item with this dedupe key exists already. */
  enqueue(item: { dedupeKey: string; target: Target; message: Message; createdAt: Instant }): boolean;
  /** Pending items whose next attempt is due, oldest first. */
  due(now: Instant, limit: number): OutboxItem[];
  markSent(id: number, at: Instant): void;
  /** Schedules another attempt, or gives up (status "failed") when `nextAttemptAt` is undefined. */
  markFailed(id: number, error: string, nextAttemptAt: Instant | undefined): void;
  all(): OutboxItem[];
  count(): number;
}

/** Everything behind one database; `transaction` makes state, audit and outbox one unit. */
export interface Store {
  cases: CaseRepository;
  codes: CaseCodeSequence;
  audit: AuditLog;
  outbox: Outbox;
  transaction<T>(work: () => T): T;
  close(): void;
}

/**
 * Thrown by `CaseRepository.insertReferral` when the client already has a referral or case in one of
 * OPEN_STATUSES — the database's last word when two referrals for the same client race. Commands check
 * `findOpenByClient` first and turn this into the same German message. Carries no client reference,
 * so it is safe to log.
 */
export class OpenCaseExistsError extends Error {
  constructor() {
    super('The client already has an open referral or case.');
    this.name = 'OpenCaseExistsError';
  }
}
