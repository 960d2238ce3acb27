/**
 * 08:00 on working days: team duties (src/services/duties.ts) — the FM team meeting per office every 3 months
 * (R28), the cross-office exchange yearly (R29), each M&I team's visit by its contact FM every 6 months (R30;
 * an M&I team without one is a gap for the FM team leads), each FM team's exchange with each partner team
 * (R31) and the network-partner overview (R32) every 6 months.
 *
 * - A duty never held is due from the first day this job knew it (written on every run, once per duty).
 * - While due, its recipients are reminded on the due day and again every `jobcenter.dutyRepeatDays` days
 *   (default 14) until an occurrence is recorded; each repeat has its own dedupe key, so each goes out once.
 * - A planned occurrence (`/fm termin … datum=<future>`): its participants are reminded on the working day
 *   before; from the working day after, the person who recorded it is asked once to confirm it took place.
 */
import {
  DUTY_ACTIONS,
  DUTY_RULES,
  allDuties,
  dutyRepeatDays,
  dutyStandings,
  participantsOf,
  recordedSubjectName,
  reminderRound,
  type DutyStanding,
} from '../src/services/duties.js';
import { addDays, formatGermanDate } from '../src/domain/time.js';
import { dutyCommandTexts as C, pingTexts as T } from '../src/i18n/pings.js';
import { actions, heading, message, text, type Block } from '../src/messaging/reply.js';
import type { DutyRecord } from '../src/store/ports.js';
import { TIMES, isPingTime } from './shared.js';
import type { Job, JobContext } from './types.js';

export const duties: Job = {
  name: 'duties',
  run(ctx) {
    // The first day each duty was known: one never held is due from then (R28–R32).
    ctx.store.transaction(() => {
      for (const duty of allDuties(ctx.org)) ctx.store.duties.markSeen(duty.kind, duty.subject, ctx.today);
    });
    if (!isPingTime(ctx, TIMES.duties)) return 0;
    let queued = 0;
    const repeatDays = dutyRepeatDays(ctx.org);
    for (const standing of dutyStandings(ctx, ctx.today)) queued += remind(ctx, standing, repeatDays);
    for (const plan of ctx.store.duties.planned()) queued += followPlan(ctx, plan);
    return queued;
  },
};

function enqueue(ctx: JobContext, dedupeKey: string, personId: string, summary: string, ...blocks: Block[]): number {
  const added = ctx.store.outbox.enqueue({ dedupeKey, target: { kind: 'direct', personId }, message: message(summary, ...blocks), createdAt: ctx.now });
  return added ? 1 : 0;
}

/** The current reminder of a due duty, once per recipient; round 0 keeps the dedupe key of the single reminder before repeats existed. */
function remind(ctx: JobContext, standing: DutyStanding, repeatDays: number): number {
  const round = reminderRound(ctx, standing, ctx.today, repeatDays);
  if (round === undefined) return 0;
  const { duty, dueOn, lastOn, overdueDays } = standing;
  const body =
    duty.kind === 'kontakt_fehlt'
      ? T.dutyContactGap(duty.subjectName)
      : T.duty(duty.kind, duty.subjectName, lastOn ? formatGermanDate(lastOn) : T.dutyNever, duty.partnerId ? { id: duty.partnerId, name: duty.partnerName! } : undefined);
  const lines = [body];
  if (duty.kind !== 'kontakt_fehlt') lines.push(overdueDays === 0 ? T.dutyDueToday : T.dutyOverdue(formatGermanDate(dueOn), overdueDays, repeatDays));
  const plan = standing.plans[0];
  if (plan) lines.push(plan.on >= ctx.today ? T.dutyPlanned(formatGermanDate(plan.on)) : T.dutyUnconfirmed(formatGermanDate(plan.on), plan.id));
  const title = duty.kind === 'kontakt_fehlt' ? T.dutyGapHeading : T.dutyHeading;
  const roundKey = round === 0 ? dueOn : `${dueOn}+${round * repeatDays}d`;
  let queued = 0;
  for (const personId of duty.recipients) {
    queued += enqueue(ctx, `ping.duty:${duty.kind}:${duty.subject}:${roundKey}:${personId}`, personId, body, heading(title), ...lines.map((l) => text(l)));
  }
  return queued;
}

/** A plan: the participants the working day before; afterwards the recorder, once, to confirm it took place. */
function followPlan(ctx: JobContext, plan: DutyRecord): number {
  const what = C.kindLabel(plan.kind);
  const subject = recordedSubjectName(ctx.org, plan.kind, plan.subject);
  const date = formatGermanDate(plan.on);
  const remindOn = ctx.calendar.workingDayOnOrBefore(addDays(plan.on, -1));
  let queued = 0;
  if (ctx.today >= remindOn && ctx.today < plan.on) {
    const line = T.dutyPlanReminder(what, subject, date);
    for (const personId of participantsOf(ctx.org, plan.kind, plan.subject)) {
      queued += enqueue(ctx, `ping.duty.plan:${plan.id}:${personId}`, personId, line, heading(T.dutyPlanHeading), text(line));
    }
  }
  if (ctx.today > plan.on) {
    const recorder = ctx.org.person(plan.recordedBy) ? [plan.recordedBy] : participantsOf(ctx.org, plan.kind, plan.subject);
    const ask = T.dutyConfirmAsk(what, subject, DUTY_RULES[plan.kind], date, plan.id);
    const value = String(plan.id);
    for (const personId of recorder) {
      queued += enqueue(
        ctx,
        `ping.duty.confirm:${plan.id}:${personId}`,
        personId,
        ask,
        heading(T.dutyConfirmHeading),
        text(ask),
        actions(
          { actionId: DUTY_ACTIONS.held, label: T.dutyHeldButton, value, style: 'primary' },
          { actionId: DUTY_ACTIONS.cancelled, label: T.dutyCancelledButton, value },
        ),
      );
    }
  }
  return queued;
}
