/**
 * Each person's own overview (the Slack App Home, refreshed when opened and after their own changes): an FM sees
 * today's and this week's due items with the digest's buttons and the caseload against capacity (R13/R14); a team
 * lead the team's figures of the last full month (R35), open escalations, intake deadlines at risk (R4) and pending
 * returns (R25); the office lead the figures of the office's FM teams ("< 3" rule); an IFK their referrals and where
 * each stands (case codes only). Private to the person.
 */
import { fmDueMessage } from '../../jobs/fmDigest.js';
import { caseloadRatio, type Person, type Team } from '../config/org.js';
import { OPEN_STATUSES } from '../domain/vocabulary.js';
import { formatGermanDate, type LocalDate } from '../domain/time.js';
import { statusLabel } from '../i18n/cases.js';
import { homeTexts as T, figureLabel } from '../i18n/controlling.js';
import { facts, heading, list, message, text, type Block, type Message } from '../messaging/reply.js';
import { figureTeams, shownValue, type TeamView } from '../services/controlling/audience.js';
import { computeFigures, defaultMonths, type FigureKey } from '../services/controlling/figures.js';
import type { CommandDeps } from '../services/context.js';

/** The month figures on a lead's home. */
const HOME_FIGURES: readonly FigureKey[] = ['vormerkungen', 'uebernahmen', 'uebernahmen.fristgerecht', 'abgaenge', 'bestand', 'auslastung', 'kontakte.mindestmass'];
/** Intake deadlines this many working days ahead (or passed) are at risk. */
const AT_RISK_WORKING_DAYS = 3;
/** Longest list on the home per section (Slack allows 100 blocks in a view). */
const MAX_LINES = 15;

const percent = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 });

export function homeMessage(deps: CommandDeps, person: Person): Message {
  const today = deps.calendar.today(deps.clock.now());
  const blocks: Block[] = [heading(T.heading(person.name, formatGermanDate(today)))];
  if (person.roles.includes('fm')) blocks.push(...fmBlocks(deps, person, today));
  const views = figureTeams(deps, person);
  if (views.length) blocks.push(...leadBlocks(deps, views, today));
  if (person.roles.includes('ifk')) blocks.push(...ifkBlocks(deps, person));
  if (blocks.length === 1) blocks.push(text(T.other));
  return message(T.summary(person.name), ...blocks);
}

const capped = (lines: string[]): string[] => (lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), T.more(lines.length - MAX_LINES)] : lines);

function fmBlocks(deps: CommandDeps, fm: Person, today: LocalDate): Block[] {
  const due = fmDueMessage({ ...deps, now: deps.clock.now(), today }, fm);
  const team = fm.team ? deps.org.team(fm.team) : undefined;
  const blocks: Block[] = [heading(T.dueHeading), ...(due ? due.blocks.slice(1) : [text(T.nothingDue)])];
  if (team && team.kind !== 'mi') {
    const capacity = caseloadRatio(team) * fm.fte; // R14
    const load = deps.store.cases.caseloads().get(fm.id) ?? 0;
    blocks.push(heading(T.caseloadHeading), text(T.caseload(load, String(capacity), capacity > 0 ? percent.format(load / capacity) : '–')));
  }
  return blocks;
}

function leadBlocks(deps: CommandDeps, views: TeamView[], today: LocalDate): Block[] {
  const month = defaultMonths(today).to;
  const figures = computeFigures(deps, views.map((v) => v.team), month, month);
  const open = deps.store.escalations.listOpen();
  return views.flatMap((view) => {
    const mine = figures.filter((f) => f.teamId === view.team.id && f.fmId === undefined);
    const rows = HOME_FIGURES.map((key): [string, string] => {
      const figure = mine.find((f) => f.key === key);
      return [figureLabel(key), figure ? shownValue(figure, !view.ownLead) : '–'];
    });
    const blocks: Block[] = [heading(T.teamHeading(view.team.name, month)), facts(...rows)];
    // Case codes only from here on, and only for the team's own leads.
    if (view.ownLead) blocks.push(...ownTeamBlocks(deps, view.team, open, today));
    return blocks;
  });
}

function ownTeamBlocks(deps: CommandDeps, team: Team, open: ReturnType<CommandDeps['store']['escalations']['listOpen']>, today: LocalDate): Block[] {
  const mine = open.filter((e) => e.teamId === team.id);
  const since = (at: number) => formatGermanDate(deps.calendar.today(at));
  const escalations = mine.map((e) => T.escalation(e.caseCode, T.escalationKinds[e.kind] ?? e.kind, since(e.raisedAt)));
  // Planned exits of the team's cases waiting for the return talk (R26) or, objected, for the two leads (R25).
  const returns = deps.store.returns
    .listOpen()
    .filter((r) => deps.store.cases.byCode(r.caseCode)?.receivingTeamId === team.id)
    .map((r) => T.pendingReturn(r.caseCode, since(r.plannedAt), r.status === 'objected'));
  const limit = deps.calendar.addWorkingDays(today, AT_RISK_WORKING_DAYS);
  const atRisk = deps.store.cases
    .openReferrals({ receivingTeamIds: [team.id] })
    .filter((r) => r.intakeDeadline <= limit)
    .map((r) => T.deadline(r.caseCode, formatGermanDate(r.intakeDeadline), r.intakeDeadline < today));
  const section = (title: string, lines: string[], none: string): Block[] => [heading(title), lines.length ? list(capped(lines)) : text(none)];
  return [
    ...section(T.escalationsHeading, escalations, T.noEscalations),
    ...section(T.deadlinesHeading, atRisk, T.noDeadlines),
    ...section(T.returnsHeading, returns, T.noReturns),
  ];
}

function ifkBlocks(deps: CommandDeps, ifk: Person): Block[] {
  const mine = deps.store.cases
    .list({ statuses: [...OPEN_STATUSES, 'abgelehnt'] })
    .filter((c) => c.referringPersonId === ifk.id)
    .map((c) => {
      const detail =
        c.status === 'vorgemerkt' || c.status === 'zugewiesen'
          ? T.deadlineDetail(formatGermanDate(c.intakeDeadline))
          : c.intakeOn
            ? T.intakeDetail(formatGermanDate(c.intakeOn))
            : '';
      return T.referral(c.caseCode, statusLabel(c.status), detail);
    });
  return [heading(T.referralsHeading), mine.length ? list(capped(mine)) : text(T.noReferrals)];
}
