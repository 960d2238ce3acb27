/**
 * R12: a client with a complex profile whose referral was declined is checked again for access to FM, at the
 * latest every six months. FM-Lotse asks the referring IFK by direct message six, twelve, eighteen and
 * twenty-four months after the decline (`jobs/recheck.ts`); the IFK answers „erneut vormerken“ (how to refer
 * again) or „kein Bedarf“ (no further re-checks) (`commands/recheck.ts`). Shared here: the profile test, the
 * schedule and a declined case's re-check state as its audit entries tell it.
 *
 * Each re-check sent also touches the declined case (same status, new `updated_at`): the retention job keeps
 * a declined referral's customer number for a fixed time after its last step (`jobs/retention.ts`), so the
 * number is there for as long as re-checks can still come and for a while after the last one.
 */
import { R1_MIN_KEY_GROUP_NEEDS } from '../domain/access.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { addMonths, type Instant, type LocalDate } from '../domain/time.js';
import type { AuditEntry, CaseRecord } from '../store/ports.js';

/** R12: „at the latest every six months“ — each re-check falls on the last working day on or before it. */
export const RECHECK_INTERVAL_MONTHS = 6;

/**
 * R12 sets no end; FM-Lotse asks four times, up to two years after the decline — the standard duration of a
 * stay in FM (R18) and the horizon of the last follow-up after an exit (R27). A decline older than that says
 * nothing about the client's profile today: a new referral starts from current facts. The bound also ends
 * how long the customer number of a declined referral is kept (data protection).
 */
export const MAX_RECHECKS = 4;

/** The buttons of the re-check message. */
export const RECHECK_ACTIONS = { again: 'recheck.again', none: 'recheck.none' } as const;

/** Its audit entries on the declined case. */
export const RECHECK_AUDIT = { sent: 'recheck.sent', again: 'recheck.again', none: 'recheck.no_need' } as const;

/** The audit entries that (re)start a decline: the FM's decline, and the leads upholding it (R7). */
const DECLINE_ACTIONS: readonly string[] = ['case.declined', 'case.access.refused'];

/**
 * R1's formal criteria, as a referral stores them: prognosis „nicht marktnah“ with at least three needs in the
 * key groups, integration within 12 months unlikely, and the IFK expecting progress from FM. A referral on the
 * formal route always meets them; one on the individual-case route (R2) may. That is the complex profile R12
 * re-checks.
 */
export function hasComplexProfile(record: Pick<CaseRecord, 'prognosis' | 'countedNeeds' | 'integration12' | 'assessment'>): boolean {
  return record.prognosis === 'nicht-marktnah' && record.countedNeeds >= R1_MIN_KEY_GROUP_NEEDS && !record.integration12 && record.assessment;
}

/** Where a declined referral stands with its re-checks. */
export interface RecheckState {
  /** The Berlin date of the decline the re-checks count from. */
  declinedOn: LocalDate;
  /** The highest re-check step sent since that decline (0: none yet). */
  lastStep: number;
  /** „kein Bedarf“ was answered since that decline: no more re-checks. */
  stopped: boolean;
}

/**
 * The re-check state of a declined case from its audit entries (`AuditLog.forCase`, oldest first). The decline
 * is the latest decline entry; without one (a case stored without its history) the date the first re-check
 * recorded, or else the day the case was last changed.
 */
export function recheckState(record: Pick<CaseRecord, 'updatedAt'>, entries: readonly AuditEntry[], calendar: WorkCalendar): RecheckState {
  let since: Instant = Number.MIN_SAFE_INTEGER;
  let declinedOn: LocalDate | undefined;
  for (const entry of entries) {
    if (DECLINE_ACTIONS.includes(entry.action)) {
      since = entry.at;
      declinedOn = calendar.today(entry.at);
    }
  }
  let lastStep = 0;
  let stopped = false;
  for (const entry of entries) {
    if (entry.at < since) continue;
    if (entry.action === RECHECK_AUDIT.sent) {
      const step = entry.details.step;
      if (typeof step === 'number') lastStep = Math.max(lastStep, step);
      const recorded = entry.details.declinedOn;
      if (declinedOn === undefined && typeof recorded === 'string') declinedOn = recorded;
    }
    if (entry.action === RECHECK_AUDIT.none) stopped = true;
  }
  return { declinedOn: declinedOn ?? calendar.today(record.updatedAt), lastStep, stopped };
}

/** The day re-check `step` (1 = six months) is due: the last working day on or before decline + step × 6 months. */
export function recheckDueOn(calendar: WorkCalendar, declinedOn: LocalDate, step: number): LocalDate {
  return calendar.workingDayOnOrBefore(addMonths(declinedOn, step * RECHECK_INTERVAL_MONTHS));
}

/**
 * The re-check step to send today: the highest step due by `today` that was not sent yet (after a pause only
 * the latest, not every missed one); undefined when none is due, after „kein Bedarf“ or after the last step.
 */
export function dueRecheckStep(state: RecheckState, today: LocalDate, calendar: WorkCalendar): number | undefined {
  if (state.stopped) return undefined;
  let step: number | undefined;
  for (let s = state.lastStep + 1; s <= MAX_RECHECKS && recheckDueOn(calendar, state.declinedOn, s) <= today; s++) step = s;
  return step;
}
