/**
 * The due-date engine of the case lifecycle: which ping is due for a case and on which working day.
 * Pure: it never looks at "today". Every item carries the date the rule names (`ruleOn`) and the working
 * day on or after it (`dueOn`); the caller decides what is overdue, due today or due this week.
 */
import type { WorkCalendar } from './calendar.js';
import { addDays, addMonths, type LocalDate } from './time.js';
import type { CaseStatus, Group } from './vocabulary.js';

/** Contact density and review rhythm; the two jobcenters' instructions differ, so this is a setting. */
export interface ContactPolicy {
  /** R13/R15: months between two counselling contacts. */
  intervalMonths: Record<Group, number>;
  /**
   * R15: months between contacts while the client is in an active labour-market measure, for the groups
   * where the policy has such a variant. A group without an entry keeps its usual interval in a measure.
   */
  measureIntervalMonths: Partial<Record<Group, number>>;
  /** R16: qualified contacts per rolling 12 months; 0 switches the yearly minimum off for the group. */
  minPerYear: Record<Group, number>;
  /** R16: share of the active caseload that must meet the minimum (0.9). */
  share: number;
  /** R20: months between reviews. */
  reviewMonths: number;
  /** The rule the contact interval comes from, cited on contact items; default R13. */
  contactRule?: string;
}

/**
 * Bremen 2025 [Bremen GA 2025 §3.2]: U25 monthly, Ü25 every 3 months (R13); Bremen has no measure variant for U25, so a
 * U25 client in a measure is still seen monthly. Yearly minimum Ü25 6, U25 9 (R16).
 */
export const BREMEN_POLICY: ContactPolicy = {
  intervalMonths: { u25: 1, ue25: 3 },
  measureIntervalMonths: { ue25: 3 },
  minPerYear: { u25: 9, ue25: 6 },
  share: 0.9,
  reviewMonths: 6,
  contactRule: 'R13',
};

/** Bremerhaven [Bremerhaven GA 2020 §6.4]: monthly for everyone, every 3 months in active measures (R15). */
export const BREMERHAVEN_POLICY: ContactPolicy = {
  ...BREMEN_POLICY,
  intervalMonths: { u25: 1, ue25: 1 },
  measureIntervalMonths: { u25: 3, ue25: 3 },
  contactRule: 'R15',
};

/** Days in the rolling year over which R16 counts qualified contacts (today and the 364 days before). */
export const CONTACT_YEAR_DAYS = 365;

/**
 * R16 as a cadence: the longest gap between two contacts that still puts `perYear` of them into every
 * window of 365 days. Any 365 consecutive days hold at least ⌊365 / gap⌋ contacts spaced at most `gap` days
 * apart, so the gap is ⌊365 / perYear⌋: 60 days for 6 a year, 40 days for 9. Undefined when the minimum is off.
 */
export function minimumGapDays(perYear: number): number | undefined {
  return perYear > 0 ? Math.floor(CONTACT_YEAR_DAYS / perYear) : undefined;
}

/** The contact rhythm a client is held to: the interval and its rule, and R16's longest gap where it binds. */
export interface ContactCadence {
  months: number;
  /** R13, or R15 in a measure where the policy has a measure interval (or the policy's own rule). */
  rule: string;
  /** R16: days at most between two contacts, when that can come before the interval (else undefined). */
  minimumGapDays?: number;
}

export function contactCadence(group: Group, inMeasure: boolean, policy: ContactPolicy): ContactCadence {
  const measureMonths = inMeasure ? policy.measureIntervalMonths[group] : undefined;
  const months = measureMonths ?? policy.intervalMonths[group];
  const cadence: ContactCadence = { months, rule: measureMonths !== undefined ? 'R15' : (policy.contactRule ?? 'R13') };
  const gap = minimumGapDays(policy.minPerYear[group]);
  // A month has at most 31 days: a shorter gap comes first at least in some months.
  if (gap !== undefined && gap < months * 31) cadence.minimumGapDays = gap;
  return cadence;
}

