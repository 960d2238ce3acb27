/** Helpers the ping jobs share: "is it time yet", the week window, the due items of a set of cases. */
import { contactPolicy, toCaseClock } from '../src/services/clocks.js';
import { dueItems, type ContactPolicy, type DueItem } from '../src/domain/due.js';
import { addDays, formatGermanDate, isoWeekday, type LocalDate } from '../src/domain/time.js';
import { weekdayDate } from '../src/i18n/pings.js';
import { snoozeKey, type CaseWithContacts } from '../src/store/ports.js';
import { type CaseStatus } from '../src/domain/vocabulary.js';
import type { JobContext } from './types.js';

/** Default times of the daily pings (Europe/Berlin), on working days only. */
export const TIMES = { fmDigest: '07:30', leadDigest: '07:45', duties: '08:00' } as const;

/** Pings go out on working days from their time on (a later run the same day catches up). */
export function isPingTime(ctx: JobContext, time: string): boolean {
  return ctx.calendar.isWorkingDay(ctx.today) && ctx.now >= ctx.calendar.at(ctx.today, time);
}

/** The Friday of today's week (the digest's "diese Woche"). */
export function endOfWeek(today: LocalDate): LocalDate {
  return addDays(today, Math.max(0, 5 - isoWeekday(today)));
}

export function todayText(today: LocalDate): string {
  return weekdayDate(isoWeekday(today), formatGermanDate(today));
}

/** Statuses whose cases can have something due: open ones, and ended ones for the follow-ups (R27). */
export const CLOCK_STATUSES: readonly CaseStatus[] = ['vorgemerkt', 'zugewiesen', 'aktiv', 'beendet'];

export interface CaseDue {
  record: CaseWithContacts;
  item: DueItem;
}

/**
 * What the due items of a job run depend on besides the cases — the policy, the transfers started, the
 * recorded follow-ups, the snoozes — read once per run, not once per FM or team.
 */
export interface DueReader {
  policy: ContactPolicy;
  transfers: ReadonlySet<string>;
  /** R27: per case code, the months of its recorded follow-ups. */
  followups: ReadonlyMap<string, readonly number[]>;
  /**
   * Every due item of the cases up to `until`, by due date; left out: snoozed ones ("später") and follow-ups
   * whose window is over (missed, R27 — the lead hears of those, see src/services/findings.ts).
   */
  until(cases: CaseWithContacts[], until: LocalDate): CaseDue[];
}

export function dueReader(ctx: JobContext): DueReader {
  const policy = contactPolicy(ctx);
  const transfers = ctx.store.cases.transfersStarted();
  const followups = ctx.store.followups.doneByCase();
  const snoozed = ctx.store.snoozes.activeUntil(ctx.today);
  return {
    policy,
    transfers,
    followups,
    until(cases, until) {
      const result: CaseDue[] = [];
      for (const record of cases) {
        for (const item of dueItems(toCaseClock(record, transfers, followups), policy, ctx.calendar)) {
          if (item.dueOn > until) continue;
          if (item.lastOn !== undefined && item.lastOn < ctx.today) continue;
          if (snoozed.has(snoozeKey(item.caseCode, item.kind, item.dueOn))) continue;
          result.push({ record, item });
        }
      }
      return result.sort((a, b) => a.item.dueOn.localeCompare(b.item.dueOn) || a.item.caseCode.localeCompare(b.item.caseCode));
    },
  };
}
