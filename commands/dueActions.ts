/**
 * The buttons of the FM digest and its reminders. "erledigt" records the six-monthly review (R20) today; on a
 * contact it opens the contact form for that case, since only the kind the FM picks says whether it was a
 * qualified contact (R16); on a follow-up it opens the choice of result (R27); the weekly transfer reminder's
 * button opens the transfer form (R10). "später" hides the item until the next working day.
 */
import { DUE_ACTIONS } from '../src/services/clocks.js';
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate } from '../src/domain/time.js';
import { pingTexts as T } from '../src/i18n/pings.js';
import { message, text } from '../src/messaging/reply.js';
import type { ActionResponse } from '../src/messaging/ports.js';
import type { CaseRecord } from '../src/store/ports.js';
import { assertMayActOnCase } from './caseAccess.js';
import { contactFormFor } from './kontakt.js';
import { followupDueOn, followupFormFor } from './nachhaltigkeit.js';
import { transferFormFor } from './uebergang.js';
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

function assertActive(record: CaseRecord): void {
  if (record.status !== 'aktiv') throw new UserError(T.stale);
}

export const dueActions: ActionDefinition[] = [
  {
    actionId: DUE_ACTIONS.done,
    run(ctx, action): ActionResponse {
      const { record, kind, dueOn, today } = parse(ctx, action.value);
      const now = ctx.clock.now();
      switch (kind) {
        case 'contact':
          // R16: a click alone is no qualified contact — the FM picks the kind in the form.
          assertActive(record);
          return { kind: 'form', form: contactFormFor(ctx, record) };
        case 'review':
          assertActive(record);
          ctx.store.transaction(() => {
            ctx.store.cases.transition(record.caseCode, ['aktiv'], 'aktiv', { lastReviewOn: today }, now);
            ctx.store.audit.record({ at: now, actorId: ctx.actor.id, action: 'case.review', caseCode: record.caseCode, details: { on: today, via: 'digest' } });
          });
          return note(T.reviewRecorded(record.caseCode, formatGermanDate(today)));
        case 'followup': {
          // R27: which follow-up the item was, from its due day; recorded already → refused in followupFormFor.
          const months = record.status === 'beendet' ? followupDueOn(ctx, record, dueOn) : undefined;
          if (months === undefined) throw new UserError(T.stale);
          return { kind: 'form', form: followupFormFor(ctx, record, months) };
        }
        case 'u25_transition':
          // R10: the transfer form for this case; refused like the command when a transfer is under way.
          return { kind: 'form', form: transferFormFor(ctx, record) };
        default:
          throw new UserError(T.onlyLater);
      }
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
