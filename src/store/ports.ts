/**
 * What the application needs from storage. The SQLite implementation lives beside this file;
 * commands and jobs depend only on these interfaces.
 */
import type { Instant, LocalDate } from '../domain/time.js';
import type { FollowupResult } from '../domain/due.js';
import type { Message, Target } from '../messaging/reply.js';
import type {
  AccessRoute,
  CaseStatus,
  DutyKind,
  EscalationKind,
  EscalationStatus,
  EscalationVoteChoice,
  ExtensionStatus,
  Group,
  RoundStatus,
} from '../domain/vocabulary.js';

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
  /** R10: the U25 case this Ü25 referral continues. */
  transferFrom?: string;
  /** R10: flagged later than three months before the 25th-birthday month. */
  transferLate?: boolean;
  referringPersonId: string;
  referringTeamId: string;
  receivingTeamId: string;
  flaggedOn: LocalDate;
  intakeDeadline: LocalDate;
  createdAt: Instant;
}

export interface CaseRecord extends NewReferral, CaseProgress {
  id: number;
  status: CaseStatus;
  updatedAt: Instant;
}

/** What happens to a referral after it was made: assignment, intake, decline, end. */
export interface CaseProgress {
  assignedFmId?: string;
  assignedAt?: Instant;
  /** Date of the intake talk; the case is active from then. */
  intakeOn?: LocalDate;
  /** R5: warm handover (three-way talk) took place. */
  intakeWarm?: boolean;
  /** R6: goals formulated jointly. */
  intakeGoals?: boolean;
  /** R4: intake after the deadline. */
  intakeLate?: boolean;
  /** R11: why there was no warm handover. */
  intakeNote?: string;
  /** R12: why the FM declined the referral. */
  declinedReason?: string;
  endedOn?: LocalDate;
  /** R22: exit reason code. */
  endReason?: string;
  /** R15: the client is in an active labour-market measure (longer contact interval). */
  inMeasure?: boolean;
  /** R15: a medical/psychological report is pending (no contact reminders meanwhile). */
  reportPending?: boolean;
  /** R20: date of the last six-monthly review. */
  lastReviewOn?: LocalDate;
  /** R21: date of the location talk after two years. */
  locationTalkOn?: LocalDate;
  /** R18/R19: planned end of the case (intake + 24 months, moved by granted extensions). */
  plannedEndOn?: LocalDate;
  /** R19: number of granted extensions; left out of a read record while 0. */
  extensions?: number;
  /** R27: the exit was successful (follow-ups after 6, 12, 24 months). */
  exitSuccessful?: boolean;
  /** R24: alternatives the FM recommends on exit (e.g. the § 44a procedure). */
  exitRecommendation?: string;
}

/** A case with the aggregate of its qualified contacts (R16) as of one day, for the due-date jobs. */
export type CaseWithContacts = CaseRecord & {
  /** The newest qualified contact on or before that day. */
  lastContactOn?: LocalDate;
  /** Qualified contacts in the 365 days up to and including that day. */
  contactsLastYear: number;
};

