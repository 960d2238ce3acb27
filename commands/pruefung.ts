/**
 * /fm pruefung FM-… [datum=…] — the six-monthly review (R20); the next one is due six months later. The
 * recording of a dated talk is shared with /fm standort (R21).
 */
import { contactPolicy } from '../src/services/clocks.js';
import { dueItems, type DueKind } from '../src/domain/due.js';
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate, type LocalDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { needsTexts } from '../src/i18n/controlling.js';
import { openNeeds, readResolvedNeeds, recordResolvedNeeds } from '../src/services/controlling/needs.js';
import { lifecycleTexts as L, reviewTexts as T } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, text, type Block, type Form } from '../src/messaging/reply.js';
import type { CaseRecord } from '../src/store/ports.js';
import { activeCaseFor, CASE_KEY, caseChoice, changeCase, clockOf, readHappenedOn } from './caseAccess.js';
import { FieldReader } from './fields.js';
import { EVERYONE, listingOf, type CommandContext, type CommandDefinition, type CommandListing } from './types.js';

/** What distinguishes the dated talks of the lifecycle; each declares its own listing (roles, help, Teams menu). */
export interface CaseTalk extends CommandListing {
  name: string;
  field: 'lastReviewOn' | 'locationTalkOn';
  action: string;
  /** The due item the talk satisfies; shown as the next one due when it recurs. */
  dueKind: DueKind;
  texts: {
    doing(code: string): string;
    notAfterLast(date: string, last: string): string;
    savedHeading: string;
    savedSummary(code: string, date: string): string;
    factDate: string;
    formTitle: string;
    formSubmit: string;
    formWhat: string;
    fieldDatum: string;
  };
  /** Label of the next due date of the same kind, when there is one. */
  factNext?: string;
  note: string;
  describe(ctx: CommandContext, record: CaseRecord, today: LocalDate): string;
  /** More lines for the reply (the review names the needs still open, R35). */
  extra?(ctx: CommandContext, record: CaseRecord): Block[];
  /** R35: the talk also takes `erledigt=…`, the needs resolved during FM (as /fm bedarf). */
  recordsNeeds?: boolean;
}

export function caseTalkCommand(talk: CaseTalk): CommandDefinition {
  return {
    ...listingOf(talk),
    name: talk.name,
    keys: [CASE_KEY, 'datum', ...(talk.recordsNeeds ? ['erledigt'] : [])],
    maxPositionals: 1,
    form: (ctx) => talkForm(ctx, talk),
    run(ctx, input) {
      const { record, now, today } = activeCaseFor(ctx, input, talk.texts.doing);
      const f = new FieldReader(input);
      const on = readHappenedOn(f, today, record.intakeOn);
      f.throwIfAny();
      const last = record[talk.field];
      // A talk dated before (or on) the recorded one would move the clock back, or record it twice.
      if (last !== undefined && on! <= last) {
        throw new UserError(talk.texts.notAfterLast(formatGermanDate(on!), formatGermanDate(last)), 'datum');
      }
      const resolved = talk.recordsNeeds && input.args.get('erledigt')?.trim() ? readResolvedNeeds(ctx, record, input.args.get('erledigt')) : undefined;

      const updated = ctx.store.transaction(() => {
        if (resolved) recordResolvedNeeds(ctx, ctx.actor.id, record.caseCode, resolved.fresh, on!, now); // R35
        return changeCase(ctx, record, { from: ['aktiv'], to: 'aktiv', changes: { [talk.field]: on }, now, action: talk.action, details: { on } });
      });

      const date = formatGermanDate(on!);
      const rows: Array<[string, string]> = [
        [caseTexts.factCase, record.caseCode],
        [caseTexts.factClient, record.clientRef],
        [talk.texts.factDate, date],
      ];
      const next = dueItems(clockOf(ctx, updated, today), contactPolicy(ctx), ctx.calendar).find((i) => i.kind === talk.dueKind);
      if (talk.factNext && next) rows.push([talk.factNext, formatGermanDate(next.dueOn)]);
      if (resolved) rows.push([needsTexts.factNew, resolved.fresh.join(', ')]);
      const blocks: Block[] = [heading(talk.texts.savedHeading), facts(...rows), text(talk.note), ...(talk.extra?.(ctx, updated) ?? [])];
      return message(talk.texts.savedSummary(record.caseCode, date), ...blocks);
    },
  };
}

function talkForm(ctx: CommandContext, talk: CaseTalk): Form {
  const today = ctx.calendar.today(ctx.clock.now());
  return {
    command: talk.name,
    title: talk.texts.formTitle,
    submitLabel: talk.texts.formSubmit,
    fields: [
      caseChoice(ctx, ['aktiv'], talk.texts.formWhat, (r) => talk.describe(ctx, r, today), undefined, true),
      { kind: 'text', key: 'datum', label: talk.texts.fieldDatum, required: false, placeholder: formatGermanDate(today) },
      ...(talk.recordsNeeds ? [{ kind: 'text' as const, key: 'erledigt', label: needsTexts.fieldAtReview, hint: needsTexts.hintAtReview, required: false }] : []),
    ],
  };
}

export const pruefung = caseTalkCommand({
  name: 'pruefung',
  roles: EVERYONE,
  helpOrder: 120,
  help: commandHelp.pruefung,
  teamsMenu: {
    team: { priority: 30, description: M.pruefung },
  },
  field: 'lastReviewOn',
  action: 'case.review',
  dueKind: 'review',
  texts: T,
  factNext: T.factNext,
  note: T.checklist,
  describe(ctx, record, today) {
    const next = dueItems(clockOf(ctx, record, today), contactPolicy(ctx), ctx.calendar).find((i) => i.kind === 'review');
    return next ? T.optionNextReview(formatGermanDate(next.dueOn)) : L.none;
  },
  // R35: at each six-monthly review the needs resolved meanwhile may be recorded; the reply names those still open.
  recordsNeeds: true,
  extra: (ctx, record) => [text(needsTexts.atReview(record.caseCode, openNeeds(ctx, record)))],
});
