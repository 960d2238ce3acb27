/**
 * What a team lead should see about their FM team, as findings with a stable key (what each is about): intake
 * deadlines at risk or missed (R4), overdue reviews and contacts, cases past their planned end or at 60 months
 * (R18, R19), FMs above 100 % (R4, R14) and, where the ratio is a floor, below it on the yearly average (R14),
 * FMs and the team below the R16 contact share, U25 transfers not flagged in time (R10), follow-ups missed
 * (R27), supervision sample cases not yet reviewed (R34), open escalations, and the lead's own team duties that
 * are due (R28–R32). Case codes, names and counts only: no client references. The daily overview
 * (jobs/leadDigest.ts) shows what changed; `/fm team` shows them all.
 */
import type { CommandDeps } from './context.js';
import { readDue, toCaseClock, CLOCK_STATUSES, type DueReader } from './clocks.js';
import { openDutiesFor } from './duties.js';
import { missedFollowups, transitionFindings } from './findings.js';
import { openSampleItems } from './supervision.js';
import { pendingReturnsOf } from './returns.js';
import { returnTexts as R } from '../i18n/returns.js';
import { caseloadRatio, type Team } from '../config/org.js';
import { addMonths, contactShare, LIMIT_WITH_CONSENT_MONTHS } from '../domain/due.js';
import { averageCaseload } from '../domain/caseload.js';
import { addDays, formatGermanDate, type LocalDate } from '../domain/time.js';
import { leadDigestTexts as L, type LeadFindingKind } from '../i18n/leadDigest.js';
import { pingTexts as T } from '../i18n/pings.js';
import type { CaseWithContacts } from '../store/ports.js';

export interface LeadFinding {
  kind: LeadFindingKind;
  /** What the finding is about: a case code, a person id, or the team. Unique per kind. */
  subject: string;
  /** Its state in words (e.g. "Anna: 4 von 6"); a change of it makes the finding new again. */
  detail?: string;
}

type Deps = Pick<CommandDeps, 'org' | 'store' | 'calendar'>;

/** "At risk": the intake deadline falls within this many working days. */
const AT_RISK_WORKING_DAYS = 3;

/** Everything `leadId` should see about `team` on `today`: the team's findings and, once, the lead's duties. */
export function leadFindings(deps: Deps, team: Team, leadId: string, today: LocalDate): LeadFinding[] {
  return [...teamFindings(deps, readDue(deps, today), team, today), ...ownDutyFindings(deps, team, leadId, today)];
}

/** R28–R32: the lead's own open duties, shown with the first FM team they lead (not once per team). */
export function ownDutyFindings(deps: Deps, team: Team, leadId: string, today: LocalDate): LeadFinding[] {
  return firstTeamOf(deps, leadId) === team.id ? dutyFindings(deps, leadId, today) : [];
}

function firstTeamOf(ctx: Deps, personId: string): string | undefined {
  return ctx.org.org.teams.find((t) => t.kind !== 'mi' && ctx.org.leadsOf(t).some((p) => p.id === personId))?.id;
}

/** R28–R32: each open duty once per due date: a duty recorded and due again is new again. */
export function dutyFindings(ctx: Deps, personId: string, today: LocalDate): LeadFinding[] {
  return openDutiesFor(ctx, personId, today).map((d) => ({
    kind: 'duty',
    subject: `${d.kind}:${d.subject}`,
    detail: L.duty(L.dutyLabels[d.kind], d.partnerName === undefined ? d.subjectName : `${d.subjectName} – ${d.partnerName}`, formatGermanDate(d.dueOn), d.rule),
  }));
}

