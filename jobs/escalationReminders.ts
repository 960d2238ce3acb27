/**
 * Nobody forgets an escalation: undecided after 3 working days, the leads whose decision is missing (or
 * the deputies of those absent) are reminded by direct message; after 5 working days the office lead of the
 * FM team's office is told. Each person once per escalation; only on working days.
 */
import { missingDeciders, SYSTEM_ACTOR } from '../src/services/escalations/index.js';
import { formatGermanDate } from '../src/domain/time.js';
import { escalationTexts as T } from '../src/i18n/escalations.js';
import { message, text, type Message } from '../src/messaging/reply.js';
import type { EscalationRecord } from '../src/store/ports.js';
import type { Job, JobContext } from './types.js';

export const REMIND_AFTER_WORKING_DAYS = 3;
export const OFFICE_AFTER_WORKING_DAYS = 5;

export const escalationReminders: Job = {
  name: 'escalation-reminders',
  run(ctx) {
    if (!ctx.calendar.isWorkingDay(ctx.today)) return 0;
    let queued = 0;
    for (const escalation of ctx.store.escalations.listOpen()) {
      const since = ctx.calendar.today(escalation.raisedAt);
      const elapsed = ctx.calendar.workingDaysBetween(since, ctx.today);
      if (elapsed >= REMIND_AFTER_WORKING_DAYS) queued += remindLeads(ctx, escalation, elapsed);
      if (elapsed >= OFFICE_AFTER_WORKING_DAYS) queued += informOffice(ctx, escalation, elapsed);
    }
    return queued;
  },
};

function remindLeads(ctx: JobContext, e: EscalationRecord, elapsed: number): number {
  const teamName = ctx.org.team(e.teamId)?.name ?? e.teamId;
  const since = formatGermanDate(ctx.calendar.today(e.raisedAt));
  const msg = message(T.reminderSummary(e.caseCode), text(T.reminderText(e.caseCode, e.kind, since, elapsed, teamName)), text(T.typedCommands(e.id)));
  const to = missingDeciders(ctx, e, ctx.today).map((d) => d.personId);
  return sendOnce(ctx, e, 'escalation.reminded', 'ping.escalation.remind', to, msg); // pings wait for working days
}

function informOffice(ctx: JobContext, e: EscalationRecord, elapsed: number): number {
  const team = ctx.org.team(e.teamId);
  const office = team && ctx.org.org.offices.find((o) => o.id === team.office);
  const missing = missingDeciders(ctx, e, ctx.today).map((d) => ctx.org.person(d.personId)?.name ?? d.personId);
  const since = formatGermanDate(ctx.calendar.today(e.raisedAt));
  const msg = message(
    T.officeSummary(e.caseCode, elapsed),
    text(T.officeText(e.caseCode, e.kind, team?.name ?? e.teamId, since, elapsed, missing)),
    text(T.numberLine(e.id)),
  );
  return sendOnce(ctx, e, 'escalation.office', 'ping.escalation.office', office?.leads ?? [], msg);
}

/** Queues the message to each person not told before and records who was told, in one transaction. */
function sendOnce(ctx: JobContext, e: EscalationRecord, action: string, keyPrefix: string, personIds: string[], msg: Message): number {
  return ctx.store.transaction(() => {
    const told = personIds.filter((personId) =>
      ctx.store.outbox.enqueue({
        dedupeKey: `${keyPrefix}:${e.id}:${personId}`,
        target: { kind: 'direct', personId },
        message: msg,
        createdAt: ctx.now,
      }),
    );
    if (told.length > 0) {
      ctx.store.audit.record({
        at: ctx.now,
        actorId: SYSTEM_ACTOR,
        action,
        caseCode: e.caseCode,
        details: { escalationId: e.id, kind: e.kind, to: told },
      });
    }
    return told.length;
  });
}
