/**
 * Working days of a jobcenter: Monday to Friday minus the public holidays of its state (R4).
 * Only holidays of type "public" count; date-holidays would otherwise also return 24 Dec ("bank")
 * and Buß- und Bettag ("observance"), on which the jobcenters work.
 */
import Holidays from 'date-holidays';
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { addDays, isoWeekday, type Instant, type LocalDate } from './time.js';

const DEFAULT_TIME_ZONE = 'Europe/Berlin';
const WALL_TIME = /^(\d{1,2}):(\d{2})$/;

export interface WorkCalendarOptions {
  /** "DE-HB" style: ISO country, optionally "-state" (and "-region" where date-holidays knows regions). */
  holidayRegion: string;
  timeZone?: string;
}

export class WorkCalendar {
  readonly holidayRegion: string;
  readonly timeZone: string;
  private readonly holidays: Holidays;
  /** Per year: date → holiday name(s). date-holidays recomputes its rules on every call, so we keep the result. */
  private readonly byYear = new Map<number, Map<LocalDate, string>>();

  constructor(opts: WorkCalendarOptions) {
    if (!WorkCalendar.isKnownRegion(opts.holidayRegion)) {
      throw new RangeError(`Unknown holiday region "${opts.holidayRegion}" (expected e.g. "DE-HB")`);
    }
    const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
    // Intl throws a RangeError on unknown zones; TZDate would silently produce Invalid Date instead.
    new Intl.DateTimeFormat('en', { timeZone });
    this.holidayRegion = opts.holidayRegion;
    this.timeZone = timeZone;
    const [country, state, region] = splitRegion(opts.holidayRegion);
    this.holidays = new Holidays({ country: country!, state, region }, { types: ['public'], languages: 'de' });
  }

  /**
   * True when date-holidays knows the country (and state/region) exactly. Its constructor silently
   * falls back to the country for an unknown state, which would drop state holidays unnoticed.
   */
  static isKnownRegion(region: string): boolean {
    const parts = splitRegion(region);
    if (parts.length === 0 || parts.length > 3 || parts.some((p) => p === '')) return false;
    const [country, state, sub] = parts as [string, string?, string?];
    const probe = new Holidays();
    if (!(country in (probe.getCountries() ?? {}))) return false;
    if (state === undefined) return true;
    if (!(state in (probe.getStates(country) ?? {}))) return false;
    if (sub === undefined) return true;
    return sub in (probe.getRegions(country, state) ?? {});
  }

  isHoliday(d: LocalDate): boolean {
    return this.holidayName(d) !== undefined;
  }

  /** The German name of the public holiday on that date (several joined with " / "), if any. */
  holidayName(d: LocalDate): string | undefined {
    return this.holidaysOf(Number(d.slice(0, 4))).get(d);
  }

  isWorkingDay(d: LocalDate): boolean {
    return isoWeekday(d) <= 5 && !this.isHoliday(d);
  }

  /** The n-th working day after d (d itself never counts); n = 0 gives d. */
  addWorkingDays(d: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs a whole n >= 0, got ${n}`);
    let day = d;
    for (let left = n; left > 0; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** The first working day strictly after d. */
  nextWorkingDay(d: LocalDate): LocalDate {
    return this.addWorkingDays(d, 1);
  }

  workingDayOnOrAfter(d: LocalDate): LocalDate {
    return this.isWorkingDay(d) ? d : this.nextWorkingDay(d);
  }

  /** The last working day on or before d: where a deadline falls on a weekend or holiday. */
  workingDayOnOrBefore(d: LocalDate): LocalDate {
    let day = d;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  /** Working days in (from, to]; 0 when to is not after from. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /** The calendar date at that instant in the jobcenter's time zone. */
  today(now: Instant): LocalDate {
    return format(now, 'yyyy-MM-dd', { in: tz(this.timeZone) });
  }

  /**
   * The instant of a local wall time ("HH:mm") on that date. In the spring-forward gap the time moves
   * forward (02:30 → 03:30 CEST); in the repeated autumn hour the later occurrence (CET) is taken.
   */
  at(d: LocalDate, hhmm: string): Instant {
    const m = WALL_TIME.exec(hhmm);
    const [hours, minutes] = [Number(m?.[1]), Number(m?.[2])];
    if (!m || hours > 23 || minutes > 59) throw new RangeError(`Expected a wall time "HH:mm", got "${hhmm}"`);
    const [y, mo, day] = d.split('-').map(Number) as [number, number, number];
    return new TZDate(y, mo - 1, day, hours, minutes, this.timeZone).getTime();
  }

  private holidaysOf(year: number): Map<LocalDate, string> {
    let dates = this.byYear.get(year);
    if (!dates) {
      dates = new Map();
      for (const h of this.holidays.getHolidays(year)) {
        // h.date is local wall time "YYYY-MM-DD hh:mm:ss"; public holidays in Germany span whole days.
        const date = h.date.slice(0, 10);
        const known = dates.get(date);
        dates.set(date, known === undefined ? h.name : `${known} / ${h.name}`);
      }
      this.byYear.set(year, dates);
    }
    return dates;
  }
}

function splitRegion(region: string): string[] {
  return region.trim() === '' ? [] : region.split('-');
}
