import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import {
  addMonths,
  BREMEN_POLICY,
  BREMERHAVEN_POLICY,
  contactMinimum,
  contactShare,
  dueItems,
  FOLLOWUP_WINDOW_DAYS,
  followupsAfter,
  followupState,
  missedFollowupsOf,
  monthsBetween,
  transitionReminder,
  transitionStage,
  u25OverdueFrom,
  u25ReminderFrom,
  u25TransitionOn,
  type CaseClock,
  type DueKind,
} from '../../src/domain/due.js';
import { type CaseStatus } from '../../src/domain/vocabulary.js';
import { addDays } from '../../src/domain/time.js';

const bremen = new WorkCalendar({ holidayRegion: 'DE-HB' });

/** An active Ü25 case taken in on Tuesday 20.01.2026, planned to end after 24 months. */
function activeCase(overrides: Partial<CaseClock> = {}): CaseClock {
  return {
    caseCode: 'FM-2026-0001',
    group: 'ue25',
    status: 'aktiv',
    flaggedOn: '2026-01-05',
    intakeDeadline: '2026-01-23',
    intakeOn: '2026-01-20',
    contactsLastYear: 0,
    inMeasure: false,
    reportPending: false,
    plannedEndOn: '2028-01-20',
    extensions: 0,
    transferStarted: false,
    ...overrides,
  };
}

const itemsOf = (c: CaseClock, kind: DueKind, policy = BREMEN_POLICY) =>
  dueItems(c, policy, bremen).filter((i) => i.kind === kind);

const only = (c: CaseClock, kind: DueKind, policy = BREMEN_POLICY) => {
  const found = itemsOf(c, kind, policy);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('month arithmetic at month ends and in leap years', () => {
  it('clamps 31.01. + 1 month to the end of February (28. in 2026, 29. in 2028)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('clamps 31.08. + 6 months to 28.02.', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
  });

  it('takes 29.02.2028 + 12 months to 28.02.2029', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });

  it('counts whole months the way addMonths clamps them (31.05. → 30.11. is six months)', () => {
    expect(monthsBetween('2026-05-31', '2026-11-30')).toBe(6);
    expect(monthsBetween('2026-01-31', '2026-02-27')).toBe(0);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsBetween('2026-01-20', '2028-01-19')).toBe(23);
    expect(monthsBetween('2026-01-20', '2028-01-20')).toBe(24);
    expect(monthsBetween('2026-03-31', '2026-02-28')).toBe(-1);
  });

  it('never disagrees with addMonths (property)', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 72 }), day, (from, n, to) => {
        expect(monthsBetween(from, addMonths(from, n))).toBe(n);
        if (to >= from) {
          const m = monthsBetween(from, to);
          expect(addMonths(from, m) <= to).toBe(true);
          expect(addMonths(from, m + 1) > to).toBe(true);
        }
      }),
    );
  });
});

describe('dueItems: intake (R4)', () => {
  it('pings for the intake deadline while the case is flagged or assigned, not once it is active', () => {
    const flagged = activeCase({ status: 'vorgemerkt', intakeOn: undefined, plannedEndOn: undefined });
    expect(dueItems(flagged, BREMEN_POLICY, bremen)).toEqual([
      { kind: 'intake', caseCode: 'FM-2026-0001', dueOn: '2026-01-23', ruleOn: '2026-01-23', rule: 'R4' },
    ]);
    expect(only({ ...flagged, status: 'zugewiesen' }, 'intake').dueOn).toBe('2026-01-23');
    expect(itemsOf(activeCase(), 'intake')).toEqual([]);
  });

  it('moves a calendar-day deadline on German Unity Day (a Saturday in 2026) to the Monday', () => {
    const c = activeCase({ status: 'vorgemerkt', intakeDeadline: '2026-10-03' });
    expect(only(c, 'intake')).toMatchObject({ ruleOn: '2026-10-03', dueOn: '2026-10-05' });
  });
});

