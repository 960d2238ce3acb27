/**
 * Escalations: decisions that belong to team leads, brought into the receiving FM team's channel as one
 * message with a thread (R4, R7, R19, R25).
 *
 * - `zugang` (R7) and `abgang` (R25) have two seats, the leads of the referring team and of the receiving
 *   FM team, who decide jointly: both must agree, one "Ablehnen" rejects. `verlaengerung` (R19) and
 *   `kapazitaet` (R4) have one seat, the FM team's lead.
 * - A seat is filled by one of the team's leads, or by a lead's `deputy` while that lead is absent. One
 *   person fills at most one seat, and whoever raised a single-seat escalation cannot fill its seat (their
 *   deputy may), so nobody decides alone what they asked for.
 * - A `kapazitaet` escalation belongs to a round; its case is the round's first overflow case, and all of
 *   them are in `data.caseCodes`. One escalation is open per case and kind, so raising twice is harmless.
 *
 * Every step is one transaction with its audit entries and outbox messages; the final vote applies the
 * outcome in the same transaction. The channel only ever sees case codes; the client reference, the reason
 * and comments go by direct message.
 */
import type { CommandDeps } from '../context.js';
import type { Person, Team } from '../../config/org.js';
import { addMonths, STANDARD_MONTHS } from '../../domain/due.js';
import { UserError } from '../../domain/errors.js';
import { checkExtension } from '../../domain/extension.js';
import { isExitReason, isSuccessfulExit, type ExitReason } from '../../domain/exit.js';
import { formatInTimeZone } from '../../domain/format.js';
import { formatGermanDate, type Instant, type LocalDate } from '../../domain/time.js';
import { escalationTexts as T } from '../../i18n/escalations.js';
import { exitReasonLabel } from '../../i18n/lifecycle.js';
import { actions, facts, heading, list, mention, message, text, type Block, type Message } from '../../messaging/reply.js';
import { escalationParentKey, OpenEscalationExistsError, type CaseProgress, type CaseRecord, type EscalationRecord, type EscalationVote } from '../../store/ports.js';
import { type EscalationKind, type EscalationVoteChoice } from '../../domain/vocabulary.js';
import { isAbsent } from '../people.js';

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

// --- who decides --------------------------------------------------------------------------------------

/** The teams whose leads decide: referring and receiving team jointly (R7, R25), else the FM team (R4, R19). */
export function seatsFor(kind: EscalationKind, record: Pick<CaseRecord, 'referringTeamId' | 'receivingTeamId'>): string[] {
  return kind === 'zugang' || kind === 'abgang' ? [record.referringTeamId, record.receivingTeamId] : [record.receivingTeamId];
}

/** One person who may fill a seat on a day; `onBehalfOf` when a deputy stands in for a lead. */
export interface Decider {
  personId: string;
  onBehalfOf?: string;
}

/**
 * Who may fill the seat on `today`: the team's leads, and the deputy of each lead who is absent (or who raised
 * a single-seat escalation and so may not decide it). A deputy who is absent or raised it stands in for nobody.
 */
export function decidersFor(deps: EscalationDeps, escalation: EscalationRecord, seat: string, today: LocalDate): Decider[] {
  const team = deps.org.team(seat);
  if (!team) return [];
  const single = escalation.seats.length === 1;
  const barred = (id: string) => single && id === escalation.raisedBy;
  const out: Decider[] = [];
  const add = (d: Decider) => {
    if (!out.some((o) => o.personId === d.personId)) out.push(d);
  };
  const leads = deps.org.leadsOf(team);
  for (const lead of leads) if (!barred(lead.id)) add({ personId: lead.id });
  for (const lead of leads) {
    const deputy = lead.deputy;
    if (!deputy || barred(deputy) || isAbsent(deps, deputy, today)) continue;
    if (barred(lead.id) || isAbsent(deps, lead.id, today)) add({ personId: deputy, onBehalfOf: lead.id });
  }
  return out;
}

