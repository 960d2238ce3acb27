/**
 * /fm kontakt — the FM (their stand-in while absent, or the team lead) records a contact with the client.
 * Qualified contacts count towards the yearly minimum (R16) and restart the contact interval (R13/R15);
 * outreach counselling needs prior notice and the client's consent (R33). "erledigt" on a contact in the FM
 * digest opens this form for that case, with the kind to choose (contactFormFor).
 */
import { contactPolicy } from '../src/services/clocks.js';
import { CONTACT_KINDS, isQualifiedContact, outreachWayOf, type ContactKind } from '../src/domain/contacts.js';
import { contactMinimum, dueItems, type ContactPolicy } from '../src/domain/due.js';
import { RuleViolation, UserError } from '../src/domain/errors.js';
import { formatGermanDate, type LocalDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { contactKindLabel, contactTexts as T, lifecycleTexts as L } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, text, type Block, type Form, type FormField } from '../src/messaging/reply.js';
import type { CaseRecord } from '../src/store/ports.js';
import { activeCaseFor, assertMayActOnCase, CASE_KEY, caseChoice, clockOf, findCase, readHappenedOn, thisCaseChoice } from './caseAccess.js';
import { outreachTexts } from '../src/i18n/returns.js';
import { FieldReader, YES_NO } from './fields.js';
import type { ParsedCommand } from './parse.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

const KEYS = [CASE_KEY, 'datum', 'art', 'zustimmung'] as const;

export const kontakt: CommandDefinition = {
  name: 'kontakt',
  roles: EVERYONE,
  helpOrder: 90,
  help: commandHelp.kontakt,
  teamsMenu: {
    personal: { priority: 70, description: M.kontakt },
    groupChat: { priority: 60, description: M.kontakt },
  },
  keys: KEYS,
  maxPositionals: 1,
  form: contactForm,
  run(ctx, input) {
    const { record, now, today } = caseForContact(ctx, input);
    const { on, kind } = readContact(input, record, today);
    // R23: before the intake only attempts to reach the client (for a decline after a missed handover talk).
    if (record.status !== 'aktiv' && outreachWayOf(kind) === undefined) throw new UserError(outreachTexts.onlyAttemptsBeforeIntake(record.caseCode), 'art');
    if (ctx.store.contacts.forCase(record.caseCode).some((c) => c.on === on && c.kind === kind)) {
      // Also makes a repeated submit (a chat retry) harmless.
      throw new UserError(T.duplicate(record.caseCode, formatGermanDate(on), contactKindLabel(kind)));
    }
    const qualified = isQualifiedContact(kind);

    ctx.store.transaction(() => {
      ctx.store.contacts.add({ caseCode: record.caseCode, on, kind, qualified, recordedBy: ctx.actor.id, recordedAt: now });
      ctx.store.audit.record({
        at: now,
        actorId: ctx.actor.id,
        action: 'case.contact',
        caseCode: record.caseCode,
        details: { on, kind, qualified },
      });
    });

    if (record.status !== 'aktiv') {
      const date = formatGermanDate(on);
      return message(
        outreachTexts.attemptSavedSummary(record.caseCode, date),
        heading(outreachTexts.attemptSavedHeading),
        facts([caseTexts.factCase, record.caseCode], [caseTexts.factClient, record.clientRef], [T.factDate, date], [T.factKind, contactKindLabel(kind)]),
        text(outreachTexts.attemptNote),
      );
    }
    return confirmation(ctx, record, on, kind, qualified, today);
  },
};

/** An active case; an assigned one only for an attempt to reach the client before the intake (R23). */
function caseForContact(ctx: CommandContext, input: ParsedCommand): { record: CaseRecord; now: number; today: LocalDate } {
  const record = findCase(ctx, input);
  if (record.status !== 'zugewiesen') return activeCaseFor(ctx, input, T.doing);
  const now = ctx.clock.now();
  const today = ctx.calendar.today(now);
  assertMayActOnCase(ctx, record, T.doing(record.caseCode), today);
  return { record, now, today };
}

