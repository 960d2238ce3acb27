/**
 * The console's `/zeit`: moves the simulated clock forward and runs, working day by working day, every
 * job at the times it would have run, so a new user can watch months of pings in a minute.
 */
import type { CommandDeps } from '../services/context.js';
import type { Job } from '../../jobs/types.js';
import { parseIsoInstant } from '../config/env.js';
import { UserError } from '../domain/errors.js';
import { formatInTimeZone } from '../domain/format.js';
import { addDays, addMonths, parseGermanDate, type Instant } from '../domain/time.js';
import { timeTexts as T } from '../i18n/app.js';
import { runJobs } from './scheduler.js';

/** The daily times at which jobs run in production (digests, duties); team meeting times are added. */
export const JOB_TIMES = ['07:30', '07:45', '08:00'];
/** A jump longer than this is refused: it would print years of pings. */
const MAX_DAYS = 400;

export interface MovableClock {
  now(): Instant;
  jumpTo(instant: Instant): void;
}

export class TimeTravel {
  constructor(
    private readonly deps: CommandDeps & { clock: MovableClock },
    private readonly jobs: readonly Job[],
    private readonly deliver: () => Promise<unknown>,
    private readonly write: (text: string) => void,
  ) {}

  /** `+7d`, `+2w`, `+3m`, `+4h`, `2026-06-01 07:30`, `01.06.2026 07:30` or an ISO instant. */
  async travel(arg: string): Promise<string> {
    const from = this.deps.clock.now();
    const to = this.target(arg.trim(), from);
    if (to <= from) throw new UserError(T.notForward(formatInTimeZone(from)));
    if (to - from > MAX_DAYS * 86_400_000) throw new UserError(T.tooFar(MAX_DAYS));
    let runs = 0;
    for (const tick of this.ticks(from, to)) {
      this.deps.clock.jumpTo(tick);
      const queued = runJobs(this.deps, this.jobs, tick).reduce((sum, o) => sum + o.queued, 0);
      if (queued > 0) this.write(T.tick(formatInTimeZone(tick)));
      await this.deliver();
      runs++;
    }
    this.deps.clock.jumpTo(to);
    return T.arrived(formatInTimeZone(to), runs);
  }

  private target(arg: string, from: Instant): Instant {
    const relative = /^\+(\d{1,4})\s*([hdwm])$/i.exec(arg);
    if (relative) {
      const n = Number(relative[1]);
      const unit = relative[2]!.toLowerCase();
      if (unit === 'h') return from + n * 3_600_000;
      const today = this.deps.calendar.today(from);
      const days = unit === 'd' ? n : unit === 'w' ? 7 * n : undefined;
      const date = days !== undefined ? addDays(today, days) : addMonths(today, n);
      const time = formatInTimeZone(from).slice(11);
      return this.deps.calendar.at(date, time);
    }
    const [datePart = '', timePart = '07:00'] = arg.split(/\s+/);
    const date = parseGermanDate(datePart);
    if (date && /^([01]\d|2[0-3]):[0-5]\d$/.test(timePart)) return this.deps.calendar.at(date, timePart);
    const instant = parseIsoInstant(arg);
    if (instant !== undefined) return instant;
    throw new UserError(T.usage);
  }

  /** Every job time on every working day in (from, to], in order. */
  private *ticks(from: Instant, to: Instant): Generator<Instant> {
    const { calendar, org } = this.deps;
    const times = [...new Set([...JOB_TIMES, ...org.org.teams.filter((t) => t.kind !== 'mi').map((t) => t.meeting.time)])].sort();
    for (let day = calendar.today(from); ; day = addDays(day, 1)) {
      if (calendar.at(day, '00:00') > to) return;
      if (!calendar.isWorkingDay(day)) continue;
      for (const time of times) {
        const at = calendar.at(day, time);
        if (at > from && at <= to) yield at;
      }
    }
  }
}