/** Seats without a vote yet. */
function openSeats(escalation: EscalationRecord): string[] {
  return escalation.seats.filter((seat) => !escalation.votes.some((v) => v.seat === seat));
}

/** The people to tell about the open seats today (leads, deputies of absent leads), each once. */
export function missingDeciders(deps: EscalationDeps, escalation: EscalationRecord, today: LocalDate): Decider[] {
  const out: Decider[] = [];
  for (const seat of openSeats(escalation)) {
    for (const d of decidersFor(deps, escalation, seat, today)) if (!out.some((o) => o.personId === d.personId)) out.push(d);
  }
  return out;
}

// --- raising --------------------------------------------------------------------------------------------

/**
 * Opens an escalation: the channel message, a thread reply mentioning who decides, direct messages with the
 * reason to them, audit entries — all or nothing. Idempotent per case and kind: while one is open, it is
 * returned unchanged (`created: false`). Safe inside an outer `store.transaction` (it nests as a savepoint).
 * `zugang` moves the declined referral to "strittig" while the leads decide.
 */
export function raiseEscalation(deps: EscalationDeps, input: RaiseInput): { escalation: EscalationRecord; created: boolean } {
  const { store } = deps;
  const now = input.now ?? deps.clock.now();
  return store.transaction(() => {
    const existing = store.escalations.openFor(input.caseCode, input.kind);
    if (existing) return { escalation: existing, created: false };
    const record = store.cases.byCode(input.caseCode);
    if (!record) throw new Error(`escalation for unknown case ${input.caseCode}`);
    if (input.kind === 'kapazitaet' && input.caseCodes[0] !== input.caseCode) {
      throw new Error('a capacity escalation belongs to the first overflow case of its round');
    }
    if (input.kind === 'zugang' && !store.cases.transition(record.caseCode, ['abgelehnt'], 'strittig', {}, now)) {
      throw new UserError(T.changedMeanwhile(record.caseCode));
    }

    let escalation: EscalationRecord;
    try {
      escalation = store.escalations.create({
        caseCode: record.caseCode,
        kind: input.kind,
        teamId: record.receivingTeamId,
        seats: seatsFor(input.kind, record),
        raisedBy: input.raisedBy,
        raisedAt: now,
        reason: input.reason,
        data: escalationData(input),
      });
    } catch (error) {
      if (error instanceof OpenEscalationExistsError) return { escalation: store.escalations.openFor(input.caseCode, input.kind)!, created: false };
      throw error;
    }

    for (const caseCode of casesOf(escalation)) {
      store.audit.record({
        at: now,
        actorId: input.raisedBy,
        action: 'escalation.raised',
        caseCode,
        details: { escalationId: escalation.id, kind: escalation.kind, seats: escalation.seats },
      });
    }
    const parentKey = escalationParentKey(escalation.id);
    store.outbox.enqueue({
      dedupeKey: parentKey,
      target: { kind: 'channel', teamId: escalation.teamId },
      message: renderEscalation(deps, escalation, now),
      createdAt: now,
    });
    const today = deps.calendar.today(now);
    const deciders = missingDeciders(deps, escalation, today);
    store.outbox.enqueue({
      dedupeKey: `escalation.thread:${escalation.id}:raised`,
      target: { kind: 'channel', teamId: escalation.teamId, threadOf: parentKey },
      message: message(T.threadRaised(deciders.map((d) => mention(d.personId)))),
      createdAt: now,
    });
    for (const decider of deciders) {
      store.outbox.enqueue({
        dedupeKey: `escalation.decide:${escalation.id}:${decider.personId}`,
        target: { kind: 'direct', personId: decider.personId },
        message: deciderMessage(deps, escalation, record, decider),
        createdAt: now,
      });
    }
    return { escalation, created: true };
  });
}