/**
 * The next contact: the earliest date any active rule asks for, from the last qualified contact (or the
 * intake). The interval of R13 (or R15 in a measure, where the policy has it) and the yearly minimum of R16
 * each give a latest date; the earlier one binds, and its rule is cited. A deadline on a weekend or holiday
 * is brought forward to the working day before, so a client seen on each due day keeps every rule.
 */
export function nextContact(
  c: Pick<CaseClock, 'group' | 'inMeasure' | 'lastContactOn' | 'intakeOn'>,
  policy: ContactPolicy,
): { ruleOn: LocalDate; rule: string } | undefined {
  const base = c.lastContactOn ?? c.intakeOn;
  if (base === undefined) return undefined;
  const cadence = contactCadence(c.group, c.inMeasure, policy);
  const byInterval = addMonths(base, cadence.months);
  const byMinimum = cadence.minimumGapDays === undefined ? undefined : addDays(base, cadence.minimumGapDays);
  return byMinimum !== undefined && byMinimum < byInterval
    ? { ruleOn: byMinimum, rule: 'R16' }
    : { ruleOn: byInterval, rule: cadence.rule };
}

/** What the due-date engine needs to know about one case. */
export interface CaseClock {
  caseCode: string;
  group: Group;
  status: CaseStatus;
  flaggedOn: LocalDate;
  intakeDeadline: LocalDate;
  intakeOn?: LocalDate;
  lastContactOn?: LocalDate;
  /** Qualified contacts (R16) in the 365 days up to today. */
  contactsLastYear: number;
  inMeasure: boolean;
  reportPending: boolean;
  lastReviewOn?: LocalDate;
  locationTalkOn?: LocalDate;
  /** intakeOn + 24 months, moved by extensions (R18, R19). */
  plannedEndOn?: LocalDate;
  extensions: number;
  /** Month of the 25th birthday, YYYY-MM (R10). */
  u25Until?: string;
  transferStarted: boolean;
  endedOn?: LocalDate;
  exitSuccessful?: boolean;
  /** R27: months (6, 12, 24) of the follow-ups whose result is recorded; never due again. */
  followupsDone?: readonly number[];
}

export type DueKind =
  | 'intake'
  | 'contact'
  | 'review'
  | 'location_talk'
  | 'duration_end'
  | 'limit_48'
  | 'limit_60'
  | 'u25_transition'
  | 'followup';

export interface DueItem {
  kind: DueKind;
  caseCode: string;
  /** The working day on which the responsible person should be pinged. */
  dueOn: LocalDate;
  /**
   * The date the rule itself names, maybe a weekend or holiday. dueOn is the first working day on or after
   * it — except for contacts, whose date is a deadline: there it is the last working day on or before it.
   */
  ruleOn: LocalDate;
  rule: string;
  /** followup: months after the exit (6, 12, 24); limit_48/limit_60: 48 or 60; duration_end: planned months in all. */
  months?: number;
  /** followup: the last day of its window (R27); from the day after, it is missed and no longer due. */
  lastOn?: LocalDate;
}

/** Months of the standard duration (R18) and of the location talk (R21). */
export const STANDARD_MONTHS = 24;
/** R19: continuous months without and with the team lead's consent. */
export const LIMIT_MONTHS = 48;
export const LIMIT_WITH_CONSENT_MONTHS = 60;
/** R10: the transfer is flagged this many months before the month of the 25th birthday, at the latest. */
export const U25_TRANSFER_LEAD_MONTHS = 3;
/** R10: the U25 FM is reminded from this many months before the month of the 25th birthday … */
export const U25_REMINDER_LEAD_MONTHS = 4;
/** … and again every this many days until the transfer is flagged. */
export const U25_REMINDER_EVERY_DAYS = 7;
/** R27: follow-ups after a successful exit. */
export const FOLLOWUP_MONTHS = [6, 12, 24] as const;
export type FollowupMonths = (typeof FOLLOWUP_MONTHS)[number];
/** R27: a follow-up is due from its date for four weeks; after that it counts as missed. */
export const FOLLOWUP_WINDOW_DAYS = 28;
/** R27: what a follow-up found: the client took up work, did not, or it stayed unknown (not reached). */
export const FOLLOWUP_RESULTS = ['beschaeftigt', 'nicht-beschaeftigt', 'unbekannt'] as const;
export type FollowupResult = (typeof FOLLOWUP_RESULTS)[number];

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Re-exported: the engine's month arithmetic (R13–R21) lives with the other date helpers. */
export { addMonths };

