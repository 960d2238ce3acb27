/**
 * /fm abwesend von=TT.MM.JJJJ bis=TT.MM.JJJJ [person=<id>] — records an absence, one's own or (team leads)
 * one of a team member's. While an FM is absent, the next present FM of the team's chain stands in (R17);
 * the reply names who that is on the first day.
 */
import type { Person } from '../src/config/org.js';
import { absencesOf, actingFor } from '../src/services/people.js';
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate, parseGermanDate, type LocalDate } from '../src/domain/time.js';
import { absenceTexts as T } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, text, type Form } from '../src/messaging/reply.js';
import { CASELOAD_STATUSES } from '../src/domain/vocabulary.js';
import { FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

export const abwesend: CommandDefinition = {
  name: 'abwesend',
  roles: EVERYONE,
  helpOrder: 190,
  help: commandHelp.abwesend,
  teamsMenu: {
    personal: { priority: 20, description: M.abwesend },
  },
  keys: ['von', 'bis', 'person'],
  maxPositionals: 0,
  form: absenceForm,
  run(ctx, input) {
    const now = ctx.clock.now();
    const today = ctx.calendar.today(now);
    const { person, from, to } = readAbsence(ctx, input, today);
    const fromOn = formatGermanDate(from);
    const toOn = formatGermanDate(to);
    if (absencesOf(ctx, person.id).some((a) => a.from === from && a.to === to)) throw new UserError(T.duplicate(person.name, fromOn, toOn));

    ctx.store.transaction(() => {
      ctx.store.absences.add({ personId: person.id, from, to, recordedBy: ctx.actor.id, recordedAt: now });
      ctx.store.audit.record({ at: now, actorId: ctx.actor.id, action: 'absence.recorded', details: { personId: person.id, from, to } });
      // R17: the colleague who stands in on the first day learns it before the pings arrive.
      const standIn = person.roles.includes('fm') ? actingFor(ctx, person.id, from) : undefined;
      if (standIn !== undefined && standIn !== ctx.actor.id) {
        ctx.store.outbox.enqueue({
          dedupeKey: `absence.standin:${person.id}:${from}:${to}:${standIn}`,
          target: { kind: 'direct', personId: standIn },
          message: message(T.standInDm(person.name, fromOn, toOn), text(T.standInDm(person.name, fromOn, toOn))),
          createdAt: now,
        });
      }
    });

    const rows: Array<[string, string]> = [
      [T.factPerson, person.name],
      [T.factPeriod, T.period(fromOn, toOn)],
    ];
    const standIn = standInLine(ctx, person, from);
    if (standIn !== undefined) rows.push([T.factStandIn(fromOn), standIn]);
    const blocks = [heading(T.savedHeading), facts(...rows)];
    if (person.roles.includes('fm')) blocks.push(text(T.chainNote));
    return message(T.savedSummary(person.name, fromOn, toOn), ...blocks);
  },
};

function readAbsence(ctx: CommandContext, input: ParsedCommand, today: LocalDate): { person: Person; from: LocalDate; to: LocalDate } {
  const f = new FieldReader(input);
  const rawFrom = f.raw('von', true);
  const rawTo = f.raw('bis', true);
  const from = rawFrom === undefined ? undefined : parseGermanDate(rawFrom);
  const to = rawTo === undefined ? undefined : parseGermanDate(rawTo);
  if (rawFrom !== undefined && from === undefined) f.fail('von', T.fromFormat);
  if (rawTo !== undefined && to === undefined) f.fail('bis', T.toFormat);
  if (from !== undefined && to !== undefined && to < from) f.fail('bis', T.order(formatGermanDate(from), formatGermanDate(to)));
  else if (to !== undefined && to < today) f.fail('bis', T.past(formatGermanDate(to)));
  const person = readPerson(ctx, f);
  f.throwIfAny();
  return { person: person!, from: from!, to: to! };
}

/** Oneself, or, for a team lead, a member of a team they lead. */
function readPerson(ctx: CommandContext, f: FieldReader): Person | undefined {
  const id = f.raw('person', false);
  if (id === undefined || id === ctx.actor.id) return ctx.actor;
  const person = ctx.org.person(id);
  if (!person) {
    f.fail('person', T.unknownPerson(id));
    return undefined;
  }
  const led = ctx.org.teamsLedBy(ctx.actor).map((t) => t.id);
  if (person.team === undefined || !led.includes(person.team)) {
    f.fail('person', T.onlyLeads);
    return undefined;
  }
  return person;
}

/** R17: an FM's cases go to the chain's next present FM; anyone else is represented by their deputy, if named. */
function standInLine(ctx: CommandContext, person: Person, on: LocalDate): string | undefined {
  if (!person.roles.includes('fm')) {
    const deputy = person.deputy === undefined ? undefined : ctx.org.person(person.deputy);
    return deputy ? T.deputyValue(deputy.name) : undefined;
  }
  const standIn = actingFor(ctx, person.id, on);
  if (standIn === undefined) return T.nobody;
  const cases = ctx.store.cases.list({ statuses: CASELOAD_STATUSES, assignedFmId: person.id }).length;
  return T.standInValue(ctx.org.person(standIn)?.name ?? standIn, cases);
}

function absenceForm(): Form {
  return {
    command: 'abwesend',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      { kind: 'text', key: 'von', label: T.fieldVon, required: true },
      { kind: 'text', key: 'bis', label: T.fieldBis, required: true },
    ],
  };
}