export interface CaseRepository {
  insertReferral(referral: NewReferral): CaseRecord;
  byCode(caseCode: string): CaseRecord | undefined;
  /** The client's referral or case in one of OPEN_STATUSES, if any. */
  findOpenByClient(clientRef: string): CaseRecord | undefined;
  /** Referrals in status "vorgemerkt", by intake deadline, optionally narrowed. */
  openReferrals(filter: { referringPersonId?: string; receivingTeamIds?: string[] }): CaseRecord[];
  /**
   * Moves a case from one of `from` to `to` and sets `changes`; undefined (and nothing written) when the
   * case is not in one of `from` — so a repeated click or a race changes nothing.
   */
  transition(caseCode: string, from: readonly CaseStatus[], to: CaseStatus, changes: CaseProgress, at: Instant): CaseRecord | undefined;
  /**
   * R4: moves the intake deadline of a referral still "vorgemerkt" (compare-and-set); undefined when the
   * case is no longer a referral. Only the case lifecycle's `moveIntakeDeadline` calls it.
   */
  moveIntakeDeadline(caseCode: string, deadline: LocalDate, at: Instant): CaseRecord | undefined;
  /** Cases in `statuses`, optionally only those of one FM or received by some teams; by case code. */
  list(filter: { statuses: readonly CaseStatus[]; assignedFmId?: string; receivingTeamIds?: string[] }): CaseRecord[];
  /** Per FM id, the number of cases in CASELOAD_STATUSES. */
  caseloads(): Map<string, number>;
  /**
   * Like `list`, each case with its qualified contacts as of `today` (one statement, for the jobs):
   * the newest contact date and the number of contacts in (today − 365 days, today]. Contacts dated
   * after `today` are ignored, so a run for a past day sees that day's state.
   */
  clocks(filter: { statuses: readonly CaseStatus[]; receivingTeamIds?: string[]; assignedFmId?: string }, today: LocalDate): CaseWithContacts[];
  /** R10: codes of U25 cases whose Ü25 follow-up referral is open (the transfer has started). */
  transfersStarted(): Set<string>;
  /**
   * Data protection: removes the client reference of cases closed long enough ago — ended before `endedBefore`,
   * or declined and untouched since `declinedBefore`. Case codes and dates stay for the statistics (R35).
   */
  /**
   * Blanks the customer number of cases ended before `endedBefore`, of declined referrals of a client with a
   * complex profile (R1's formal criteria, re-checked under R12) last changed before `declinedBefore`, and of
   * the other declined referrals last changed before `declinedSimpleBefore`.
   */
  forgetClients(opts: { endedBefore: LocalDate; declinedBefore: Instant; declinedSimpleBefore: Instant }): number;
  count(): number;
}

/** One contact with the client as the FM records it; `qualified` says whether it counts for R16. */
export interface ContactRecord {
  id: number;
  caseCode: string;
  on: LocalDate;
  kind: string;
  qualified: boolean;
  recordedBy: string;
  recordedAt: Instant;
}

export interface ContactRepository {
  add(contact: Omit<ContactRecord, 'id'>): ContactRecord;
  /** The case's contacts, oldest first. */
  forCase(caseCode: string): ContactRecord[];
  count(): number;
}


/** A request to extend a case (R19), decided by the team lead where consent is needed. */
export interface ExtensionRecord {
  id: number;
  caseCode: string;
  months: number;
  reason: string;
  /** The coded occasion (`anlass=`, R35); absent for requests recorded without one. */
  reasonCode?: string;
  status: ExtensionStatus;
  requestedBy: string;
  requestedAt: Instant;
  decidedBy?: string;
  decidedAt?: Instant;
}

export interface ExtensionRepository {
  /** @throws PendingExtensionExistsError when the case has an undecided request already. */
  request(extension: Omit<ExtensionRecord, 'id' | 'status' | 'decidedBy' | 'decidedAt'>): ExtensionRecord;
  /** Pending → granted/rejected, once; false when it was not pending (a second click changes nothing). */
  decide(id: number, status: Exclude<ExtensionStatus, 'pending'>, by: string, at: Instant): boolean;
  /** The case's requests, oldest first. */
  forCase(caseCode: string): ExtensionRecord[];
  pendingFor(caseCode: string): ExtensionRecord | undefined;
}

/** An absence entered in the chat (`/fm abwesend`), in addition to those in the organisation file. */
export interface AbsenceRecord {
  id: number;
  personId: string;
  /** First and last day, both inclusive (as in the organisation file). */
  from: LocalDate;
  to: LocalDate;
  recordedBy: string;
  recordedAt: Instant;
}

export interface AbsenceRepository {
  add(absence: Omit<AbsenceRecord, 'id'>): AbsenceRecord;
  /** The person's absences by first day. */
  forPerson(personId: string): AbsenceRecord[];
  all(): AbsenceRecord[];
}

