import { describe, expect, it } from 'vitest';
import {
  decidersForSeat,
  decisionOf,
  missingDeciders,
  openSeats,
  seatFor,
  seatsFor,
  type EscalationFacts,
  type SeatLead,
  type SeatVote,
  type SeatWorld,
} from '../../src/domain/escalation.js';

/** Two teams: M&I 1 led by Wolf (deputy Neumann), FM Ü25 led by Brandt (deputy Krüger). */
const LEADS: Record<string, SeatLead[]> = {
  'mi-1': [{ id: 'wolf', deputy: 'neumann' }],
  'fm-ue25': [{ id: 'brandt', deputy: 'krueger' }],
};

function world(absent: string[] = []): SeatWorld {
  return { leadsOf: (seat) => LEADS[seat] ?? [], isAbsent: (id) => absent.includes(id) };
}

function joint(votes: SeatVote[] = [], raisedBy = 'ifk-lena'): EscalationFacts {
  return { status: 'open', seats: ['mi-1', 'fm-ue25'], raisedBy, votes };
}

function single(votes: SeatVote[] = [], raisedBy = 'fm-tobias'): EscalationFacts {
  return { status: 'open', seats: ['fm-ue25'], raisedBy, votes };
}

const approve = (seat: string, voterId: string): SeatVote => ({ seat, voterId, vote: 'approve' });
const reject = (seat: string, voterId: string): SeatVote => ({ seat, voterId, vote: 'reject' });

describe('seats: who decides which kind', () => {
  const teams = { referringTeamId: 'mi-1', receivingTeamId: 'fm-ue25' };

  it('R7, R25: access and exit are decided jointly by the referring and the receiving team', () => {
    expect(seatsFor('zugang', teams)).toEqual(['mi-1', 'fm-ue25']);
    expect(seatsFor('abgang', teams)).toEqual(['mi-1', 'fm-ue25']);
  });

  it('R19, R4: an extension past 48 months and capacity are decided by the FM team lead alone', () => {
    expect(seatsFor('verlaengerung', teams)).toEqual(['fm-ue25']);
    expect(seatsFor('kapazitaet', teams)).toEqual(['fm-ue25']);
  });
});

describe('R17: who may fill a seat on a day', () => {
  it('is the lead while present; the deputy only stands in while the lead is absent', () => {
    expect(decidersForSeat(joint(), LEADS['mi-1']!, () => false)).toEqual([{ personId: 'wolf' }]);
    expect(decidersForSeat(joint(), LEADS['mi-1']!, (id) => id === 'wolf')).toEqual([
      { personId: 'wolf' },
      { personId: 'neumann', onBehalfOf: 'wolf' },
    ]);
  });

  it('an absent deputy stands in for nobody', () => {
    expect(decidersForSeat(joint(), LEADS['mi-1']!, () => true)).toEqual([{ personId: 'wolf' }]);
  });

  it('the lead who raised a single-seat escalation cannot decide it; their deputy can, even while the lead is present', () => {
    const raisedByLead = single([], 'brandt');
    expect(decidersForSeat(raisedByLead, LEADS['fm-ue25']!, () => false)).toEqual([{ personId: 'krueger', onBehalfOf: 'brandt' }]);
  });

  it('R7, R25: in a joint decision the lead who raised it still fills their own team\'s seat', () => {
    expect(decidersForSeat(joint([], 'wolf'), LEADS['mi-1']!, () => false)).toEqual([{ personId: 'wolf' }]);
  });

  it('lists a person once even when they lead twice or deputise for two leads', () => {
    const leads: SeatLead[] = [
      { id: 'a', deputy: 'c' },
      { id: 'b', deputy: 'c' },
    ];
    expect(decidersForSeat(single(), leads, (id) => id !== 'c')).toEqual([
      { personId: 'a' },
      { personId: 'b' },
      { personId: 'c', onBehalfOf: 'a' },
    ]);
  });
});

describe('open seats and whom to ask', () => {
  it('R7: after one lead approved, only the other team\'s seat is open and only its lead is asked', () => {
    const e = joint([approve('mi-1', 'wolf')]);
    expect(openSeats(e)).toEqual(['fm-ue25']);
    expect(missingDeciders(e, world())).toEqual([{ personId: 'brandt' }]);
  });

  it('R17: while a lead is absent, their deputy is asked as well', () => {
    expect(missingDeciders(joint(), world(['brandt']))).toEqual([
      { personId: 'wolf' },
      { personId: 'brandt' },
      { personId: 'krueger', onBehalfOf: 'brandt' },
    ]);
  });
});

describe('may this person vote now', () => {
  it('R7: each lead fills their team\'s seat', () => {
    expect(seatFor(joint(), 'wolf', world())).toEqual({ ok: true, seat: 'mi-1' });
    expect(seatFor(joint(), 'brandt', world())).toEqual({ ok: true, seat: 'fm-ue25' });
  });

  it('R17: the deputy fills the absent lead\'s seat on their behalf, and is no decider while the lead is present', () => {
    expect(seatFor(joint(), 'neumann', world(['wolf']))).toEqual({ ok: true, seat: 'mi-1', onBehalfOf: 'wolf' });
    expect(seatFor(joint(), 'neumann', world())).toEqual({ ok: false, code: 'not-decider' });
  });

  it('refuses a decided escalation, a second vote, and a seat the deputy filled already', () => {
    expect(seatFor({ ...joint(), status: 'rejected' }, 'wolf', world())).toEqual({ ok: false, code: 'decided' });
    const voted = approve('mi-1', 'wolf');
    expect(seatFor(joint([voted]), 'wolf', world())).toEqual({ ok: false, code: 'already-voted', vote: voted });
    const byDeputy = approve('mi-1', 'neumann');
    expect(seatFor(joint([byDeputy]), 'wolf', world())).toEqual({ ok: false, code: 'seat-taken', vote: byDeputy });
  });

  it('R19: the lead who raised a single-seat escalation is told that somebody else decides it', () => {
    expect(seatFor(single([], 'brandt'), 'brandt', world())).toEqual({ ok: false, code: 'raised-alone' });
    expect(seatFor(single([], 'brandt'), 'krueger', world())).toEqual({ ok: true, seat: 'fm-ue25', onBehalfOf: 'brandt' });
  });

  it('refuses anybody who leads neither team', () => {
    expect(seatFor(joint(), 'ifk-lena', world())).toEqual({ ok: false, code: 'not-decider' });
  });
});

describe('when the votes decide', () => {
  it('R7, R25: a joint decision needs both approvals; one approval leaves it open', () => {
    expect(decisionOf(joint())).toBeUndefined();
    expect(decisionOf(joint([approve('mi-1', 'wolf')]))).toBeUndefined();
    expect(decisionOf(joint([approve('mi-1', 'wolf'), approve('fm-ue25', 'brandt')]))).toBe('approved');
  });

  it('R7, R25: one rejection rejects at once, whatever the other seat did', () => {
    expect(decisionOf(joint([reject('fm-ue25', 'brandt')]))).toBe('rejected');
    expect(decisionOf(joint([approve('mi-1', 'wolf'), reject('fm-ue25', 'brandt')]))).toBe('rejected');
  });

  it('R19, R4: the single seat decides alone', () => {
    expect(decisionOf(single([approve('fm-ue25', 'brandt')]))).toBe('approved');
  });
});