function readContact(input: ParsedCommand, record: CaseRecord, today: LocalDate): { on: LocalDate; kind: ContactKind } {
  const f = new FieldReader(input);
  const on = readHappenedOn(f, today, record.intakeOn);
  const kind = input.args.has('art') ? f.oneOf('art', CONTACT_KINDS, false) : 'persoenlich';
  const consent = f.yesNo('zustimmung', false);
  if (kind === 'aufsuchend' && consent !== true) f.errors.push(new RuleViolation('R33', T.consentNeeded, 'zustimmung'));
  f.throwIfAny();
  return { on: on!, kind: kind! };
}

function confirmation(ctx: CommandContext, record: CaseRecord, on: LocalDate, kind: ContactKind, qualified: boolean, today: LocalDate) {
  const policy = contactPolicy(ctx);
  const clock = clockOf(ctx, record, today);
  const next = dueItems(clock, policy, ctx.calendar).find((i) => i.kind === 'contact');
  const minimum = contactMinimum(clock, policy, today);
  const date = formatGermanDate(on);
  const blocks: Block[] = [
    heading(T.savedHeading),
    facts(
      [caseTexts.factCase, record.caseCode],
      [caseTexts.factClient, record.clientRef],
      [T.factDate, date],
      [T.factKind, contactKindLabel(kind)],
      [T.factQualified, L.yesNo(qualified)],
      [T.factYear, T.yearValue(minimum.count, minimum.required)],
      [T.factNext, next ? T.nextValue(formatGermanDate(next.dueOn), next.rule) : T.nextPaused],
    ),
  ];
  if (!qualified) blocks.push(text(outreachWayOf(kind) !== undefined ? outreachTexts.attemptNote : T.notQualified)); // R23 attempts, R16
  return message(T.savedSummary(record.caseCode, date), ...blocks);
}

function contactForm(ctx: CommandContext): Form {
  const today = ctx.calendar.today(ctx.clock.now());
  const policy = contactPolicy(ctx);
  return {
    command: 'kontakt',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      caseChoice(ctx, ['aktiv'], T.formWhat, (r) => nextContactOption(ctx, r, today, policy), undefined, true),
      ...contactFields(today, false),
    ],
  };
}

/**
 * R16: the form "erledigt" on a contact in the FM digest opens — this case only, and the kind must be
 * chosen, since only the kind says whether the contact is a qualified one. The caller checked the access.
 */
export function contactFormFor(ctx: CommandContext, record: CaseRecord): Form {
  const today = ctx.calendar.today(ctx.clock.now());
  return {
    command: 'kontakt',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      thisCaseChoice(record, nextContactOption(ctx, record, today, contactPolicy(ctx))),
      ...contactFields(today, true),
    ],
  };
}

function nextContactOption(ctx: CommandContext, record: CaseRecord, today: LocalDate, policy: ContactPolicy): string {
  const next = dueItems(clockOf(ctx, record, today), policy, ctx.calendar).find((i) => i.kind === 'contact');
  return next ? T.optionNextContact(formatGermanDate(next.dueOn)) : T.optionNoContactDue;
}

/** Date, kind and consent (R33); `kindRequired` with a hint on what counts (R16). */
function contactFields(today: LocalDate, kindRequired: boolean): FormField[] {
  const options = CONTACT_KINDS.map((k) => ({ value: k, label: contactKindLabel(k) }));
  return [
    { kind: 'text', key: 'datum', label: T.fieldDatum, required: false, placeholder: formatGermanDate(today) },
    kindRequired
      ? { kind: 'select', key: 'art', label: T.fieldArt, hint: T.hintArtDigest, required: true, options }
      : { kind: 'select', key: 'art', label: T.fieldArt, required: false, options },
    {
      kind: 'select',
      key: 'zustimmung',
      label: T.fieldZustimmung,
      required: false,
      options: [...YES_NO],
    },
  ];
}
