/**
 * The proposal of the weekly assignment round (R9): the week's referrals are distributed to the FMs of
 * the matching team by their individual caseload, evenly (R14: capacity = caseload ratio × FTE). The
 * team meeting may still change it; `loadsFor` recomputes the loads of a changed distribution.
 * Pure: the round's date and the calendar are arguments. Returns data only; the caller renders it.
 */
import type { WorkCalendar } from './calendar.js';
import { addDays, type LocalDate } from './time.js';

export type ClientGroup = 'u25' | 'ue25';

export interface RoundReferral {
  caseCode: string;
  group: ClientGroup;
  /** Handlungsbedarf codes; an FM whose topics (R32) meet one of them is preferred among equals. */
  needs: string[];
  intakeDeadline: LocalDate;
}

export interface RoundFm {
  id: string;
  /** The group of the FM's team: U25 referrals go only to U25 FMs, Ü25 only to Ü25. */
  group: ClientGroup;
  /** Team caseload ratio × FTE (R13/R14); must be positive. */
  capacity: number;
  /** Cases assigned to the FM and not exited. */
  caseload: number;
  /** Both ends inclusive. */
  absences: { from: LocalDate; to: LocalDate }[];
  topics: string[];
  /** Referrals received in recent rounds; spreads equal choices evenly over the weeks. */
  recentAssignments: number;
}

export type LeftOutReason =
  | { kind: 'absent-on-round-day' }
  /** Absent on more than half of the working days from the round day up to `until` (both inclusive). */
  | { kind: 'absent-most-days'; absentDays: number; workingDays: number; until: LocalDate };

export interface ProposalRow {
  caseCode: string;
  /** Undefined when no FM of the referral's group takes part in the round. */
  fmId: string | undefined;
  /** Assigning it takes the FM above 100 % of the capacity (R4: the team lead must know). */
  overflow: boolean;
  /** The FM's topics meet one of the referral's needs. */
  topicMatch: boolean;
}

export interface FmLoad {
  fmId: string;
  capacity: number;
  before: number;
  after: number;
  /** Caseload ÷ capacity; 1 is 100 %. */
  utilisationBefore: number;
  utilisationAfter: number;
}

export interface Proposal {
  /** In the order of the intake deadline, then case code. */
  rows: ProposalRow[];
  /** Every FM given, in the given order; left-out FMs keep their load. */
  loads: FmLoad[];
  leftOut: { fmId: string; reason: LeftOutReason }[];
  /** Some referral cannot be placed within capacity: a row is `overflow`, or has no FM at all. */
  overflow: boolean;
  /** The highest utilisation after the round among the FMs taking part (0 when none does). */
  maxUtilisation: number;
  /** A lower bound of the best possible `maxUtilisation`, to show how close the proposal is. */
  lowerBound: number;
}

export interface RoundInput {
  roundDate: LocalDate;
  referrals: RoundReferral[];
  fms: RoundFm[];
  calendar: WorkCalendar;
}

/**
 * Capacities are ratio × FTE and carry float noise (75 × 0.3 may be 22.499999999999996), which would turn
 * real ties into arbitrary choices. Counting capacity in millionths makes every comparison below an exact
 * integer comparison of rationals: (load_a + 1) / cap_a vs (load_b + 1) / cap_b.
 */
const CAPACITY_SCALE = 1_000_000;

/** The capacity as the comparisons see it (so 150 × 0.7 reads as 105, not 104.99999999999999). */
function exactCapacity(capacity: number): number {
  return Math.round(capacity * CAPACITY_SCALE) / CAPACITY_SCALE;
}

interface Candidate {
  fm: RoundFm;
  scaledCapacity: number;
  load: number;
  /** Recent assignments including those of this round. */
  recent: number;
  topics: ReadonlySet<string>;
}