/**
 * Team duties recorded with `/fm termin` and `/fm besuch`, and what their subject is:
 * dienstbesprechung – office id (R28); austausch – 'jobcenter' (R29); fm_austausch – the pair of FM team
 * ids, sorted and joined by '+' (R31; rows from before migration 7 name one FM team); netzwerk – FM team id
 * (R32); besuch – M&I team id the contact FM visited (R30).
 */

/**
 * A date on or before the day it is recorded is `held` at once; a later date is `planned` until someone
 * confirms it took place (`held`) or calls it off (`cancelled`). Only held occurrences count (R28–R32).
 */
export type DutyStatus = 'planned' | 'held' | 'cancelled';

export interface DutyRecord {
  id: number;
  kind: DutyKind;
  subject: string;
  on: LocalDate;
  status: DutyStatus;
  recordedBy: string;
  recordedAt: Instant;
  /** Who confirmed or called off a plan, and when. */
  settledBy?: string;
  settledAt?: Instant;
}

export type NewDuty = Pick<DutyRecord, 'kind' | 'subject' | 'on' | 'recordedBy' | 'recordedAt'> & {
  /** Default `held`. */
  status?: Exclude<DutyStatus, 'cancelled'>;
};

export interface DutyRepository {
  record(duty: NewDuty): DutyRecord;
  byId(id: number): DutyRecord | undefined;
  /** The latest held date of that duty for that subject; plans do not count. */
  last(kind: DutyKind, subject: string): LocalDate | undefined;
  /** Plans neither confirmed nor called off, by date; optionally of one kind and subject. */
  planned(filter?: { kind: DutyKind; subject: string }): DutyRecord[];
  /** Planned → held/cancelled, once; false when it was not planned (a second click changes nothing). */
  settle(id: number, status: Exclude<DutyStatus, 'planned'>, by: string, at: Instant): boolean;
  /** All duties, or those of one kind, by date. */
  list(kind?: DutyKind): DutyRecord[];
  /** The first day the duties job knew that duty (`kind` may also be a non-recordable one, such as an R30 gap). */
  firstSeen(kind: string, subject: string): LocalDate | undefined;
  /** Stores `on` as that first day unless one is stored; returns the stored day. */
  markSeen(kind: string, subject: string, on: LocalDate): LocalDate;
}

/** The digest's "später" button: one due item of a case is not shown again before `until`. */
export interface Snooze {
  caseCode: string;
  itemKind: string;
  dueOn: LocalDate;
  /** The item shows again from this day on. */
  until: LocalDate;
  by: string;
  at: Instant;
}

export interface SnoozeRepository {
  /** Snoozing the same item again replaces the earlier snooze. */
  snooze(snooze: Snooze): void;
  isSnoozed(caseCode: string, itemKind: string, dueOn: LocalDate, today: LocalDate): boolean;
  /** Keys `${caseCode}|${itemKind}|${dueOn}` of the items snoozed beyond `today`. */
  activeUntil(today: LocalDate): Set<string>;
}

/** The key `SnoozeRepository.activeUntil` uses for one due item. */
export function snoozeKey(caseCode: string, itemKind: string, dueOn: LocalDate): string {
  return `${caseCode}|${itemKind}|${dueOn}`;
}

/** R27: the recorded result of one follow-up (6, 12 or 24 months after the exit) of an ended case. */
export interface FollowupRecord {
  caseCode: string;
  /** 6, 12 or 24. */
  months: number;
  result: FollowupResult;
  /** The day the result was recorded. */
  on: LocalDate;
  recordedBy: string;
  recordedAt: Instant;
}