function escalationData(input: RaiseInput): Record<string, unknown> {
  switch (input.kind) {
    case 'zugang':
      return {};
    case 'abgang':
      return input.recommendation === undefined ? { exitReason: input.exitReason } : { exitReason: input.exitReason, recommendation: input.recommendation };
    case 'verlaengerung':
      return { extensionId: input.extensionId };
    case 'kapazitaet':
      return { roundId: input.roundId, caseCodes: input.caseCodes };
  }
}

/**
 * R4: when a round's referrals do not fit the team's capacity, its lead decides. For `rounds.ts`
 * (notifyOverflow); does nothing when the round has no overflow, and is idempotent per first overflow case.
 */
export function raiseCapacityEscalation(
  deps: EscalationDeps,
  round: { id: number; rows: Array<{ caseCode: string; fmId?: string; overflow: boolean }> },
  now: Instant,
): EscalationRecord | undefined {
  const caseCodes = round.rows.filter((r) => r.overflow || r.fmId === undefined).map((r) => r.caseCode);
  const [first] = caseCodes;
  if (first === undefined) return undefined;
  const team = deps.store.cases.byCode(first)?.receivingTeamId;
  const reason = T.capacityReason(team ? teamName(deps, team) : '—', caseCodes.length);
  return raiseEscalation(deps, { kind: 'kapazitaet', caseCode: first, caseCodes, roundId: round.id, raisedBy: SYSTEM_ACTOR, reason, now }).escalation;
}

