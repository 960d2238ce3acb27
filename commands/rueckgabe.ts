/**
 * /fm rueckgabe FM-… bestaetigt | widerspruch grund="…" | zurueckziehen — the answer to a planned exit (R22–R26).
 * The person asked for the return talk (the referring IFK, or the lead of the referring team), the referring
 * IFK or a lead of the referring team confirms the talk — the case ends — or objects — the two team leads
 * decide jointly (R25). The case's FM (their stand-in, the FM team lead) withdraws the plan until it is final.
 * The buttons „Rückgabegespräch geführt“ and „Widerspruch“ of the request do the same.
 */
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { commandHelp } from '../src/i18n/help.js';
import { exitTexts } from '../src/i18n/lifecycle.js';
import { returnTexts as T } from '../src/i18n/returns.js';
import { facts, heading, mention, message, text, type Form, type Message } from '../src/messaging/reply.js';
import { confirmReturn, mayAnswerReturn, objectToReturn, RETURN_ACTIONS, withdrawReturn } from '../src/services/returns.js';
import type { CaseRecord, ReturnRecord } from '../src/store/ports.js';
import { assertMayActOnCase, CASE_KEY, findCase, readReason } from './caseAccess.js';
import { FieldReader } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type ActionDefinition, type CommandContext, type CommandDefinition } from './types.js';

const ANSWERS = ['bestaetigt', 'widerspruch', 'zurueckziehen'] as const;
type Answer = (typeof ANSWERS)[number];
/** Typed variants people write. */
const SYNONYMS: Record<string, Answer> = { bestaetigen: 'bestaetigt', bestätigt: 'bestaetigt', bestätigen: 'bestaetigt', zurückziehen: 'zurueckziehen' };

export const rueckgabe: CommandDefinition = {
  name: 'rueckgabe',
  roles: EVERYONE,
  helpOrder: 155,
  help: commandHelp.rueckgabe,
  keys: [CASE_KEY, 'antwort', 'grund'],
  maxPositionals: 2,
  run(ctx, input) {
    const now = ctx.clock.now();
    const record = findCase(ctx, input);
    const answer = readAnswer(input, record.caseCode);
    const ret = ctx.store.returns.openFor(record.caseCode);

    if (answer === 'zurueckziehen') {
      assertMayActOnCase(ctx, record, T.doingWithdraw(record.caseCode), ctx.calendar.today(now));
      if (!ret) throw new UserError(T.notPlanned(record.caseCode));
      withdrawReturn(ctx, record, ret, ctx.actor.id, now);
      return message(T.withdrawnSummary(record.caseCode), heading(T.withdrawnHeading), text(T.withdrawnSummary(record.caseCode)));
    }

    if (!ret) throw new UserError(T.notPlanned(record.caseCode));
    assertMayAnswer(ctx, record, ret);
    if (answer === 'bestaetigt') return confirmed(ctx, record, ret, now);

    const f = new FieldReader(input);
    const objection = readReason(f, false, T.objectionMissing, 'R25');
    if (objection === undefined && !f.errors.length) f.fail('grund', T.objectionMissing);
    f.throwIfAny();
    const escalation = objectToReturn(ctx, record, ret, ctx.actor.id, objection!, now);
    const teams = escalation.seats.map((s) => ctx.org.team(s)?.name ?? s).join(' und ');
    return message(
      T.objectedSummary(record.caseCode),
      heading(T.objectedHeading),
      facts([caseTexts.factCase, record.caseCode], [caseTexts.factClient, record.clientRef]),
      text(T.objectedText(teams)),
    );
  },
};

function readAnswer(input: ParsedCommand, caseCode: string): Answer {
  const raw = (input.args.get('antwort') ?? input.positionals[1])?.toLowerCase();
  if (raw === undefined) throw new UserError(T.answerMissing(caseCode), 'antwort');
  const answer = SYNONYMS[raw] ?? raw;
  if (!(ANSWERS as readonly string[]).includes(answer)) throw new UserError(T.answerUnknown(raw), 'antwort');
  return answer as Answer;
}

function assertMayAnswer(ctx: CommandContext, record: CaseRecord, ret: ReturnRecord): void {
  if (!mayAnswerReturn(ctx, record, ret, ctx.actor.id)) throw new UserError(T.notAddressee(record.caseCode, mention(ret.addresseeId)));
}

function confirmed(ctx: CommandContext, record: CaseRecord, ret: ReturnRecord, now: number): Message {
  const ended = confirmReturn(ctx, record, ret, ctx.actor.id, now);
  const date = formatGermanDate(ended.endedOn!);
  return message(
    T.confirmedSummary(record.caseCode, date),
    heading(T.confirmedHeading),
    facts([caseTexts.factCase, record.caseCode], [caseTexts.factClient, record.clientRef], [exitTexts.factDate, date]),
    text(T.confirmedText),
  );
}

/** The form behind „Widerspruch“: this case, and the objection's reason (required). */
function objectionForm(record: CaseRecord): Form {
  return {
    command: 'rueckgabe',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      { kind: 'select', key: CASE_KEY, label: caseTexts.fieldFall, required: true, options: [{ value: record.caseCode, label: record.caseCode }] },
      { kind: 'select', key: 'antwort', label: T.fieldAntwort, required: true, options: [{ value: 'widerspruch', label: T.optionObject }] },
      { kind: 'text', key: 'grund', label: T.fieldGrund, hint: T.hintGrund, required: true, multiline: true },
    ],
  };
}

/** The open planned exit a button names, checked that the clicker may answer it. */
function askedReturn(ctx: CommandContext, caseCode: string): { record: CaseRecord; ret: ReturnRecord } {
  const record = ctx.store.cases.byCode(caseCode);
  const ret = record && ctx.store.returns.openFor(record.caseCode);
  if (!record || !ret) throw new UserError(T.notPlanned(caseCode));
  assertMayAnswer(ctx, record, ret);
  return { record, ret };
}

export const returnActions: ActionDefinition[] = [
  {
    actionId: RETURN_ACTIONS.confirm,
    run(ctx, action) {
      const { record, ret } = askedReturn(ctx, action.value);
      return { kind: 'message', message: confirmed(ctx, record, ret, ctx.clock.now()) };
    },
  },
  {
    actionId: RETURN_ACTIONS.object,
    run(ctx, action) {
      const { record, ret } = askedReturn(ctx, action.value);
      if (ret.status === 'objected') throw new UserError(T.alreadyObjected(record.caseCode));
      return { kind: 'form', form: objectionForm(record) };
    },
  },
];
