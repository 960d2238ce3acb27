import { describe, expect, it } from 'vitest';
import {
  loadsFor,
  proposeAssignment,
  type RoundFm,
  type RoundInput,
  type RoundReferral,
} from '../../src/domain/assignment.js';
import { WorkCalendar } from '../../src/domain/calendar.js';

const bremen = new WorkCalendar({ holidayRegion: 'DE-HB' });
const nrw = new WorkCalendar({ holidayRegion: 'DE-NW' });
const ROUND = '2026-03-04'; // a Wednesday without holidays around it

function fm(id: string, over: Partial<RoundFm> = {}): RoundFm {
  return { id, group: 'ue25', capacity: 150, caseload: 0, absences: [], topics: [], recentAssignments: 0, ...over };
}

function referral(caseCode: string, over: Partial<RoundReferral> = {}): RoundReferral {
  return { caseCode, group: 'ue25', needs: [], intakeDeadline: '2026-03-24', ...over };
}

function referrals(count: number, over: Partial<RoundReferral> = {}): RoundReferral[] {
  return Array.from({ length: count }, (_, i) => referral(`FM-2026-${String(i + 1).padStart(4, '0')}`, over));
}

function propose(input: Partial<RoundInput>) {
  return proposeAssignment({ roundDate: ROUND, referrals: [], fms: [], calendar: bremen, ...input });
}

function countsByFm(rows: { fmId: string | undefined }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { fmId } of rows) counts[fmId ?? '-'] = (counts[fmId ?? '-'] ?? 0) + 1;
  return counts;
}

describe('assignment proposal: distribution by individual caseload (R9, R14)', () => {
  it('gives a half-time FM half as many referrals as a full-time one', () => {
    const proposal = propose({
      fms: [fm('voll', { capacity: 75 }), fm('halb', { capacity: 75 * 0.5 })],
      referrals: referrals(30),
    });
    expect(countsByFm(proposal.rows)).toEqual({ voll: 20, halb: 10 });
    expect(proposal.loads.map((l) => [l.fmId, l.utilisationAfter])).toEqual([
      ['voll', 20 / 75],
      ['halb', 10 / 37.5],
    ]);
    expect(proposal.overflow).toBe(false);
  });

  it('fills up the FM with the lowest utilisation first, so the team ends up even', () => {
    const proposal = propose({
      fms: [fm('a', { caseload: 140 }), fm('b', { caseload: 120 }), fm('c', { caseload: 100 })],
      referrals: referrals(30),
    });
    // c first catches up with b at 120; then both alternate up to 125, a stays at 140
    expect(countsByFm(proposal.rows)).toEqual({ b: 5, c: 25 });
    expect(proposal.loads.map((l) => l.after)).toEqual([140, 125, 125]);
  });

  it('reports the highest utilisation after the round next to a lower bound', () => {
    const proposal = propose({
      fms: [fm('a', { capacity: 10, caseload: 9 }), fm('b', { capacity: 10, caseload: 0 })],
      referrals: referrals(3),
    });
    expect(countsByFm(proposal.rows)).toEqual({ b: 3 });
    expect(proposal.maxUtilisation).toBe(0.9);
    expect(proposal.lowerBound).toBe(0.9); // a's load before the round; the average is only 12/20
  });

  it('treats a capacity with float noise (90 × 0.7 = 62.99999999999999) as the 63 it means', () => {
    const proposal = propose({
      fms: [fm('a', { capacity: 90 * 0.7, caseload: 62 }), fm('b', { capacity: 63, caseload: 62 })],
      referrals: referrals(2),
    });
    expect(proposal.rows.map((r) => r.fmId)).toEqual(['a', 'b']); // a real tie, decided by the id
    expect(proposal.rows.map((r) => r.overflow)).toEqual([false, false]);
    expect(proposal.loads.map((l) => l.utilisationAfter)).toEqual([1, 1]);
  });
});