/** Every case an escalation is about (a capacity escalation: all overflow cases of its round). */
export function casesOf(escalation: EscalationRecord): string[] {
  const codes = escalation.kind === 'kapazitaet' ? stringList(escalation.data.caseCodes) : [];
  return codes.length ? codes : [escalation.caseCode];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

// --- voting -----------------------------------------------------------------------------------------------

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

/**
 * Records one lead's vote and, when it decides the escalation, applies the outcome — in one transaction.
 * Anyone who may not (or no longer) vote gets a UserError and nothing changes.
 */
export function castVote(deps: EscalationDeps, actor: Person, input: VoteInput): VoteResult {
  const { store } = deps;
  const now = deps.clock.now();
  const today = deps.calendar.today(now);
  const escalation = store.escalations.byId(input.escalationId);
  if (!escalation) throw new UserError(T.unknown(String(input.escalationId)), 'eskalation');
  const comment = input.comment?.trim() || undefined;
  const seat = seatOf(deps, escalation, actor, today);
  if (input.vote === 'reject' && comment === undefined) throw new UserError(T.commentRequired, 'kommentar');
  if (comment !== undefined && comment.length > MAX_COMMENT_LENGTH) {
    throw new UserError(T.commentTooLong(comment.length, MAX_COMMENT_LENGTH), 'kommentar');
  }

  return store.transaction(() => {
    const vote: EscalationVote = { seat: seat.seat, voterId: actor.id, vote: input.vote, at: now };
    if (seat.onBehalfOf) vote.onBehalfOf = seat.onBehalfOf;
    if (comment !== undefined) vote.comment = comment;
    // The checks above ran outside the transaction; a race loses here and changes nothing.
    if (!store.escalations.addVote(escalation.id, vote)) throw new UserError(staleText(deps, escalation.id, actor));
    for (const caseCode of casesOf(escalation)) {
      store.audit.record({
        at: now,
        actorId: actor.id,
        action: 'escalation.vote',
        caseCode,
        details: { escalationId: escalation.id, kind: escalation.kind, seat: seat.seat, vote: input.vote, onBehalfOf: seat.onBehalfOf ?? null },
      });
    }
    const parentKey = escalationParentKey(escalation.id);
    store.outbox.enqueue({
      dedupeKey: `escalation.thread:${escalation.id}:vote:${seat.seat}`,
      target: { kind: 'channel', teamId: escalation.teamId, threadOf: parentKey },
      message: message(T.threadVote(input.vote, voterLabel(deps, vote))),
      createdAt: now,
    });

    let current = store.escalations.byId(escalation.id)!;
    const rejected = input.vote === 'reject';
    let note: string;
    if (rejected || openSeats(current).length === 0) {
      store.escalations.decide(current.id, rejected ? 'rejected' : 'approved', now);
      current = store.escalations.byId(current.id)!;
      const outcome = applyOutcome(deps, current, actor, !rejected, comment, now);
      for (const caseCode of casesOf(current)) {
        store.audit.record({
          at: now,
          actorId: actor.id,
          action: 'escalation.decided',
          caseCode,
          details: { escalationId: current.id, kind: current.kind, approved: !rejected },
        });
      }
      store.outbox.enqueue({
        dedupeKey: `escalation.thread:${current.id}:decided`,
        target: { kind: 'channel', teamId: current.teamId, threadOf: parentKey },
        message: message(outcome),
        createdAt: now,
      });
      note = T.decidedNote(current.caseCode, outcome);
    } else {
      note = T.votedNote(current.caseCode, openSeats(current).map((s) => teamName(deps, s)));
    }
    // The parent shows the latest state; queued updates go out in order, so the last one wins.
    store.outbox.enqueue({
      dedupeKey: `escalation.update:${current.id}:${current.votes.length}`,
      target: { kind: 'channel', teamId: current.teamId, replaces: parentKey },
      message: renderEscalation(deps, current, now),
      createdAt: now,
    });
    return { escalation: current, note };
  });
}

/**
 * A case that ends leaves nothing to decide: its open escalations are closed (recorded as rejected, with an
 * audit entry saying why) and a pending extension request falls away. Runs inside the exit's transaction.
 */
export function closeForEndedCase(deps: EscalationDeps, caseCode: string, actorId: string, now: Instant): void {
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
  const pending = store.extensions.pendingFor(caseCode);
  if (pending && store.extensions.decide(pending.id, 'rejected', actorId, now)) {
    store.audit.record({ at: now, actorId, action: 'case.extension.withdrawn', caseCode, details: { requestId: pending.id, why: 'case-ended' } });
  }
}

/** Refuses (UserError) anyone who may not vote on the escalation today; changes nothing. */
export function assertMayVote(deps: EscalationDeps, escalation: EscalationRecord, actor: Person): void {
  seatOf(deps, escalation, actor, deps.calendar.today(deps.clock.now()));
}

/** The seat the actor fills, or the German reason why they may not vote. */
function seatOf(deps: EscalationDeps, escalation: EscalationRecord, actor: Person, today: LocalDate): { seat: string; onBehalfOf?: string } {
  if (escalation.status !== 'open') throw new UserError(decidedText(escalation));
  const own = escalation.votes.find((v) => v.voterId === actor.id);
  if (own) throw new UserError(T.alreadyVoted(escalation.caseCode, own.vote, formatInTimeZone(own.at)));
  const eligible = escalation.seats.flatMap((seat) =>
    decidersFor(deps, escalation, seat, today)
      .filter((d) => d.personId === actor.id)
      .map((d) => ({ seat, ...(d.onBehalfOf ? { onBehalfOf: d.onBehalfOf } : {}) })),
  );
  const free = eligible.find((e) => !escalation.votes.some((v) => v.seat === e.seat));
  if (free) return free;
  const taken = eligible[0] && escalation.votes.find((v) => v.seat === eligible[0]!.seat);
  if (taken) throw new UserError(T.seatTaken(teamName(deps, taken.seat), voterLabel(deps, taken)));
  if (escalation.seats.length === 1 && escalation.raisedBy === actor.id) throw new UserError(T.raiserAlone(escalation.caseCode));
  throw new UserError(T.notDecider(escalation.caseCode, decidersText(deps, escalation)));
}

function staleText(deps: EscalationDeps, id: number, actor: Person): string {
  const current = deps.store.escalations.byId(id)!;
  if (current.status !== 'open') return decidedText(current);
  const own = current.votes.find((v) => v.voterId === actor.id);
  if (own) return T.alreadyVoted(current.caseCode, own.vote, formatInTimeZone(own.at));
  return T.changedMeanwhile(current.caseCode);
}

function decidedText(escalation: EscalationRecord): string {
  return T.alreadyDecided(escalation.caseCode, statusText(escalation));
}

// --- outcomes ---------------------------------------------------------------------------------------------

/** Applies the decision to the case(s) and tells the IFK and FM; returns the channel-safe outcome sentence. */
function applyOutcome(deps: EscalationDeps, e: EscalationRecord, actor: Person, approved: boolean, comment: string | undefined, now: Instant): string {
  const { store } = deps;
  const today = deps.calendar.today(now);
  const audit = (caseCode: string, action: string, details: Record<string, unknown>) =>
    store.audit.record({ at: now, actorId: actor.id, action, caseCode, details: { escalationId: e.id, ...details } });
  const record = store.cases.byCode(e.caseCode)!;
  const changed = (result: CaseRecord | undefined): CaseRecord => {
    if (!result) throw new UserError(T.changedMeanwhile(e.caseCode));
    return result;
  };

  switch (e.kind) {
    case 'zugang': {
      if (approved) {
        // The referral goes into the next round; the FM who declined it is not its FM any more.
        changed(store.cases.transition(e.caseCode, ['strittig'], 'vorgemerkt', { assignedFmId: undefined, assignedAt: undefined }, now));
        audit(e.caseCode, 'case.access.granted', {});
      } else {
        changed(store.cases.transition(e.caseCode, ['strittig'], 'abgelehnt', {}, now));
        audit(e.caseCode, 'case.access.refused', {});
      }
      const outcome = T.outcome('zugang', approved);
      tellInvolved(deps, e, record, approved, outcome, comment, now);
      return outcome;
    }
    case 'abgang': {
      const exitReason = String(e.data.exitReason);
      const recommendation = typeof e.data.recommendation === 'string' ? e.data.recommendation : undefined;
      if (approved && isExitReason(exitReason)) {
        const changes: CaseProgress = { endedOn: today, endReason: exitReason, exitSuccessful: isSuccessfulExit(exitReason) };
        if (recommendation !== undefined) changes.exitRecommendation = recommendation;
        changed(store.cases.transition(e.caseCode, ['aktiv'], 'beendet', changes, now));
        audit(e.caseCode, 'case.exit', {
          endReason: exitReason,
          endedOn: today,
          successful: isSuccessfulExit(exitReason),
          withRecommendation: recommendation !== undefined,
        });
      }
      const outcome = T.outcome('abgang', approved);
      tellInvolved(deps, e, record, approved, outcome, comment, now);
      return outcome;
    }
    case 'verlaengerung': {
      const extensionId = Number(e.data.extensionId);
      const request = store.extensions.forCase(e.caseCode).find((x) => x.id === extensionId);
      if (!request || request.status !== 'pending') throw new UserError(T.extensionGone(e.caseCode));
      let newEnd: string | undefined;
      if (approved) {
        const extensions = record.extensions ?? 0;
        const plannedEndOn = record.plannedEndOn ?? addMonths(record.intakeOn!, STANDARD_MONTHS);
        const check = checkExtension({ intakeOn: record.intakeOn!, plannedEndOn, extensions, months: request.months, leadConsent: true });
        if (!check.ok) throw new UserError(T.extensionImpossible(e.caseCode));
        changed(store.cases.transition(e.caseCode, ['aktiv'], 'aktiv', { extensions: extensions + 1, plannedEndOn: check.newPlannedEnd }, now));
        store.extensions.decide(request.id, 'granted', actor.id, now);
        audit(e.caseCode, 'case.extension.granted', {
          requestId: request.id,
          months: request.months,
          plannedEndOn: check.newPlannedEnd,
          extensions: extensions + 1,
          leadConsent: true,
        });
        newEnd = formatGermanDate(check.newPlannedEnd);
      } else {
        store.extensions.decide(request.id, 'rejected', actor.id, now);
        audit(e.caseCode, 'case.extension.rejected', { requestId: request.id, months: request.months });
      }
      const outcome = T.outcome('verlaengerung', approved, newEnd ? { newEnd } : {});
      tellInvolved(deps, e, record, approved, outcome, comment, now);
      return outcome;
    }
    case 'kapazitaet':
      return approved ? assignBeyondCapacity(deps, e, actor, now) : deferIntake(deps, e, actor, comment!, now);
  }
}

/** R4, "assign beyond capacity": each overflow referral still open goes to the FM its round proposes. */
function assignBeyondCapacity(deps: EscalationDeps, e: EscalationRecord, actor: Person, now: Instant): string {
  const { store } = deps;
  const proposals = [store.rounds.currentProposal(e.teamId), store.rounds.byId(Number(e.data.roundId))];
  let assigned = 0;
  for (const caseCode of casesOf(e)) {
    const fmId = proposals.map((r) => r?.rows.find((row) => row.caseCode === caseCode)?.fmId).find((id) => id !== undefined);
    if (fmId === undefined) continue;
    const record = store.cases.transition(caseCode, ['vorgemerkt'], 'zugewiesen', { assignedFmId: fmId, assignedAt: now }, now);
    if (!record) continue; // assigned meanwhile (e.g. the round was confirmed first)
    assigned++;
    store.audit.record({ at: now, actorId: actor.id, action: 'case.assigned', caseCode, details: { escalationId: e.id, fmId, overflow: true } });
    const deadline = formatGermanDate(record.intakeDeadline);
    direct(deps, e, fmId, record.caseCode, message(T.assignedFmSummary(caseCode), text(T.assignedFmText(caseCode, record.clientRef, deadline, mention(record.referringPersonId)))), now);
    direct(deps, e, record.referringPersonId, record.caseCode, message(T.assignedIfkSummary(caseCode), text(T.assignedIfkText(caseCode, record.clientRef, mention(fmId), deadline))), now);
  }
  return T.outcome('kapazitaet', true, { count: assigned });
}

/** R4, "later intake": each overflow referral still open gets a fresh intake window, with the lead's reason. */
function deferIntake(deps: EscalationDeps, e: EscalationRecord, actor: Person, reason: string, now: Instant): string {
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
    direct(
      deps,
      e,
      record.referringPersonId,
      caseCode,
      message(
        T.deferredIfkSummary(caseCode, formatGermanDate(fresh)),
        text(T.deferredIfkText(caseCode, record.clientRef, formatGermanDate(record.intakeDeadline), formatGermanDate(fresh), reason)),
      ),
      now,
    );
  }
  return T.outcome('kapazitaet', false, { deadline: formatGermanDate(fresh) });
}

