/**
 * Data protection: FM-Lotse keeps client references only as long as the coordination needs them. Sent
 * messages lose their text after 90 days; an ended case loses its client reference 25 months after the
 * end (the last follow-up, R27, is at 24 months), a declined referral after 6 months (R12's re-check).
 * Case codes, dates and the audit log stay for supervision and controlling (R34, R35).
 */
import { addMonths } from '../src/domain/time.js';
import type { Job } from './types.js';

const MESSAGE_DAYS = 90;
const ENDED_MONTHS = 25;
const DECLINED_DAYS = 183;
const DAY = 86_400_000;

export const retention: Job = {
  name: 'retention',
  run(ctx) {
    ctx.store.transaction(() => {
      ctx.store.outbox.redactBefore(ctx.now - MESSAGE_DAYS * DAY);
      ctx.store.cases.forgetClients({ endedBefore: addMonths(ctx.today, -ENDED_MONTHS), declinedBefore: ctx.now - DECLINED_DAYS * DAY });
    });
    return 0; // queues nothing
  },
};