export interface FollowupRepository {
  /** Records the result once; false (and nothing written) when that follow-up of the case has one already. */
  record(followup: FollowupRecord): boolean;
  /** The case's recorded follow-ups, by months. */
  forCase(caseCode: string): FollowupRecord[];
  /** Per case code, the months of its recorded follow-ups (for the due-date jobs: read once per run). */
  doneByCase(): Map<string, number[]>;
  count(): number;
}


/** One line of an assignment round: which referral goes to which FM. */
export interface RoundRow {
  caseCode: string;
  fmId?: string;
  overflow: boolean;
}

export interface RoundRecord {
  id: number;
  teamId: string;
  roundDate: LocalDate;
  trigger: 'command' | 'schedule';
  status: RoundStatus;
  rows: RoundRow[];
  /** FM ids left out and why (codes with numbers, rendered by the command). */
  leftOut: Array<{ fmId: string; reason: string; absentDays?: number; workingDays?: number; until?: LocalDate }>;
  createdBy: string;
  createdAt: Instant;
  confirmedBy?: string;
  confirmedAt?: Instant;
}

/** The weekly assignment rounds (R9). */
export interface RoundRepository {
  create(round: Omit<RoundRecord, 'id' | 'status' | 'confirmedBy' | 'confirmedAt'>): RoundRecord;
  byId(id: number): RoundRecord | undefined;
  /** The team's newest round that is still proposed. */
  currentProposal(teamId: string): RoundRecord | undefined;
  /** The team's round of that date started by the schedule, if any. */
  scheduled(teamId: string, roundDate: LocalDate): RoundRecord | undefined;
  /** Proposed rounds of the team become "superseded" (a newer proposal replaces them). */
  supersede(teamId: string): number;
  /** Replaces the rows of a proposed round; false when it is no longer proposed. */
  updateRows(id: number, rows: RoundRow[], leftOut: RoundRecord['leftOut']): boolean;
  /** Proposed → confirmed, once; false when it was not proposed (a second confirm changes nothing). */
  confirm(id: number, by: string, at: Instant): boolean;
  /** Per FM id, how many referrals confirmed rounds of the team gave them since `sinceDate`. */
  recentAssignments(teamId: string, sinceDate: LocalDate): Map<string, number>;
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
  /** The chat request (Slack envelope, Teams activity) it was recorded in; none for jobs and the CLI. */
  requestId?: string;
}

/** Append-only: who did what, to which case, when. */
export interface AuditLog {
  record(entry: Omit<AuditEntry, 'id'>): void;
  forCase(caseCode: string): AuditEntry[];
  /**
   * The entries of one action, oldest first; with `since` only those recorded at or after that instant
   * (e.g. a month's supervision draws, R34).
   */
  byAction(action: string, since?: Instant): AuditEntry[];
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
  /** Where the platform put the message (needed for thread replies and in-place updates). */
  sentRef?: SentRef;
  /** The chat request that queued it (for the log lines of its sends); none for jobs and the CLI. */
  requestId?: string;
}

/** A sent message as its platform knows it. */
export interface SentRef {
  platform: string;
  channelId: string;
  /** Slack: ts; Teams: activity id. */
  messageId: string;
}

export interface Outbox {
  /** Returns false when an item with this dedupe key exists already. */
  enqueue(item: { dedupeKey: string; target: Target; message: Message; createdAt: Instant }): boolean;
  /** How many items this process has enqueued so far (one rolled back with its transaction included). */
  enqueuedCount(): number;
  /** Pending items whose next attempt is due, oldest first. */
  due(now: Instant, limit: number): OutboxItem[];
  markSent(id: number, at: Instant, ref?: SentRef): void;
  /** Waits for something else (e.g. the parent of a thread reply) without counting an attempt. */
  postpone(id: number, until: Instant, reason: string): void;
  byKey(dedupeKey: string): OutboxItem | undefined;
  /** Schedules another attempt, or gives up (status "failed") when `nextAttemptAt` is undefined. */
  markFailed(id: number, error: string, nextAttemptAt: Instant | undefined): void;
  all(): OutboxItem[];
  count(): number;
  /**
   * Data protection: empties the text of messages sent or given up before `before`. The rows stay, so their
   * dedupe keys still stop a second send and thread replies still find their parent. Returns how many.
   */
  redactBefore(before: Instant): number;
  /** The earliest next attempt of a pending item, or undefined when nothing is pending. */
  nextAttemptAt(): Instant | undefined;
  /** Rate-limit pauses per platform that last beyond `now` (Retry-After, held across runs and restarts). */
  pauses(now: Instant): Map<string, Instant>;
  /** Records that `platform` asked to wait until `until` (a later pause of the same platform wins). */
  pause(platform: string, until: Instant, reason: string): void;
}