/** The outcome to the referring IFK and the case's FM, with the client reference and the lead's comment. */
function tellInvolved(
  deps: EscalationDeps,
  e: EscalationRecord,
  record: CaseRecord,
  approved: boolean,
  outcome: string,
  comment: string | undefined,
  now: Instant,
): void {
  const blocks: Block[] = [heading(T.outcomeSummary(e.caseCode, e.kind, approved)), text(T.outcomeClient(e.caseCode, record.clientRef)), text(outcome)];
  if (comment !== undefined) blocks.push(text(T.outcomeComment(comment)));
  const msg = message(T.outcomeSummary(e.caseCode, e.kind, approved), ...blocks);
  for (const personId of [record.referringPersonId, record.assignedFmId]) if (personId) direct(deps, e, personId, e.caseCode, msg, now);
}

function direct(deps: EscalationDeps, e: EscalationRecord, personId: string, caseCode: string, msg: Message, now: Instant): void {
  deps.store.outbox.enqueue({
    dedupeKey: `escalation.outcome:${e.id}:${caseCode}:${personId}`,
    target: { kind: 'direct', personId },
    message: msg,
    createdAt: now,
  });
}

// --- rendering --------------------------------------------------------------------------------------------

function teamName(deps: EscalationDeps, teamId: string): string {
  return deps.org.team(teamId)?.name ?? teamId;
}

