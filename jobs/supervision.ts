/**
 * R34: once a month (the first working day, or the next run after it), a random sample of each FM
 * team's active cases goes to the team lead for review. The draw is seeded by team and month, so a
 * repeated run draws the same cases and the outbox sends it once.
 */
import { createHash } from 'node:crypto';
import { formatGermanDate } from '../src/domain/time.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { heading, message, text } from '../src/messaging/reply.js';
import { TIMES, isPingTime } from './shared.js';
import type { Job } from './types.js';

/** How many cases per team and month: 5 %, at least 1, at most 5. */
export function sampleSize(active: number): number {
  return Math.min(active, Math.max(1, Math.min(5, Math.ceil(active * 0.05))));
}

export const supervision: Job = {
  name: 'supervision-sample',
  run(ctx) {
    if (!isPingTime(ctx, TIMES.duties)) return 0;
    const month = ctx.today.slice(0, 7);
    if (ctx.today < ctx.calendar.workingDayOnOrAfter(`${month}-01`)) return 0;
    let queued = 0;
    for (const team of ctx.org.org.teams) {
      if (team.kind === 'mi') continue;
      const active = ctx.store.cases.list({ statuses: ['aktiv'], receivingTeamIds: [team.id] }).map((c) => c.caseCode);
      if (active.length === 0) continue;
      const drawn = draw(active, sampleSize(active.length), `${team.id}:${month}`).sort();
      const title = T.supervisionHeading(team.name, formatGermanDate(`${month}-01`).slice(3));
      for (const lead of ctx.org.leadsOf(team)) {
        const added = ctx.store.outbox.enqueue({
          dedupeKey: `ping.supervision:${team.id}:${month}:${lead.id}`,
          target: { kind: 'direct', personId: lead.id },
          message: message(title, heading(title), text(T.supervisionText(drawn))),
          createdAt: ctx.now,
        });
        if (added) queued++;
      }
    }
    return queued;
  },
};

/** A random sample without replacement, reproducible for the same seed (partial Fisher–Yates). */
function draw(items: string[], count: number, seed: string): string[] {
  const pool = [...items];
  let state = createHash('sha256').update(seed).digest();
  for (let i = 0; i < count; i++) {
    if (state.length < 4) state = createHash('sha256').update(state).digest();
    const j = i + (state.readUInt32BE(0) % (pool.length - i));
    state = state.subarray(4);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}