/**
 * Proposes an FM for every referral (R9, R14) and says who is left out and why.
 *
 * Referrals are taken by intake deadline (then case code), so the most urgent ones get the first pick.
 * Each goes to the FM of its group whose utilisation after taking it is lowest. For unit-size jobs that
 * greedy choice minimises the highest utilisation: the k-th extra case of FM i costs the "slot"
 * (caseload_i + k) / capacity_i, and these slots grow with k. Any distribution of n referrals uses, per FM,
 * a prefix of its slots, so its highest utilisation is at least the n-th smallest slot of all FMs; the
 * greedy takes the smallest free slot each time, i.e. exactly the n smallest, and reaches that bound —
 * in whatever order the referrals come. The groups share no FM, so this holds per group.
 * Among equally good FMs it prefers a topic match, then the fewest recent assignments, then the lowest id.
 */
export function proposeAssignment(input: RoundInput): Proposal {
  const { roundDate, fms, calendar } = input;
  assertUnique(fms.map((fm) => fm.id), 'FM id');
  assertUnique(input.referrals.map((r) => r.caseCode), 'case code');
  fms.forEach(assertValidFm);

  const referrals = [...input.referrals].sort(
    (a, b) => compareStrings(a.intakeDeadline, b.intakeDeadline) || compareStrings(a.caseCode, b.caseCode),
  );
  const earliestDeadline = referrals[0]?.intakeDeadline;
  const window = earliestDeadline === undefined ? [] : workingDaysFrom(roundDate, earliestDeadline, calendar);

  const leftOut: Proposal['leftOut'] = [];
  const candidates = new Map<ClientGroup, Candidate[]>([
    ['u25', []],
    ['ue25', []],
  ]);
  for (const fm of fms) {
    const reason = leftOutReason(fm, roundDate, window);
    if (reason) {
      leftOut.push({ fmId: fm.id, reason });
    } else {
      candidates.get(fm.group)!.push({
        fm,
        scaledCapacity: Math.round(fm.capacity * CAPACITY_SCALE),
        load: fm.caseload,
        recent: fm.recentAssignments,
        topics: new Set(fm.topics),
      });
    }
  }

  const rows = referrals.map((referral): ProposalRow => {
    const chosen = bestCandidate(candidates.get(referral.group)!, referral.needs);
    if (!chosen) return { caseCode: referral.caseCode, fmId: undefined, overflow: false, topicMatch: false };
    chosen.load++;
    chosen.recent++;
    return {
      caseCode: referral.caseCode,
      fmId: chosen.fm.id,
      overflow: chosen.load * CAPACITY_SCALE > chosen.scaledCapacity,
      topicMatch: meetsNeeds(chosen, referral.needs),
    };
  });

  const loads = loadsFor(fms, rows);
  const away = new Set(leftOut.map((l) => l.fmId));
  const takingLoads = loads.filter((load) => !away.has(load.fmId));
  return {
    rows,
    loads,
    leftOut,
    overflow: rows.some((row) => row.overflow || row.fmId === undefined),
    maxUtilisation: Math.max(0, ...takingLoads.map((load) => load.utilisationAfter)),
    lowerBound: lowerBound([...candidates.values()], referrals),
  };
}

/**
 * The loads of a distribution, e.g. after the team changed the proposal in the meeting. Rows without an
 * FM are skipped; an FM id that is not among `fms` is a programming error.
 */
export function loadsFor(
  fms: readonly Pick<RoundFm, 'id' | 'capacity' | 'caseload'>[],
  rows: readonly Pick<ProposalRow, 'fmId'>[],
): FmLoad[] {
  const received = new Map(fms.map((fm) => [fm.id, 0]));
  for (const { fmId } of rows) {
    if (fmId === undefined) continue;
    const count = received.get(fmId);
    if (count === undefined) throw new RangeError(`Row assigned to unknown FM "${fmId}"`);
    received.set(fmId, count + 1);
  }
  return fms.map((fm) => {
    const capacity = exactCapacity(fm.capacity);
    const after = fm.caseload + received.get(fm.id)!;
    return {
      fmId: fm.id,
      capacity,
      before: fm.caseload,
      after,
      utilisationBefore: fm.caseload / capacity,
      utilisationAfter: after / capacity,
    };
  });
}

