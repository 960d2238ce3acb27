/**
 * /fm termin and /fm besuch — team duties recorded, so the duty reminders (R28–R32) count from the last
 * occurrence: FM team meeting per office (R28), cross-office exchange (R29), exchange with the other FM
 * teams (R31), network-partner overview (R32), and the contact FM's visit to an M&I team (R30).
 */
import { UserError } from '../src/domain/errors.js';
import { addDays, formatGermanDate, parseGermanDate, type LocalDate } from '../src/domain/time.js';
import { dutyCommandTexts as T } from '../src/i18n/pings.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { message, text } from '../src/messaging/reply.js';
import type { DutyKind } from '../src/domain/vocabulary.js';
import { FieldReader } from './fields.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';
import type { ParsedCommand } from './parse.js';

const KINDS = { dienstbesprechung: 'dienstbesprechung', austausch: 'austausch', 'fm-austausch': 'fm_austausch', netzwerk: 'netzwerk' } as const;

export const termin: CommandDefinition = {
  name: 'termin',
  roles: EVERYONE,
  help: commandHelp.termin,
  teamsMenu: {
    team: { priority: 80, description: M.termin },
    groupChat: { priority: 50, description: M.terminShort },
  },
  keys: ['art', 'datum'],
  maxPositionals: 0,
  run(ctx, input) {
    const f = new FieldReader(input);
    const art = f.oneOf('art', ['dienstbesprechung', 'austausch', 'fm-austausch', 'netzwerk'], true);
    const date = readDate(ctx, input, f);
    f.throwIfAny();
    const kind: DutyKind = KINDS[art!];
    const subject = subjectFor(ctx, kind);
    return record(ctx, kind, subject, date!);
  },
};

export const besuch: CommandDefinition = {
  name: 'besuch',
  roles: EVERYONE,
  help: commandHelp.besuch,
  teamsMenu: {
    team: { priority: 70, description: M.besuch },
  },
  keys: ['team', 'datum'],
  maxPositionals: 0,
  run(ctx, input) {
    const f = new FieldReader(input);
    const teamId = f.raw('team', true);
    const date = readDate(ctx, input, f);
    f.throwIfAny();
    const team = ctx.org.team(teamId!);
    if (!team || team.kind !== 'mi') throw new UserError(T.unknownMiTeam(teamId!), 'team');
    const allowed =
      team.contactFm === ctx.actor.id ||
      ctx.org.teamsLedBy(ctx.actor).some((t) => t.id === team.id || t.kind !== 'mi');
    if (!allowed) throw new UserError(T.notAllowedBesuch(team.name), undefined, 'R30');
    return record(ctx, 'besuch', team.id, date!);
  },
};

function readDate(ctx: CommandContext, input: ParsedCommand, f: FieldReader): LocalDate | undefined {
  const raw = f.raw('datum', true);
  if (raw === undefined) return undefined;
  const date = parseGermanDate(raw);
  if (!date) {
    f.fail('datum', T.badDate);
    return undefined;
  }
  if (date > addDays(ctx.calendar.today(ctx.clock.now()), 366)) f.fail('datum', T.tooFarAhead);
  return date;
}

/** Whose duty it is: the office's (R28), the jobcenter's (R29), or the actor's FM team's (R31, R32). */
function subjectFor(ctx: CommandContext, kind: DutyKind): string {
  const fmTeams = [
    ...(ctx.actor.team ? [ctx.org.team(ctx.actor.team)] : []),
    ...ctx.org.teamsLedBy(ctx.actor),
  ].filter((t): t is NonNullable<typeof t> => t !== undefined && t.kind !== 'mi');
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

function record(ctx: CommandContext, kind: DutyKind, subject: string, on: LocalDate) {
  const now = ctx.clock.now();
  ctx.store.transaction(() => {
    ctx.store.duties.record({ kind, subject, on, recordedBy: ctx.actor.id, recordedAt: now });
    ctx.store.audit.record({ at: now, actorId: ctx.actor.id, action: 'duty.recorded', details: { kind, subject, on } });
  });
  const line = T.recorded(T.kindLabel(kind), formatGermanDate(on));
  return message(line, text(line));
}
