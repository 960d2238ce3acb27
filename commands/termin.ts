/**
 * /fm termin and /fm besuch — team duties recorded, so the duty reminders (R28–R32) count from the last
 * occurrence: FM team meeting per office (R28), cross-office exchange (R29), exchange with a partner FM team
 * (R31, `partner=`; counts for both teams), network-partner overview (R32), and the contact FM's visit to an
 * M&I team (R30).
 *
 * A date up to today counts at once. A later date is a plan: the duties job reminds the participants the
 * working day before and afterwards asks the recorder to confirm it took place — with the buttons
 * „hat stattgefunden“ / „hat nicht stattgefunden“ (`dutyActions`) or `/fm termin bestaetigen nr=…` /
 * `/fm termin absagen nr=…`. Only a confirmed plan counts.
 */
import { UserError } from '../src/domain/errors.js';
import { addDays, formatGermanDate, parseGermanDate, type LocalDate } from '../src/domain/time.js';
import type { DutyKind } from '../src/domain/vocabulary.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { dutyCommandTexts as T, pingTexts } from '../src/i18n/pings.js';
import { message, text, type Message } from '../src/messaging/reply.js';
import { DUTY_ACTIONS, DUTY_RULES, exchangePartners, pairSubject, participantsOf } from '../src/services/duties.js';
import type { DutyRecord } from '../src/store/ports.js';
import { FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type ActionDefinition, type CommandContext, type CommandDefinition } from './types.js';

const KINDS = { dienstbesprechung: 'dienstbesprechung', austausch: 'austausch', 'fm-austausch': 'fm_austausch', netzwerk: 'netzwerk' } as const;
/** `/fm termin bestaetigen nr=…` and `/fm termin absagen nr=…`: what becomes of a plan. */
const SETTLE_WORDS = { bestaetigen: 'held', absagen: 'cancelled' } as const;

export const termin: CommandDefinition = {
  name: 'termin',
  roles: EVERYONE,
  helpOrder: 200,
  help: commandHelp.termin,
  teamsMenu: {
    team: { priority: 80, description: M.termin },
    groupChat: { priority: 50, description: M.terminShort },
  },
  keys: ['art', 'datum', 'partner', 'nr'],
  maxPositionals: 1,
  run(ctx, input) {
    const word = input.positionals[0];
    if (word !== undefined) return settleByCommand(ctx, input, word.toLowerCase());
    const f = new FieldReader(input);
    const art = f.oneOf('art', ['dienstbesprechung', 'austausch', 'fm-austausch', 'netzwerk'], true);
    const date = readDate(ctx, f);
    const partner = f.raw('partner', false);
    if (partner !== undefined && art !== undefined && art !== 'fm-austausch') f.fail('partner', T.partnerOnlyFmAustausch, 'R31');
    if (input.args.has('nr')) f.fail('nr', T.nrNeedsWord);
    f.throwIfAny();
    const kind: DutyKind = KINDS[art!];
    const subject = kind === 'fm_austausch' ? pairOf(ctx, partner) : subjectFor(ctx, kind);
    return record(ctx, kind, subject, date!);
  },
};

export const besuch: CommandDefinition = {
  name: 'besuch',
  roles: EVERYONE,
  helpOrder: 210,
  help: commandHelp.besuch,
  teamsMenu: {
    team: { priority: 70, description: M.besuch },
  },
  keys: ['team', 'datum'],
  maxPositionals: 0,
  run(ctx, input) {
    const f = new FieldReader(input);
    const teamId = f.raw('team', true);
    const date = readDate(ctx, f);
    f.throwIfAny();
    const team = ctx.org.team(teamId!);
    if (!team || team.kind !== 'mi') throw new UserError(T.unknownMiTeam(teamId!), 'team');
    if (!mayRecordVisit(ctx, team.id)) throw new UserError(T.notAllowedBesuch(team.name), undefined, 'R30');
    return record(ctx, 'besuch', team.id, date!);
  },
};

