/**
 * 07:45 on working days: per FM team lead and team, what needs their eye — intake deadlines at risk or
 * missed (R4), overdue reviews and contacts, FMs above 100 % (R4, R14), the R16 contact share. Case codes
 * and counts only: no client references.
 */
import { toCaseClock } from '../src/services/clocks.js';
import { caseloadRatio, type Team } from '../src/config/org.js';
import { contactShare } from '../src/domain/due.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { heading, list, message, text } from '../src/messaging/reply.js';
import { CLOCK_STATUSES, TIMES, dueReader, isPingTime, todayText, type DueReader } from './shared.js';
import type { Job, JobContext } from './types.js';

/** "At risk": the intake deadline falls within this many working days. */
const AT_RISK_WORKING_DAYS = 3;

export const leadDigest: Job = {
  name: 'lead-digest',
  run(ctx) {
    if (!isPingTime(ctx, TIMES.leadDigest)) return 0;
    let queued = 0;
    const due = dueReader(ctx);
    for (const team of ctx.org.org.teams) {
      if (team.kind === 'mi') continue;
      const lines = findings(ctx, due, team);
      if (lines.length === 0) continue;
      const title = T.leadHeading(team.name, todayText(ctx.today));
      for (const lead of ctx.org.leadsOf(team)) {
        const added = ctx.store.outbox.enqueue({
          dedupeKey: `ping.lead:${lead.id}:${team.id}:${ctx.today}`,
          target: { kind: 'direct', personId: lead.id },
          message: message(T.leadSummary(team.name), heading(title), list(lines)),
          createdAt: ctx.now,
        });
        if (added) queued++;
      }
    }
    return queued;
  },
};

function findings(ctx: JobContext, reader: DueReader, team: Team): string[] {
  const lines: string[] = [];
  const cases = ctx.store.cases.clocks({ statuses: CLOCK_STATUSES, receivingTeamIds: [team.id] }, ctx.today);

  const open = cases.filter((c) => c.status === 'vorgemerkt' || c.status === 'zugewiesen');
  const riskUntil = ctx.calendar.addWorkingDays(ctx.today, AT_RISK_WORKING_DAYS);
  const missed = open.filter((c) => c.intakeDeadline < ctx.today).map((c) => c.caseCode);
  const atRisk = open.filter((c) => c.intakeDeadline >= ctx.today && c.intakeDeadline <= riskUntil).map((c) => c.caseCode);
  if (missed.length) lines.push(T.leadIntakeMissed(missed));
  if (atRisk.length) lines.push(T.leadIntakeAtRisk(atRisk));

  const overdue = reader.until(cases, ctx.today).filter((d) => d.item.dueOn < ctx.today);
  for (const kind of ['contact', 'review'] as const) {
    const codes = overdue.filter((d) => d.item.kind === kind).map((d) => d.item.caseCode);
    if (codes.length) lines.push(T.leadOverdue(T.dueLabel(kind), codes));
  }

  const caseloads = ctx.store.cases.caseloads();
  for (const fm of ctx.org.membersOf(team).filter((p) => p.roles.includes('fm'))) {
    const utilisation = (caseloads.get(fm.id) ?? 0) / (caseloadRatio(team) * fm.fte);
    if (utilisation > 1) lines.push(T.leadOverCapacity(fm.name, `${Math.round(utilisation * 100)} %`));
  }

  const escalations = ctx.store.escalations.listOpen().filter((e) => e.teamId === team.id);
  if (escalations.length) lines.push(T.leadEscalations(escalations.length));

  const share = contactShare(
    cases.filter((c) => c.status === 'aktiv').map((c) => toCaseClock(c, reader.transfers)),
    reader.policy,
    ctx.today,
  );
  if (!share.ok) lines.push(T.leadContactShare(share.met, share.total, `${Math.round(share.share * 100)} %`));
  return lines;
}
