/**
 * The buttons of the R12 re-check (jobs/recheck.ts), for the referring IFK or the leads of their team:
 * „erneut vormerken“ answers privately with the `/fm vormerken` line prefilled from the declined referral;
 * „kein Bedarf“ is recorded on the case and ends its re-checks. Both are audit entries on the case.
 */
import { UserError } from '../src/domain/errors.js';
import { recheckTexts as T } from '../src/i18n/supervision.js';
import { heading, message, text, type Message } from '../src/messaging/reply.js';
import { RECHECK_ACTIONS, RECHECK_AUDIT, recheckState } from '../src/services/recheck.js';
import type { CaseRecord } from '../src/store/ports.js';
import { leadsTeam } from './caseAccess.js';
import type { ActionDefinition, CommandContext } from './types.js';

/** The declined case a re-check button names (`FM-…|step`), checked that the actor may answer for it. */
function declinedCase(ctx: CommandContext, value: string): { record: CaseRecord; step: number } {
  const [caseCode = '', rawStep = ''] = value.split('|');
  const record = ctx.store.cases.byCode(caseCode);
  if (!record) throw new UserError(T.stale);
  if (record.referringPersonId !== ctx.actor.id && !leadsTeam(ctx, record.referringTeamId)) throw new UserError(T.notYours);
  if (record.status !== 'abgelehnt') throw new UserError(T.stale);
  return { record, step: Number(rawStep) || 0 };
}

const note = (line: string) => ({ kind: 'message' as const, message: message(line, text(line)) });

export const recheckActions: ActionDefinition[] = [
  {
    actionId: RECHECK_ACTIONS.again,
    run(ctx, action) {
      const { record, step } = declinedCase(ctx, action.value);
      if (record.clientRef === '—') throw new UserError(T.forgotten(record.caseCode));
      const open = ctx.store.cases.findOpenByClient(record.clientRef);
      if (open) throw new UserError(T.openCase(record.caseCode, open.caseCode));
      ctx.store.audit.record({ at: ctx.clock.now(), actorId: ctx.actor.id, action: RECHECK_AUDIT.again, caseCode: record.caseCode, details: { step } });
      return { kind: 'message', message: referAgain(record) };
    },
  },
  {
    actionId: RECHECK_ACTIONS.none,
    run(ctx, action) {
      const { record, step } = declinedCase(ctx, action.value);
      const state = recheckState(record, ctx.store.audit.forCase(record.caseCode), ctx.calendar);
      if (state.stopped) return note(T.noneAlready(record.caseCode));
      ctx.store.audit.record({ at: ctx.clock.now(), actorId: ctx.actor.id, action: RECHECK_AUDIT.none, caseCode: record.caseCode, details: { step } });
      return note(T.noneRecorded(record.caseCode));
    },
  },
];

/**
 * How to refer the client again: the declined referral's answers as a `/fm vormerken` line. Consent, the
 * client being informed (R8) and the VerBIS flag (R3) are left for the IFK to confirm anew. A private reply,
 * so it may carry the customer number.
 */
function referAgain(record: CaseRecord): Message {
  const parts = [
    `kunde=${record.clientRef}`,
    `gruppe=${record.group}`,
    `zugang=${record.route}`,
    ...(record.route === 'einzelfall' && record.reason ? [`grund=${record.reason}`] : []),
    `prognose=${record.prognosis}`,
    ...(record.needs.length ? [`hb=${record.needs.join(',')}`] : []),
    `integration12=${record.integration12 ? 'ja' : 'nein'}`,
    `einschaetzung=${record.assessment ? 'ja' : 'nein'}`,
    ...(record.group === 'u25' && record.u25Until ? [`u25bis=${record.u25Until}`] : []),
  ];
  return message(
    T.againSummary(record.caseCode),
    heading(T.againHeading),
    text(T.againText(record.caseCode)),
    text(`\`/fm vormerken ${parts.join(' ')}\``),
    text(T.againConfirm),
  );
}
