/**
 * 07:45 on working days: per FM team lead and team, what needs their eye — intake deadlines at risk or
 * missed (R4), overdue reviews and contacts, cases past their planned end or at 60 months (R18, R19), FMs
 * above 100 % (R4, R14) and, where the ratio is a floor, below it on the yearly average (R14), FMs and the
 * team below the R16 contact share, U25 transfers not flagged in time (R10), follow-ups missed (R27),
 * supervision sample cases not yet reviewed (R34), open escalations, and the
 * lead's own team duties that are due (R28–R32). Case codes, names
 * and counts only: no client references.
 *
 * Worth reading: what is new or changed since the last overview comes first, in full; what stands unchanged
 * is counted, with `/fm team` for the details; on a day when nothing changed no overview goes out, except a
 * summary on the first working day of the week — so nobody gets the identical message two days in a row.
 */
import { toCaseClock } from '../src/services/clocks.js';
import { openDutiesFor } from '../src/services/duties.js';
import { missedFollowups, transitionFindings } from '../src/services/findings.js';
import { openSampleItems } from '../src/services/supervision.js';
import { caseloadRatio, type Team } from '../src/config/org.js';
import { addMonths, contactShare, LIMIT_WITH_CONSENT_MONTHS } from '../src/domain/due.js';
import { averageCaseload } from '../src/domain/caseload.js';
import { addDays, formatGermanDate } from '../src/domain/time.js';
import { leadDigestTexts as L } from '../src/i18n/leadDigest.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { heading, list, message, text, type Block } from '../src/messaging/reply.js';
import type { CaseWithContacts } from '../src/store/ports.js';
import { planLeadDigest, snapshotOf, standingParts, worthSending, type LeadFinding } from './leadDigestCompose.js';
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
    const weekStart = isFirstWorkingDayOfWeek(ctx);
    for (const team of ctx.org.org.teams) {
      if (team.kind === 'mi') continue;
      const found = findings(ctx, due, team);
      for (const lead of ctx.org.leadsOf(team)) {
        // R28–R32: the lead's own open duties, in the overview of the first FM team they lead.
        const own = firstTeamOf(ctx, lead.id) === team.id ? dutyFindings(ctx, lead.id) : [];
        // Compared with the overview of the last working day before today; a second run the same day finds
        // today's snapshot kept from the first run (recorded once) and the message queued once (dedupe key).
        const all = [...found, ...own];
        const plan = planLeadDigest(all, ctx.store.leadDigests.lastBefore(lead.id, team.id, ctx.today));
        ctx.store.transaction(() => {
          ctx.store.leadDigests.record(lead.id, team.id, ctx.today, snapshotOf(all));
          if (!worthSending(plan, weekStart)) return;
          const added = ctx.store.outbox.enqueue({
            dedupeKey: `ping.lead:${lead.id}:${team.id}:${ctx.today}`,
            target: { kind: 'direct', personId: lead.id },
            message: render(ctx, team, plan, weekStart),
            createdAt: ctx.now,
          });
          if (added) queued++;
        });
      }
    }
    return queued;
  },
};

function firstTeamOf(ctx: JobContext, personId: string): string | undefined {
  return ctx.org.org.teams.find((t) => t.kind !== 'mi' && ctx.org.leadsOf(t).some((p) => p.id === personId))?.id;
}

/** Each open duty once per due date: a duty recorded and due again is new again. */
function dutyFindings(ctx: JobContext, personId: string): LeadFinding[] {
  return openDutiesFor(ctx, personId, ctx.today).map((d) => ({
    kind: 'duty',
    subject: `${d.kind}:${d.subject}`,
    detail: L.duty(L.dutyLabels[d.kind], d.partnerName === undefined ? d.subjectName : `${d.subjectName} – ${d.partnerName}`, formatGermanDate(d.dueOn), d.rule),
  }));
}

function isFirstWorkingDayOfWeek(ctx: JobContext): boolean {
  for (let day = addDays(ctx.today, -1); isoWeekdayOf(day) < isoWeekdayOf(ctx.today); day = addDays(day, -1)) {
    if (ctx.calendar.isWorkingDay(day)) return false;
  }
  return true;
}

function isoWeekdayOf(day: string): number {
  const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
  return dow === 0 ? 7 : dow;
}

