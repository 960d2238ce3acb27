/**
 * /fm eskalieren FM-… art=zugang|abgang grund="…" — the IFK or FM involved (or a lead of either team) gives
 * a disagreement to the team leads: about access after a decline (R7) or about a planned exit (R25).
 * The leads decide with the buttons on the channel message ("escalation.approve", "escalation.reject"), by
 * replying in its thread, or — where there are no buttons — with the internal commands
 * `eskalation-zustimmen` and `eskalation-ablehnen` (the latter is also the modal behind "Ablehnen").
 */
import {
  assertMayVote,
  castVote,
  decidersText,
  ESCALATION_ACTIONS,
  ESCALATION_COMMANDS,
  raiseEscalation,
  renderEscalation,
  type VoteInput,
} from '../src/services/escalations/index.js';
import type { ActionResponse } from '../src/messaging/ports.js';
import { RuleViolation, UserError } from '../src/domain/errors.js';
import { exitViolation, EXIT_REASONS, isExitReason, type ExitReason } from '../src/domain/exit.js';
import { formatInTimeZone } from '../src/domain/format.js';
import { statusLabel } from '../src/i18n/cases.js';
import { escalationTexts as T } from '../src/i18n/escalations.js';
import { exitReasonLabel, exitTexts } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, text, type Form, type FormField, type Message } from '../src/messaging/reply.js';
import type { CaseRecord, EscalationRecord } from '../src/store/ports.js';
import type { CaseStatus, EscalationVoteChoice } from '../src/domain/vocabulary.js';
import { CASE_KEY, findCase, leadsTeam, MAX_REASON_LENGTH, mayActOnCase, readReason } from './caseAccess.js';
import { FieldReader } from './fields.js';
import { capacityForm } from './kapazitaet.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type ActionDefinition, type CommandContext, type CommandDefinition } from './types.js';

const RAISED_BY_COMMAND = ['zugang', 'abgang'] as const;
type CommandKind = (typeof RAISED_BY_COMMAND)[number];
/** The case's status an escalation of that kind needs. */
const NEEDED_STATUS: Record<CommandKind, CaseStatus> = { zugang: 'abgelehnt', abgang: 'aktiv' };

export const eskalieren: CommandDefinition = {
  name: 'eskalieren',
  roles: EVERYONE,
  helpOrder: 220,
  help: commandHelp.eskalieren,
  teamsMenu: {
    personal: { priority: 10, description: M.eskalieren },
    groupChat: { priority: 40, description: M.eskalieren },
  },
  keys: [CASE_KEY, 'art', 'grund', 'abgangsgrund', 'empfehlung'],
  maxPositionals: 1,
  form: raiseForm,
  run(ctx, input) {
    const now = ctx.clock.now();
    const record = findCase(ctx, input);
    if (!isInvolved(ctx, record)) throw new UserError(T.notInvolved(record.caseCode));
    const request = readRaise(input);

    const open = ctx.store.escalations.openFor(record.caseCode, request.kind);
    if (open) throw new UserError(T.openExists(record.caseCode, request.kind, formatInTimeZone(open.raisedAt)));
    if (record.status !== NEEDED_STATUS[request.kind]) {
      const why = request.kind === 'zugang' ? T.zugangStatus : T.abgangStatus;
      throw new RuleViolation(request.kind === 'zugang' ? 'R7' : 'R25', why(record.caseCode, statusLabel(record.status)));
    }
    if (request.kind === 'zugang') {
      // Back in "strittig" the referral counts as open again: one open case per client and group.
      const other = ctx.store.cases.findOpenByClient(record.clientRef);
      if (other && other.group === record.group) throw new UserError(T.otherOpenCase(record.caseCode, other.caseCode));
    }

    const common = { caseCode: record.caseCode, raisedBy: ctx.actor.id, reason: request.reason, now };
    const { escalation } = ctx.store.transaction(() => {
      const raised = raiseEscalation(
        ctx,
        request.kind === 'abgang'
          ? { ...common, kind: 'abgang', exitReason: request.exitReason!, ...(request.recommendation ? { recommendation: request.recommendation } : {}) }
          : { ...common, kind: 'zugang' },
      );
      // R25: an escalation against a planned exit is the objection to it — the return talk waits for the leads.
      const planned = request.kind === 'abgang' ? ctx.store.returns.openFor(record.caseCode) : undefined;
      if (planned?.status === 'pending' && ctx.store.returns.object(planned.id, request.reason, raised.escalation.id)) {
        ctx.store.audit.record({
          at: now,
          actorId: ctx.actor.id,
          action: 'case.return.objected',
          caseCode: record.caseCode,
          details: { returnId: planned.id, escalationId: raised.escalation.id },
        });
      }
      return raised;
    });
    const team = ctx.org.team(escalation.teamId)?.name ?? escalation.teamId;
    const deciders = decidersText(ctx, escalation);
    return message(
      T.savedSummary(record.caseCode, request.kind),
      heading(T.savedHeading),
      facts(
        [T.factCase, record.caseCode],
        [T.factClient, record.clientRef],
        [T.factKind, T.kindWithRule(request.kind)],
        [T.factDeciders, deciders],
        [T.factReason, request.reason],
      ),
      text(T.savedText(team, deciders)),
    );
  },
};

