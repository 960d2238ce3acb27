/**
 * Runs the jobs. What is due is computed from the database, never from cron ticks (node-cron has no
 * catch-up and skips the DST gap), so a tick every few minutes on working-day hours, plus one run at
 * start, is enough; dedupe keys make every extra run harmless.
 */
import { performance } from 'node:perf_hooks';
import cron, { type ScheduledTask } from 'node-cron';
import type { CommandDeps } from '../services/context.js';
import type { Job } from '../../jobs/types.js';
import type { Instant } from '../domain/time.js';
import { boltLogger } from './log.js';
import { metrics } from './metrics.js';

/** Every 5 minutes, 06:00–19:55 Berlin, Monday to Friday (holidays are checked by the jobs). */
export const TICK = '*/5 6-19 * * 1-5';

export interface JobOutcome {
  job: string;
  queued: number;
  error?: string;
}

/** Runs every job once at `now`; a failing job is logged and does not stop the others. */
export function runJobs(deps: CommandDeps, jobs: readonly Job[], now: Instant, logger: Pick<Console, 'error'> = boltLogger('scheduler')): JobOutcome[] {
  const today = deps.calendar.today(now);
  return jobs.map((job) => {
    // Duration in real time (performance.now), whatever the injected clock says; the run is stamped with the clock.
    const started = performance.now();
    try {
      const queued = job.run({ ...deps, now, today });
      metrics.jobRan(job.name, { at: now, durationMs: performance.now() - started, queued, ok: true });
      return { job: job.name, queued };
    } catch (error) {
      metrics.jobRan(job.name, { at: now, durationMs: performance.now() - started, queued: 0, ok: false });
      logger.error(`job ${job.name} failed`, error);
      return { job: job.name, queued: 0, error: error instanceof Error ? error.message : String(error) };
    }
  });
}

export class Scheduler {
  private task: ScheduledTask | undefined;

  constructor(
    private readonly deps: CommandDeps,
    private readonly jobs: readonly Job[],
    private readonly afterRun: () => Promise<unknown>,
    private readonly logger: Pick<Console, 'error'> = boltLogger('scheduler'),
  ) {}

  /** Runs the jobs now (catch-up after a restart) and then on every tick. */
  async start(): Promise<void> {
    await this.tick();
    this.task = cron.schedule(TICK, () => void this.tick(), { timezone: 'Europe/Berlin' });
  }

  async tick(): Promise<JobOutcome[]> {
    const outcomes = runJobs(this.deps, this.jobs, this.deps.clock.now(), this.logger);
    await this.afterRun().catch((error) => this.logger.error('delivery after jobs failed', error));
    return outcomes;
  }

  stop(): void {
    void this.task?.stop();
    this.task = undefined;
  }
}
