/**
 * What a team lead must hear about beyond single due items: U25 clients not flagged for the transfer in time
 * (R10) and follow-ups after a successful exit whose window passed without a result (R27). Case codes and
 * dates only — these go to the team-lead digest, never client references.
 */
import type { CommandDeps } from './context.js';
import { missedFollowupsOf, transitionStage, u25TransitionOn, type FollowupMonths } from '../domain/due.js';
import type { LocalDate } from '../domain/time.js';

/** R10 for the lead of a U25 team: case codes by code, each case in one list. */
export interface TransitionFindings {
  /** Not flagged although the last day to flag in time (three months before the 25th-birthday month) has passed. */
  late: string[];
  /** Past the month of the 25th birthday and still not flagged. */
  overdue: string[];
}

/**
 * R10: the team's active U25 cases without a transfer under way (`/fm uebergang`) that are late — the last
 * day to flag in time has passed — or overdue — the 25th-birthday month is over. A case whose transfer was
 * declined by the Ü25 FM counts again, since no transfer is under way then.
 */
export function transitionFindings(deps: Pick<CommandDeps, 'store'>, teamId: string, today: LocalDate): TransitionFindings {
  const started = deps.store.cases.transfersStarted();
  const findings: TransitionFindings = { late: [], overdue: [] };
  for (const c of deps.store.cases.list({ statuses: ['aktiv'], receivingTeamIds: [teamId] })) {
    if (c.group !== 'u25' || c.u25Until === undefined || started.has(c.caseCode)) continue;
    if (today <= u25TransitionOn(c.u25Until)) continue;
    findings[transitionStage(c.u25Until, today) === 'overdue' ? 'overdue' : 'late'].push(c.caseCode);
  }
  return findings;
}

/** R27: one follow-up whose four-week window passed without a recorded result. */
export interface MissedFollowup {
  caseCode: string;
  months: FollowupMonths;
  /** The follow-up's date (6, 12 or 24 months after the exit). */
  ruleOn: LocalDate;
  /** The last day of its window. */
  lastOn: LocalDate;
  /** The FM of the ended case. */
  fmId?: string;
}

/**
 * R27: the follow-ups of the team's successfully ended cases that are missed on `today` — their window of
 * four weeks is over and no result is recorded — oldest window first. Recording a result later, even
 * `ergebnis=unbekannt`, takes one off the list.
 */
export function missedFollowups(deps: Pick<CommandDeps, 'store'>, teamId: string, today: LocalDate): MissedFollowup[] {
  const done = deps.store.followups.doneByCase();
  const missed: MissedFollowup[] = [];
  for (const c of deps.store.cases.list({ statuses: ['beendet'], receivingTeamIds: [teamId] })) {
    const followupsDone = done.get(c.caseCode) ?? [];
    for (const f of missedFollowupsOf({ ...c, followupsDone }, today)) {
      missed.push({ caseCode: c.caseCode, ...f, ...(c.assignedFmId !== undefined && { fmId: c.assignedFmId }) });
    }
  }
  return missed.sort((a, b) => a.lastOn.localeCompare(b.lastOn) || a.caseCode.localeCompare(b.caseCode));
}