function personName(deps: EscalationDeps, id: string): string {
  if (id === SYSTEM_ACTOR) return T.raisedBySystem;
  return deps.org.person(id)?.name ?? id;
}

function voterLabel(deps: EscalationDeps, vote: Pick<EscalationVote, 'voterId' | 'onBehalfOf'>): string {
  return T.voterName(personName(deps, vote.voterId), vote.onBehalfOf ? personName(deps, vote.onBehalfOf) : undefined);
}

/** "Teamleitung Markt & Integration 1 (Andreas Wolf) und Teamleitung Fallmanagement Ü25 (Michael Brandt) gemeinsam". */
export function decidersText(deps: EscalationDeps, escalation: EscalationRecord, today?: LocalDate): string {
  return T.deciders(
    escalation.seats.map((seat) => {
      const team = deps.org.team(seat);
      return T.seat(teamName(deps, seat), team ? leadNames(deps, team, today) : []);
    }),
  );
}

function leadNames(deps: EscalationDeps, team: Team, today: LocalDate | undefined): string[] {
  return deps.org.leadsOf(team).map((lead) => {
    if (today === undefined || !isAbsent(deps, lead.id, today)) return lead.name;
    const deputy = lead.deputy && !isAbsent(deps, lead.deputy, today) ? personName(deps, lead.deputy) : undefined;
    return T.leadAbsent(lead.name, deputy);
  });
}

