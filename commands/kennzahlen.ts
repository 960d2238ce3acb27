/**
 * /fm kennzahlen [team=…] [von=MM.JJJJ] [bis=MM.JJJJ] [grafik=ja] — the controlling figures of R35 per FM team and
 * month, side by side (default: the last full month and the one before), for team leads (their FM teams) and the
 * office lead (every FM team of the office). A private reply: individual FM figures go only to that FM's own team
 * lead and the office lead, never into a channel; outside the team lead's own view a figure describing fewer than 3
 * clients is shown as "< 3". Figures only: no customer number, no case code, no free text.
 *
 * /fm kennzahlen potenzial=N monat=MM.JJJJ [team=…] — the lead enters the team's potential of a month from VerBIS.
 */
import { UserError } from '../src/domain/errors.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { controllingTexts as T, figureLabel, monthText } from '../src/i18n/controlling.js';
import { heading, list, message, text, type Block, type Message } from '../src/messaging/reply.js';
import { figureTeams, shownValue, type TeamView } from '../src/services/controlling/audience.js';
import { controllingCharts } from '../src/services/controlling/charts.js';
import { computeFigures, defaultMonths, FM_FIGURES, isBreakdown, isMonth, monthOf, TEAM_FIGURES, type Figure } from '../src/services/controlling/figures.js';
import { FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import type { CommandContext, CommandDefinition } from './types.js';

/** The most months one reply shows side by side. */
export const MAX_MONTHS = 12;
/** The most teams one reply shows (a Slack message holds 50 blocks, a team takes up to 5). */
export const MAX_TEAMS = 8;

export const kennzahlen: CommandDefinition = {
  name: 'kennzahlen',
  roles: ['teamlead', 'officelead'],
  helpOrder: 270,
  help: commandHelp.kennzahlen,
  teamsMenu: {
    personal: { priority: 5, description: M.kennzahlen },
  },
  keys: ['team', 'von', 'bis', 'grafik', 'potenzial', 'monat'],
  maxPositionals: 0,
  run(ctx, input) {
    const views = figureTeams(ctx, ctx.actor);
    if (views.length === 0) throw new UserError(T.notAllowed);
    const shown = chooseTeams(input, views);
    if (shown.length > MAX_TEAMS && !input.args.has('potenzial')) throw new UserError(T.tooManyTeams(MAX_TEAMS, views.map((v) => v.team.id)), 'team');
    if (input.args.has('potenzial') || input.args.has('monat')) return enterPotential(ctx, input, shown, views);

    const today = ctx.calendar.today(ctx.clock.now());
    const f = new FieldReader(input);
    const defaults = defaultMonths(today);
    const from = readMonth(f, 'von') ?? (input.args.has('bis') ? undefined : defaults.from);
    const to = readMonth(f, 'bis') ?? defaults.to;
    const charts = f.yesNo('grafik', false) ?? false;
    f.throwIfAny();
    const start = from ?? to;
    if (start > to) throw new UserError(T.fromAfterTo(monthText(start), monthText(to)), 'von');
    if (to > monthOf(today)) throw new UserError(T.notPast(monthText(to)), 'bis');
    const months = monthRange(start, to);
    if (months.length > MAX_MONTHS) throw new UserError(T.tooMany(MAX_MONTHS), 'bis');

    const figures = computeFigures(ctx, shown.map((v) => v.team), start, to);
    const blocks = shown.flatMap((view, i) => [
      ...(i > 0 ? [{ kind: 'divider' } as const] : []),
      ...teamBlocks(ctx, view, months, figures.filter((x) => x.teamId === view.team.id)),
    ]);
    if (shown.some((v) => !v.ownLead)) blocks.push(text(T.suppressedNote));
    const reply: Message = message(T.summary(shown.map((v) => v.team.name), start, to), ...blocks);
    if (charts) reply.images = controllingCharts(ctx, shown, start, to);
    return reply;
  },
};

function chooseTeams(input: ParsedCommand, views: TeamView[]): TeamView[] {
  const wanted = input.args.get('team')?.toLowerCase();
  if (wanted === undefined) return views;
  const chosen = views.filter((v) => v.team.id.toLowerCase() === wanted);
  if (chosen.length === 0) throw new UserError(T.unknownTeam(input.args.get('team')!, views.map((v) => v.team.id)), 'team');
  return chosen;
}

/** MM.JJJJ (or JJJJ-MM) → YYYY-MM; a wrong value is collected as the field's error. */
function readMonth(f: FieldReader, key: string): string | undefined {
  const raw = f.raw(key, false)?.trim();
  if (raw === undefined) return undefined;
  const german = /^(\d{1,2})\.(\d{4})$/.exec(raw);
  const month = german ? `${german[2]}-${german[1]!.padStart(2, '0')}` : raw;
  if (!isMonth(month)) {
    f.fail(key, T.badMonth(key, raw), 'R35');
    return undefined;
  }
  return month;
}

function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length <= MAX_MONTHS; m = monthOf(`${m}-01`, 1)) months.push(m);
  return months;
}

