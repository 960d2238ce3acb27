/**
 * /fm runde — the weekly assignment round of an FM team (R9), and the buttons on its message.
 * `/fm runde` posts a proposal; `neu`, `aendern FM-… fm=<id>` and `bestaetigen` do what the buttons do,
 * for the console and for anyone who prefers typing.
 */
import type { Team } from '../src/config/org.js';
import { parseCaseCode } from '../src/domain/caseCode.js';
import { UserError } from '../src/domain/errors.js';
import { capacityTexts } from '../src/i18n/capacity.js';
import { roundTexts as T } from '../src/i18n/rounds.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { message, text, type Message } from '../src/messaging/reply.js';
import {
  ROUND_ACTIONS,
  assertRoundMember,
  changeRow,
  confirmRound,
  recomputeRound,
  renderRound,
  startRound,
  staleText,
  type ConfirmResult,
} from '../src/services/rounds.js';
import type { ActionResponse } from '../src/messaging/ports.js';
import type { RoundRecord } from '../src/store/ports.js';
import { EVERYONE, type ActionDefinition, type CommandContext, type CommandDefinition } from './types.js';

export const runde: CommandDefinition = {
  name: 'runde',
  roles: EVERYONE,
  helpOrder: 40,
  help: commandHelp.runde,
  teamsMenu: {
    team: { priority: 110, description: M.runde },
    groupChat: { priority: 110, description: M.runde },
  },
  keys: ['team', 'fm'],
  maxPositionals: 2,
  run(ctx, input) {
    const team = roundTeam(ctx, input.args.get('team'));
    assertRoundMember(ctx, ctx.actor, team);
    const [word, code] = input.positionals;
    switch (word?.toLowerCase()) {
      case undefined: {
        const round = startRound(ctx, team, {
          actorId: ctx.actor.id,
          trigger: 'command',
          roundDate: ctx.calendar.today(ctx.clock.now()),
          now: ctx.clock.now(),
        });
        return round ? message(T.posted(team.name, round.rows.length), text(T.posted(team.name, round.rows.length))) : message(T.postedEmpty(team.name), text(T.postedEmpty(team.name)));
      }
      case 'neu':
        return renderRound(ctx, recomputeRound(ctx, openRound(ctx, team), ctx.actor.id));
      case 'aendern': {
        const fmId = input.args.get('fm');
        const parsed = code === undefined ? undefined : parseCaseCode(code);
        if (!parsed || fmId === undefined) throw new UserError(T.changeUsage);
        return renderRound(ctx, changeRow(ctx, openRound(ctx, team), code!.toUpperCase(), fmId, ctx.actor.id));
      }
      case 'bestaetigen':
        return confirmedReply(ctx, confirmRound(ctx, openRound(ctx, team), ctx.actor.id));
      default:
        throw new UserError(T.unknownAction(word!));
    }
  },
};

/** The team of a round: named with team=, else the channel it was typed in, else the actor's own FM team. */
function roundTeam(ctx: CommandContext, explicit: string | undefined): Team {
  if (explicit !== undefined) {
    const team = ctx.org.team(explicit);
    if (!team || team.kind === 'mi') throw new UserError(T.unknownTeam(explicit), 'team');
    return team;
  }
  const channel = ctx.caller.channelId;
  const inChannel =
    channel === undefined
      ? undefined
      : ctx.caller.platform === 'slack'
        ? ctx.org.teamBySlackChannel(channel)
        : ctx.caller.platform === 'teams'
          ? ctx.org.teamByTeamsChannel(channel)
          : undefined;
  if (inChannel && inChannel.kind !== 'mi') return inChannel;
  const own = ctx.actor.team ? ctx.org.team(ctx.actor.team) : undefined;
  if (own && own.kind !== 'mi') return own;
  const led = ctx.org.teamsLedBy(ctx.actor).filter((t) => t.kind !== 'mi');
  if (led.length === 1) return led[0]!;
  if (led.length > 1) throw new UserError(T.severalTeams(led.map((t) => t.id)), 'team');
  throw new UserError(T.noFmTeam);
}

function openRound(ctx: CommandContext, team: Team): RoundRecord {
  const round = ctx.store.rounds.currentProposal(team.id);
  if (!round) throw new UserError(T.noOpenRound(team.name));
  return round;
}

function confirmedReply(ctx: CommandContext, result: ConfirmResult): Message {
  if (!result.changed) throw new UserError(staleText(ctx, result.round));
  const note = confirmedNote(result);
  const rendered = renderRound(ctx, result.round);
  return message(note, text(note), ...rendered.blocks);
}

/** R4: what was assigned, and which rows above capacity wait for the team lead. */
function confirmedNote(result: ConfirmResult): string {
  const note = T.confirmedNote(result.assigned.length, result.skipped);
  return result.held.length ? `${note} ${capacityTexts.heldNote(result.held, result.escalationId)}` : note;
}

/** A button or select value names its round; the clicker must belong to that round's team. */
function roundOf(ctx: CommandContext, roundId: string): RoundRecord {
  const round = ctx.store.rounds.byId(Number(roundId));
  if (!round) throw new UserError(T.superseded);
  const team = ctx.org.team(round.teamId);
  if (!team) throw new UserError(T.superseded);
  assertRoundMember(ctx, ctx.actor, team);
  return round;
}

/** A click on a round that is no longer open updates the message to its current state and says why. */
function stale(ctx: CommandContext, round: RoundRecord): ActionResponse {
  const current = ctx.store.rounds.byId(round.id)!;
  const why = staleText(ctx, current);
  return { kind: 'update', message: renderRound(ctx, current), note: message(why, text(why)) };
}

export const roundActions: ActionDefinition[] = [
  {
    actionId: ROUND_ACTIONS.confirm,
    run(ctx, action) {
      const round = roundOf(ctx, action.value);
      if (round.status !== 'proposed') return stale(ctx, round);
      const result = confirmRound(ctx, round, ctx.actor.id);
      if (!result.changed) return stale(ctx, round);
      const note = confirmedNote(result);
      return { kind: 'update', message: renderRound(ctx, result.round), note: message(note, text(note)) };
    },
  },
  {
    actionId: ROUND_ACTIONS.recompute,
    run(ctx, action) {
      const round = roundOf(ctx, action.value);
      if (round.status !== 'proposed') return stale(ctx, round);
      return { kind: 'update', message: renderRound(ctx, recomputeRound(ctx, round, ctx.actor.id)) };
    },
  },
  {
    actionId: ROUND_ACTIONS.choose,
    run(ctx, action) {
      const [roundId = '', caseCode = '', fmId = ''] = action.value.split('|');
      const round = roundOf(ctx, roundId);
      if (round.status !== 'proposed') return stale(ctx, round);
      return { kind: 'update', message: renderRound(ctx, changeRow(ctx, round, caseCode, fmId, ctx.actor.id)) };
    },
  },
];
