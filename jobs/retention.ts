/**
 * Data protection: FM-Lotse keeps client references only as long as the coordination needs them. Sent
 * messages lose their text after 90 days; an ended case loses its client reference 25 months after the
 * end (the last follow-up, R27, is at 24 months; with it the free texts of its planned exits), a declined referral of a complex profile 7 months after its
 * last step (the decline or an R12 re-check, see DECLINED_MONTHS), any other declined referral after 6 months.
 * Case codes, dates and the audit log stay for supervision and controlling (R34, R35).
 * What is blanked must leave the disk too: the SQLite store zeroes freed space (secure_delete) and, after
 * a run that blanked anything, moves the WAL into the database file and empties it (checkpointTruncate).
 */
import { addMonths } from '../src/domain/time.js';
import { RECHECK_INTERVAL_MONTHS } from '../src/services/recheck.js';
import type { Job } from './types.js';

const MESSAGE_DAYS = 90;
const ENDED_MONTHS = 25;
/**
 * R12: a declined referral keeps its customer number for this many months after its last step — the decline,
 * or a re-check sent to the IFK, which touches the case (jobs/recheck.ts). A client with a complex profile is
 * re-checked every RECHECK_INTERVAL_MONTHS, so the number stays while re-checks continue (MAX_RECHECKS, up to
 * 24 months after the decline). The month beyond the interval covers a re-check moved before a weekend or
 * holiday and days without runs, and leaves time for the IFK's answer („erneut vormerken“ shows the number).
 * After „kein Bedarf“ or the last re-check nothing touches the case: the number goes 7 months later.
 */
const DECLINED_MONTHS = RECHECK_INTERVAL_MONTHS + 1;
/**
 * A declined referral without a complex profile gets no re-check (R12): its customer number goes 6 months after
 * the decline, the time in which the IFK and the FM may still need it to answer questions about the decision.
 */
const DECLINED_SIMPLE_MONTHS = 6;
const DAY = 86_400_000;

export const retention: Job = {
  name: 'retention',
  run(ctx) {
    const blanked = ctx.store.transaction(
      () =>
        ctx.store.outbox.redactBefore(ctx.now - MESSAGE_DAYS * DAY) +
        ctx.store.cases.forgetClients({
          endedBefore: addMonths(ctx.today, -ENDED_MONTHS),
          declinedBefore: ctx.calendar.at(addMonths(ctx.today, -DECLINED_MONTHS), '00:00'),
          declinedSimpleBefore: ctx.calendar.at(addMonths(ctx.today, -DECLINED_SIMPLE_MONTHS), '00:00'),
        }),
    );
    // Erased from the tables is not yet erased from the disk (SQLite: the WAL); the store finishes it.
    ctx.store.flushErased(blanked > 0);
    return 0; // queues nothing
  },
};