/** Everything behind one database; `transaction` makes state, audit and outbox one unit. */
/** A lead overview's findings: key (what it is about) → signature (its state). */
export type LeadDigestSnapshot = Readonly<Record<string, string>>;

export interface LeadDigestRepository {
  /** The snapshot of the last day before `day` with one; undefined when there is none. */
  lastBefore(personId: string, teamId: string, day: LocalDate): LeadDigestSnapshot | undefined;
  /**
   * Keeps the first snapshot of a day and returns true; false when the day has one already (its overview
   * was decided by an earlier run that day).
   */
  record(personId: string, teamId: string, day: LocalDate, findings: LeadDigestSnapshot): boolean;
}

export interface Store {
  cases: CaseRepository;
  rounds: RoundRepository;
  codes: CaseCodeSequence;
  audit: AuditLog;
  outbox: Outbox;
  contacts: ContactRepository;
  extensions: ExtensionRepository;
  absences: AbsenceRepository;
  duties: DutyRepository;
  snoozes: SnoozeRepository;
  /** R27: results of the follow-ups after a successful exit. */
  followups: FollowupRepository;
  escalations: EscalationRepository;
  /** Microsoft Teams conversation references (proactive messages). */
  conversations: ConversationRepository;
  /** What each team lead's overview found, to tell what is new the next day. */
  leadDigests: LeadDigestRepository;
  /** Planned exits awaiting the return talk or the leads' decision (R22–R26). */
  returns: ReturnRepository;
  /** R35: what the controlling figures need beyond the cases (needs resolved, entered potential) and their aggregates. */
  controlling: ControllingRepository;
  transaction<T>(work: () => T): T;
  /**
   * After erasing (retention): makes sure the erased data is gone from the disk too, not only from the tables
   * (SQLite: a WAL checkpoint). `erased` says whether this run erased anything; a store may also finish an
   * earlier attempt that could not complete.
   */
  flushErased(erased: boolean): void;
  /** Requests acknowledged to a platform and not yet stored or answered (issue #13 item 9). */
  receipts: ReceiptRepository;
  /**
   * Runs `work` for the request of receipt `receiptId`: the first transaction that commits inside it also removes
   * the receipt, so "stored" and "no longer pending" are one unit.
   */
  withReceipt<T>(receiptId: string | undefined, work: () => T): T;
  /**
   * Runs `work`, which must change nothing (a command declared `readOnly`): a transaction begun inside it throws,
   * so a read-only declaration that is wrong fails its command's tests instead of going without a receipt.
   */
  readOnly<T>(work: () => T): T;
  /** Whether the database could write lately (for /healthz): see WriteHealth. */
  writeHealth(): WriteHealth;
  close(): void;
}

/** A request acknowledged to a chat platform: who sent it, what kind (the subcommand name only), when. */
export interface Receipt {
  id: string;
  platform: string;
  /** The platform's user id (Slack U…, Teams 29:…). */
  userId: string;
  label: string;
  receivedAt: Instant;
}

export interface ReceiptRepository {
  open(receipt: Receipt): void;
  /** Removes the receipt (no error when it is gone already). */
  close(id: string): void;
  all(): Receipt[];
}

