/**
 * The buttons of the FM digest: "erledigt" records the contact (R16) or the six-monthly review (R20)
 * today; "später" hides the item until the next working day.
 */
import { DUE_ACTIONS } from '../src/services/clocks.js';
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate } from '../src/domain/time.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { message, text } from '../src/messaging/reply.js';
import { assertMayActOnCase } from './caseAccess.js';
import type { ActionDefinition, CommandContext } from './types.js';

function parse(ctx: CommandContext, value: string) {
  const [caseCode = '', kind = '', dueOn = ''] = value.split('|');
  const record = ctx.store.cases.byCode(caseCode);
  if (!record) throw new UserError(T.stale);
  const today = ctx.calendar.today(ctx.clock.now());
  assertMayActOnCase(ctx, record, T.notYours, today);
  return { record, kind, dueOn, today };
}

const note = (line: string) => ({ kind: 'message' as const, message: message(line, text(line)) });

export const dueActions: ActionDefinition[] = [
  {
    actionId: DUE_ACTIONS.done,
    run(ctx, action) {
      const { record, kind, today } = parse(ctx, action.value);
      const now = ctx.clock.now();
      if (record.status !== 'aktiv') throw new UserError(T.stale);
      if (kind === 'contact') {
        ctx.store.transaction(() => {
          ctx.store.contacts.add({ caseCode: record.caseCode, on: today, kind: 'vermerk', qualified: true, recordedBy: ctx.actor.id, recordedAt: now });
          ctx.store.audit.record({ at: now, actorId: ctx.actor.id, action: 'case.contact', caseCode: record.caseCode, details: { on: today, kind: 'vermerk', via: 'digest' } });
        });
        return note(T.contactRecorded(record.caseCode, formatGermanDate(today)));
      }
      if (kind === 'review') {
        ctx.store.transaction(() => {
          ctx.store.cases.transition(record.caseCode, ['aktiv'], 'aktiv', { lastReviewOn: today }, now);
          ctx.store.audit.record({ at: now, actorId: ctx.actor.id, action: 'case.review', caseCode: record.caseCode, details: { on: today, via: 'digest' } });
        });
        return note(T.reviewRecorded(record.caseCode, formatGermanDate(today)));
      }
      throw new UserError(T.onlyLater);
    },
  },
  {
    actionId: DUE_ACTIONS.later,
    run(ctx, action) {
      const { record, kind, dueOn, today } = parse(ctx, action.value);
      const until = ctx.calendar.nextWorkingDay(today);
      ctx.store.transaction(() => {
        ctx.store.snoozes.snooze({ caseCode: record.caseCode, itemKind: kind, dueOn, until, by: ctx.actor.id, at: ctx.clock.now() });
        ctx.store.audit.record({ at: ctx.clock.now(), actorId: ctx.actor.id, action: 'due.snoozed', caseCode: record.caseCode, details: { kind, dueOn, until } });
      });
      return note(T.snoozed(record.caseCode, formatGermanDate(until)));
    },
  },
];