/**
 * Whole months from `from` to `to`: the largest m with addMonths(from, m) <= to (negative when `to` lies
 * before `from`). Own code because date-fns' differenceInMonths disagrees with its own addMonths at month
 * ends (it counts 31.05. → 30.11. as 5 months although addMonths(31.05., 6) is 30.11.).
 */
export function monthsBetween(from: LocalDate, to: LocalDate): number {
  if (to < from) return -monthsBetween(to, from);
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const calendarMonths = (ty - fy) * 12 + (tm - fm);
  return addMonths(from, calendarMonths) > to ? calendarMonths - 1 : calendarMonths;
}

/** The first day of the month of the 25th birthday (R10); refuses anything but "YYYY-MM". */
function birthdayMonthStart(u25Until: string): LocalDate {
  if (!YEAR_MONTH.test(u25Until)) throw new RangeError(`Expected a month "YYYY-MM", got "${u25Until}"`);
  return `${u25Until}-01`;
}

/**
 * The last day to flag the transfer in time: the first day of the month three months before the month of
 * the 25th birthday (R10): 2027-04 → 2027-01-01. Flagged after it, the transfer is late.
 */
export function u25TransitionOn(u25Until: string): LocalDate {
  return addMonths(birthdayMonthStart(u25Until), -U25_TRANSFER_LEAD_MONTHS);
}

/** R10: the first reminder, on the first day of the month four months before the 25th-birthday month: 2027-04 → 2026-12-01. */
export function u25ReminderFrom(u25Until: string): LocalDate {
  return addMonths(birthdayMonthStart(u25Until), -U25_REMINDER_LEAD_MONTHS);
}

/** R10: from this day on — the first day after the 25th-birthday month — a U25 case not transferred is overdue. */
export function u25OverdueFrom(u25Until: string): LocalDate {
  return addMonths(birthdayMonthStart(u25Until), 1);
}

/**
 * Where a U25 client not (yet) flagged for transfer stands on `today` (R10): `upcoming` before the reminders
 * start, `due` from four months before the 25th-birthday month until the last day to flag in time, `late`
 * after that until the end of the birthday month, `overdue` from then on.
 */
export type TransitionStage = 'upcoming' | 'due' | 'late' | 'overdue';

export function transitionStage(u25Until: string, today: LocalDate): TransitionStage {
  if (today < u25ReminderFrom(u25Until)) return 'upcoming';
  if (today <= u25TransitionOn(u25Until)) return 'due';
  return today < u25OverdueFrom(u25Until) ? 'late' : 'overdue';
}

/** R10: whether the case still waits to be flagged for the transfer (an active U25 case with a birthday month, none started). */
export function awaitsTransfer<C extends Pick<CaseClock, 'group' | 'status' | 'u25Until' | 'transferStarted'>>(c: C): c is C & { u25Until: string } {
  return c.group === 'u25' && c.status === 'aktiv' && !c.transferStarted && c.u25Until !== undefined;
}

