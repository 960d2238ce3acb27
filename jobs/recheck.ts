/**
 * R12: a declined referral of a client with a complex profile (R1's formal criteria met) is put to the
 * referring IFK again six, twelve, eighteen and twenty-four months after the decline (on working days from
 * 08:00; a date on a weekend or holiday moves to the working day before — „at the latest“). The direct message
 * carries the case code, the customer number and the decline reason, with the buttons „erneut vormerken“ and
 * „kein Bedarf“ (commands/recheck.ts); after „kein Bedarf“ no re-check follows.
 *
 * No re-check while the client has an open referral or case, nor for a declined referral that a newer
 * referral of the same client has overtaken, nor once the customer number is deleted (jobs/retention.ts).
 * Each re-check sent is recorded on the case (audit `recheck.sent` with its step) and touches it, which keeps
 * the customer number for another retention period. An IFK no longer in the organisation file is replaced
 * by the leads of the referring team.
 */
import type { Person } from '../src/config/org.js';
import { formatGermanDate } from '../src/domain/time.js';
import type { CaseStatus } from '../src/domain/vocabulary.js';
import { recheckTexts as T } from '../src/i18n/supervision.js';
import { actions, facts, heading, message, text, type Message } from '../src/messaging/reply.js';
import { moveCase } from '../src/services/caseLifecycle.js';
import { SYSTEM_ACTOR } from '../src/services/escalations/index.js';
import {
  dueRecheckStep,
  hasComplexProfile,
  MAX_RECHECKS,
  RECHECK_ACTIONS,
  RECHECK_AUDIT,
  RECHECK_INTERVAL_MONTHS,
  recheckState,
} from '../src/services/recheck.js';
import type { CaseRecord } from '../src/store/ports.js';
import { TIMES, isPingTime } from './shared.js';
import type { Job, JobContext } from './types.js';

/** The value blanked into `client_ref` by the retention job. */
const FORGOTTEN = '—';

/** Statuses of a later referral that overtakes a decline (one still open is caught by `findOpenByClient`). */
const CLOSED_STATUSES: readonly CaseStatus[] = ['abgelehnt', 'beendet'];

export const recheck: Job = {
  name: 'recheck',
  run(ctx) {
    if (!isPingTime(ctx, TIMES.duties)) return 0;
    const due: Array<{ record: CaseRecord; step: number; declinedOn: string }> = [];
    for (const record of ctx.store.cases.list({ statuses: ['abgelehnt'] })) {
      if (record.clientRef === FORGOTTEN || !hasComplexProfile(record)) continue;
      const state = recheckState(record, ctx.store.audit.forCase(record.caseCode), ctx.calendar);
      const step = dueRecheckStep(state, ctx.today, ctx.calendar);
      if (step !== undefined) due.push({ record, step, declinedOn: state.declinedOn });
    }
    if (due.length === 0) return 0;

    const newest = newestReferralByClient(ctx);
    let queued = 0;
    for (const { record, step, declinedOn } of due) {
      if (ctx.store.cases.findOpenByClient(record.clientRef)) continue;
      if (newest.get(record.clientRef) !== record.caseCode) continue;
      const recipients = recipientsOf(ctx, record);
      if (recipients.length === 0) continue;
      const dm = recheckMessage(record, step, declinedOn);
      queued += ctx.store.transaction(() => {
        let added = 0;
        for (const person of recipients) {
          const ok = ctx.store.outbox.enqueue({
            dedupeKey: `recheck:${record.caseCode}:${declinedOn}:${step}:${person.id}`,
            target: { kind: 'direct', personId: person.id },
            message: dm,
            createdAt: ctx.now,
          });
          if (ok) added++;
        }
        // Same status, a new `updated_at`: the retention period of the customer number starts again.
        moveCase({ store: ctx.store, actor: { id: SYSTEM_ACTOR } }, record, {
          from: ['abgelehnt'],
          to: 'abgelehnt',
          changes: {},
          now: ctx.now,
          action: RECHECK_AUDIT.sent,
          details: { step, declinedOn, to: recipients.map((p) => p.id) },
        });
        return added;
      });
    }
    return queued;
  },
};

/** Per customer number, the case code of its newest closed referral (by referral time, then case code). */
function newestReferralByClient(ctx: JobContext): Map<string, string> {
  const newest = new Map<string, CaseRecord>();
  for (const c of ctx.store.cases.list({ statuses: CLOSED_STATUSES })) {
    if (c.clientRef === FORGOTTEN) continue;
    const seen = newest.get(c.clientRef);
    if (!seen || c.createdAt > seen.createdAt || (c.createdAt === seen.createdAt && c.caseCode > seen.caseCode)) newest.set(c.clientRef, c);
  }
  return new Map([...newest].map(([client, c]) => [client, c.caseCode]));
}

/** The referring IFK; when they are no longer in the organisation file, the leads of the referring team. */
function recipientsOf(ctx: JobContext, record: CaseRecord): Person[] {
  const ifk = ctx.org.person(record.referringPersonId);
  if (ifk) return [ifk];
  const team = ctx.org.team(record.referringTeamId);
  return team ? ctx.org.leadsOf(team) : [];
}

function recheckMessage(record: CaseRecord, step: number, declinedOn: string): Message {
  const value = `${record.caseCode}|${step}`;
  const date = formatGermanDate(declinedOn);
  return message(
    T.summary(record.caseCode),
    heading(T.heading(record.caseCode)),
    text(T.text(record.caseCode, record.clientRef, date, step * RECHECK_INTERVAL_MONTHS)),
    facts([T.factCase, record.caseCode], [T.factClient, record.clientRef], [T.factDeclinedOn, date], [T.factReason, record.declinedReason ?? '—']),
    text(step < MAX_RECHECKS ? T.step(step, MAX_RECHECKS) : T.lastStep(MAX_RECHECKS)),
    actions(
      { actionId: RECHECK_ACTIONS.again, label: T.again, value, style: 'primary' },
      { actionId: RECHECK_ACTIONS.none, label: T.none, value },
    ),
  );
}
