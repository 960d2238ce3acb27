/**
 * /fm ablehnen — the assigned FM (or the receiving team's lead) declines a referral with a reason (R12).
 * The referring IFK gets the reason by direct message; on disagreement the two team leads decide (R7).
 */
import { caseTexts, declineTexts as T } from '../src/i18n/cases.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, mention, message, text, type Form } from '../src/messaging/reply.js';
import { referringSide } from '../src/services/caseLifecycle.js';
import { assertMayActOn, assertStatus, CASE_KEY, caseChoice, changeCase, directKey, findCase, readReason } from './caseAccess.js';
import { FieldReader } from './fields.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

export const ablehnen: CommandDefinition = {
  name: 'ablehnen',
  roles: EVERYONE,
  helpOrder: 60,
  help: commandHelp.ablehnen,
  teamsMenu: {
    personal: { priority: 50, description: M.ablehnen },
  },
  keys: [CASE_KEY, 'grund'],
  maxPositionals: 1,
  form: declineForm,
  run(ctx, input) {
    const record = findCase(ctx, input);
    assertMayActOn(ctx, record, T.doing(record.caseCode));
    assertStatus(record, ['zugewiesen'], T.allowedStatus);
    const f = new FieldReader(input);
    const reason = readReason(f, true, T.reasonMissing, 'R12');
    f.throwIfAny();

    const now = ctx.clock.now();
    ctx.store.transaction(() => {
      changeCase(ctx, record, {
        from: ['zugewiesen'],
        to: 'abgelehnt',
        changes: { declinedReason: reason! },
        now,
        action: 'case.declined',
        details: { assignedFmId: record.assignedFmId ?? null },
      });
      // The referring IFK and, for a declined transfer (R10), the U25 FM, who keeps the client meanwhile.
      for (const to of referringSide(ctx.store, record)) {
        ctx.store.outbox.enqueue({
          dedupeKey: directKey('case.declined', record.caseCode, to),
          target: { kind: 'direct', personId: to },
          createdAt: now,
          message: message(
            T.referrerSummary(record.caseCode),
            text(T.referrerText(record.caseCode, record.clientRef, mention(ctx.actor.id), reason!)),
          ),
        });
      }
    });

    return message(
      T.savedSummary(record.caseCode),
      heading(T.savedHeading),
      facts([caseTexts.factCase, record.caseCode], [caseTexts.factClient, record.clientRef], [T.factReason, reason!]),
      text(T.savedNext),
    );
  },
};

function declineForm(ctx: CommandContext): Form {
  return {
    command: 'ablehnen',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      caseChoice(ctx, ['zugewiesen'], T.formWhat, (r) => ctx.org.team(r.referringTeamId)?.name ?? r.referringTeamId),
      { kind: 'text', key: 'grund', label: T.fieldGrund, hint: T.hintGrund, required: true },
    ],
  };
}
