/**
 * Calendar dates without a time zone ("2025-10-20") and the injected clock.
 * Rules take dates and instants as arguments; nothing in src/domain reads the system time.
 */

/** A calendar date in the jobcenter's time zone, ISO form YYYY-MM-DD. */
export type LocalDate = string;

/** An instant as epoch milliseconds (the only form instants are stored in). */
export type Instant = number;

/** The source of "now". Production runs on the system clock (optionally shifted by FM_LOTSE_NOW); tests pin it. */
export interface Clock {
  now(): Instant;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date in ISO form (no 2025-02-30). */
export function isLocalDate(value: string): value is LocalDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Adds calendar days to a local date (no time zone involved: pure date arithmetic). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Calendar months added to a date; a day missing in the target month clamps to its last day
 * (31.01. + 1 = 28./29.02.). Plain UTC arithmetic: hot in the due-date engine, and free of the process
 * time zone and its DST days.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day of week, 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/** German date form used in every message: TT.MM.JJJJ. */
export function formatGermanDate(date: LocalDate): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** Parses TT.MM.JJJJ (or ISO) into a LocalDate; undefined when it is no real date. */
export function parseGermanDate(text: string): LocalDate | undefined {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  const iso = german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : text.trim();
  return isLocalDate(iso) ? iso : undefined;
}

/** A clock fixed at one instant that tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Instant) {}
  now(): Instant {
    return this.current;
  }
  set(instant: Instant): void {
    this.current = instant;
  }
  jumpTo(instant: Instant): void {
    this.current = instant;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The system clock, optionally started at another instant (FM_LOTSE_NOW) from which time runs on.
 * The console's `/zeit` moves it forward with `jumpTo`; time then runs on from there.
 */
export class SystemClock implements Clock {
  private offset: number;
  constructor(startAt?: Instant, private readonly systemNow: () => number = Date.now) {
    this.offset = startAt === undefined ? 0 : startAt - systemNow();
  }
  now(): Instant {
    return this.systemNow() + this.offset;
  }
  jumpTo(instant: Instant): void {
    this.offset = instant - this.systemNow();
  }
}