describe('assignment proposal: U25 and Ü25 stay apart', () => {
  it('gives U25 referrals only to U25 FMs, even when an Ü25 FM is emptier', () => {
    const proposal = propose({
      fms: [fm('u', { group: 'u25', capacity: 75, caseload: 70 }), fm('ue', { group: 'ue25', caseload: 0 })],
      referrals: [referral('FM-2026-0001', { group: 'u25' }), referral('FM-2026-0002', { group: 'ue25' })],
    });
    expect(proposal.rows).toEqual([
      { caseCode: 'FM-2026-0001', fmId: 'u', overflow: false, topicMatch: false },
      { caseCode: 'FM-2026-0002', fmId: 'ue', overflow: false, topicMatch: false },
    ]);
  });

  it('leaves a U25 referral without an FM when no U25 FM takes part, and flags it for the team lead', () => {
    const proposal = propose({
      fms: [fm('ue')],
      referrals: [referral('FM-2026-0001', { group: 'u25' })],
    });
    expect(proposal.rows).toEqual([{ caseCode: 'FM-2026-0001', fmId: undefined, overflow: false, topicMatch: false }]);
    expect(proposal.overflow).toBe(true);
    expect(proposal.loads[0]!.after).toBe(0);
  });
});

describe('assignment proposal: absent FMs are left out', () => {
  it('leaves out an FM who is absent on the day of the round', () => {
    const proposal = propose({
      fms: [fm('a', { absences: [{ from: '2026-03-02', to: ROUND }] }), fm('b', { caseload: 149 })],
      referrals: referrals(2),
    });
    expect(proposal.leftOut).toEqual([{ fmId: 'a', reason: { kind: 'absent-on-round-day' } }]);
    expect(countsByFm(proposal.rows)).toEqual({ b: 2 });
    expect(proposal.loads.find((l) => l.fmId === 'a')).toMatchObject({ before: 0, after: 0 });
    expect(proposal.maxUtilisation).toBe(151 / 150); // a's empty desk does not count as taking part
  });

  it('keeps an FM whose absence starts the day after the round and covers only half of the days (R4)', () => {
    // Round Wed 04.03., earliest deadline Tue 10.03.: working days 4, 5, 6, 9, 10 — absent 5, 6 → 2 of 5
    const proposal = propose({
      fms: [fm('a', { absences: [{ from: '2026-03-05', to: '2026-03-06' }] })],
      referrals: [referral('FM-2026-0001', { intakeDeadline: '2026-03-10' })],
    });
    expect(proposal.leftOut).toEqual([]);
    expect(proposal.rows[0]!.fmId).toBe('a');
  });

  it('counts Reformation Day as no working day when deciding whether an FM is absent most days', () => {
    // Round Thu 30.10.2025, earliest deadline Wed 05.11.; absent Fri 31.10. – Tue 04.11.
    const absent = fm('a', { absences: [{ from: '2025-10-31', to: '2025-11-04' }] });
    const input = {
      roundDate: '2025-10-30',
      fms: [absent, fm('b')],
      referrals: [referral('FM-2025-0001', { intakeDeadline: '2025-11-05' }), referral('FM-2025-0002')],
    };
    // Bremen: working days 30.10., 03., 04., 05.11. — absent on 2 of 4, not more than half
    expect(proposeAssignment({ ...input, calendar: bremen }).leftOut).toEqual([]);
    // North Rhine-Westphalia works on 31.10.: absent on 3 of 5
    expect(proposeAssignment({ ...input, calendar: nrw }).leftOut).toEqual([
      { fmId: 'a', reason: { kind: 'absent-most-days', absentDays: 3, workingDays: 5, until: '2025-11-05' } },
    ]);
  });

  it('leaves out an FM absent on most working days until the earliest deadline, with the numbers', () => {
    const proposal = proposeAssignment({
      roundDate: '2025-10-30',
      calendar: bremen,
      fms: [fm('a', { absences: [{ from: '2025-10-31', to: '2025-11-05' }] }), fm('b', { caseload: 10 })],
      referrals: [
        referral('FM-2025-0002', { intakeDeadline: '2025-11-20' }),
        referral('FM-2025-0001', { intakeDeadline: '2025-11-05' }),
      ],
    });
    expect(proposal.leftOut).toEqual([
      { fmId: 'a', reason: { kind: 'absent-most-days', absentDays: 3, workingDays: 4, until: '2025-11-05' } },
    ]);
    expect(countsByFm(proposal.rows)).toEqual({ b: 2 });
  });

  it('leaves a referral without an FM when every FM of its group is away', () => {
    const proposal = propose({
      fms: [fm('a', { absences: [{ from: ROUND, to: ROUND }] })],
      referrals: referrals(1),
    });
    expect(proposal.rows[0]!.fmId).toBeUndefined();
    expect(proposal.overflow).toBe(true);
    expect(proposal.maxUtilisation).toBe(0);
  });
});

