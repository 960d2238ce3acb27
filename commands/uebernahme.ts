/**
 * /fm uebernahme — the assigned FM (or the receiving team's lead) records the intake talk (R4–R6, R11):
 * the case is active from that date. A late intake is flagged and the team lead told (R4); the intake of a
 * U25 → Ü25 transfer ends the U25 case in the same transaction (R10).
 */
import { addMonths, STANDARD_MONTHS } from '../src/domain/due.js';
import { formatGermanDate, parseGermanDate, type Instant, type LocalDate } from '../src/domain/time.js';
import { caseTexts, intakeTexts as T } from '../src/i18n/cases.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, mention, message, text, type Block, type Form, type Message } from '../src/messaging/reply.js';
import type { CaseProgress, CaseRecord } from '../src/store/ports.js';
import { assertMayActOn, assertStatus, CASE_KEY, caseChoice, changeCase, directKey, findCase, readReason } from './caseAccess.js';
import { FieldReader, YES_NO } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';
import { closeForEndedCase } from '../src/services/escalations/index.js';
import { TRANSFER_END_REASON } from './uebergang.js';

const KEYS = [CASE_KEY, 'datum', 'warm', 'ziele', 'grund'] as const;

interface Intake {
  date: LocalDate;
  warm: boolean;
  goals: boolean;
  note?: string;
}

export const uebernahme: CommandDefinition = {
  name: 'uebernahme',
  roles: EVERYONE,
  helpOrder: 50,
  help: commandHelp.uebernahme,
  teamsMenu: {
    personal: { priority: 60, description: M.uebernahme },
  },
  keys: KEYS,
  maxPositionals: 1,
  form: intakeForm,
  run(ctx, input) {
    const record = findCase(ctx, input);
    assertMayActOn(ctx, record, T.doing(record.caseCode));
    assertStatus(record, ['zugewiesen'], T.allowedStatus);
    const now = ctx.clock.now();
    const intake = readIntake(input, record, ctx.calendar.today(now));
    const late = intake.date > record.intakeDeadline; // R4

    const { u25, leadsTold } = ctx.store.transaction(() => {
      const changes: CaseProgress = {
        intakeOn: intake.date,
        intakeWarm: intake.warm,
        intakeGoals: intake.goals,
        intakeLate: late,
        plannedEndOn: addMonths(intake.date, STANDARD_MONTHS), // R18
      };
      if (intake.note !== undefined) changes.intakeNote = intake.note;
      // Compare-and-set: a second submit or a parallel decline finds the case no longer "zugewiesen".
      changeCase(ctx, record, {
        from: ['zugewiesen'],
        to: 'aktiv',
        changes,
        now,
        action: 'case.intake',
        details: { intakeOn: intake.date, warm: intake.warm, goals: intake.goals, late, withNote: intake.note !== undefined },
      });
      const u25 = record.transferFrom ? endU25Case(ctx, record, intake.date, now) : undefined;
      notifyReferrer(ctx, record, intake, u25, now);
      return { u25, leadsTold: late ? notifyLeads(ctx, record, intake.date, now) : 0 };
    });

    return confirmation(ctx, record, intake, late, leadsTold > 0, u25);
  },
};

function readIntake(input: ParsedCommand, record: CaseRecord, today: LocalDate): Intake {
  const f = new FieldReader(input);
  const rawDate = f.raw('datum', true);
  const date = rawDate === undefined ? undefined : parseGermanDate(rawDate);
  if (rawDate !== undefined) {
    if (date === undefined) f.fail('datum', T.dateFormat);
    else if (date > today) f.fail('datum', T.dateFuture(formatGermanDate(date)));
    else if (date < record.flaggedOn) f.fail('datum', T.dateBeforeFlag(formatGermanDate(date), formatGermanDate(record.flaggedOn)));
  }
  const warm = f.yesNo('warm', true);
  const goals = f.yesNo('ziele', true);
  const note = readReason(f, warm === false, T.warmNeedsReason, 'R11');
  f.throwIfAny();
  return { date: date!, warm: warm!, goals: goals!, note };
}

/** R10: the Ü25 intake is the handover, so the U25 case ends that day. */
function endU25Case(ctx: CommandContext, record: CaseRecord, on: LocalDate, now: Instant): CaseRecord | undefined {
  const u25Code = record.transferFrom!;
  const ended = ctx.store.cases.transition(u25Code, ['zugewiesen', 'aktiv'], 'beendet', { endedOn: on, endReason: TRANSFER_END_REASON }, now);
  if (ended) {
    ctx.store.audit.record({
      at: now,
      actorId: ctx.actor.id,
      action: 'case.ended',
      caseCode: u25Code,
      details: { endReason: TRANSFER_END_REASON, endedOn: on, successor: record.caseCode },
    });
    closeForEndedCase(ctx, u25Code, ctx.actor.id, now);
  }
  return ended;
}