function render(ctx: JobContext, team: Team, plan: ReturnType<typeof planLeadDigest>, weekStart: boolean) {
  const blocks: Block[] = [heading(T.leadHeading(team.name, todayText(ctx.today)))];
  if (plan.fresh.length > 0) blocks.push(heading(L.newHeading), list(lines(ctx, plan.fresh)));
  if (plan.standing.length > 0) {
    blocks.push(heading(L.standingHeading));
    if (weekStart && plan.fresh.length === 0 && plan.resolved === 0) blocks.push(text(L.weekStart));
    blocks.push(text(L.standingLine(standingParts(plan.standing))));
  }
  if (plan.resolved > 0) blocks.push(text(L.resolved(plan.resolved)));
  return message(T.leadSummary(team.name), ...blocks);
}

/** The fresh findings as lines, grouped by kind in a fixed order: case codes of a kind on one line. */
function lines(ctx: JobContext, fresh: readonly LeadFinding[]): string[] {
  const codes = (kind: LeadFinding['kind']) => fresh.filter((f) => f.kind === kind).map((f) => f.subject);
  const result: string[] = [];
  const push = (kind: LeadFinding['kind'], line: (c: string[]) => string) => {
    const found = codes(kind);
    if (found.length) result.push(line(found));
  };
  push('intake-missed', T.leadIntakeMissed);
  push('intake-at-risk', T.leadIntakeAtRisk);
  push('overdue-contact', (c) => T.leadOverdue(T.dueLabel('contact'), c));
  push('overdue-review', (c) => T.leadOverdue(T.dueLabel('review'), c));
  push('past-end', L.pastEnd);
  push('limit-60', L.limit60);
  push('transition-late', T.leadTransitionLate);
  push('transition-overdue', T.leadTransitionOverdue);
  push('followup-missed', (subjects) => T.leadFollowupsMissed(subjects.map(followupItem)));
  push('sample', L.sample);
  for (const f of fresh) if (f.kind === 'over-capacity') result.push(T.leadOverCapacity(nameOf(ctx, f.subject), f.detail ?? ''));
  for (const f of fresh) if (f.kind === 'duty') result.push(f.detail ?? '');
  for (const f of fresh) if (f.kind === 'under-floor') result.push(f.detail ?? '');
  for (const f of fresh) if (f.kind === 'fm-share') result.push(f.detail ?? '');
  for (const f of fresh) if (f.kind === 'team-share') result.push(f.detail ?? '');
  const escalations = codes('escalations').length;
  if (escalations) result.push(T.leadEscalations(escalations));
  return result;
}

/** "FM-2026-0001:12" → "FM-2026-0001 (12 Monate)". */
function followupItem(subject: string): string {
  const [code = subject, months = ''] = subject.split(':');
  return T.leadFollowupItem(code, Number(months));
}

const nameOf = (ctx: JobContext, personId: string): string => ctx.org.person(personId)?.name ?? personId;