/** The buttons of the duties job's request to confirm a plan; the value is the duty record's id. */
export const dutyActions: ActionDefinition[] = [
  { actionId: DUTY_ACTIONS.held, run: (ctx, action) => ({ kind: 'update', message: settle(ctx, idOf(action.value), 'held') }) },
  { actionId: DUTY_ACTIONS.cancelled, run: (ctx, action) => ({ kind: 'update', message: settle(ctx, idOf(action.value), 'cancelled') }) },
];

function idOf(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new UserError(pingTexts.stale);
  return Number(value);
}

function today(ctx: CommandContext): LocalDate {
  return ctx.calendar.today(ctx.clock.now());
}

function readDate(ctx: CommandContext, f: FieldReader): LocalDate | undefined {
  const raw = f.raw('datum', true);
  if (raw === undefined) return undefined;
  const date = parseGermanDate(raw);
  if (!date) {
    f.fail('datum', T.badDate);
    return undefined;
  }
  if (date > addDays(today(ctx), 366)) f.fail('datum', T.tooFarAhead);
  return date;
}

/** The FM teams the actor belongs to or leads. */
function fmTeamsOf(ctx: CommandContext) {
  return [...(ctx.actor.team ? [ctx.org.team(ctx.actor.team)] : []), ...ctx.org.teamsLedBy(ctx.actor)].filter(
    (t, i, all): t is NonNullable<typeof t> => t !== undefined && t.kind !== 'mi' && all.indexOf(t) === i,
  );
}

/** Whose duty it is: the office's (R28), the jobcenter's (R29), or the actor's FM team's (R32). */
function subjectFor(ctx: CommandContext, kind: Exclude<DutyKind, 'fm_austausch' | 'besuch'>): string {
  const fmTeams = fmTeamsOf(ctx);
  if (kind === 'dienstbesprechung') {
    const office =
      ctx.org.org.offices.find((o) => o.leads.includes(ctx.actor.id)) ??
      (ctx.org.teamsLedBy(ctx.actor).some((t) => t.kind !== 'mi') ? ctx.org.org.offices.find((o) => o.id === fmTeams[0]?.office) : undefined);
    if (!office) throw new UserError(T.notAllowedTermin(kind), undefined, 'R28');
    return office.id;
  }
  const team = fmTeams[0];
  if (!team) throw new UserError(T.notAllowedTermin(kind));
  return kind === 'austausch' ? 'jobcenter' : team.id;
}

/** R31: the pair of one of the actor's FM teams and `partner` (which may be left out when there is only one). */
function pairOf(ctx: CommandContext, partner: string | undefined): string {
  const fmTeams = fmTeamsOf(ctx);
  if (fmTeams.length === 0) throw new UserError(T.notAllowedTermin('fm_austausch'));
  const pairs = fmTeams.flatMap((team) => exchangePartners(ctx.org, team).map((other) => ({ team, other })));
  const ids = [...new Set(pairs.map((p) => p.other.id))];
  if (partner === undefined) {
    if (pairs.length === 1) return pairSubject(pairs[0]!.team.id, pairs[0]!.other.id);
    throw new UserError(pairs.length === 0 ? T.noPartners : T.partnerRequired(ids), pairs.length === 0 ? undefined : 'partner', 'R31');
  }
  const pair = pairs.find((p) => p.other.id === partner);
  if (!pair) throw new UserError(T.unknownPartner(partner, ids), 'partner', 'R31');
  return pairSubject(pair.team.id, pair.other.id);
}

/** R30: the team's contact FM, its lead, or an FM team lead. */
function mayRecordVisit(ctx: CommandContext, miTeamId: string): boolean {
  return ctx.org.team(miTeamId)?.contactFm === ctx.actor.id || ctx.org.teamsLedBy(ctx.actor).some((t) => t.id === miTeamId || t.kind !== 'mi');
}