/** The referring IFK learns of the intake; for a transfer, the U25 FM(s) learn that their case ended. */
function notifyReferrer(ctx: CommandContext, record: CaseRecord, intake: Intake, u25: CaseRecord | undefined, now: Instant): void {
  const fm = mention(record.assignedFmId ?? ctx.actor.id);
  const date = formatGermanDate(intake.date);
  if (u25) {
    const recipients = new Set([record.referringPersonId, u25.assignedFmId].filter((id): id is string => id !== undefined));
    for (const personId of recipients) {
      if (personId === ctx.actor.id) continue;
      ctx.store.outbox.enqueue({
        dedupeKey: directKey('transfer.ended', u25.caseCode, personId),
        target: { kind: 'direct', personId },
        createdAt: now,
        message: message(
          T.transferEndSummary(u25.caseCode),
          text(T.transferEndText(u25.caseCode, record.caseCode, record.clientRef, date, fm)),
        ),
      });
    }
    return;
  }
  if (record.referringPersonId === ctx.actor.id) return;
  ctx.store.outbox.enqueue({
    dedupeKey: directKey('intake.done', record.caseCode, record.referringPersonId),
    target: { kind: 'direct', personId: record.referringPersonId },
    createdAt: now,
    message: message(
      T.referrerSummary(record.caseCode),
      text(T.referrerText(record.caseCode, record.clientRef, date, fm, intake.warm)),
    ),
  });
}

/** R4: the receiving team's lead(s) learn of every late intake (case code only); returns how many were told. */
function notifyLeads(ctx: CommandContext, record: CaseRecord, on: LocalDate, now: Instant): number {
  const team = ctx.org.team(record.receivingTeamId);
  const leads = team ? ctx.org.leadsOf(team).filter((lead) => lead.id !== ctx.actor.id) : [];
  const fm = mention(record.assignedFmId ?? ctx.actor.id);
  for (const lead of leads) {
    ctx.store.outbox.enqueue({
      dedupeKey: directKey('intake.late', record.caseCode, lead.id),
      target: { kind: 'direct', personId: lead.id },
      createdAt: now,
      message: message(
        T.lateSummary(record.caseCode),
        text(T.lateText(record.caseCode, formatGermanDate(on), formatGermanDate(record.intakeDeadline), fm)),
      ),
    });
  }
  return leads.length;
}

function confirmation(
  ctx: CommandContext,
  record: CaseRecord,
  intake: Intake,
  late: boolean,
  leadsTold: boolean,
  u25: CaseRecord | undefined,
): Message {
  const date = formatGermanDate(intake.date);
  const rows: Array<[string, string]> = [
    [caseTexts.factCase, record.caseCode],
    [caseTexts.factClient, record.clientRef],
    [T.factDate, date],
    [T.factWarm, T.yesNo(intake.warm)],
    [T.factGoals, T.yesNo(intake.goals)],
  ];
  if (intake.note !== undefined) rows.push([T.factNote, intake.note]);
  rows.push([T.factDeadline, T.deadlineValue(formatGermanDate(record.intakeDeadline), late)]);
  const blocks: Block[] = [heading(T.savedHeading), facts(...rows)];
  if (leadsTold) blocks.push(text(T.lateNote(ctx.org.team(record.receivingTeamId)?.name ?? record.receivingTeamId)));
  if (!intake.goals) blocks.push(text(T.goalsReminder));
  if (u25) blocks.push(text(T.transferEnded(u25.caseCode)));
  if (record.referringPersonId !== ctx.actor.id) blocks.push(text(T.referrerNotified));
  return message(T.savedSummary(record.caseCode, date), ...blocks);
}

function intakeForm(ctx: CommandContext): Form {
  const yesNo = [...YES_NO];
  const today = formatGermanDate(ctx.calendar.today(ctx.clock.now()));
  return {
    command: 'uebernahme',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      caseChoice(ctx, ['zugewiesen'], T.formWhat, (r) => T.optionDeadline(formatGermanDate(r.intakeDeadline))),
      { kind: 'text', key: 'datum', label: T.fieldDatum, required: true, placeholder: today },
      { kind: 'select', key: 'warm', label: T.fieldWarm, required: true, options: yesNo },
      { kind: 'select', key: 'ziele', label: T.fieldZiele, required: true, options: yesNo },
      { kind: 'text', key: 'grund', label: T.fieldGrund, hint: T.hintGrund, required: false },
    ],
  };
}
