/**
 * Posts each FM team's assignment proposal before its weekly meeting (R9; team setting `meeting`,
 * default Tuesday 09:00). A meeting day that is a public holiday gets no post; the team lead is told on
 * the working day before.
 */
import type { Team } from '../src/config/org.js';
import { startRound } from '../src/services/rounds.js';
import { addDays, formatGermanDate, isoWeekday, type LocalDate } from '../src/domain/time.js';
import { roundTexts as T } from '../src/i18n/rounds.js';
import { message, text } from '../src/messaging/reply.js';
import type { Job, JobContext } from './types.js';

export const SYSTEM_ACTOR = 'system';

export const assignmentRound: Job = {
  name: 'assignment-round',
  run(ctx) {
    let queued = 0;
    for (const team of ctx.org.org.teams) {
      if (team.kind === 'mi') continue;
      queued += postRound(ctx, team) + warnHoliday(ctx, team);
    }
    return queued;
  },
};

function postRound(ctx: JobContext, team: Team): number {
  const { weekday, time } = team.meeting;
  if (isoWeekday(ctx.today) !== weekday || !ctx.calendar.isWorkingDay(ctx.today)) return 0;
  if (ctx.now < ctx.calendar.at(ctx.today, time)) return 0;
  if (ctx.store.rounds.scheduled(team.id, ctx.today)) return 0;
  const round = startRound(ctx, team, { actorId: SYSTEM_ACTOR, trigger: 'schedule', roundDate: ctx.today, now: ctx.now });
  if (round) return 1;
  // Nothing to distribute: said once, so the team does not wait for a proposal.
  return ctx.store.outbox.enqueue({
    dedupeKey: `round.schedule.empty:${team.id}:${ctx.today}`,
    target: { kind: 'channel', teamId: team.id },
    message: message(T.empty(team.name), text(T.empty(team.name))),
    createdAt: ctx.now,
  })
    ? 1
    : 0;
}

/** On the working day before a meeting day that is a holiday, tell the team's leads. */
function warnHoliday(ctx: JobContext, team: Team): number {
  if (!ctx.calendar.isWorkingDay(ctx.today)) return 0;
  const meeting = nextMeetingDay(ctx.today, team.meeting.weekday);
  const holiday = ctx.calendar.holidayName(meeting);
  if (!holiday || previousWorkingDay(ctx, meeting) !== ctx.today) return 0;
  let queued = 0;
  const date = formatGermanDate(meeting);
  for (const lead of ctx.org.leadsOf(team)) {
    const added = ctx.store.outbox.enqueue({
      dedupeKey: `round.holiday:${team.id}:${meeting}:${lead.id}`,
      target: { kind: 'direct', personId: lead.id },
      message: message(T.holidayDmSummary(team.name, date), text(T.holidayDmText(team.name, date, holiday))),
      createdAt: ctx.now,
    });
    if (added) queued++;
  }
  return queued;
}

/** The first day after `today` that falls on `weekday`. */
function nextMeetingDay(today: LocalDate, weekday: number): LocalDate {
  const ahead = (weekday - isoWeekday(today) + 7) % 7 || 7;
  return addDays(today, ahead);
}

function previousWorkingDay(ctx: JobContext, date: LocalDate): LocalDate {
  let day = addDays(date, -1);
  while (!ctx.calendar.isWorkingDay(day)) day = addDays(day, -1);
  return day;
}
