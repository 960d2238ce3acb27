/**
 * /fm stichprobe — the review of the monthly supervision sample (R34). `/fm stichprobe FM-… geprueft
 * [befund="…"]` records that a lead checked a drawn case: only a lead of the sample's team or of its office,
 * and only for a case open in one of the team's samples (this month's or an earlier one not yet settled).
 * The bare command lists the open cases of the samples the caller supervises. The finding is an audit entry
 * on the case; it is never sent anywhere, and the reply does not repeat it.
 */
import { RuleViolation, UserError } from '../src/domain/errors.js';
import { formatGermanDate } from '../src/domain/time.js';
import { commandHelp } from '../src/i18n/help.js';
import { supervisionTexts as T } from '../src/i18n/supervision.js';
import { heading, list, message, text, type Message } from '../src/messaging/reply.js';
import { maySupervise, openSampleItems, recordReview, sampleItems } from '../src/services/supervision.js';
import type { Team } from '../src/config/org.js';
import { CASE_KEY, findCase } from './caseAccess.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

/** Longest finding: a few sentences for the record; details about the person belong in VerBIS. */
export const MAX_FINDING_LENGTH = 500;

const CONFIRM_WORDS = ['geprueft', 'geprüft'];

export const stichprobe: CommandDefinition = {
  name: 'stichprobe',
  roles: EVERYONE,
  helpOrder: 260,
  help: commandHelp.stichprobe,
  keys: [CASE_KEY, 'befund'],
  maxPositionals: 2,
  run(ctx, input) {
    const teams = supervisedTeams(ctx);
    if (teams.length === 0) throw new RuleViolation('R34', T.notAllowed);
    if (input.positionals.length === 0 && !input.args.has(CASE_KEY)) return openList(ctx, teams);

    // The case comes as the first bare word or as `fall=`; the bare word after it (or the only one) confirms.
    const keyed = input.args.has(CASE_KEY);
    const record = findCase(ctx, { ...input, positionals: keyed ? [] : input.positionals.slice(0, 1) });
    const code = record.caseCode;
    const words = keyed ? input.positionals : input.positionals.slice(1);
    if (words.length !== 1 || !CONFIRM_WORDS.includes(words[0]!.toLowerCase())) throw new UserError(T.confirmWord(code));
    const finding = input.args.get('befund')?.trim() || undefined;
    if (finding !== undefined && finding.length > MAX_FINDING_LENGTH) throw new UserError(T.findingTooLong(finding.length, MAX_FINDING_LENGTH), 'befund');

    const items = sampleItems(ctx).filter((i) => i.caseCode === code);
    if (items.length === 0) throw new RuleViolation('R34', T.notDrawn(code), CASE_KEY);
    const open = items.filter((i) => !i.reviewed);
    if (open.length === 0) {
      const last = Math.max(...items.map((i) => i.reviewed?.at ?? 0));
      throw new RuleViolation('R34', T.alreadyReviewed(code, formatGermanDate(ctx.calendar.today(last))), CASE_KEY);
    }
    const mine = open.filter((i) => teams.some((t) => t.id === i.teamId));
    if (mine.length === 0) {
      const names = [...new Set(open.map((i) => ctx.org.team(i.teamId)?.name ?? i.teamId))];
      throw new RuleViolation('R34', T.notYourSample(code, names));
    }

    const now = ctx.clock.now();
    const byTeam = new Map<string, string[]>();
    for (const item of mine) byTeam.set(item.teamId, [...(byTeam.get(item.teamId) ?? []), item.month]);
    ctx.store.transaction(() => {
      for (const [teamId, months] of byTeam) {
        recordReview(ctx, { caseCode: code, teamId, months, actorId: ctx.actor.id, ...(finding !== undefined && { finding }), now });
      }
    });

    const months = mine.map((i) => i.month).sort();
    const remaining = [...new Set([...byTeam.keys()].flatMap((teamId) => openSampleItems(ctx, teamId)))].sort();
    return message(
      T.savedSummary(code),
      heading(T.savedHeading),
      text(T.savedText(code, [...new Set(months)], finding !== undefined)),
      text(remaining.length ? T.stillOpen(remaining) : T.allDone),
    );
  },
};

/** The FM teams whose samples the caller may review: teams they lead, and the FM teams of offices they lead. */
function supervisedTeams(ctx: CommandContext): Team[] {
  return ctx.org.org.teams.filter((t) => t.kind !== 'mi' && maySupervise(ctx.org, ctx.actor, t));
}

/** The bare command: per supervised team, the drawn cases not yet reviewed. */
function openList(ctx: CommandContext, teams: Team[]): Message {
  const lines: string[] = [];
  let count = 0;
  for (const team of teams) {
    const codes = openSampleItems(ctx, team.id);
    if (codes.length === 0) continue;
    count += codes.length;
    lines.push(T.listLine(team.name, codes));
  }
  if (lines.length === 0) return message(T.listEmpty, text(T.listEmpty));
  return message(T.listSummary(count), heading(T.listHeading), list(lines), text(T.howToRecord));
}