/** Everything the lead of `team` should see today, each with a stable key. */
export function findings(ctx: JobContext, reader: DueReader, team: Team): LeadFinding[] {
  const result: LeadFinding[] = [];
  const cases = ctx.store.cases.clocks({ statuses: CLOCK_STATUSES, receivingTeamIds: [team.id] }, ctx.today);

  // R4: intake deadlines missed or within three working days.
  const open = cases.filter((c) => c.status === 'vorgemerkt' || c.status === 'zugewiesen');
  const riskUntil = ctx.calendar.addWorkingDays(ctx.today, AT_RISK_WORKING_DAYS);
  for (const c of open) {
    if (c.intakeDeadline < ctx.today) result.push({ kind: 'intake-missed', subject: c.caseCode });
    else if (c.intakeDeadline <= riskUntil) result.push({ kind: 'intake-at-risk', subject: c.caseCode });
  }

  // R13/R16, R20: contacts and reviews overdue.
  for (const { item } of reader.until(cases, ctx.today)) {
    if (item.dueOn >= ctx.today) continue;
    if (item.kind === 'contact') result.push({ kind: 'overdue-contact', subject: item.caseCode });
    if (item.kind === 'review') result.push({ kind: 'overdue-review', subject: item.caseCode });
  }

  // R18/R19: past the planned end with neither an extension requested nor an exit; at 60 months nothing more.
  const active = cases.filter((c) => c.status === 'aktiv');
  for (const c of active) {
    if (c.intakeOn !== undefined && addMonths(c.intakeOn, LIMIT_WITH_CONSENT_MONTHS) <= ctx.today) {
      result.push({ kind: 'limit-60', subject: c.caseCode });
    } else if (c.plannedEndOn !== undefined && c.plannedEndOn < ctx.today && !ctx.store.extensions.pendingFor(c.caseCode)) {
      result.push({ kind: 'past-end', subject: c.caseCode });
    }
  }

  // R4, R14: FMs above their individual capacity.
  const caseloads = ctx.store.cases.caseloads();
  const fms = ctx.org.membersOf(team).filter((p) => p.roles.includes('fm'));
  for (const fm of fms) {
    const utilisation = (caseloads.get(fm.id) ?? 0) / (caseloadRatio(team) * fm.fte);
    if (utilisation > 1) result.push({ kind: 'over-capacity', subject: fm.id, detail: `${Math.round(utilisation * 100)} %` });
  }
  if (team.caseloadFloor === true) result.push(...floorFindings(ctx, team));

  // R16: the 90 % share per FM and for the team.
  result.push(...contactShareFindings(ctx, reader, team, active));

  // R10: U25 clients not flagged for the transfer three months ahead, or past the 25th birthday month.
  const transitions = transitionFindings(ctx, team.id, ctx.today);
  for (const code of transitions.late) result.push({ kind: 'transition-late', subject: code });
  for (const code of transitions.overdue) result.push({ kind: 'transition-overdue', subject: code });

  // R27: follow-ups whose window passed without a result.
  for (const f of missedFollowups(ctx, team.id, ctx.today)) result.push({ kind: 'followup-missed', subject: `${f.caseCode}:${f.months}` });

  // R34: supervision sample cases drawn and not yet reviewed.
  for (const code of openSampleItems(ctx, team.id)) result.push({ kind: 'sample', subject: code });

  // Escalations waiting for the team's leads.
  for (const e of ctx.store.escalations.listOpen()) if (e.teamId === team.id) result.push({ kind: 'escalations', subject: String(e.id) });
  return result;
}

/** R14 where the ratio is a floor: FMs whose caseload averaged over the last 12 months stays below capacity. */
function floorFindings(ctx: JobContext, team: Team): LeadFinding[] {
  const first = addDays(ctx.today, -364);
  const everAssigned = ctx.store.cases.list({ statuses: ['zugewiesen', 'aktiv', 'beendet'], receivingTeamIds: [team.id] });
  const result: LeadFinding[] = [];
  for (const fm of ctx.org.membersOf(team).filter((p) => p.roles.includes('fm'))) {
    const periods = everAssigned
      .filter((c) => c.assignedFmId === fm.id && c.assignedAt !== undefined)
      .map((c) => ({ from: ctx.calendar.today(c.assignedAt!), ...(c.endedOn === undefined ? {} : { to: c.endedOn }) }));
    const average = averageCaseload(periods, first, ctx.today);
    const capacity = caseloadRatio(team) * fm.fte;
    if (average < capacity) {
      result.push({ kind: 'under-floor', subject: fm.id, detail: L.underFloor(fm.name, Math.round(average), Math.round(capacity)) });
    }
  }
  return result;
}

function contactShareFindings(ctx: JobContext, reader: DueReader, team: Team, active: CaseWithContacts[]): LeadFinding[] {
  const policy = reader.policy;
  const result: LeadFinding[] = [];
  const share = (of: CaseWithContacts[]) => contactShare(of.map((c) => toCaseClock(c, reader.transfers)), policy, ctx.today);
  const percent = (s: { share: number }) => `${Math.round(s.share * 100)} %`;
  for (const fm of ctx.org.membersOf(team).filter((p) => p.roles.includes('fm'))) {
    const own = share(active.filter((c) => c.assignedFmId === fm.id));
    if (!own.ok) result.push({ kind: 'fm-share', subject: fm.id, detail: L.fmShare(fm.name, own.met, own.total, percent(own)) });
  }
  const all = share(active);
  if (!all.ok) result.push({ kind: 'team-share', subject: team.id, detail: T.leadContactShare(all.met, all.total, percent(all)) });
  return result;
}
