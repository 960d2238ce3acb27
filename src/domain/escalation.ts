/**
 * Who decides an escalation (R4, R7, R17, R19, R25), as pure rules over plain facts: the teams' leads with
 * their deputies and who is absent on the day come in, seats, deciders and refusal codes go out. The
 * German wording of a refusal is chosen by the caller.
 *
 * - `zugang` (R7) and `abgang` (R25) have two seats, the leads of the referring and of the receiving FM
 *   team, who decide jointly: both must agree, one "reject" rejects. `verlaengerung` (R19) and `kapazitaet`
 *   (R4) have one seat, the FM team's lead.
 * - A seat is filled by one of the team's leads, or by a lead's deputy while that lead is absent (R17).
 *   One person fills at most one seat, and whoever raised a single-seat escalation cannot fill its seat
 *   (their deputy may), so nobody decides alone what they asked for.
 */
import type { EscalationKind, EscalationStatus, EscalationVoteChoice } from './vocabulary.js';

/** A team lead and the person who stands in for them while they are absent. */
export interface SeatLead {
  id: string;
  deputy?: string;
}

/** One person who may fill a seat on a day; `onBehalfOf` when a deputy stands in for a lead. */
export interface Decider {
  personId: string;
  onBehalfOf?: string;
}

/** A vote as far as the rules care: which seat it fills, who cast it, which way. */
export interface SeatVote {
  seat: string;
  voterId: string;
  vote: EscalationVoteChoice;
}

/** The facts of an escalation the rules look at. */
export interface EscalationFacts<V extends SeatVote = SeatVote> {
  status: EscalationStatus;
  /** Team ids whose leads decide, in display order. */
  seats: readonly string[];
  /** Person id of whoever raised it (or the system). */
  raisedBy: string;
  votes: readonly V[];
}

/** Who leads each seat's team and who is absent on the day in question. */
export interface SeatWorld {
  leadsOf(seat: string): readonly SeatLead[];
  isAbsent(personId: string): boolean;
}

/** R7, R25: the referring and the receiving team decide jointly; R4, R19: the receiving FM team alone. */
export function seatsFor(kind: EscalationKind, teams: { referringTeamId: string; receivingTeamId: string }): string[] {
  return kind === 'zugang' || kind === 'abgang' ? [teams.referringTeamId, teams.receivingTeamId] : [teams.receivingTeamId];
}

/**
 * Who may fill one seat: the team's leads, and the deputy of each lead who is absent (or who raised a
 * single-seat escalation and so may not decide it) — R17. A deputy who is absent or raised it stands in for
 * nobody. Each person once, leads first.
 */
export function decidersForSeat(
  escalation: Pick<EscalationFacts, 'seats' | 'raisedBy'>,
  leads: readonly SeatLead[],
  isAbsent: (personId: string) => boolean,
): Decider[] {
  const barred = (personId: string) => escalation.seats.length === 1 && personId === escalation.raisedBy;
  const out: Decider[] = [];
  const add = (decider: Decider) => {
    if (!out.some((o) => o.personId === decider.personId)) out.push(decider);
  };
  for (const lead of leads) if (!barred(lead.id)) add({ personId: lead.id });
  for (const lead of leads) {
    const deputy = lead.deputy;
    if (!deputy || barred(deputy) || isAbsent(deputy)) continue;
    if (barred(lead.id) || isAbsent(lead.id)) add({ personId: deputy, onBehalfOf: lead.id });
  }
  return out;
}

/** Seats without a vote yet. */
export function openSeats(escalation: Pick<EscalationFacts, 'seats' | 'votes'>): string[] {
  return escalation.seats.filter((seat) => !escalation.votes.some((v) => v.seat === seat));
}

/** The people who may fill the open seats (leads, deputies of absent leads), each once — whom to ask or remind. */
export function missingDeciders(escalation: Pick<EscalationFacts, 'seats' | 'raisedBy' | 'votes'>, world: SeatWorld): Decider[] {
  const out: Decider[] = [];
  for (const seat of openSeats(escalation)) {
    for (const decider of decidersForSeat(escalation, world.leadsOf(seat), world.isAbsent)) {
      if (!out.some((o) => o.personId === decider.personId)) out.push(decider);
    }
  }
  return out;
}

/** Why someone may not vote; the caller words it. */
export type SeatRefusal<V extends SeatVote = SeatVote> =
  | { code: 'decided' }
  /** They voted already (`vote` is theirs). */
  | { code: 'already-voted'; vote: V }
  /** Their seat has a vote already (`vote` is that one, e.g. by the deputy). */
  | { code: 'seat-taken'; vote: V }
  /** They raised a single-seat escalation: somebody else decides it. */
  | { code: 'raised-alone' }
  | { code: 'not-decider' };

export type SeatChoice<V extends SeatVote = SeatVote> =
  | { ok: true; seat: string; onBehalfOf?: string }
  | ({ ok: false } & SeatRefusal<V>);

/**
 * The seat `personId` fills when voting now, or why they may not: the escalation is decided, they voted,
 * their seat is taken, they raised it alone, or they are no decider (R7, R17, R25).
 */
export function seatFor<V extends SeatVote>(escalation: EscalationFacts<V>, personId: string, world: SeatWorld): SeatChoice<V> {
  if (escalation.status !== 'open') return { ok: false, code: 'decided' };
  const own = escalation.votes.find((v) => v.voterId === personId);
  if (own) return { ok: false, code: 'already-voted', vote: own };
  const eligible = escalation.seats.flatMap((seat) =>
    decidersForSeat(escalation, world.leadsOf(seat), world.isAbsent)
      .filter((d) => d.personId === personId)
      .map((d) => ({ seat, ...(d.onBehalfOf ? { onBehalfOf: d.onBehalfOf } : {}) })),
  );
  const free = eligible.find((e) => !escalation.votes.some((v) => v.seat === e.seat));
  if (free) return { ok: true, ...free };
  const taken = eligible[0] && escalation.votes.find((v) => v.seat === eligible[0]!.seat);
  if (taken) return { ok: false, code: 'seat-taken', vote: taken };
  if (escalation.seats.length === 1 && escalation.raisedBy === personId) return { ok: false, code: 'raised-alone' };
  return { ok: false, code: 'not-decider' };
}

/**
 * Whether the votes decide the escalation: one "reject" rejects (R7, R25: a joint decision needs every
 * seat), every seat approving approves; undefined while seats are still open.
 */
export function decisionOf(escalation: Pick<EscalationFacts, 'seats' | 'votes'>): 'approved' | 'rejected' | undefined {
  if (escalation.votes.some((v) => v.vote === 'reject')) return 'rejected';
  return openSeats(escalation).length === 0 ? 'approved' : undefined;
}