describe('assignment proposal: over capacity (R4)', () => {
  it('still proposes when everyone is full and marks each referral that takes its FM above 100 %', () => {
    const proposal = propose({
      fms: [fm('a', { capacity: 10, caseload: 9 }), fm('b', { capacity: 20, caseload: 20 })],
      referrals: referrals(3),
    });
    expect(proposal.rows.map((r) => [r.fmId, r.overflow])).toEqual([
      ['a', false], // 10/10
      ['b', true], // 21/20 beats 11/10
      ['a', true], // 11/10 = 22/20 and one referral each so far: the lower id decides
    ]);
    expect(proposal.overflow).toBe(true);
    expect(proposal.maxUtilisation).toBeCloseTo(1.1, 12);
  });

  it('does not flag a round that fills FMs exactly to 100 %', () => {
    const proposal = propose({ fms: [fm('a', { capacity: 2 })], referrals: referrals(2) });
    expect(proposal.rows.every((r) => !r.overflow)).toBe(true);
    expect(proposal.overflow).toBe(false);
    expect(proposal.maxUtilisation).toBe(1);
  });
});

describe('assignment proposal: choosing among equally good FMs', () => {
  it('prefers an FM whose topics meet one of the referral’s needs (R32)', () => {
    const proposal = propose({
      fms: [fm('a', { topics: ['wohnen'] }), fm('b', { topics: ['sucht', 'schulden'] })],
      referrals: [referral('FM-2026-0001', { needs: ['gesundheit', 'sucht'] })],
    });
    expect(proposal.rows).toEqual([{ caseCode: 'FM-2026-0001', fmId: 'b', overflow: false, topicMatch: true }]);
  });

  it('does not let a topic match outweigh a lower utilisation', () => {
    const proposal = propose({
      fms: [fm('a', { caseload: 10 }), fm('b', { caseload: 11, topics: ['sucht'] })],
      referrals: [referral('FM-2026-0001', { needs: ['sucht'] })],
    });
    expect(proposal.rows[0]).toMatchObject({ fmId: 'a', topicMatch: false });
  });

  it('prefers the FM with fewer recent assignments', () => {
    const proposal = propose({
      fms: [fm('a', { recentAssignments: 3 }), fm('b', { recentAssignments: 1 })],
      referrals: referrals(1),
    });
    expect(proposal.rows[0]!.fmId).toBe('b');
  });

  it('counts the referrals given earlier in the same round as recent assignments', () => {
    // a: 1/30, 2/30 win on load; the third ties at 3/30 = 1/10 — a has 0 + 2 recent, b has 1
    const proposal = propose({
      fms: [fm('a', { capacity: 30, recentAssignments: 0 }), fm('b', { capacity: 10, recentAssignments: 1 })],
      referrals: referrals(3),
    });
    expect(proposal.rows.map((r) => r.fmId)).toEqual(['a', 'a', 'b']);
  });

  it('falls back to the lowest FM id when everything else is equal', () => {
    const proposal = propose({ fms: [fm('zoe'), fm('max'), fm('ali')], referrals: referrals(4) });
    expect(proposal.rows.map((r) => r.fmId)).toEqual(['ali', 'max', 'zoe', 'ali']);
  });

  it('serves the referral with the earliest intake deadline first, then by case code', () => {
    const proposal = propose({
      fms: [fm('a', { caseload: 0 }), fm('b', { caseload: 1 })],
      referrals: [
        referral('FM-2026-0003', { intakeDeadline: '2026-03-20' }),
        referral('FM-2026-0002', { intakeDeadline: '2026-03-18' }),
        referral('FM-2026-0001', { intakeDeadline: '2026-03-20' }),
      ],
    });
    expect(proposal.rows.map((r) => [r.caseCode, r.fmId])).toEqual([
      ['FM-2026-0002', 'a'],
      ['FM-2026-0001', 'b'], // 2/150 each: b has had fewer referrals
      ['FM-2026-0003', 'a'],
    ]);
  });
});

