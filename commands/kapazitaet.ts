/**
 * /fm kapazitaet <Nr> zuweisen [fm=<id>] | verschieben tage=<N> grund="…" | zurueckgeben grund="…" — the FM team
 * lead decides the referrals of a round that do not fit the team's capacity (R4). Until then the confirmed
 * round leaves them open referrals. The decision is the deciding vote on the capacity escalation: assigned
 * beyond capacity to the named FM (without `fm=`, to the FMs the round proposes), the intake deadline moved
 * by N working days (the IFK is told the old and the new date and the reason), or returned to the IFK with
 * the reason. Also the form behind the escalation's "Anders entscheiden …" button.
 */
import { parseCaseCode } from '../src/domain/caseCode.js';
import { UserError } from '../src/domain/errors.js';
import { CAPACITY_CHOICES, capacityTexts as T, type CapacityChoice } from '../src/i18n/capacity.js';
import { escalationTexts } from '../src/i18n/escalations.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { message, text, type Form } from '../src/messaging/reply.js';
import { assertMayVote, decideCapacity, mayVote, MAX_COMMENT_LENGTH, undecidedCases, type CapacityDecision } from '../src/services/escalations/index.js';
import type { EscalationRecord } from '../src/store/ports.js';
import { FieldReader } from './fields.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

/** R4: how far a lead may move an intake deadline at once, in working days. */
const MAX_DEFER_WORKING_DAYS = 60;

export const kapazitaet: CommandDefinition = {
  name: 'kapazitaet',
  roles: EVERYONE,
  helpOrder: 245,
  help: commandHelp.kapazitaet,
  teamsMenu: {
    team: { priority: 5, description: M.kapazitaet },
  },
  keys: ['eskalation', 'entscheidung', 'fall', 'fm', 'tage', 'grund'],
  maxPositionals: 3,
  form: (ctx) => capacityForm(ctx, openCapacityEscalations(ctx)),
  run(ctx, input) {
    const numbers = input.positionals.filter((p) => /^\d{1,9}$/.test(p));
    const codes = input.positionals.filter((p) => parseCaseCode(p) !== undefined);
    const words = input.positionals.filter((p) => !/^\d{1,9}$/.test(p) && parseCaseCode(p) === undefined);
    const rawId = input.args.get('eskalation') ?? numbers[0];
    const rawChoice = (input.args.get('entscheidung') ?? words[0])?.toLowerCase();
    // At most one bare number, one decision word and one case code.
    const surplus = numbers.length > 1 || codes.length > 1 || words.length > 1;
    if (rawId === undefined || !/^\d{1,9}$/.test(rawId) || rawChoice === undefined || surplus) throw new UserError(T.usage);
    const escalation = ctx.store.escalations.byId(Number(rawId));
    if (!escalation) throw new UserError(escalationTexts.unknown(rawId), 'eskalation');
    if (escalation.kind !== 'kapazitaet') throw new UserError(T.notCapacity(escalation.id), 'eskalation');
    // Who may decide (the FM team lead, or the deputy of an absent one) before anything else is read (R4, R17).
    assertMayVote(ctx, escalation, ctx.actor);

    const f = new FieldReader(input);
    const choice = CAPACITY_CHOICES.find((c) => c === rawChoice);
    if (choice === undefined) f.fail('entscheidung', T.choiceUnknown(rawChoice));
    const fmId = input.args.get('fm');
    const rawDays = input.args.get('tage');
    const reason = input.args.get('grund')?.trim() || undefined;
    // R4: one referral of the escalation (case by case); without it, every one still undecided.
    const rawCase = input.args.get('fall') ?? codes[0];
    const caseCode = rawCase?.toUpperCase();
    if (caseCode !== undefined && parseCaseCode(caseCode) === undefined) f.fail('fall', T.caseFormat(rawCase!));
    if (fmId !== undefined && choice !== 'zuweisen') f.fail('fm', T.fmOnlyForAssign);
    if (fmId !== undefined && choice === 'zuweisen') {
      const team = ctx.org.team(escalation.teamId);
      const isFm = team !== undefined && ctx.org.membersOf(team).some((p) => p.id === fmId && p.roles.includes('fm'));
      if (!isFm) f.fail('fm', T.fmUnknown(fmId, team?.name ?? escalation.teamId), 'R4');
    }
    let workingDays: number | undefined;
    if (rawDays !== undefined && choice !== 'verschieben') f.fail('tage', T.daysOnlyForDefer);
    if (choice === 'verschieben') {
      if (rawDays === undefined) f.fail('tage', T.daysMissing, 'R4');
      else if (!/^\d{1,3}$/.test(rawDays) || Number(rawDays) < 1 || Number(rawDays) > MAX_DEFER_WORKING_DAYS) f.fail('tage', T.daysRange(rawDays), 'R4');
      else workingDays = Number(rawDays);
    }
    if (choice !== undefined && choice !== 'zuweisen' && reason === undefined) f.fail('grund', T.reasonMissing, 'R4');
    if (reason !== undefined && reason.length > MAX_COMMENT_LENGTH) f.fail('grund', T.reasonTooLong(reason.length, MAX_COMMENT_LENGTH));
    f.throwIfAny();

    const decision = decisionOf(choice!, fmId, workingDays);
    if (caseCode !== undefined) decision.caseCodes = [caseCode];
    const { note } = decideCapacity(ctx, ctx.actor, { escalationId: escalation.id, decision, ...(reason === undefined ? {} : { comment: reason }) });
    return message(note, text(note));
  },
};

