/**
 * /fm eskalationen — the open escalations the caller may decide today (R4, R7, R19, R25; R17: as deputy of an
 * absent lead), each with its number and the typed commands to decide it, so a lead can decide anywhere —
 * also in the console, where buttons cannot be clicked. The office lead also sees the open escalations of
 * every team of the office (issue #11, item 6). Private reply, case codes only.
 */
import { formatInTimeZone } from '../src/domain/format.js';
import { escalationTexts } from '../src/i18n/escalations.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { oversightTexts as T } from '../src/i18n/oversight.js';
import { heading, list, message, text, type Block } from '../src/messaging/reply.js';
import { casesOf, decidersFor, mayVote } from '../src/services/escalations/index.js';
import { officeTeamsOf } from '../src/services/offices.js';
import type { EscalationRecord } from '../src/store/ports.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

export const eskalationen: CommandDefinition = {
  name: 'eskalationen',
  roles: EVERYONE,
  helpOrder: 235,
  readOnly: true,
  help: commandHelp.eskalationen,
  teamsMenu: {
    personal: { priority: 5, description: M.eskalationen },
  },
  keys: [],
  maxPositionals: 0,
  run(ctx) {
    const open = ctx.store.escalations.listOpen();
    const mine = open.filter((e) => mayVote(ctx, e, ctx.actor));
    const officeTeams = new Set(officeTeamsOf(ctx, ctx.actor).map((t) => t.id));
    const overseen = open.filter((e) => !mine.includes(e) && (officeTeams.has(e.teamId) || e.seats.some((s) => officeTeams.has(s))));
    if (mine.length === 0 && overseen.length === 0) return message(T.none, heading(T.heading), text(T.none));

    const blocks: Block[] = [heading(T.heading)];
    if (mine.length) blocks.push(heading(T.decideHeading), list(mine.flatMap((e) => [line(ctx, e) + deputyNote(ctx, e), T.how(e.id, e.kind)])));
    else blocks.push(text(T.none));
    if (overseen.length) blocks.push(heading(T.overseeHeading), list(overseen.map((e) => line(ctx, e))));
    blocks.push(text(T.hint));
    return message(T.summary(mine.length + overseen.length), ...blocks);
  },
};

function line(ctx: CommandContext, e: EscalationRecord): string {
  const status = e.seats.length > 1 ? escalationTexts.statusOpen(e.votes.filter((v) => v.vote === 'approve').length, e.seats.length) : escalationTexts.statusOpen(0, 1);
  return T.line(e.id, escalationTexts.kindWithRule(e.kind), casesOf(e), ctx.org.team(e.teamId)?.name ?? e.teamId, formatInTimeZone(e.raisedAt), status);
}

/** R17: "als Vertretung für …" when the actor decides for an absent lead. */
function deputyNote(ctx: CommandContext, e: EscalationRecord): string {
  const today = ctx.calendar.today(ctx.clock.now());
  for (const seat of e.seats) {
    const me = decidersFor(ctx, e, seat, today).find((d) => d.personId === ctx.actor.id);
    if (me?.onBehalfOf) return T.deputyFor(ctx.org.person(me.onBehalfOf)?.name ?? me.onBehalfOf);
    if (me) return '';
  }
  return '';
}
