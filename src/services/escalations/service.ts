/**
 * The escalation transactions: raising one (R4, R7, R19, R25), voting on it, and who may vote today.
 * Every step is one `store.transaction` with its audit entries and outbox messages; the deciding vote
 * applies the outcome (outcomes.ts) in the same transaction. Who may decide is the domain's rule
 * (domain/escalation.ts); this file feeds it the organisation and today's absences and words its refusals.
 */
import type { Person } from '../../config/org.js';
import {
  decidersForSeat,
  decisionOf,
  missingDeciders as missingForSeats,
  openSeats,
  seatFor,
  seatsFor,
  type Decider,
  type SeatChoice,
  type SeatWorld,
} from '../../domain/escalation.js';
import { UserError } from '../../domain/errors.js';
import { formatInTimeZone } from '../../domain/format.js';
import type { Instant, LocalDate } from '../../domain/time.js';
import { escalationTexts as T } from '../../i18n/escalations.js';
import { mention, message } from '../../messaging/reply.js';
import { escalationParentKey, OpenEscalationExistsError, type EscalationRecord, type EscalationVote } from '../../store/ports.js';
import { isAbsent } from '../people.js';
import { casesOf, MAX_COMMENT_LENGTH, SYSTEM_ACTOR, type CapacityDecision, type EscalationDeps, type RaiseInput, type VoteInput, type VoteResult } from './model.js';
import { applyOutcome } from './outcomes.js';
import { decidedText, deciderMessage, decidersText, renderEscalation, teamName, voterLabel } from './view.js';

// --- who decides today ----------------------------------------------------------------------------------

/** The organisation's leads of each seat's team, and who is absent on `today` (R17). */
function seatWorld(deps: EscalationDeps, today: LocalDate): SeatWorld {
  return {
    leadsOf: (seat) => {
      const team = deps.org.team(seat);
      return team ? deps.org.leadsOf(team) : [];
    },
    isAbsent: (personId) => isAbsent(deps, personId, today),
  };
}

/** Who may fill the seat on `today`: the team's leads, and the deputies of absent leads (R17). */
export function decidersFor(deps: EscalationDeps, escalation: EscalationRecord, seat: string, today: LocalDate): Decider[] {
  const world = seatWorld(deps, today);
  return decidersForSeat(escalation, world.leadsOf(seat), world.isAbsent);
}

/** The people to tell about the open seats today (leads, deputies of absent leads), each once. */
export function missingDeciders(deps: EscalationDeps, escalation: EscalationRecord, today: LocalDate): Decider[] {
  return missingForSeats(escalation, seatWorld(deps, today));
}

/** Refuses (UserError) anyone who may not vote on the escalation today; changes nothing. */
export function assertMayVote(deps: EscalationDeps, escalation: EscalationRecord, actor: Person): void {
  seatOf(deps, escalation, actor, deps.calendar.today(deps.clock.now()));
}

/** Whether `actor` may vote on the escalation today — the same check as voting, so a list never promises more. */
export function mayVote(deps: EscalationDeps, escalation: EscalationRecord, actor: Person): boolean {
  try {
    assertMayVote(deps, escalation, actor);
    return true;
  } catch (error) {
    if (error instanceof UserError) return false;
    throw error;
  }
}

/** The seat the actor fills, or a UserError with the German reason why they may not vote. */
function seatOf(deps: EscalationDeps, escalation: EscalationRecord, actor: Person, today: LocalDate): { seat: string; onBehalfOf?: string } {
  const choice = seatFor(escalation, actor.id, seatWorld(deps, today));
  if (!choice.ok) throw new UserError(refusalText(deps, escalation, choice));
  return choice.onBehalfOf ? { seat: choice.seat, onBehalfOf: choice.onBehalfOf } : { seat: choice.seat };
}

function refusalText(deps: EscalationDeps, escalation: EscalationRecord, refusal: Exclude<SeatChoice<EscalationVote>, { ok: true }>): string {
  switch (refusal.code) {
    case 'decided':
      return decidedText(escalation);
    case 'already-voted':
      return T.alreadyVoted(escalation.caseCode, refusal.vote.vote, formatInTimeZone(refusal.vote.at));
    case 'seat-taken':
      return T.seatTaken(teamName(deps, refusal.vote.seat), voterLabel(deps, refusal.vote));
    case 'raised-alone':
      return T.raiserAlone(escalation.caseCode);
    case 'not-decider':
      return T.notDecider(escalation.caseCode, decidersText(deps, escalation));
  }
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
    const deciders = missingDeciders(deps, escalation, deps.calendar.today(now));
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

// --- voting -----------------------------------------------------------------------------------------------

/**
 * Records one lead's vote and, when it decides the escalation, applies the outcome — in one transaction.
 * Anyone who may not (or no longer) vote gets a UserError and nothing changes.
 */
export function castVote(deps: EscalationDeps, actor: Person, input: VoteInput): VoteResult {
  const { store } = deps;
  const now = deps.clock.now();
  const escalation = store.escalations.byId(input.escalationId);
  if (!escalation) throw new UserError(T.unknown(String(input.escalationId)), 'eskalation');
  const comment = input.comment?.trim() || undefined;
  const seat = seatOf(deps, escalation, actor, deps.calendar.today(now));
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
    const decision = decisionOf(current);
    let note: string;
    if (decision) {
      const settled = settle(deps, current, decision, actor, comment, now, input.capacity);
      current = settled.escalation;
      note = T.decidedNote(current.caseCode, settled.outcome);
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
 * The deciding vote (one "reject", or the last seat approving): the escalation is closed, its outcome applied
 * to the case(s), and the thread told the outcome. Returns the decided escalation and the outcome sentence.
 */
function settle(
  deps: EscalationDeps,
  escalation: EscalationRecord,
  decision: 'approved' | 'rejected',
  actor: Person,
  comment: string | undefined,
  now: Instant,
  capacity?: CapacityDecision,
): { escalation: EscalationRecord; outcome: string } {
  const { store } = deps;
  store.escalations.decide(escalation.id, decision, now);
  const decided = store.escalations.byId(escalation.id)!;
  const approved = decision === 'approved';
  const outcome = applyOutcome(deps, decided, actor, approved, comment, now, capacity);
  for (const caseCode of casesOf(decided)) {
    store.audit.record({ at: now, actorId: actor.id, action: 'escalation.decided', caseCode, details: { escalationId: decided.id, kind: decided.kind, approved } });
  }
  store.outbox.enqueue({
    dedupeKey: `escalation.thread:${decided.id}:decided`,
    target: { kind: 'channel', teamId: decided.teamId, threadOf: escalationParentKey(decided.id) },
    message: message(outcome),
    createdAt: now,
  });
  return { escalation: decided, outcome };
}

/** Why a vote that passed the checks lost a race: decided meanwhile, voted meanwhile, or the case changed. */
function staleText(deps: EscalationDeps, id: number, actor: Person): string {
  const current = deps.store.escalations.byId(id)!;
  if (current.status !== 'open') return decidedText(current);
  const own = current.votes.find((v) => v.voterId === actor.id);
  if (own) return T.alreadyVoted(current.caseCode, own.vote, formatInTimeZone(own.at));
  return T.changedMeanwhile(current.caseCode);
}