function decisionOf(choice: CapacityChoice, fmId: string | undefined, workingDays: number | undefined): CapacityDecision {
  switch (choice) {
    case 'zuweisen':
      return fmId === undefined ? { kind: 'assign' } : { kind: 'assign', fmId };
    case 'verschieben':
      return { kind: 'defer', workingDays: workingDays! };
    case 'zurueckgeben':
      return { kind: 'return' };
  }
}

/** The open capacity escalations the actor may decide today (R4, R17: a deputy while the lead is absent). */
function openCapacityEscalations(ctx: CommandContext): EscalationRecord[] {
  return ctx.store.escalations.listOpen().filter((e) => e.kind === 'kapazitaet' && mayVote(ctx, e, ctx.actor));
}

/** The decision form: the escalation (one when opened from its button), the decision and its details. */
export function capacityForm(ctx: CommandContext, escalations: EscalationRecord[]): Form {
  if (escalations.length === 0) throw new UserError(T.noOpen);
  const teamIds = new Set(escalations.map((e) => e.teamId));
  const fms = ctx.org.org.people.filter((p) => p.roles.includes('fm') && p.team !== undefined && teamIds.has(p.team));
  return {
    command: 'kapazitaet',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      {
        kind: 'select',
        key: 'eskalation',
        label: T.fieldEscalation,
        required: true,
        options: escalations.map((e) => ({ value: String(e.id), label: T.escalationOption(e.id, undecidedCases(ctx, e)) })),
      },
      {
        kind: 'select',
        key: 'fall',
        label: T.fieldCase,
        required: false,
        options: escalations.flatMap((e) => undecidedCases(ctx, e)).map((code) => ({ value: code, label: code })),
      },
      {
        kind: 'select',
        key: 'entscheidung',
        label: T.fieldChoice,
        required: true,
        options: [
          { value: 'zuweisen', label: T.optionAssign },
          { value: 'verschieben', label: T.optionDefer },
          { value: 'zurueckgeben', label: T.optionReturn },
        ],
      },
      { kind: 'select', key: 'fm', label: T.fieldFm, required: false, options: fms.map((p) => ({ value: p.id, label: p.name })) },
      { kind: 'text', key: 'tage', label: T.fieldDays, required: false },
      { kind: 'text', key: 'grund', label: T.fieldReason, required: false, multiline: true },
    ],
  };
}