/** Findings as lines, grouped by kind in a fixed order: the case codes of a kind on one line. */
export function findingLines(ctx: Pick<CommandDeps, 'org'>, fresh: readonly LeadFinding[]): string[] {
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
  push('return-pending', R.digestLine);
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

const nameOf = (ctx: Pick<CommandDeps, 'org'>, personId: string): string => ctx.org.person(personId)?.name ?? personId;

/** The team's findings on `today`, the same for each of its leads. */
export function teamFindings(ctx: Deps, reader: DueReader, team: Team, today: LocalDate): LeadFinding[] {
  const result: LeadFinding[] = [];
  const cases = ctx.store.cases.clocks({ statuses: CLOCK_STATUSES, receivingTeamIds: [team.id] }, today);

  // R4: intake deadlines missed or within three working days.
  const open = cases.filter((c) => c.status === 'vorgemerkt' || c.status === 'zugewiesen');
  const riskUntil = ctx.calendar.addWorkingDays(today, AT_RISK_WORKING_DAYS);
  for (const c of open) {
    if (c.intakeDeadline < today) result.push({ kind: 'intake-missed', subject: c.caseCode });
    else if (c.intakeDeadline <= riskUntil) result.push({ kind: 'intake-at-risk', subject: c.caseCode });
  }

  // R13/R16, R20: contacts and reviews overdue.
  for (const { item } of reader.until(cases, today)) {
    if (item.dueOn >= today) continue;
    if (item.kind === 'contact') result.push({ kind: 'overdue-contact', subject: item.caseCode });
    if (item.kind === 'review') result.push({ kind: 'overdue-review', subject: item.caseCode });
  }

  // R18/R19: past the planned end with neither an extension requested nor an exit; at 60 months nothing more.
  const active = cases.filter((c) => c.status === 'aktiv');
  for (const c of active) {
    if (c.intakeOn !== undefined && addMonths(c.intakeOn, LIMIT_WITH_CONSENT_MONTHS) <= today) {
      result.push({ kind: 'limit-60', subject: c.caseCode });
    } else if (c.plannedEndOn !== undefined && c.plannedEndOn < today && !ctx.store.extensions.pendingFor(c.caseCode)) {
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
  if (team.caseloadFloor === true) result.push(...floorFindings(ctx, team, today));

  // R16: the 90 % share per FM and for the team.
  result.push(...contactShareFindings(ctx, reader, team, active, today));

  // R10: U25 clients not flagged for the transfer three months ahead, or past the 25th birthday month.
  const transitions = transitionFindings(ctx, team.id, today);
  for (const code of transitions.late) result.push({ kind: 'transition-late', subject: code });
  for (const code of transitions.overdue) result.push({ kind: 'transition-overdue', subject: code });

  // R27: follow-ups whose window passed without a result.
  for (const f of missedFollowups(ctx, team.id, today)) result.push({ kind: 'followup-missed', subject: `${f.caseCode}:${f.months}` });

  // R34: supervision sample cases drawn and not yet reviewed.
  for (const code of openSampleItems(ctx, team.id)) result.push({ kind: 'sample', subject: code });

  // R26: planned exits still waiting for the return talk.
  for (const r of pendingReturnsOf(ctx, team.id)) result.push({ kind: 'return-pending', subject: r.caseCode });

  // Escalations waiting for the team's leads.
  for (const e of ctx.store.escalations.listOpen()) if (e.teamId === team.id) result.push({ kind: 'escalations', subject: String(e.id) });
  return result;
}

/** R14 where the ratio is a floor: FMs whose caseload averaged over the last 12 months stays below capacity. */
function floorFindings(ctx: Deps, team: Team, today: LocalDate): LeadFinding[] {
  const first = addDays(today, -364);
  const everAssigned = ctx.store.cases.list({ statuses: ['zugewiesen', 'aktiv', 'beendet'], receivingTeamIds: [team.id] });
  const result: LeadFinding[] = [];
  for (const fm of ctx.org.membersOf(team).filter((p) => p.roles.includes('fm'))) {
    const periods = everAssigned
      .filter((c) => c.assignedFmId === fm.id && c.assignedAt !== undefined)
      .map((c) => ({ from: ctx.calendar.today(c.assignedAt!), ...(c.endedOn === undefined ? {} : { to: c.endedOn }) }));
    const average = averageCaseload(periods, first, today);
    const capacity = caseloadRatio(team) * fm.fte;
    if (average < capacity) {
      result.push({ kind: 'under-floor', subject: fm.id, detail: L.underFloor(fm.name, Math.round(average), Math.round(capacity)) });
    }
  }
  return result;
}

function contactShareFindings(ctx: Deps, reader: DueReader, team: Team, active: CaseWithContacts[], today: LocalDate): LeadFinding[] {
  const policy = reader.policy;
  const result: LeadFinding[] = [];
  const share = (of: CaseWithContacts[]) => contactShare(of.map((c) => toCaseClock(c, reader.transfers)), policy, today);
  const percent = (s: { share: number }) => `${Math.round(s.share * 100)} %`;
  for (const fm of ctx.org.membersOf(team).filter((p) => p.roles.includes('fm'))) {
    const own = share(active.filter((c) => c.assignedFmId === fm.id));
    if (!own.ok) result.push({ kind: 'fm-share', subject: fm.id, detail: L.fmShare(fm.name, own.met, own.total, percent(own)) });
  }
  const all = share(active);
  if (!all.ok) result.push({ kind: 'team-share', subject: team.id, detail: T.leadContactShare(all.met, all.total, percent(all)) });
  return result;
}