function statusText(escalation: EscalationRecord): string {
  const at = formatInTimeZone(escalation.decidedAt ?? escalation.raisedAt);
  if (escalation.status === 'approved') return T.statusApproved(at);
  if (escalation.status === 'rejected') return T.statusRejected(at);
  return T.statusOpen(escalation.votes.filter((v) => v.vote === 'approve').length, escalation.seats.length);
}

function newPlannedEnd(deps: EscalationDeps, escalation: EscalationRecord): string | undefined {
  if (escalation.kind !== 'verlaengerung') return undefined;
  const record = deps.store.cases.byCode(escalation.caseCode);
  const request = deps.store.extensions.forCase(escalation.caseCode).find((x) => x.id === Number(escalation.data.extensionId));
  if (!record?.intakeOn || !request) return undefined;
  const plannedEndOn = record.plannedEndOn ?? addMonths(record.intakeOn, STANDARD_MONTHS);
  // Once granted, the case's planned end is the new one already.
  return formatGermanDate(request.status === 'granted' ? plannedEndOn : addMonths(plannedEndOn, request.months));
}

/** The channel message: case code(s), kind, rule, who raised it, who decides, status — never the client or the reason. */
export function renderEscalation(deps: EscalationDeps, escalation: EscalationRecord, now: Instant = deps.clock.now()): Message {
  const today = deps.calendar.today(now);
  const status = statusText(escalation);
  const codes = casesOf(escalation);
  const rows: Array<[string, string]> = [codes.length > 1 ? [T.factCases, codes.join(', ')] : [T.factCase, escalation.caseCode]];
  rows.push([T.factKind, T.kindWithRule(escalation.kind)]);
  if (escalation.kind === 'kapazitaet') {
    const round = deps.store.rounds.byId(Number(escalation.data.roundId));
    if (round) rows.push([T.factRound, formatGermanDate(round.roundDate)]);
  }
  const end = newPlannedEnd(deps, escalation);
  if (end) rows.push([T.factNewEnd, end]);
  rows.push(
    [T.factRaisedBy, escalation.raisedBy === SYSTEM_ACTOR ? T.raisedBySystem : mention(escalation.raisedBy)],
    [T.factRaisedAt, formatInTimeZone(escalation.raisedAt)],
    [T.factDeciders, decidersText(deps, escalation, escalation.status === 'open' ? today : undefined)],
    [T.factStatus, status],
  );
  const blocks: Block[] = [heading(T.parentHeading(escalation.caseCode, escalation.kind)), text(T.ruleText(escalation.kind)), facts(...rows)];
  blocks.push(
    list(
      escalation.seats.map((seat) => {
        const vote = escalation.votes.find((v) => v.seat === seat);
        return vote ? T.voteCast(teamName(deps, seat), vote.vote, voterLabel(deps, vote), formatInTimeZone(vote.at)) : T.votePending(teamName(deps, seat));
      }),
    ),
  );
  if (escalation.status === 'open') {
    blocks.push(
      text(T.meaning(escalation.kind, end)),
      text(T.howToDecide),
      actions(
        { actionId: ESCALATION_ACTIONS.approve, label: T.approve, value: String(escalation.id), style: 'primary' },
        { actionId: ESCALATION_ACTIONS.reject, label: T.reject, value: String(escalation.id), style: 'danger' },
      ),
    );
  }
  return message(T.parentSummary(escalation.caseCode, escalation.kind, status), ...blocks);
}

