/** What every scheduled job gets: the application's dependencies and the instant it runs at. */
import type { CommandDeps } from '../src/services/context.js';
import type { Instant, LocalDate } from '../src/domain/time.js';

export interface JobContext extends CommandDeps {
  now: Instant;
  /** The Berlin date of `now`. */
  today: LocalDate;
}

/**
 * A job looks at the database and queues what is due by `now` and not queued before (outbox dedupe
 * keys), so running it twice, late, or after a restart sends nothing twice. Returns how many items it queued.
 */
export interface Job {
  name: string;
  run(ctx: JobContext): number;
}
