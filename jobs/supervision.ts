/**
 * R34: on the first working day of each month (08:00, or the next run after it) each FM team's leads get the
 * month's supervision sample by direct message: cases drawn at random from the team's active cases and the
 * cases it ended and referrals it declined in the month before (src/services/supervision.ts). The draw has a
 * random seed recorded with it in the audit log, so it cannot be foreseen but can be reproduced; a month is
 * drawn once, and the outbox sends each lead the sample once. Case codes only: no client references.
 */
import type { Team } from '../src/config/org.js';
import { addMonths } from '../src/domain/time.js';
import { supervisionTexts as T, type SampleCaseKind } from '../src/i18n/supervision.js';
import { heading, list, message, text } from '../src/messaging/reply.js';
import { monthlyDraw, type SupervisionDraw } from '../src/services/supervision.js';
import { TIMES, isPingTime } from './shared.js';
import type { Job, JobContext } from './types.js';

export const supervision: Job = {
  name: 'supervision-sample',
  run(ctx) {
    if (!isPingTime(ctx, TIMES.duties)) return 0;
    const month = ctx.today.slice(0, 7);
    if (ctx.today < ctx.calendar.workingDayOnOrAfter(`${month}-01`)) return 0;
    let queued = 0;
    for (const team of ctx.org.org.teams) {
      if (team.kind === 'mi') continue;
      const leads = ctx.org.leadsOf(team);
      if (leads.length === 0) continue; // nobody to supervise: no draw either
      queued += ctx.store.transaction(() => {
        const draw = monthlyDraw(ctx, team, month, ctx.now);
        if (!draw || draw.cases.length === 0) return 0;
        const sample = sampleMessage(ctx, team, draw);
        let added = 0;
        for (const lead of leads) {
          const ok = ctx.store.outbox.enqueue({
            dedupeKey: `ping.supervision:${team.id}:${month}:${lead.id}`,
            target: { kind: 'direct', personId: lead.id },
            message: sample,
            createdAt: ctx.now,
          });
          if (ok) added++;
        }
        return added;
      });
    }
    return queued;
  },
};

function sampleMessage(ctx: JobContext, team: Team, draw: SupervisionDraw) {
  const title = T.heading(team.name, draw.month);
  const items = draw.cases.map((code) => T.item(code, kindOf(ctx, code)));
  return message(
    T.summary(team.name, draw.cases.length),
    heading(title),
    text(T.intro(draw.population.length, addMonths(`${draw.month}-01`, -1).slice(0, 7))),
    list(items),
    text(T.howToRecord),
  );
}

/** What the lead is to look at: an active case, an exit, or a declined referral. */
function kindOf(ctx: JobContext, caseCode: string): SampleCaseKind {
  const status = ctx.store.cases.byCode(caseCode)?.status;
  return status === 'aktiv' || status === 'beendet' || status === 'abgelehnt' ? status : 'other';
}