/** The direct message to one decider: everything they need, including the client reference and the reason. */
function deciderMessage(deps: EscalationDeps, e: EscalationRecord, record: CaseRecord, decider: Decider): Message {
  const rows: Array<[string, string]> = [];
  const codes = casesOf(e);
  rows.push(codes.length > 1 ? [T.factCases, codes.join(', ')] : [T.factCase, e.caseCode]);
  if (e.kind !== 'kapazitaet') rows.push([T.factClient, record.clientRef]);
  rows.push([T.factKind, T.kindWithRule(e.kind)], [T.factRaisedBy, e.raisedBy === SYSTEM_ACTOR ? T.raisedBySystem : mention(e.raisedBy)]);
  if (e.kind === 'abgang' && typeof e.data.exitReason === 'string' && isExitReason(e.data.exitReason)) {
    rows.push([T.factExitReason, exitReasonLabel(e.data.exitReason)]);
    if (typeof e.data.recommendation === 'string') rows.push([T.factRecommendation, e.data.recommendation]);
  }
  if (e.kind === 'verlaengerung') {
    const request = deps.store.extensions.forCase(e.caseCode).find((x) => x.id === Number(e.data.extensionId));
    if (request) rows.push([T.factMonths, T.monthsValue(request.months)], [T.factReason, request.reason]);
    const end = newPlannedEnd(deps, e);
    if (end) rows.push([T.factNewEnd, end]);
  }
  if (e.reason && e.kind !== 'verlaengerung') rows.push([T.factReason, e.reason]);
  const blocks: Block[] = [heading(T.deciderHeading(e.caseCode)), text(T.ruleText(e.kind)), facts(...rows), text(T.meaning(e.kind, newPlannedEnd(deps, e)))];
  if (decider.onBehalfOf) blocks.push(text(T.deputyNote(personName(deps, decider.onBehalfOf))));
  blocks.push(text(T.deciderText(teamName(deps, e.teamId))));
  return message(T.deciderSummary(e.caseCode, e.kind), ...blocks);
}

// --- thread replies ---------------------------------------------------------------------------------------

/** "zustimmen", "Zustimmen!", "ablehnen weil …" — optionally after a mention of the bot. */
const THREAD_VOTE = /^(?:<@[A-Z0-9]+>\s*)*(zustimmen|ablehnen)\b[\s:,.!–-]*(.*)$/isu;

/** A thread reply as a vote, or undefined when it is just conversation. */
export function parseThreadVote(textValue: string): { vote: EscalationVoteChoice; comment?: string } | undefined {
  const match = THREAD_VOTE.exec(textValue.trim());
  if (!match) return undefined;
  const vote = match[1]!.toLowerCase() === 'zustimmen' ? 'approve' : 'reject';
  const comment = match[2]?.trim();
  return comment ? { vote, comment } : { vote };
}

/** The escalation whose channel message heads this thread. */
export function escalationOfThread(deps: EscalationDeps, channelId: string, threadId: string): EscalationRecord | undefined {
  return deps.store.escalations.byParentMessage(channelId, threadId);
}
