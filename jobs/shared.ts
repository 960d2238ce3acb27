/** Helpers the ping jobs share: "is it time yet", the week window, the due items of a set of cases. */
import { readDue, type DueReader } from '../src/services/clocks.js';
import { addDays, formatGermanDate, isoWeekday, type LocalDate } from '../src/domain/time.js';
import { weekdayDate } from '../src/i18n/pings.js';
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

export { CLOCK_STATUSES, type CaseDue, type DueReader } from '../src/services/clocks.js';

/** The due items of this run's day (see src/services/clocks.ts). */
export function dueReader(ctx: JobContext): DueReader {
  return readDue(ctx, ctx.today);
}
