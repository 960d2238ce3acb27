/**
 * /fm ablehnen — the assigned FM (their stand-in with the client's consent, R17, or the receiving team's lead)
 * declines a referral with a reason (R12). A missed handover talk alone is no reason: it needs two documented
 * contact attempts of different kinds first (R23). The referring IFK gets the reason by direct message; on
 * disagreement the two team leads decide (R7). Next to the free-text reason a coded occasion (`anlass=`, R35) is what
 * the controlling figures count.
 */
import { caseTexts, declineTexts as T } from '../src/i18n/cases.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, mention, message, text, type Form } from '../src/messaging/reply.js';
import { referringSide } from '../src/services/caseLifecycle.js';
import { RuleViolation } from '../src/domain/errors.js';
import { isMissedAppointmentReason, outreachCheck } from '../src/domain/exit.js';
import { outreachTexts } from '../src/i18n/returns.js';
import {
  assertCounsellingConsent,
  assertMayActOnCase,
  assertStatus,
  CASE_KEY,
  caseChoice,
  changeCase,
  consentField,
  directKey,
  findCase,
  occasionField,
  readOccasion,
  readReason,
} from './caseAccess.js';
import { DECLINE_CODES } from '../src/domain/vocabulary.js';
import { declineCodeLabel, reasonCodeTexts } from '../src/i18n/reasonCodes.js';
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
  keys: [CASE_KEY, 'anlass', 'grund', 'einwilligung'],
  maxPositionals: 1,
  form: declineForm,
  run(ctx, input) {
    const now = ctx.clock.now();
    const today = ctx.calendar.today(now);
    const record = findCase(ctx, input);
    assertMayActOnCase(ctx, record, T.doing(record.caseCode), today);
    assertStatus(record, ['zugewiesen'], T.allowedStatus);
    const f = new FieldReader(input);
    const occasion = readOccasion(f, DECLINE_CODES, 'R12'); // R35: counted by this code, never by the free text
    const reason = readReason(f, true, T.reasonMissing, 'R12');
    f.throwIfAny();
    if (occasion === 'nicht-erreicht' || isMissedAppointmentReason(reason!)) {
      // R23: a missed handover talk alone is no reason to send the client back.
      const check = outreachCheck(ctx.store.contacts.forCase(record.caseCode), today);
      if (!check.ok) throw new RuleViolation('R23', outreachTexts.declineMissing(record.caseCode, check.tried, check.untried, check.missing), 'grund');
    }
    assertCounsellingConsent(ctx, record, input, T.doing(record.caseCode)); // R17

    ctx.store.transaction(() => {
      changeCase(ctx, record, {
        from: ['zugewiesen'],
        to: 'abgelehnt',
        changes: { declinedReason: reason! },
        now,
        action: 'case.declined',
        details: { assignedFmId: record.assignedFmId ?? null, ...(occasion !== undefined && { anlass: occasion }) },
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
      facts(
        [caseTexts.factCase, record.caseCode],
        [caseTexts.factClient, record.clientRef],
        [reasonCodeTexts.factCode, declineCodeLabel(occasion)],
        [T.factReason, reason!],
      ),
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
      caseChoice(ctx, ['zugewiesen'], T.formWhat, (r) => ctx.org.team(r.referringTeamId)?.name ?? r.referringTeamId, undefined, true),
      occasionField(reasonCodeTexts.fieldDecline, DECLINE_CODES, declineCodeLabel),
      { kind: 'text', key: 'grund', label: T.fieldGrund, hint: T.hintGrund, required: true },
      consentField(),
    ],
  };
}