function teamBlocks(ctx: CommandContext, view: TeamView, months: string[], figures: Figure[]): Block[] {
  const mask = !view.ownLead;
  const valuesOf = (key: string, fmId?: string) =>
    months.map((month) => {
      const figure = figures.find((x) => x.key === key && x.month === month && x.fmId === fmId);
      return figure ? shownValue(figure, mask) : T.none;
    });
  const rows: Array<[string, string]> = [];
  for (const key of TEAM_FIGURES) {
    const present = figures.filter((x) => x.key === key && x.fmId === undefined);
    if (present.length === 0) continue; // e.g. no potential entered from VerBIS
    if (isBreakdown(key) && present.every((x) => x.value === 0)) continue;
    rows.push([figureLabel(key), valuesOf(key).join(' | ')]);
  }
  const fmIds = [...new Set(figures.filter((x) => x.fmId !== undefined).map((x) => x.fmId!))];
  const fmLines = fmIds.map((fmId) => {
    const name = ctx.org.person(fmId)?.name ?? fmId;
    return `${name}: ` + FM_FIGURES.map((key) => `${figureLabel(key)} ${valuesOf(key, fmId).join(' | ')}`).join(' · ');
  });
  // One line per figure in one text block (not a fact list): an office's teams stay within Slack's 50 blocks.
  return [
    heading(T.heading(view.team.name)),
    text(T.columns(months)),
    text(rows.map(([label, values]) => `${label}: ${values}`).join('\n')),
    ...(fmLines.length ? [list(fmLines), text(T.fmNote)] : []),
  ];
}

/** `potenzial=N monat=MM.JJJJ [team=…]`: one number per team and month, entered from VerBIS (R35). */
function enterPotential(ctx: CommandContext, input: ParsedCommand, shown: TeamView[], views: TeamView[]): Message {
  const f = new FieldReader(input);
  for (const key of ['von', 'bis', 'grafik']) if (input.args.has(key)) f.fail(key, T.potentialOnlyWith(key), 'R35');
  const raw = f.raw('potenzial', false)?.trim();
  if (raw === undefined) f.fail('potenzial', T.potentialOnlyWith('monat'), 'R35');
  const value = raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined;
  if (raw !== undefined && value === undefined) f.fail('potenzial', T.badPotential(raw), 'R35');
  const month = readMonth(f, 'monat');
  if (!input.args.has('monat')) f.fail('monat', T.potentialNeedsMonth, 'R35');
  const led = shown.filter((v) => v.ownLead || ctx.actor.roles.includes('officelead'));
  if (shown.length > 1) f.fail('team', T.potentialNeedsTeam(views.map((v) => v.team.id)), 'R35');
  else if (led.length === 0) f.fail('potenzial', T.potentialNotLead, 'R35');
  f.throwIfAny();

  const team = shown[0]!.team;
  const now = ctx.clock.now();
  const before = ctx.store.transaction(() => {
    const replaced = ctx.store.controlling.setPotential(team.id, month!, value!, ctx.actor.id, now);
    ctx.store.audit.record({ at: now, actorId: ctx.actor.id, action: 'controlling.potential', details: { teamId: team.id, month, value, replaced: replaced ?? null } });
    return replaced;
  });
  const summary = T.potentialSaved(team.name, month!, value!, before);
  return message(summary, text(summary));
}