/** Whether the actor could have recorded this duty for this subject. */
function mayRecord(ctx: CommandContext, kind: DutyKind, subject: string): boolean {
  const fmTeamIds = fmTeamsOf(ctx).map((t) => t.id);
  switch (kind) {
    case 'dienstbesprechung':
      return (
        ctx.org.org.offices.some((o) => o.id === subject && o.leads.includes(ctx.actor.id)) ||
        ctx.org.teamsLedBy(ctx.actor).some((t) => t.kind !== 'mi' && t.office === subject)
      );
    case 'austausch':
      return fmTeamIds.length > 0;
    case 'fm_austausch':
      return subject.split('+').some((id) => fmTeamIds.includes(id));
    case 'netzwerk':
      return fmTeamIds.includes(subject);
    case 'besuch':
      return mayRecordVisit(ctx, subject);
  }
}

function record(ctx: CommandContext, kind: DutyKind, subject: string, on: LocalDate): Message {
  const now = ctx.clock.now();
  const status = on > today(ctx) ? 'planned' : 'held';
  const saved = ctx.store.transaction(() => {
    const duty = ctx.store.duties.record({ kind, subject, on, status, recordedBy: ctx.actor.id, recordedAt: now });
    ctx.store.audit.record({ at: now, actorId: ctx.actor.id, action: 'duty.recorded', details: { id: duty.id, kind, subject, on, status } });
    return duty;
  });
  const line = status === 'planned' ? T.planned(T.kindLabel(kind), formatGermanDate(on), saved.id) : T.recorded(T.kindLabel(kind), formatGermanDate(on));
  return message(line, text(line));
}

function settleByCommand(ctx: CommandContext, input: ParsedCommand, word: string): Message {
  if (!Object.hasOwn(SETTLE_WORDS, word)) throw new UserError(T.unknownWord(word));
  const f = new FieldReader(input);
  for (const key of ['art', 'datum', 'partner']) if (input.args.has(key)) f.fail(key, T.onlyNr(key));
  const raw = f.raw('nr', true);
  if (raw !== undefined && !/^\d{1,9}$/.test(raw)) f.fail('nr', T.badNr);
  f.throwIfAny();
  return settle(ctx, Number(raw), SETTLE_WORDS[word as keyof typeof SETTLE_WORDS]);
}

/**
 * A plan confirmed as held (from its date on) or called off (any time) — by whoever recorded it, a participant
 * reminded of it, or someone who may record that duty. Once: a second answer is refused.
 */
function settle(ctx: CommandContext, id: number, status: 'held' | 'cancelled'): Message {
  const plan: DutyRecord | undefined = ctx.store.duties.byId(id);
  if (!plan) throw new UserError(T.unknownPlan(String(id)), 'nr');
  if (plan.status !== 'planned') throw new UserError(T.alreadySettled(id, plan.status === 'held'), 'nr');
  const rule = DUTY_RULES[plan.kind];
  const allowed =
    plan.recordedBy === ctx.actor.id || participantsOf(ctx.org, plan.kind, plan.subject).includes(ctx.actor.id) || mayRecord(ctx, plan.kind, plan.subject);
  if (!allowed) throw new UserError(T.notAllowedSettle, undefined, rule);
  const date = formatGermanDate(plan.on);
  if (status === 'held' && plan.on > today(ctx)) throw new UserError(T.notYet(date), 'nr', rule);
  const now = ctx.clock.now();
  const changed = ctx.store.transaction(() => {
    if (!ctx.store.duties.settle(id, status, ctx.actor.id, now)) return false;
    ctx.store.audit.record({
      at: now,
      actorId: ctx.actor.id,
      action: status === 'held' ? 'duty.confirmed' : 'duty.called_off',
      details: { id, kind: plan.kind, subject: plan.subject, on: plan.on },
    });
    return true;
  });
  if (!changed) throw new UserError(T.alreadySettled(id, ctx.store.duties.byId(id)?.status === 'held'), 'nr');
  const what = T.kindLabel(plan.kind);
  const line = status === 'held' ? T.confirmed(what, date) : T.calledOff(what, date);
  return message(line, text(line));
}