/**
 * Whether the database accepts writes. `ok` is false from the first write that failed because the database
 * was locked by another process, read-only, full or broken, until a write succeeds again.
 */
export interface WriteHealth {
  ok: boolean;
  /** Epoch ms of the first failed write of the current failure (when `ok` is false). */
  failingSince?: number;
  /** SQLite's error code of the last failed write, e.g. "SQLITE_BUSY" (no message text: it may quote data). */
  lastError?: string;
}

/**
 * A change could not be written because the database is locked by another process (or cannot write at all).
 * Nothing of the change was stored; the caller tells the person so, and may try again later. Carries no data.
 */
export class StoreUnavailableError extends Error {
  constructor(readonly code: string) {
    super(`The database cannot write at the moment (${code}).`);
    this.name = 'StoreUnavailableError';
  }
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

/**
 * Thrown by `ExtensionRepository.request` when the case has an undecided extension request already —
 * the database's last word when two requests race. Commands check `pendingFor` first.
 */
export class PendingExtensionExistsError extends Error {
  constructor() {
    super('The case has a pending extension request already.');
    this.name = 'PendingExtensionExistsError';
  }
}

/**
 * Escalations: decisions that belong to team leads (R4, R7, R19, R25). Each has seats — the teams whose
 * lead must decide (one seat, or two for a joint decision) — and at most one vote per seat and per person.
 */

export interface EscalationVote {
  /** The team whose lead's seat this vote fills. */
  seat: string;
  voterId: string;
  /** Set when a deputy voted for an absent lead (or for the lead who raised a single-seat escalation). */
  onBehalfOf?: string;
  vote: EscalationVoteChoice;
  comment?: string;
  at: Instant;
}

export interface EscalationRecord {
  id: number;
  /** For `kapazitaet` the first overflow case of the round (all of them in `data.caseCodes`). */
  caseCode: string;
  kind: EscalationKind;
  status: EscalationStatus;
  /** The receiving FM team: its channel carries the escalation's message and thread. */
  teamId: string;
  /** Team ids whose leads decide, in display order. */
  seats: string[];
  raisedBy: string;
  raisedAt: Instant;
  /** Free text about the person: only ever sent by direct message. */
  reason: string;
  /** Kind-specific facts (exit reason, extension id, round and case codes). */
  data: Record<string, unknown>;
  /** Oldest first. */
  votes: EscalationVote[];
  decidedAt?: Instant;
}

export type NewEscalation = Pick<EscalationRecord, 'caseCode' | 'kind' | 'teamId' | 'seats' | 'raisedBy' | 'raisedAt' | 'reason' | 'data'>;

export interface EscalationRepository {
  /** @throws OpenEscalationExistsError when the case has an open escalation of that kind already. */
  create(escalation: NewEscalation): EscalationRecord;
  byId(id: number): EscalationRecord | undefined;
  openFor(caseCode: string, kind: EscalationKind): EscalationRecord | undefined;
  /** The case's escalations, oldest first (a capacity escalation belongs to its first case). */
  forCase(caseCode: string): EscalationRecord[];
  /** Open escalations, oldest first. */
  listOpen(): EscalationRecord[];
  /** The escalation whose channel message (outbox key `escalationParentKey`) landed at that platform message. */
  byParentMessage(channelId: string, messageId: string): EscalationRecord | undefined;
  /** Records a vote once; false when the escalation is not open, the seat has a vote or the voter voted already. */
  addVote(id: number, vote: EscalationVote): boolean;
  /** Open → approved/rejected, once; false when it was decided already. */
  decide(id: number, status: Exclude<EscalationStatus, 'open'>, at: Instant): boolean;
  count(): number;
}

/** The outbox key of an escalation's channel message; thread replies and updates refer to it. */
export function escalationParentKey(id: number): string {
  return `escalation.post:${id}`;
}

/** Thrown by `EscalationRepository.create` when two escalations of one kind for one case race. */
export class OpenEscalationExistsError extends Error {
  constructor() {
    super('The case has an open escalation of this kind already.');
    this.name = 'OpenEscalationExistsError';
  }
}

/**
 * Microsoft Teams: a conversation the bot may write into later (proactive messages need Bot Framework's
 * conversation reference). Captured from installation and conversation-update events and from every
 * incoming activity of the own tenant.
 */
export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface ConversationRecord {
  /** Bot Framework conversation id; for a channel the channel id without `;messageid=…`. */
  conversationId: string;
  kind: ConversationKind;
  /** A personal chat's person: Bot Framework user id (`29:…`), required for kind `personal`. */
  userId?: string;
  /** … and their Microsoft Entra object id, when Teams sent it. */
  aadObjectId?: string;
  tenantId?: string;
  serviceUrl: string;
  /** The conversation reference itself; opaque to the store. */
  reference: Record<string, unknown>;
  updatedAt: Instant;
}

export interface ConversationRepository {
  /** Inserts the conversation or replaces what was stored for it. */
  save(record: ConversationRecord): void;
  byId(conversationId: string): ConversationRecord | undefined;
  /** The newest personal chat of a person, found by Bot Framework user id or Entra object id. */
  personalOf(userId: string): ConversationRecord | undefined;
  /** The most recently updated conversation of any kind (its service URL also reaches other channels). */
  newest(): ConversationRecord | undefined;
  /** Forgets a conversation (the app was removed there); false when it was not stored. */
  remove(conversationId: string): boolean;
  count(): number;
}

/**
 * A planned exit (R22–R26): the case stays active with its FM until the return is final. `pending` waits for
 * the referring IFK (or their team lead) to confirm the return talk or object; `objected` waits for the two
 * team leads (R25). Final: `confirmed` (the IFK confirmed, the case ended), `ended` (the leads allowed it),
 * `kept` (the leads kept the case), `withdrawn` (the FM withdrew the plan).
 */
export type ReturnStatus = 'pending' | 'objected' | 'confirmed' | 'ended' | 'withdrawn' | 'kept';
export const OPEN_RETURN_STATUSES: readonly ReturnStatus[] = ['pending', 'objected'];

export interface ReturnRecord {
  id: number;
  caseCode: string;
  /** R22 exit code. */
  reason: string;
  /** R24. */
  recommendation?: string;
  /** Who is asked for the return talk (R26): the referring IFK, or a lead of the referring team. */
  addresseeId: string;
  plannedBy: string;
  plannedAt: Instant;
  status: ReturnStatus;
  /** The objection's reason (R25). */
  objection?: string;
  escalationId?: number;
  decidedBy?: string;
  decidedAt?: Instant;
}

export interface ReturnRepository {
  /** @throws OpenReturnExistsError when the case has an undecided planned exit already. */
  plan(input: Pick<ReturnRecord, 'caseCode' | 'reason' | 'recommendation' | 'addresseeId' | 'plannedBy' | 'plannedAt'>): ReturnRecord;
  /** pending → objected with the objection and its escalation, once; false otherwise. */
  object(id: number, objection: string, escalationId: number): boolean;
  /** An open planned exit becomes final, once; false when it was not open (a second click changes nothing). */
  settle(id: number, status: Exclude<ReturnStatus, 'pending' | 'objected'>, by: string, at: Instant): boolean;
  openFor(caseCode: string): ReturnRecord | undefined;
  byId(id: number): ReturnRecord | undefined;
  forCase(caseCode: string): ReturnRecord[];
  /** Every open planned exit, oldest first. */
  listOpen(): ReturnRecord[];
}

/** Thrown by `ReturnRepository.plan` when two plans for one case race. */
export class OpenReturnExistsError extends Error {
  constructor() {
    super('The case has an open planned exit already.');
    this.name = 'OpenReturnExistsError';
  }
}

/**
 * R35: controlling. Aggregates per receiving FM team and month (YYYY-MM) — counts only, no customer number, no case
 * code, no free text leaves this repository. The service (src/services/controlling/) turns them into figures.
 */
export interface MonthSpan {
  /** YYYY-MM */
  month: string;
  /** First and last day of the month. */
  first: LocalDate;
  last: LocalDate;
  /** Berlin midnight at the start of the month and of the next month. */
  from: Instant;
  to: Instant;
}

export interface ControllingQuery {
  teamIds: readonly string[];
  /** Consecutive months, oldest first. */
  months: readonly MonthSpan[];
  /** R16: qualified contacts a year each group needs (0: no minimum). */
  minPerYear: Readonly<Record<Group, number>>;
}

export interface CountRow {
  teamId: string;
  month: string;
  /** What is counted, e.g. a route, an exit reason, a need code, "6:beschaeftigt"; '' when nothing more. */
  key: string;
  count: number;
}

/** Per FM at a month's end: cases assigned and not ended (the caseload, R13/R14). */
export interface FmLoadRow {
  teamId: string;
  month: string;
  fmId: string;
  load: number;
}

/**
 * R16 at a month's end, per FM (and team): of the cases active then, how many have their yearly minimum of qualified
 * contacts in the 365 days up to that day — pro rata for the whole months since the intake in the first year, as
 * `contactMinimum` in src/domain/due.ts counts it.
 */
export interface ContactShareRow {
  teamId: string;
  month: string;
  fmId?: string;
  total: number;
  met: number;
}

/** A six-monthly review held (R20) with the date it was due from: the review before it, or the intake. */
export interface ReviewRow {
  teamId: string;
  month: string;
  on: LocalDate;
  base?: LocalDate;
}

export interface ControllingFacts {
  /** Referrals flagged in the month; key `<route>:<R2 reason or ''>:<1 when R1's formal criteria are met, else 0>`. */
  referrals: CountRow[];
  /** Intakes in the month; key `<route>:<1 when late (R4), else 0>`. */
  intakes: CountRow[];
  /** Declines in the month (audit `case.declined`); key `<route>:<coded occasion (R35) or ''>`. */
  declines: CountRow[];
  /** Exits in the month; key the R22 reason. */
  exits: CountRow[];
  /** Needs found at the referrals of the month; key the need code. */
  needsFound: CountRow[];
  /** Needs recorded as resolved in the month; key the need code. */
  needsResolved: CountRow[];
  /** Follow-up results recorded in the month; key `<months>:<result>` (R27). */
  followups: CountRow[];
  /** Returns the IFK objected to (R25 `abgang` escalations raised in the month); key the escalation status. */
  objections: CountRow[];
  /** Extensions granted in the month (R19); key ''. */
  extensions: CountRow[];
  /** Cases active at the month's end by length of stay; key `6` (over 6 months) or `24` (over 24 months). */
  stays: CountRow[];
  /**
   * Cases active at the month's end for over 24 months, by the coded occasion of their first granted extension
   * (the one that carried them past 24 months, R19/R35); key the code, '' for an extension without one, '-' for none.
   */
  longStays: CountRow[];
  fmLoads: FmLoadRow[];
  contactShares: ContactShareRow[];
  reviews: ReviewRow[];
  /** The potential the lead entered from VerBIS; key ''. */
  potential: CountRow[];
}

export interface ControllingRepository {
  /** Records each need once per case; returns the codes newly recorded (R35). */
  resolveNeeds(caseCode: string, needs: readonly string[], on: LocalDate, by: string, at: Instant): string[];
  /** The case's needs recorded as resolved, in the order recorded. */
  resolvedNeeds(caseCode: string): string[];
  /** Sets (or replaces) the potential a lead entered for a team and month; returns the value it replaced. */
  setPotential(teamId: string, month: string, value: number, by: string, at: Instant): number | undefined;
  /** The aggregates of the figures for these teams and months, each read by one statement. */
  facts(query: ControllingQuery): ControllingFacts;
}