describe('dueItems: contacts (R13, R15, R16)', () => {
  it('asks for the next Ü25 contact 60 days after the last one, since every 3 months gives only 4 of the 6 a year (R13, R16)', () => {
    const c = activeCase({ lastContactOn: '2025-07-31', intakeOn: '2025-07-01' });
    expect(only(c, 'contact')).toMatchObject({ ruleOn: '2025-09-29', dueOn: '2025-09-29', rule: 'R16' });
  });

  it('keeps the 3-month Ü25 interval when the yearly minimum is switched off, brought forward before Reformation Day (R13)', () => {
    const c = activeCase({ lastContactOn: '2025-08-03', intakeOn: '2025-07-01' });
    const policy = { ...BREMEN_POLICY, minPerYear: { u25: 0, ue25: 0 } };
    expect(only(c, 'contact', policy)).toMatchObject({ ruleOn: '2025-11-03', dueOn: '2025-11-03', rule: 'R13' });
    expect(only(activeCase({ lastContactOn: '2025-07-31' }), 'contact', policy)).toMatchObject({
      ruleOn: '2025-10-31',
      dueOn: '2025-10-30',
    });
  });

  it('asks for a U25 contact monthly: 31.01.2026 → Saturday 28.02. → brought forward to Friday 27.02. (R13)', () => {
    const c = activeCase({ group: 'u25', lastContactOn: '2026-01-31' });
    expect(only(c, 'contact')).toMatchObject({ ruleOn: '2026-02-28', dueOn: '2026-02-27', rule: 'R13' });
  });

  it('lands a U25 contact on the leap day 29.02.2028 when that is a working day', () => {
    const c = activeCase({ group: 'u25', lastContactOn: '2028-01-29' });
    expect(only(c, 'contact')).toMatchObject({ ruleOn: '2028-02-29', dueOn: '2028-02-29' });
  });

  it('brings a contact due on Good Friday forward to Maundy Thursday', () => {
    const c = activeCase({ group: 'u25', lastContactOn: '2026-03-03' });
    expect(only(c, 'contact')).toMatchObject({ ruleOn: '2026-04-03', dueOn: '2026-04-02' });
  });

  it('counts from the intake while no contact is recorded yet', () => {
    expect(only(activeCase(), 'contact')).toMatchObject({ ruleOn: '2026-03-21', dueOn: '2026-03-20', rule: 'R16' });
  });

  it('keeps the monthly contact of a Bremen U25 client in a measure: the 3-month variant is Bremerhaven\'s (R13, R15)', () => {
    const c = activeCase({ group: 'u25', lastContactOn: '2026-02-02', inMeasure: true });
    expect(only(c, 'contact')).toMatchObject({ ruleOn: '2026-03-02', dueOn: '2026-03-02', rule: 'R13' });
  });

  it('asks a Bremerhaven Ü25 client in a measure every 60 days: 3 months would miss the 6 a year (R15, R16)', () => {
    const c = activeCase({ lastContactOn: '2026-02-02', inMeasure: true });
    expect(only(c, 'contact', BREMERHAVEN_POLICY)).toMatchObject({ ruleOn: '2026-04-03', rule: 'R16' });
    const withoutMinimum = { ...BREMERHAVEN_POLICY, minPerYear: { u25: 0, ue25: 0 } };
    expect(only(c, 'contact', withoutMinimum)).toMatchObject({ ruleOn: '2026-05-02', dueOn: '2026-04-30', rule: 'R15' });
  });

  it('asks monthly for Ü25 clients in Bremerhaven (R15)', () => {
    const c = activeCase({ lastContactOn: '2026-02-02' });
    expect(only(c, 'contact', BREMERHAVEN_POLICY)).toMatchObject({ ruleOn: '2026-03-02', rule: 'R15' });
  });

  it('sends no contact ping while a medical or psychological report is pending, but keeps the review (R15)', () => {
    const c = activeCase({ lastContactOn: '2026-02-02', reportPending: true });
    expect(itemsOf(c, 'contact')).toEqual([]);
    expect(itemsOf(c, 'contact', BREMERHAVEN_POLICY)).toEqual([]);
    expect(itemsOf(c, 'review')).toHaveLength(1);
  });

  it('brings a contact due on a DST Sunday forward to the Friday (29.03.2026 and 25.10.2026)', () => {
    const policy = { ...BREMEN_POLICY, minPerYear: { u25: 0, ue25: 0 } };
    expect(only(activeCase({ lastContactOn: '2025-12-29' }), 'contact', policy)).toMatchObject({
      ruleOn: '2026-03-29',
      dueOn: '2026-03-27',
    });
    expect(only(activeCase({ group: 'u25', lastContactOn: '2026-09-25' }), 'contact')).toMatchObject({
      ruleOn: '2026-10-25',
      dueOn: '2026-10-23',
    });
  });

  it('gives the same dates whatever time zone the server runs in', () => {
    const cases = [
      activeCase({ lastContactOn: '2025-12-29' }),
      activeCase({ group: 'u25', lastContactOn: '2026-09-25', lastReviewOn: '2026-03-06' }),
      activeCase({ status: 'beendet', exitSuccessful: true, endedOn: '2026-03-29' }),
    ];
    const original = process.env.TZ;
    try {
      const results = ['UTC', 'Europe/Berlin', 'America/Santiago', 'Pacific/Kiritimati'].map((zone) => {
        process.env.TZ = zone; // Santiago switches DST at midnight: a local-midnight date there would shift
        return cases.map((c) => dueItems(c, BREMEN_POLICY, bremen));
      });
      for (const r of results) expect(r).toEqual(results[0]);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('dueItems: review (R20) and location talk (R21)', () => {
  it('asks for the review six months after the intake', () => {
    expect(only(activeCase(), 'review')).toMatchObject({ ruleOn: '2026-07-20', dueOn: '2026-07-20', rule: 'R20' });
  });

  it('counts six months from the last review: 31.08. → Saturday 28.02. → Monday 02.03.', () => {
    const c = activeCase({ intakeOn: '2025-02-28', lastReviewOn: '2025-08-31' });
    expect(only(c, 'review')).toMatchObject({ ruleOn: '2026-02-28', dueOn: '2026-03-02' });
  });

  it('asks for the location talk two years after the intake, until it is recorded', () => {
    expect(only(activeCase(), 'location_talk')).toMatchObject({ ruleOn: '2028-01-20', rule: 'R21' });
    expect(itemsOf(activeCase({ locationTalkOn: '2028-01-10' }), 'location_talk')).toEqual([]);
  });
});

describe('dueItems: duration and its limits (R18, R19)', () => {
  it('reminds one month before the planned end of 24 months (R18)', () => {
    expect(only(activeCase(), 'duration_end')).toMatchObject({
      ruleOn: '2027-12-20',
      dueOn: '2027-12-20',
      rule: 'R18',
      months: 24,
    });
  });

  it('reminds one month before an extended end, citing R19', () => {
    const c = activeCase({ plannedEndOn: '2029-01-20', extensions: 1 });
    expect(only(c, 'duration_end')).toMatchObject({ ruleOn: '2028-12-20', rule: 'R19', months: 36 });
  });

  it('gives no limit reminder while the planned end stays below 48 months', () => {
    const c = activeCase({ plannedEndOn: '2029-01-20', extensions: 1 });
    expect(itemsOf(c, 'limit_48')).toEqual([]);
    expect(itemsOf(c, 'limit_60')).toEqual([]);
  });

  it('warns one month before 48 months when the planned end reaches exactly 48', () => {
    const c = activeCase({ plannedEndOn: '2030-01-20', extensions: 2 });
    expect(only(c, 'limit_48')).toMatchObject({ ruleOn: '2029-12-20', rule: 'R19', months: 48 });
    expect(itemsOf(c, 'limit_60')).toEqual([]);
  });

  it('still warns at 48 when chained extensions clamped the end two days short (31.05. → 29.05.)', () => {
    const c = activeCase({ intakeOn: '2025-05-31', plannedEndOn: '2029-05-29', extensions: 2 });
    expect(only(c, 'limit_48')).toMatchObject({ ruleOn: '2029-04-30', dueOn: '2029-04-30' });
  });

  it('switches to the 60-month reminder once the team lead let the case run past 48', () => {
    const c = activeCase({ plannedEndOn: '2030-07-20', extensions: 3 });
    expect(only(c, 'limit_60')).toMatchObject({ ruleOn: '2030-12-20', rule: 'R19', months: 60 });
    expect(itemsOf(c, 'limit_48')).toEqual([]);
  });
});

describe('dueItems: U25 → Ü25 transfer (R10)', () => {
  it('starts reminding on the first day of the month four months before the 25th-birthday month, past New Year', () => {
    const c = activeCase({ group: 'u25', u25Until: '2027-05' });
    expect(only(c, 'u25_transition')).toMatchObject({ ruleOn: '2027-01-01', dueOn: '2027-01-04', rule: 'R10' });
    expect(only(activeCase({ group: 'u25', u25Until: '2027-04' }), 'u25_transition')).toMatchObject({ ruleOn: '2026-12-01', dueOn: '2026-12-01' });
  });

  it('stops once the transfer is under way, and never applies to Ü25 cases', () => {
    expect(itemsOf(activeCase({ group: 'u25', u25Until: '2027-04', transferStarted: true }), 'u25_transition')).toEqual(
      [],
    );
    expect(itemsOf(activeCase({ u25Until: '2027-04' }), 'u25_transition')).toEqual([]);
  });

  it('refuses a malformed birthday month instead of guessing', () => {
    expect(() => dueItems(activeCase({ group: 'u25', u25Until: '2027-4' }), BREMEN_POLICY, bremen)).toThrow(RangeError);
  });
});

describe('dueItems: follow-ups after a successful exit (R27)', () => {
  it('asks 6, 12 and 24 months after an exit on the leap day 29.02.2028', () => {
    const c = activeCase({ status: 'beendet', exitSuccessful: true, endedOn: '2028-02-29' });
    expect(dueItems(c, BREMEN_POLICY, bremen)).toEqual([
      { kind: 'followup', caseCode: 'FM-2026-0001', dueOn: '2028-08-29', ruleOn: '2028-08-29', rule: 'R27', months: 6, lastOn: '2028-09-25' },
      {
        kind: 'followup',
        caseCode: 'FM-2026-0001',
        dueOn: '2029-02-28',
        ruleOn: '2029-02-28',
        rule: 'R27',
        months: 12,
        lastOn: '2029-03-27',
      },
      {
        kind: 'followup',
        caseCode: 'FM-2026-0001',
        dueOn: '2030-02-28',
        ruleOn: '2030-02-28',
        rule: 'R27',
        months: 24,
        lastOn: '2030-03-27',
      },
    ]);
  });

  it('asks nothing after an unsuccessful exit, and nothing for rejected or disputed referrals', () => {
    for (const c of [
      activeCase({ status: 'beendet', exitSuccessful: false, endedOn: '2028-02-29' }),
      activeCase({ status: 'abgelehnt' }),
      activeCase({ status: 'strittig' }),
    ]) {
      expect(dueItems(c, BREMEN_POLICY, bremen)).toEqual([]);
    }
  });
});

describe('dueItems: every ping lands on a working day', () => {
  it('lists an active case’s pings in date order', () => {
    const kinds = dueItems(activeCase({ group: 'u25', u25Until: '2027-04' }), BREMEN_POLICY, bremen).map((i) => i.kind);
    expect(kinds).toEqual(['contact', 'review', 'u25_transition', 'duration_end', 'location_talk']);
  });

  it('puts dueOn on a working day: on or after a start date, on or before a contact deadline, for any case (property)', () => {
    const day = fc.integer({ min: 0, max: 2600 }).map((n) => addDays('2024-01-01', n));
    const caseArb = fc.record(
      {
        caseCode: fc.constant('FM-2026-0042'),
        group: fc.constantFrom<'u25' | 'ue25'>('u25', 'ue25'),
        status: fc.constantFrom<CaseStatus>('vorgemerkt', 'zugewiesen', 'aktiv', 'abgelehnt', 'strittig', 'beendet'),
        flaggedOn: day,
        intakeDeadline: day,
        intakeOn: day,
        lastContactOn: day,
        contactsLastYear: fc.nat({ max: 20 }),
        inMeasure: fc.boolean(),
        reportPending: fc.boolean(),
        lastReviewOn: day,
        locationTalkOn: day,
        plannedEndOn: day,
        extensions: fc.nat({ max: 3 }),
        u25Until: day.map((d) => d.slice(0, 7)),
        transferStarted: fc.boolean(),
        endedOn: day,
        exitSuccessful: fc.boolean(),
      },
      {
        requiredKeys: [
          'caseCode',
          'group',
          'status',
          'flaggedOn',
          'intakeDeadline',
          'contactsLastYear',
          'inMeasure',
          'reportPending',
          'extensions',
          'transferStarted',
        ],
      },
    );
    const calendars = fc.constantFrom(bremen, new WorkCalendar({ holidayRegion: 'DE-BY' }));
    fc.assert(
      fc.property(caseArb, fc.constantFrom(BREMEN_POLICY, BREMERHAVEN_POLICY), calendars, (c, policy, calendar) => {
        for (const item of dueItems(c, policy, calendar)) {
          expect(calendar.isWorkingDay(item.dueOn)).toBe(true);
          // A contact's date is a deadline (brought forward); every other date is a start (moved on).
          const [first, last] = item.kind === 'contact' ? [item.dueOn, item.ruleOn] : [item.ruleOn, item.dueOn];
          expect(first <= last).toBe(true);
          for (let d = item.kind === 'contact' ? addDays(first, 1) : first; d < (item.kind === 'contact' ? addDays(last, 1) : last); d = addDays(d, 1)) {
            expect(calendar.isWorkingDay(d)).toBe(false);
          }
        }
      }),
    );
  });
});

describe('contactMinimum (R16)', () => {
  it('asks 6 qualified contacts a year for Ü25 and 9 for U25', () => {
    expect(contactMinimum(activeCase({ contactsLastYear: 6 }), BREMEN_POLICY)).toEqual({
      required: 6,
      count: 6,
      met: true,
    });
    expect(contactMinimum(activeCase({ contactsLastYear: 5 }), BREMEN_POLICY).met).toBe(false);
    expect(contactMinimum(activeCase({ group: 'u25', contactsLastYear: 8 }), BREMEN_POLICY)).toEqual({
      required: 9,
      count: 8,
      met: false,
    });
  });

  it('asks a case in FM for less than a year only its share for the whole months completed', () => {
    const u25 = activeCase({ group: 'u25', intakeOn: '2026-01-20', contactsLastYear: 1 });
    expect(contactMinimum(u25, BREMEN_POLICY, '2026-02-19').required).toBe(0);
    expect(contactMinimum(u25, BREMEN_POLICY, '2026-03-20')).toEqual({ required: 1, count: 1, met: true }); // 9 × 2/12
    expect(contactMinimum(u25, BREMEN_POLICY, '2026-07-20').required).toBe(4); // 9 × 6/12
    expect(contactMinimum(u25, BREMEN_POLICY, '2027-01-20').required).toBe(9);
  });
});

describe('contactShare (R16)', () => {
  const met = activeCase({ contactsLastYear: 6 });
  const missed = activeCase({ contactsLastYear: 2 });
  const caseload = (metCount: number, missedCount: number) => [
    ...Array<CaseClock>(metCount).fill(met),
    ...Array<CaseClock>(missedCount).fill(missed),
  ];

  it('is fine at exactly 90 % of the active caseload and not below', () => {
    expect(contactShare(caseload(9, 1), BREMEN_POLICY)).toEqual({ met: 9, total: 10, share: 0.9, ok: true });
    expect(contactShare(caseload(8, 2), BREMEN_POLICY).ok).toBe(false);
    expect(contactShare(caseload(134, 16), BREMEN_POLICY).ok).toBe(false); // 89.3 %
    expect(contactShare(caseload(135, 15), BREMEN_POLICY).ok).toBe(true);
  });

  it('is fine at exactly 90 % for any caseload size (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (total) => {
        const needed = Math.ceil((total * 9) / 10);
        expect(contactShare(caseload(needed, total - needed), BREMEN_POLICY).ok).toBe(true);
        expect(contactShare(caseload(needed - 1, total - needed + 1), BREMEN_POLICY).ok).toBe(false);
      }),
    );
  });

  it('counts only active cases, and an empty caseload misses nobody', () => {
    const others = [activeCase({ status: 'vorgemerkt' }), activeCase({ status: 'beendet', contactsLastYear: 0 })];
    expect(contactShare([...caseload(9, 1), ...others], BREMEN_POLICY)).toMatchObject({ met: 9, total: 10 });
    expect(contactShare(others, BREMEN_POLICY)).toEqual({ met: 0, total: 0, share: 1, ok: true });
  });
});

describe('R10: the U25 → Ü25 transfer with real lead time', () => {
  const u25 = (overrides: Partial<CaseClock> = {}) => activeCase({ group: 'u25', u25Until: '2027-04', ...overrides });

  it('reminds from four months before the 25th-birthday month, the last day in time is three months before, overdue after the month (R10)', () => {
    expect(u25ReminderFrom('2027-04')).toBe('2026-12-01');
    expect(u25TransitionOn('2027-04')).toBe('2027-01-01');
    expect(u25OverdueFrom('2027-04')).toBe('2027-05-01');
    expect(u25ReminderFrom('2027-02')).toBe('2026-10-01'); // across the year
    expect(u25OverdueFrom('2026-12')).toBe('2027-01-01');
  });

  it('names the stage on each boundary day (R10)', () => {
    expect(transitionStage('2027-04', '2026-11-30')).toBe('upcoming');
    expect(transitionStage('2027-04', '2026-12-01')).toBe('due');
    expect(transitionStage('2027-04', '2027-01-01')).toBe('due'); // flagged on the last day is in time
    expect(transitionStage('2027-04', '2027-01-02')).toBe('late');
    expect(transitionStage('2027-04', '2027-04-30')).toBe('late');
    expect(transitionStage('2027-04', '2027-05-01')).toBe('overdue');
  });

  it('gives one reminder per week from the first one: a new date every seven days (R10)', () => {
    expect(transitionReminder(u25(), '2026-11-30', bremen)).toBeUndefined();
    expect(transitionReminder(u25(), '2026-12-01', bremen)).toEqual({
      caseCode: 'FM-2026-0001',
      ruleOn: '2026-12-01',
      dueOn: '2026-12-01',
      stage: 'due',
      flagBy: '2027-01-01',
      handoverMonth: '2027-04-01',
    });
    expect(transitionReminder(u25(), '2026-12-07', bremen)?.ruleOn).toBe('2026-12-01');
    expect(transitionReminder(u25(), '2026-12-08', bremen)?.ruleOn).toBe('2026-12-08');
    expect(transitionReminder(u25(), '2027-01-05', bremen)).toMatchObject({ ruleOn: '2027-01-05', stage: 'late' });
    expect(transitionReminder(u25(), '2027-05-04', bremen)).toMatchObject({ ruleOn: '2027-05-04', stage: 'overdue' });
  });

  it('moves a reminder that falls on New Year’s Day to the next working day (R10)', () => {
    const c = u25({ u25Until: '2026-05' }); // reminders from Thursday 01.01.2026
    expect(transitionReminder(c, '2026-01-02', bremen)).toMatchObject({ ruleOn: '2026-01-01', dueOn: '2026-01-02' });
    expect(transitionReminder(c, '2026-01-08', bremen)).toMatchObject({ ruleOn: '2026-01-08', dueOn: '2026-01-08' });
  });

  it('stops once the transfer is flagged, and never reminds for Ü25 or inactive cases (R10)', () => {
    expect(transitionReminder(u25({ transferStarted: true }), '2026-12-08', bremen)).toBeUndefined();
    expect(transitionReminder(activeCase({ u25Until: '2027-04' }), '2026-12-08', bremen)).toBeUndefined();
    expect(transitionReminder(u25({ status: 'zugewiesen' }), '2026-12-08', bremen)).toBeUndefined();
    expect(transitionReminder(u25({ status: 'beendet' }), '2026-12-08', bremen)).toBeUndefined();
    expect(transitionReminder(u25({ u25Until: undefined }), '2026-12-08', bremen)).toBeUndefined();
  });

  it('puts every reminder on the week of `today`, seven days apart, sent on a working day (R10, property)', () => {
    const day = fc.integer({ min: 0, max: 1500 }).map((n) => addDays('2025-01-01', n));
    const month = fc.integer({ min: 0, max: 48 }).map((n) => addMonths('2025-06-01', n).slice(0, 7));
    fc.assert(
      fc.property(month, day, (u25Until, today) => {
        const r = transitionReminder(u25({ u25Until }), today, bremen);
        if (today < u25ReminderFrom(u25Until)) {
          expect(r).toBeUndefined();
          return;
        }
        expect(r).toBeDefined();
        expect(r!.ruleOn <= today && today < addDays(r!.ruleOn, 7)).toBe(true);
        let d = u25ReminderFrom(u25Until);
        while (d < r!.ruleOn) d = addDays(d, 7);
        expect(d).toBe(r!.ruleOn);
        expect(bremen.isWorkingDay(r!.dueOn)).toBe(true);
        expect(r!.stage).toBe(transitionStage(u25Until, today));
      }),
    );
  });
});

describe('R27: follow-ups that end', () => {
  const ended = (overrides: Partial<CaseClock> = {}) =>
    activeCase({ status: 'beendet', exitSuccessful: true, endedOn: '2026-01-20', ...overrides });

  it('gives each follow-up a window of four weeks from its date (R27)', () => {
    expect(FOLLOWUP_WINDOW_DAYS).toBe(28);
    expect(followupsAfter('2026-01-20')).toEqual([
      { months: 6, ruleOn: '2026-07-20', lastOn: '2026-08-16' },
      { months: 12, ruleOn: '2027-01-20', lastOn: '2027-02-16' },
      { months: 24, ruleOn: '2028-01-20', lastOn: '2028-02-16' },
    ]);
    const [six] = followupsAfter('2026-01-20');
    expect(followupState(six!, '2026-07-19')).toBe('upcoming');
    expect(followupState(six!, '2026-07-20')).toBe('open');
    expect(followupState(six!, '2026-08-16')).toBe('open');
    expect(followupState(six!, '2026-08-17')).toBe('missed');
  });

  it('never lists a recorded follow-up as due again (R27)', () => {
    expect(itemsOf(ended({ followupsDone: [6] }), 'followup').map((i) => i.months)).toEqual([12, 24]);
    expect(itemsOf(ended({ followupsDone: [6, 12, 24] }), 'followup')).toEqual([]);
  });

  it('counts a follow-up as missed once its window passed without a result, and only then (R27)', () => {
    expect(missedFollowupsOf(ended(), '2026-08-16')).toEqual([]);
    expect(missedFollowupsOf(ended(), '2026-08-17').map((f) => f.months)).toEqual([6]);
    expect(missedFollowupsOf(ended(), '2028-02-17').map((f) => f.months)).toEqual([6, 12, 24]);
    expect(missedFollowupsOf(ended({ followupsDone: [6, 24] }), '2028-02-17').map((f) => f.months)).toEqual([12]);
  });

  it('misses nothing after an unsuccessful exit or for a case still open (R27)', () => {
    expect(missedFollowupsOf(ended({ exitSuccessful: false }), '2029-01-01')).toEqual([]);
    expect(missedFollowupsOf(activeCase(), '2029-01-01')).toEqual([]);
  });
});