/**
 * A linear scan: O(referrals × FMs) with a cheap integer comparison (2,000 × 300 in 5–12 ms here, see
 * bench/assignment.ts). A heap would have to pop every tied FM anyway, since the topic tie-break
 * depends on the referral.
 */
function bestCandidate(candidates: readonly Candidate[], needs: readonly string[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (!best || compareCandidates(candidate, best, needs) < 0) best = candidate;
  }
  return best;
}

/** Negative when `a` should take the referral rather than `b`. The topic check runs only on load ties. */
function compareCandidates(a: Candidate, b: Candidate, needs: readonly string[]): number {
  return (
    (a.load + 1) * b.scaledCapacity - (b.load + 1) * a.scaledCapacity ||
    Number(meetsNeeds(b, needs)) - Number(meetsNeeds(a, needs)) ||
    a.recent - b.recent ||
    compareStrings(a.fm.id, b.fm.id)
  );
}

function meetsNeeds(candidate: Candidate, needs: readonly string[]): boolean {
  return needs.some((need) => candidate.topics.has(need));
}

/** The working days from `from` to `to`, both inclusive (empty when `to` lies before `from`). */
function workingDaysFrom(from: LocalDate, to: LocalDate, calendar: WorkCalendar): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (calendar.isWorkingDay(day)) days.push(day);
  }
  return days;
}

/**
 * An FM absent on the round's day, or on more than half of the working days until the earliest intake
 * deadline of the round (R4), could not hold the intake talks in time.
 */
function leftOutReason(fm: RoundFm, roundDate: LocalDate, window: readonly LocalDate[]): LeftOutReason | undefined {
  const absentOn = (day: LocalDate) => fm.absences.some((a) => a.from <= day && day <= a.to);
  if (absentOn(roundDate)) return { kind: 'absent-on-round-day' };
  const absentDays = window.filter(absentOn).length;
  if (2 * absentDays > window.length) {
    return { kind: 'absent-most-days', absentDays, workingDays: window.length, until: window.at(-1)! };
  }
  return undefined;
}

/**
 * Per group, no distribution does better than spreading all cases perfectly over the total capacity, nor
 * better than an FM's utilisation before the round. (The greedy is optimal anyway; the bound lets the
 * benchmark and the team see how uneven the starting point already is.)
 */
function lowerBound(groups: readonly (readonly Candidate[])[], referrals: readonly RoundReferral[]): number {
  let bound = 0;
  for (const group of groups) {
    const first = group[0];
    if (!first) continue;
    const incoming = referrals.filter((r) => r.group === first.fm.group).length;
    const caseload = group.reduce((sum, c) => sum + c.fm.caseload, 0);
    const capacity = group.reduce((sum, c) => sum + c.scaledCapacity, 0) / CAPACITY_SCALE;
    bound = Math.max(
      bound,
      (caseload + incoming) / capacity,
      ...group.map((c) => c.fm.caseload / exactCapacity(c.fm.capacity)),
    );
  }
  return bound;
}

function assertValidFm(fm: RoundFm): void {
  if (!(Number.isFinite(fm.capacity) && exactCapacity(fm.capacity) > 0)) {
    throw new RangeError(`FM "${fm.id}" needs a positive capacity, got ${fm.capacity}`);
  }
  if (!Number.isSafeInteger(fm.caseload) || fm.caseload < 0) {
    throw new RangeError(`FM "${fm.id}" needs a whole caseload >= 0, got ${fm.caseload}`);
  }
}

function assertUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new RangeError(`Duplicate ${what} "${value}"`);
    seen.add(value);
  }
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
