/**
 * /fm team — the FM team at a glance for its members and leads: per FM the caseload against the individual
 * capacity (ratio × FTE, R13/R14) and absences; then the team's open referrals (R4) and late intakes; for the
 * team's leads, every open point of their daily overview.
 * Private reply; case codes and client references are not needed here.
 */
import { caseloadRatio, type Person, type Team } from '../src/config/org.js';
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate, type LocalDate } from '../src/domain/time.js';
import { teamTexts as T } from '../src/i18n/cases.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, list, message, text, type Block } from '../src/messaging/reply.js';
import type { CaseStatus } from '../src/domain/vocabulary.js';
import type { Period } from '../src/domain/substitution.js';
import { findingLines, leadFindings } from '../src/services/leadFindings.js';
import { officeTeamsOf } from '../src/services/offices.js';
import { absencesOf } from '../src/services/people.js';
import { leadDigestTexts as L } from '../src/i18n/leadDigest.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

/** Statuses a case can have after its intake; a late intake stays counted when the case moves on. */
const AFTER_INTAKE: readonly CaseStatus[] = ['aktiv', 'strittig', 'beendet'];

const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 });

export const team: CommandDefinition = {
  name: 'team',
  roles: EVERYONE,
  helpOrder: 80,
  readOnly: true,
  help: commandHelp.team,
  teamsMenu: {
    team: { priority: 100, description: M.team },
    groupChat: { priority: 100, description: M.teamShort },
  },
  keys: ['team'],
  maxPositionals: 0,
  run(ctx, input) {
    const teams = visibleTeams(ctx);
    if (teams.length === 0) throw new UserError(T.notAllowed);
    const wanted = input.args.get('team')?.toLowerCase();
    const shown = wanted === undefined ? teams : teams.filter((t) => t.id.toLowerCase() === wanted);
    if (shown.length === 0) throw new UserError(T.unknownTeam(input.args.get('team')!, teams.map((t) => t.id)), 'team');

    const today = ctx.calendar.today(ctx.clock.now());
    const loads = ctx.store.cases.caseloads();
    const blocks = shown.flatMap((t, i) => [...(i > 0 ? [{ kind: 'divider' } as const] : []), ...teamBlocks(ctx, t, loads, today)]);
    return message(T.summary(shown.map((t) => t.name)), ...blocks);
  },
};

/** The FM teams the actor belongs to (as FM or team lead) or leads. */
function visibleTeams(ctx: CommandContext): Team[] {
  const { actor, org } = ctx;
  const ids = new Set<string>();
  const own = actor.team ? org.team(actor.team) : undefined;
  if (own && own.kind !== 'mi' && (actor.roles.includes('fm') || actor.roles.includes('teamlead'))) ids.add(own.id);
  for (const led of org.teamsLedBy(actor)) if (led.kind !== 'mi') ids.add(led.id);
  // The office lead oversees every FM team of the office.
  for (const t of officeTeamsOf(ctx, actor)) if (t.kind !== 'mi') ids.add(t.id);
  return org.org.teams.filter((t) => ids.has(t.id));
}

function teamBlocks(ctx: CommandContext, team: Team, loads: Map<string, number>, today: LocalDate): Block[] {
  const ratio = caseloadRatio(team);
  const fms = ctx.org.membersOf(team).filter((p) => p.roles.includes('fm'));
  const referrals = ctx.store.cases.openReferrals({ receivingTeamIds: [team.id] });
  const year = today.slice(0, 4);
  const lateIntakes = ctx.store.cases
    .list({ statuses: AFTER_INTAKE, receivingTeamIds: [team.id] })
    .filter((c) => c.intakeLate && c.intakeOn?.startsWith(year)).length;
  const earliest = referrals[0]?.intakeDeadline; // sorted by deadline

  return [
    heading(T.heading(team.name)),
    text(T.ratio(ratio)),
    heading(T.fmHeading),
    fms.length ? list(fms.map((fm) => fmLine(fm, ratio, loads.get(fm.id) ?? 0, today, absencesOf(ctx, fm.id)))) : text(T.noFms),
    heading(T.referralsHeading),
    facts(
      [T.factOpen, String(referrals.length)],
      [T.factEarliest, earliest ? formatGermanDate(earliest) : T.none],
      [T.factOverdue, String(referrals.filter((r) => r.intakeDeadline < today).length)],
      [T.factLate(year), String(lateIntakes)],
    ),
    ...leadBlocks(ctx, team, today),
  ];
}

/**
 * For the team's leads: every point of their daily overview, also those it only counts as unchanged
 * ("Weiterhin offen … Einzeln mit /fm team").
 */
function leadBlocks(ctx: CommandContext, team: Team, today: LocalDate): Block[] {
  if (!ctx.org.leadsOf(team).some((lead) => lead.id === ctx.actor.id)) return [];
  const lines = findingLines(ctx, leadFindings(ctx, team, ctx.actor.id, today));
  return [heading(L.teamOpenHeading), lines.length ? list(lines) : text(L.teamNothingOpen)];
}

/** R17: `absences` are those of the organisation file and those entered in the chat (`/fm abwesend`). */
function fmLine(fm: Person, ratio: number, load: number, today: LocalDate, absences: Period[]): string {
  const capacity = ratio * fm.fte; // R14: individual capacity scales with FTE
  const utilisation = capacity > 0 ? percent.format(load / capacity) : T.none;
  const fte = fm.fte === 1 ? '' : T.fte(number.format(fm.fte));
  const periods = absences
    .filter((a) => a.to >= today)
    .sort((a, b) => a.from.localeCompare(b.from))
    .map((a) => T.period(formatGermanDate(a.from), formatGermanDate(a.to)) + (a.from <= today ? T.absentNow : ''));
  const absent = periods.length ? T.absences(periods) : '';
  return T.fmLine(fm.name, load, number.format(capacity), utilisation, fte) + absent;
}