/** The referring IFK, the case's FM (or their stand-in, R17) and the leads of both teams. */
function isInvolved(ctx: CommandContext, record: CaseRecord): boolean {
  const today = ctx.calendar.today(ctx.clock.now());
  return record.referringPersonId === ctx.actor.id || mayActOnCase(ctx, record, today) || leadsTeam(ctx, record.referringTeamId);
}

interface RaiseRequest {
  kind: CommandKind;
  reason: string;
  exitReason?: ExitReason;
  recommendation?: string;
}

function readRaise(input: ParsedCommand): RaiseRequest {
  const f = new FieldReader(input);
  const art = f.raw('art', false)?.toLowerCase();
  let kind: CommandKind | undefined;
  if (art === undefined) f.fail('art', T.kindMissing);
  else if (art === 'verlaengerung' || art === 'kapazitaet') f.fail('art', T.kindAuto(art));
  else kind = f.oneOf('art', RAISED_BY_COMMAND, true);
  const reason = readReason(f, true, T.reasonMissing, kind === 'abgang' ? 'R25' : 'R7');

  const rawExit = f.raw('abgangsgrund', false)?.toLowerCase();
  const recommendation = f.raw('empfehlung', false);
  let exitReason: ExitReason | undefined;
  if (kind === 'abgang') {
    if (recommendation !== undefined && recommendation.length > MAX_REASON_LENGTH) {
      f.fail('empfehlung', exitTexts.recommendationTooLong(recommendation.length, MAX_REASON_LENGTH));
    }
    // The same checks as /fm abgang: R22 codes, never missed appointments alone (R23), alternatives with no potential (R24).
    const violation = rawExit === undefined ? undefined : exitViolation(rawExit, recommendation);
    if (rawExit === undefined) f.fail('abgangsgrund', T.exitReasonMissing([...EXIT_REASONS]), 'R22');
    else if (violation?.rule === 'R23') f.errors.push(new RuleViolation('R23', T.exitMissedAppointmentsOnly, 'abgangsgrund'));
    else if (!isExitReason(rawExit)) f.fail('abgangsgrund', T.exitReasonUnknown(rawExit, [...EXIT_REASONS]), 'R22');
    else if (violation?.rule === 'R24') f.errors.push(new RuleViolation('R24', exitTexts.recommendationMissing, 'empfehlung'));
    else exitReason = rawExit;
  } else if (kind !== undefined && (rawExit !== undefined || recommendation !== undefined)) {
    f.fail(rawExit !== undefined ? 'abgangsgrund' : 'empfehlung', T.exitKeysOnlyForExit);
  }
  f.throwIfAny();
  const request: RaiseRequest = { kind: kind!, reason: reason! };
  if (exitReason !== undefined) request.exitReason = exitReason;
  if (kind === 'abgang' && recommendation !== undefined) request.recommendation = recommendation;
  return request;
}

/** Slack's static select takes at most 100 options. */
const MAX_OPTIONS = 100;

/** Cases the actor is involved in (referred, assigned, or of a team they lead), in `statuses`, newest first. */
export function involvedCases(ctx: CommandContext, statuses: readonly CaseStatus[]): CaseRecord[] {
  const led = new Set(ctx.org.teamsLedBy(ctx.actor).map((t) => t.id));
  return ctx.store.cases
    .list({ statuses })
    .filter((r) => r.referringPersonId === ctx.actor.id || r.assignedFmId === ctx.actor.id || led.has(r.receivingTeamId) || led.has(r.referringTeamId))
    .reverse()
    .slice(0, MAX_OPTIONS);
}

/** The case choice of a form; private to the actor, so the client reference may tell the cases apart. */
export function involvedCaseChoice(ctx: CommandContext, statuses: readonly CaseStatus[], label: string, none: string): FormField {
  const records = involvedCases(ctx, statuses);
  if (records.length === 0) throw new UserError(none);
  return {
    kind: 'select',
    key: CASE_KEY,
    label,
    required: true,
    options: records.map((r) => ({ value: r.caseCode, label: T.optionCase(r.caseCode, r.clientRef, statusLabel(r.status)) })),
  };
}

function raiseForm(ctx: CommandContext): Form {
  return {
    command: 'eskalieren',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      involvedCaseChoice(ctx, ['abgelehnt', 'aktiv'], T.factCase, T.noCasesForForm),
      {
        kind: 'select',
        key: 'art',
        label: T.fieldArt,
        required: true,
        options: [
          { value: 'zugang', label: T.optionZugang },
          { value: 'abgang', label: T.optionAbgang },
        ],
      },
      { kind: 'text', key: 'grund', label: T.fieldGrund, hint: T.hintGrund, required: true, multiline: true },
      {
        kind: 'select',
        key: 'abgangsgrund',
        label: T.fieldAbgangsgrund,
        required: false,
        options: EXIT_REASONS.map((r) => ({ value: r, label: exitReasonLabel(r) })),
      },
      { kind: 'text', key: 'empfehlung', label: T.fieldEmpfehlung, required: false },
    ],
  };
}