describe('assignment proposal: determinism and edge cases', () => {
  it('gives the same proposal for the same round, whatever order FMs and referrals come in', () => {
    const fms = [
      fm('a', { capacity: 75, caseload: 30, topics: ['sucht'] }),
      fm('b', { capacity: 37.5, caseload: 10, recentAssignments: 2 }),
      fm('c', { capacity: 75, caseload: 31 }),
      fm('d', { capacity: 56.25, caseload: 20, topics: ['wohnen'] }),
    ];
    const rs = referrals(12).map((r, i) => ({ ...r, needs: i % 3 === 0 ? ['sucht'] : ['wohnen'] }));
    const first = propose({ fms, referrals: rs });
    const again = propose({ fms, referrals: rs });
    const shuffled = propose({ fms: [...fms].reverse(), referrals: [...rs].reverse() });
    expect(again).toEqual(first);
    expect(shuffled.rows).toEqual(first.rows);
    expect(new Set(first.rows.map((r) => r.fmId)).size).toBeGreaterThan(1);
  });

  it('proposes nothing and changes no load when there are no referrals', () => {
    const proposal = propose({ fms: [fm('a', { caseload: 15 })] });
    expect(proposal).toEqual({
      rows: [],
      loads: [{ fmId: 'a', capacity: 150, before: 15, after: 15, utilisationBefore: 0.1, utilisationAfter: 0.1 }],
      leftOut: [],
      overflow: false,
      maxUtilisation: 0.1,
      lowerBound: 0.1,
    });
  });

  it('applies only the round-day absence rule when there are no referrals', () => {
    const proposal = propose({ fms: [fm('a', { absences: [{ from: '2026-03-05', to: '2026-03-31' }] })] });
    expect(proposal.leftOut).toEqual([]);
  });

  it('returns an empty proposal for an empty round', () => {
    const empty = { rows: [], loads: [], leftOut: [], overflow: false, maxUtilisation: 0, lowerBound: 0 };
    expect(propose({})).toEqual(empty);
  });

  it('rejects inputs that would make the proposal ambiguous', () => {
    expect(() => propose({ fms: [fm('a'), fm('a')] })).toThrow(RangeError);
    expect(() => propose({ referrals: [referral('X'), referral('X')] })).toThrow(RangeError);
    expect(() => propose({ fms: [fm('a', { capacity: 0 })] })).toThrow(RangeError);
    expect(() => propose({ fms: [fm('a', { caseload: 1.5 })] })).toThrow(RangeError);
  });
});

describe('loadsFor: loads of a distribution changed in the meeting', () => {
  it('recomputes every FM’s load from the changed rows', () => {
    const fms = [fm('a', { capacity: 10, caseload: 5 }), fm('b', { capacity: 20, caseload: 5 })];
    expect(loadsFor(fms, [{ fmId: 'a' }, { fmId: 'a' }, { fmId: undefined }, { fmId: 'b' }])).toEqual([
      { fmId: 'a', capacity: 10, before: 5, after: 7, utilisationBefore: 0.5, utilisationAfter: 0.7 },
      { fmId: 'b', capacity: 20, before: 5, after: 6, utilisationBefore: 0.25, utilisationAfter: 0.3 },
    ]);
  });

  it('refuses a row for an FM it does not know', () => {
    expect(() => loadsFor([fm('a')], [{ fmId: 'x' }])).toThrow(RangeError);
  });
});
