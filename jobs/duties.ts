/**
 * 08:00 on working days: team duties whose last occurrence is too long ago — the FM team meeting per
 * office every 3 months (R28), the cross-office exchange yearly (R29), each M&I team's visit by its
 * contact FM every 6 months (R30), the exchange with the other FM teams (R31) and the network-partner
 * overview (R32) every 6 months. Each due date is pinged once per recipient.
 */
import type { DutyKind } from '../src/domain/vocabulary.js';
import { addMonths, formatGermanDate } from '../src/domain/time.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { heading, message, text } from '../src/messaging/reply.js';
import { TIMES, isPingTime } from './shared.js';
import type { Job, JobContext } from './types.js';

interface Duty {
  kind: DutyKind;
  subject: string;
  subjectName: string;
  months: number;
  recipients: string[];
}

export const duties: Job = {
  name: 'duties',
  run(ctx) {
    if (!isPingTime(ctx, TIMES.duties)) return 0;
    let queued = 0;
    for (const duty of allDuties(ctx)) {
      const last = ctx.store.duties.last(duty.kind, duty.subject);
      const dueOn = last === undefined ? undefined : ctx.calendar.workingDayOnOrAfter(addMonths(last, duty.months));
      if (dueOn !== undefined && dueOn > ctx.today) continue;
      const body = T.duty(duty.kind, duty.subjectName, last ? formatGermanDate(last) : T.dutyNever);
      for (const personId of new Set(duty.recipients)) {
        const added = ctx.store.outbox.enqueue({
          dedupeKey: `ping.duty:${duty.kind}:${duty.subject}:${dueOn ?? 'never'}:${personId}`,
          target: { kind: 'direct', personId },
          message: message(body, heading(T.dutyHeading), text(body)),
          createdAt: ctx.now,
        });
        if (added) queued++;
      }
    }
    return queued;
  },
};

function allDuties(ctx: JobContext): Duty[] {
  const { org } = ctx;
  const fmTeams = org.org.teams.filter((t) => t.kind !== 'mi');
  const fmLeads = (officeId?: string) =>
    fmTeams.filter((t) => officeId === undefined || t.office === officeId).flatMap((t) => org.leadsOf(t).map((p) => p.id));
  const result: Duty[] = [];
  for (const office of org.org.offices) {
    result.push({ kind: 'dienstbesprechung', subject: office.id, subjectName: office.name, months: 3, recipients: [...office.leads, ...fmLeads(office.id)] }); // R28
  }
  result.push({ kind: 'austausch', subject: 'jobcenter', subjectName: org.org.jobcenter.name, months: 12, recipients: fmLeads() }); // R29
  for (const team of org.org.teams) {
    if (team.kind === 'mi') {
      if (!team.contactFm) continue;
      result.push({ kind: 'besuch', subject: team.id, subjectName: team.name, months: 6, recipients: [team.contactFm, ...org.leadsOf(team).map((p) => p.id)] }); // R30
    } else {
      const leads = org.leadsOf(team).map((p) => p.id);
      result.push({ kind: 'fm_austausch', subject: team.id, subjectName: team.name, months: 6, recipients: leads }); // R31
      result.push({ kind: 'netzwerk', subject: team.id, subjectName: team.name, months: team.networkReviewMonths, recipients: leads }); // R32
    }
  }
  return result;
}