// --- deciding -------------------------------------------------------------------------------------------

const VOTE_KEYS = ['eskalation', 'kommentar'] as const;

function readVote(input: ParsedCommand, vote: EscalationVoteChoice): VoteInput {
  const raw = input.args.get('eskalation') ?? input.positionals[0];
  if (raw === undefined || !/^\d{1,9}$/.test(raw)) throw new UserError(T.idFormat, 'eskalation');
  const comment = input.args.get('kommentar');
  return comment === undefined ? { escalationId: Number(raw), vote } : { escalationId: Number(raw), vote, comment };
}

function voted(ctx: CommandContext, input: VoteInput): Message {
  const { note } = castVote(ctx, ctx.actor, input);
  return message(note, text(note));
}

/** `/fm eskalation-zustimmen 3` — the "Zustimmen" button, typed. */
export const eskalationZustimmen: CommandDefinition = {
  name: ESCALATION_COMMANDS.approve,
  roles: EVERYONE,
  helpOrder: 240,
  help: commandHelp.eskalationZustimmen, // described in eskalieren's entry
  teamsMenu: {
    team: { priority: 10, description: M.eskalationZustimmen },
    groupChat: { priority: 30, description: M.eskalationZustimmenShort },
  },
  keys: VOTE_KEYS,
  maxPositionals: 1,
  run: (ctx, input) => voted(ctx, readVote(input, 'approve')),
};

/** `/fm eskalation-ablehnen 3 kommentar="…"`; also the modal the "Ablehnen" button opens. */
export const eskalationAblehnen: CommandDefinition = {
  name: ESCALATION_COMMANDS.reject,
  roles: EVERYONE,
  helpOrder: 250,
  help: commandHelp.eskalationAblehnen, // described in eskalieren's entry
  teamsMenu: {
    groupChat: { priority: 20, description: M.eskalationAblehnen },
  },
  keys: VOTE_KEYS,
  maxPositionals: 1,
  form: (ctx) => rejectForm(openForActor(ctx)),
  run: (ctx, input) => voted(ctx, readVote(input, 'reject')),
};

/** A thread reply "zustimmen" / "ablehnen <Begründung>" under an escalation's channel message. */
export function voteByThreadReply(ctx: CommandContext, escalation: EscalationRecord, vote: { vote: EscalationVoteChoice; comment?: string }): Message {
  return voted(ctx, { escalationId: escalation.id, ...vote });
}

/** Open escalations the actor could decide today (for the bare `eskalation-ablehnen`). */
function openForActor(ctx: CommandContext): EscalationRecord[] {
  const led = new Set(ctx.org.teamsLedBy(ctx.actor).map((t) => t.id));
  const deputyFor = new Set(ctx.org.org.people.filter((p) => p.deputy === ctx.actor.id).flatMap((p) => ctx.org.teamsLedBy(p).map((t) => t.id)));
  return ctx.store.escalations.listOpen().filter((e) => e.seats.some((s) => led.has(s) || deputyFor.has(s)));
}

/** The modal behind "Ablehnen": which escalation (one option when opened from its button) and a required comment. */
function rejectForm(escalations: EscalationRecord[]): Form {
  if (escalations.length === 0) throw new UserError(T.unknown('—'), 'eskalation');
  return {
    command: ESCALATION_COMMANDS.reject,
    title: T.rejectFormTitle,
    submitLabel: T.rejectFormSubmit,
    fields: [
      {
        kind: 'select',
        key: 'eskalation',
        label: T.fieldEscalation,
        required: true,
        options: escalations.slice(0, MAX_OPTIONS).map((e) => ({ value: String(e.id), label: T.escalationOption(e.caseCode, e.kind) })),
      },
      { kind: 'text', key: 'kommentar', label: T.fieldKommentar, hint: T.hintKommentar, required: true, multiline: true },
    ],
  };
}

function escalationOf(ctx: CommandContext, value: string): EscalationRecord {
  const escalation = /^\d{1,9}$/.test(value) ? ctx.store.escalations.byId(Number(value)) : undefined;
  if (!escalation) throw new UserError(T.unknown(value));
  return escalation;
}

export const escalationActions: ActionDefinition[] = [
  {
    actionId: ESCALATION_ACTIONS.approve,
    run(ctx, action): ActionResponse {
      const escalation = escalationOf(ctx, action.value);
      const { escalation: current, note } = castVote(ctx, ctx.actor, { escalationId: escalation.id, vote: 'approve' });
      return { kind: 'update', message: renderEscalation(ctx, current), note: message(note, text(note)) };
    },
  },
  {
    actionId: ESCALATION_ACTIONS.reject,
    run(ctx, action): ActionResponse {
      const escalation = escalationOf(ctx, action.value);
      // Refuse before the modal opens: someone who may not decide should not type a comment first.
      assertMayVote(ctx, escalation, ctx.actor);
      // R4: on a capacity escalation the other button opens the lead's three decisions.
      return { kind: 'form', form: escalation.kind === 'kapazitaet' ? capacityForm(ctx, [escalation]) : rejectForm([escalation]) };
    },
  },
];
