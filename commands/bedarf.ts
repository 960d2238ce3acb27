/**
 * /fm bedarf FM-… erledigt=sucht,schulden — the FM (their stand-in while absent, or the team lead) records which of
 * the needs found at the referral were resolved during FM (R35). Only needs found at the referral; each once. The
 * six-monthly review (/fm pruefung) names the ones still open. A private reply; the figures count them by key group.
 */
import { UserError } from '../src/domain/errors.js';
import { formatGermanDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { needsTexts as T } from '../src/i18n/controlling.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, type Form } from '../src/messaging/reply.js';
import { openNeeds } from '../src/services/controlling/needs.js';
import { activeCaseFor, CASE_KEY, caseChoice } from './caseAccess.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

export const bedarf: CommandDefinition = {
  name: 'bedarf',
  roles: EVERYONE,
  helpOrder: 165,
  help: commandHelp.bedarf,
  teamsMenu: {
    personal: { priority: 15, description: M.bedarf },
  },
  keys: [CASE_KEY, 'erledigt'],
  maxPositionals: 1,
  form: needsForm,
  run(ctx, input) {
    const { record, now, today } = activeCaseFor(ctx, input, T.doing);
    const found = [...new Set(record.needs)];
    const raw = input.args.get('erledigt');
    const wanted = [...new Set((raw ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== ''))];
    if (wanted.length === 0) throw new UserError(T.missing(found), 'erledigt', 'R35');
    const notFound = wanted.filter((c) => !found.includes(c));
    if (notFound.length) throw new UserError(T.notFound(notFound, found), 'erledigt', 'R35');
    const already = ctx.store.controlling.resolvedNeeds(record.caseCode);
    const fresh = wanted.filter((c) => !already.includes(c));
    if (fresh.length === 0) throw new UserError(T.allDone(wanted), 'erledigt', 'R35');

    ctx.store.transaction(() => {
      ctx.store.controlling.resolveNeeds(record.caseCode, fresh, today, ctx.actor.id, now);
      ctx.store.audit.record({ at: now, actorId: ctx.actor.id, action: 'case.needs_resolved', caseCode: record.caseCode, details: { needs: fresh, on: today } });
    });

    const open = openNeeds(ctx, record);
    const rows: Array<[string, string]> = [
      [T.factCase, record.caseCode],
      [caseTexts.factClient, record.clientRef],
      [T.factNew, `${fresh.join(', ')} (${formatGermanDate(today)})`],
    ];
    const repeated = wanted.filter((c) => already.includes(c));
    if (repeated.length) rows.push([T.factAlready, repeated.join(', ')]);
    rows.push([T.factOpen, open.length ? open.join(', ') : T.nothingOpen]);
    return message(T.savedSummary(record.caseCode, fresh), heading(T.savedHeading), facts(...rows));
  },
};

function needsForm(ctx: CommandContext): Form {
  return {
    command: 'bedarf',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      caseChoice(ctx, ['aktiv'], T.formWhat, (r) => openNeeds(ctx, r).join(', ') || T.nothingOpen, undefined, true),
      { kind: 'text', key: 'erledigt', label: T.fieldErledigt, required: true },
    ],
  };
}
