/**
 * R13, R15, R16 together: a client whose FM records a qualified contact on each day the bot says a contact
 * is due keeps every active rule in every rolling 12 months — and is never asked for more often than the
 * strictest active rule needs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { summarizeContacts } from '../../src/domain/contacts.js';
import {
  addMonths,
  BREMEN_POLICY,
  BREMERHAVEN_POLICY,
  CONTACT_YEAR_DAYS,
  dueItems,
  minimumGapDays,
  nextContact,
  type CaseClock,
  type ContactPolicy,
} from '../../src/domain/due.js';
import { addDays, type LocalDate } from '../../src/domain/time.js';
import type { Group } from '../../src/domain/vocabulary.js';

const calendar = new WorkCalendar({ holidayRegion: 'DE-HB' });
const SIMULATED_DAYS = 3 * 365;

function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An active case taken in on `intakeOn`; the FM records each contact on the day the bot names. */
function contactsOnDueDays(policy: ContactPolicy, group: Group, inMeasure: boolean, intakeOn: LocalDate): LocalDate[] {
  const end = addDays(intakeOn, SIMULATED_DAYS);
  const contacts: LocalDate[] = [];
  for (;;) {
    const summary = summarizeContacts(
      contacts.map((on) => ({ kind: 'persoenlich', on })),
      contacts.at(-1) ?? intakeOn,
    );
    const clock: CaseClock = {
      caseCode: 'FM-2026-0001',
      group,
      status: 'aktiv',
      flaggedOn: intakeOn,
      intakeDeadline: intakeOn,
      intakeOn,
      ...summary,
      inMeasure,
      reportPending: false,
      extensions: 0,
      transferStarted: false,
    };
    const due = dueItems(clock, policy, calendar).find((item) => item.kind === 'contact');
    if (due === undefined || due.dueOn > end) return contacts;
    contacts.push(due.dueOn);
  }
}

const groupArb = fc.constantFrom<Group>('u25', 'ue25');
const monthsArb = fc.integer({ min: 1, max: 6 });
const policyArb: fc.Arbitrary<ContactPolicy> = fc.record({
  intervalMonths: fc.record({ u25: monthsArb, ue25: monthsArb }),
  measureIntervalMonths: fc.record({ u25: monthsArb, ue25: monthsArb }, { requiredKeys: [] }),
  minPerYear: fc.record({ u25: fc.integer({ min: 0, max: 12 }), ue25: fc.integer({ min: 0, max: 12 }) }),
  share: fc.constant(0.9),
  reviewMonths: fc.constant(6),
  contactRule: fc.constantFrom('R13', 'R15'),
});
const policiesArb = fc.oneof(fc.constant(BREMEN_POLICY), fc.constant(BREMERHAVEN_POLICY), policyArb);
const dayArb = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));

describe('contact cadence over policies and start dates (R13, R15, R16)', () => {
  it('keeps the yearly minimum in every rolling 12 months and every interval between two contacts', () => {
    fc.assert(
      fc.property(policiesArb, groupArb, fc.boolean(), dayArb, (policy, group, inMeasure, intakeOn) => {
        const contacts = contactsOnDueDays(policy, group, inMeasure, intakeOn);
        const interval = (inMeasure ? policy.measureIntervalMonths[group] : undefined) ?? policy.intervalMonths[group];
        // R13/R15: no gap longer than the interval, counted from the intake for the first contact.
        let previous = intakeOn;
        for (const on of contacts) {
          expect(on <= addMonths(previous, interval)).toBe(true);
          previous = on;
        }
        // R16: every window of 365 days inside the simulated time holds the minimum (the first window starts
        // the day after the intake: a client cannot have had contacts in FM before it).
        const minimum = policy.minPerYear[group];
        for (let start = addDays(intakeOn, 1); addDays(start, CONTACT_YEAR_DAYS - 1) <= addDays(intakeOn, SIMULATED_DAYS - 30); start = addDays(start, 7)) {
          const last = addDays(start, CONTACT_YEAR_DAYS - 1);
          const inWindow = contacts.filter((on) => on >= start && on <= last).length;
          expect(inWindow).toBeGreaterThanOrEqual(minimum);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never asks earlier than the strictest active rule needs (at most the few days a weekend or holiday brings forward)', () => {
    fc.assert(
      fc.property(policiesArb, groupArb, fc.boolean(), dayArb, (policy, group, inMeasure, intakeOn) => {
        const contacts = contactsOnDueDays(policy, group, inMeasure, intakeOn);
        const interval = (inMeasure ? policy.measureIntervalMonths[group] : undefined) ?? policy.intervalMonths[group];
        const gap = minimumGapDays(policy.minPerYear[group]);
        let previous = intakeOn;
        for (const on of contacts) {
          const strictest = [addMonths(previous, interval), ...(gap === undefined ? [] : [addDays(previous, gap)])].sort()[0]!;
          expect(on <= strictest).toBe(true);
          // Brought forward only past non-working days: every day between the due day and the rule's date is free.
          for (let day = addDays(on, 1); day <= strictest; day = addDays(day, 1)) expect(calendar.isWorkingDay(day)).toBe(false);
          expect(daysBetween(on, strictest)).toBeLessThanOrEqual(5);
          previous = on;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('nextContact: the rule that binds first is cited', () => {
  it('asks a Bremen Ü25 client every 60 days, because 3-monthly contacts would give only 4 of the 6 a year (R16)', () => {
    expect(nextContact({ group: 'ue25', inMeasure: false, lastContactOn: '2026-02-02' }, BREMEN_POLICY)).toEqual({
      ruleOn: '2026-04-03',
      rule: 'R16',
    });
  });

  it('keeps the monthly Bremen U25 contact in a measure: Bremen has no 3-month variant for U25 (R13)', () => {
    expect(nextContact({ group: 'u25', inMeasure: true, lastContactOn: '2026-02-02' }, BREMEN_POLICY)).toEqual({
      ruleOn: '2026-03-02',
      rule: 'R13',
    });
  });

  it('lets the 3-month measure interval of Bremerhaven yield to the 9 contacts a U25 client needs a year (R15, R16)', () => {
    expect(nextContact({ group: 'u25', inMeasure: true, lastContactOn: '2026-02-02' }, BREMERHAVEN_POLICY)).toEqual({
      ruleOn: '2026-03-14',
      rule: 'R16',
    });
  });

  it('follows the interval alone when the yearly minimum is switched off (R13)', () => {
    const policy: ContactPolicy = { ...BREMEN_POLICY, minPerYear: { u25: 0, ue25: 0 } };
    expect(nextContact({ group: 'ue25', inMeasure: false, lastContactOn: '2026-02-02' }, policy)).toEqual({
      ruleOn: '2026-05-02',
      rule: 'R13',
    });
  });
});
