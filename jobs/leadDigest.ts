/**
 * 07:45 on working days: per FM team lead and team, what needs their eye (src/services/leadFindings.ts:
 * deadlines, overdue items, capacity, contact share, transfers, follow-ups, the sample, escalations, duties).
 * Case codes, names and counts only: no client references.
 *
 * Worth reading: what is new or changed since the last overview comes first, in full; what stands unchanged
 * is counted, with `/fm team` for the details; on a day when nothing changed no overview goes out, except a
 * summary on the first working day of the week — so nobody gets the identical message two days in a row.
 */
import { dutyFindings, findingLines, ownDutyFindings, teamFindings, type LeadFinding } from '../src/services/leadFindings.js';
import { addDays, isoWeekday } from '../src/domain/time.js';
import { leadDigestTexts as L } from '../src/i18n/leadDigest.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { heading, list, message, text, type Block } from '../src/messaging/reply.js';
import { planLeadDigest, snapshotOf, standingParts, worthSending } from './leadDigestCompose.js';
import { TIMES, dueReader, isPingTime, todayText } from './shared.js';
import type { Job, JobContext } from './types.js';

export const leadDigest: Job = {
  name: 'lead-digest',
  run(ctx) {
    if (!isPingTime(ctx, TIMES.leadDigest)) return 0;
    let queued = 0;
    const due = dueReader(ctx);
    const weekStart = isFirstWorkingDayOfWeek(ctx);
    for (const team of ctx.org.org.teams) {
      if (team.kind === 'mi') continue;
      const found = teamFindings(ctx, due, team, ctx.today);
      for (const lead of ctx.org.leadsOf(team)) {
        const all = [...found, ...ownDutyFindings(ctx, team, lead.id, ctx.today)];
        if (overview(ctx, lead.id, team.id, T.leadHeading(team.name, todayText(ctx.today)), team.name, all, weekStart)) queued++;
      }
    }
    // R28: the office lead's own overview holds the office's FM team meeting (and any other duty they are told of).
    const teamLeads = new Set(ctx.org.org.teams.flatMap((t) => ctx.org.leadsOf(t).map((p) => p.id)));
    for (const office of ctx.org.org.offices) {
      for (const leadId of office.leads) {
        if (teamLeads.has(leadId)) continue; // their team overview has their duties already
        const title = L.officeHeading(office.name, todayText(ctx.today));
        if (overview(ctx, leadId, office.id, title, office.name, dutyFindings(ctx, leadId, ctx.today), weekStart)) queued++;
      }
    }
    return queued;
  },
};

/**
 * One lead's overview of one team (or office): compared with the last day's, decided once a day by the first run
 * from 07:45 on — what turns up later that day is new tomorrow, so snapshot and message always agree.
 */
function overview(ctx: JobContext, leadId: string, subjectId: string, title: string, name: string, findings: LeadFinding[], weekStart: boolean): boolean {
  const plan = planLeadDigest(findings, ctx.store.leadDigests.lastBefore(leadId, subjectId, ctx.today));
  return ctx.store.transaction(() => {
    if (!ctx.store.leadDigests.record(leadId, subjectId, ctx.today, snapshotOf(findings))) return false;
    if (!worthSending(plan, weekStart)) return false;
    return ctx.store.outbox.enqueue({
      dedupeKey: `ping.lead:${leadId}:${subjectId}:${ctx.today}`,
      target: { kind: 'direct', personId: leadId },
      message: render(ctx, title, name, plan, weekStart),
      createdAt: ctx.now,
    });
  });
}

function isFirstWorkingDayOfWeek(ctx: JobContext): boolean {
  for (let day = addDays(ctx.today, -1); isoWeekday(day) < isoWeekday(ctx.today); day = addDays(day, -1)) {
    if (ctx.calendar.isWorkingDay(day)) return false;
  }
  return true;
}

function render(ctx: JobContext, title: string, name: string, plan: ReturnType<typeof planLeadDigest>, weekStart: boolean) {
  const blocks: Block[] = [heading(title)];
  if (plan.fresh.length > 0) blocks.push(heading(L.newHeading), list(findingLines(ctx, plan.fresh)));
  if (plan.standing.length > 0) {
    blocks.push(heading(L.standingHeading));
    if (weekStart && plan.fresh.length === 0 && plan.resolved === 0) blocks.push(text(L.weekStart));
    blocks.push(text(L.standingLine(standingParts(plan.standing))));
  }
  if (plan.resolved > 0) blocks.push(text(L.resolved(plan.resolved)));
  return message(T.leadSummary(name), ...blocks);
}