/** Whole days from `from` to `to` (negative when `to` lies before). */
function daysBetween(from: LocalDate, to: LocalDate): number {
  const utc = (d: LocalDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** One weekly R10 reminder: the week's date by the rule, the working day to send it, the stage and the deadline. */
export interface TransitionReminder {
  caseCode: string;
  /** This week's reminder date: the first reminder plus a multiple of seven days; one message per date. */
  ruleOn: LocalDate;
  /** The working day on or after `ruleOn`. */
  dueOn: LocalDate;
  stage: Exclude<TransitionStage, 'upcoming'>;
  /** The last day to flag in time (u25TransitionOn). */
  flagBy: LocalDate;
  /** The first day of the month of the 25th birthday, the handover month. */
  handoverMonth: LocalDate;
}

/**
 * R10: the reminder of the week that contains `today`, for an active U25 case not yet flagged for transfer:
 * from four months before the 25th-birthday month, every seven days, without end until the transfer is
 * flagged (past the birthday month the case is overdue, and still reminded). Undefined before the first one.
 */
export function transitionReminder(
  c: Pick<CaseClock, 'caseCode' | 'group' | 'status' | 'u25Until' | 'transferStarted'>,
  today: LocalDate,
  calendar: WorkCalendar,
): TransitionReminder | undefined {
  if (!awaitsTransfer(c)) return undefined;
  const stage = transitionStage(c.u25Until, today);
  if (stage === 'upcoming') return undefined;
  const from = u25ReminderFrom(c.u25Until);
  const weeks = Math.floor(daysBetween(from, today) / U25_REMINDER_EVERY_DAYS);
  const ruleOn = addDays(from, weeks * U25_REMINDER_EVERY_DAYS);
  return {
    caseCode: c.caseCode,
    ruleOn,
    dueOn: calendar.workingDayOnOrAfter(ruleOn),
    stage,
    flagBy: u25TransitionOn(c.u25Until),
    handoverMonth: birthdayMonthStart(c.u25Until),
  };
}

/** R27: one follow-up after a successful exit, due from `ruleOn` through `lastOn`. */
export interface Followup {
  months: FollowupMonths;
  ruleOn: LocalDate;
  lastOn: LocalDate;
}

/** R27: the three follow-ups after an exit on `endedOn`, each with its window of four weeks. */
export function followupsAfter(endedOn: LocalDate): Followup[] {
  return FOLLOWUP_MONTHS.map((months) => {
    const ruleOn = addMonths(endedOn, months);
    return { months, ruleOn, lastOn: addDays(ruleOn, FOLLOWUP_WINDOW_DAYS - 1) };
  });
}

/** R27: `upcoming` before its date, `open` in its window, `missed` once the window has passed (unless recorded). */
export function followupState(f: Pick<Followup, 'ruleOn' | 'lastOn'>, today: LocalDate): 'upcoming' | 'open' | 'missed' {
  return today < f.ruleOn ? 'upcoming' : today <= f.lastOn ? 'open' : 'missed';
}

/**
 * R27 for one ended case: the follow-ups not recorded whose window has passed by `today`. None after an
 * unsuccessful exit.
 */
export function missedFollowupsOf(c: Pick<CaseClock, 'status' | 'exitSuccessful' | 'endedOn' | 'followupsDone'>, today: LocalDate): Followup[] {
  if (c.status !== 'beendet' || c.exitSuccessful !== true || c.endedOn === undefined) return [];
  return followupsAfter(c.endedOn).filter((f) => !c.followupsDone?.includes(f.months) && followupState(f, today) === 'missed');
}

/** Every ping due for the case, sorted by dueOn; see the comments per kind for when each applies. */
export function dueItems(c: CaseClock, policy: ContactPolicy, calendar: WorkCalendar): DueItem[] {
  const items: DueItem[] = [];
  const add = (kind: DueKind, ruleOn: LocalDate, rule: string, months?: number): DueItem => {
    const item: DueItem = { kind, caseCode: c.caseCode, dueOn: calendar.workingDayOnOrAfter(ruleOn), ruleOn, rule };
    if (months !== undefined) item.months = months;
    items.push(item);
    return item;
  };

  // R4: until the client is taken in, the intake deadline is the only date that matters.
  if (c.status === 'vorgemerkt' || c.status === 'zugewiesen') add('intake', c.intakeDeadline, 'R4');

  if (c.status === 'aktiv') {
    // R13/R15/R16: the next contact by the rule that binds first (nextContact). While a medical or
    // psychological report is pending the next talk waits for the documents (R15), so no ping at all.
    const contact = c.reportPending ? undefined : nextContact(c, policy);
    if (contact !== undefined) {
      items.push({
        kind: 'contact',
        caseCode: c.caseCode,
        dueOn: calendar.workingDayOnOrBefore(contact.ruleOn),
        ruleOn: contact.ruleOn,
        rule: contact.rule,
      });
    }

    // R20: every six months from the start or the last review.
    const reviewBase = c.lastReviewOn ?? c.intakeOn;
    if (reviewBase !== undefined) add('review', addMonths(reviewBase, policy.reviewMonths), 'R20');

    // R21: the location talk after two years, until it is recorded.
    if (c.intakeOn !== undefined && c.locationTalkOn === undefined) {
      add('location_talk', addMonths(c.intakeOn, STANDARD_MONTHS), 'R21');
    }

    // R18/R19: one month before the planned end, time to decide on an extension or the exit.
    if (c.plannedEndOn !== undefined) {
      add(
        'duration_end',
        addMonths(c.plannedEndOn, -1),
        c.extensions === 0 ? 'R18' : 'R19',
        c.intakeOn === undefined ? undefined : monthsBetween(c.intakeOn, c.plannedEndOn),
      );
    }

    if (c.intakeOn !== undefined && c.plannedEndOn !== undefined) {
      const limit48 = addMonths(c.intakeOn, LIMIT_MONTHS);
      if (c.plannedEndOn > limit48) {
        // Extended past 48 months (with the team lead's consent): remind one month before the absolute limit.
        add('limit_60', addMonths(c.intakeOn, LIMIT_WITH_CONSENT_MONTHS - 1), 'R19', LIMIT_WITH_CONSENT_MONTHS);
      } else if (addMonths(c.plannedEndOn, 1) > limit48) {
        // The planned end reaches 48 months: no extension of even one month fits without consent. "Reaches"
        // rather than "equals" because chained extensions can clamp at month ends (31.05. + 9 + 3 months ends
        // on 29.05., not 31.05.). Once extended past 48, the consent exists and limit_60 takes over.
        add('limit_48', addMonths(c.intakeOn, LIMIT_MONTHS - 1), 'R19', LIMIT_MONTHS);
      }
    }

    // R10: the U25 FM flags the transfer to Ü25 at least three months before the 25th-birthday month; the
    // reminders start a month earlier (and repeat weekly, see transitionReminder) until it is flagged.
    if (awaitsTransfer(c)) add('u25_transition', u25ReminderFrom(c.u25Until), 'R10');
  }

  // R27: did the client take up work 6, 12 and 24 months after a successful exit? Each is due for four
  // weeks from its date (lastOn; the caller drops it after that, when it counts as missed); a recorded
  // result ends it for good.
  if (c.status === 'beendet' && c.exitSuccessful === true && c.endedOn !== undefined) {
    for (const f of followupsAfter(c.endedOn)) {
      if (c.followupsDone?.includes(f.months)) continue;
      add('followup', f.ruleOn, 'R27', f.months).lastOn = f.lastOn;
    }
  }

  return items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/**
 * R16 for one case: qualified contacts in the last 365 days against the yearly minimum. With `today`, a
 * case in FM for less than a year needs only its share of the minimum for the whole months completed
 * (rounded down), since a client taken in two months ago cannot have had six contacts yet.
 */
export function contactMinimum(
  c: CaseClock,
  policy: ContactPolicy,
  today?: LocalDate,
): { required: number; count: number; met: boolean } {
  const perYear = policy.minPerYear[c.group];
  let required = perYear;
  if (today !== undefined && c.intakeOn !== undefined && addMonths(c.intakeOn, 12) > today) {
    required = Math.floor((perYear * Math.max(0, monthsBetween(c.intakeOn, today))) / 12);
  }
  return { required, count: c.contactsLastYear, met: c.contactsLastYear >= required };
}

/** Tolerance for share × total in floating point (0.55 × 100 = 55.00000000000001 would otherwise ask for 56). */
const EPSILON = 1e-9;

/**
 * R16 for a caseload: the minimum must be met for `policy.share` (90 %) of the active cases. An empty
 * caseload misses nobody and counts as met.
 */
export function contactShare(
  cases: readonly CaseClock[],
  policy: ContactPolicy,
  today?: LocalDate,
): { met: number; total: number; share: number; ok: boolean } {
  const active = cases.filter((c) => c.status === 'aktiv');
  const met = active.filter((c) => contactMinimum(c, policy, today).met).length;
  const total = active.length;
  return { met, total, share: total === 0 ? 1 : met / total, ok: met >= Math.ceil(policy.share * total - EPSILON) };
}
