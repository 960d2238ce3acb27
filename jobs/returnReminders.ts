/**
 * R26: a planned exit does not wait for ever. When the person asked for the return talk has neither confirmed
 * nor objected after `jobcenter.returnAnswerDays` working days (default 10), they are reminded once — with the
 * buttons again — and the leads of the referring team are told once (the FM team's leads when the one asked
 * is that lead already). Only on working days; each person once per planned exit.
 */
import { SYSTEM_ACTOR } from '../src/services/escalations/index.js';
import { askMessage, referringLeads, returnAnswerDays } from '../src/services/returns.js';
import { formatGermanDate } from '../src/domain/time.js';
import { returnTexts as T } from '../src/i18n/returns.js';
import { mention, message, text } from '../src/messaging/reply.js';
import type { Job, JobContext } from './types.js';
import type { CaseRecord, ReturnRecord } from '../src/store/ports.js';

export const returnReminders: Job = {
  name: 'return-reminders',
  run(ctx) {
    if (!ctx.calendar.isWorkingDay(ctx.today)) return 0;
    const after = returnAnswerDays(ctx);
    let queued = 0;
    for (const ret of ctx.store.returns.listOpen()) {
      if (ret.status !== 'pending') continue; // an objection waits for the leads (escalation reminders)
      const since = ctx.calendar.today(ret.plannedAt);
      const elapsed = ctx.calendar.workingDaysBetween(since, ctx.today);
      if (elapsed < after) continue;
      const record = ctx.store.cases.byCode(ret.caseCode);
      if (record?.status !== 'aktiv') continue;
      queued += remind(ctx, record, ret, formatGermanDate(since), elapsed);
    }
    return queued;
  },
};

function remind(ctx: JobContext, record: CaseRecord, ret: ReturnRecord, since: string, elapsed: number): number {
  const fm = mention(record.assignedFmId ?? ret.plannedBy);
  const receiving = ctx.org.team(record.receivingTeamId);
  let leads = referringLeads(ctx, record).filter((id) => id !== ret.addresseeId);
  if (leads.length === 0) leads = (receiving ? ctx.org.leadsOf(receiving) : []).map((p) => p.id).filter((id) => id !== ret.addresseeId);

  const reminder = askMessage(record, ret, undefined, T.reminderSummary(record.caseCode), T.reminderText(record.caseCode, since, elapsed));
  const leadNote = message(T.leadReminderSummary(record.caseCode, elapsed), text(T.leadReminderText(record.caseCode, since, elapsed, mention(ret.addresseeId), fm)));
  return ctx.store.transaction(() => {
    const told: string[] = [];
    if (ctx.store.outbox.enqueue({ dedupeKey: `ping.return.remind:${ret.id}:${ret.addresseeId}`, target: { kind: 'direct', personId: ret.addresseeId }, message: reminder, createdAt: ctx.now })) {
      told.push(ret.addresseeId);
    }
    for (const lead of leads) {
      if (ctx.store.outbox.enqueue({ dedupeKey: `ping.return.lead:${ret.id}:${lead}`, target: { kind: 'direct', personId: lead }, message: leadNote, createdAt: ctx.now })) told.push(lead);
    }
    if (told.length > 0) {
      ctx.store.audit.record({ at: ctx.now, actorId: SYSTEM_ACTOR, action: 'case.return.reminded', caseCode: record.caseCode, details: { returnId: ret.id, to: told } });
    }
    return told.length;
  });
}
