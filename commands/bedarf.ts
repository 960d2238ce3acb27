/**
 * /fm bedarf FM-… erledigt=sucht,schulden — the FM (their stand-in while absent, or the team lead) records which of
 * the needs found at the referral were resolved during FM (R35). Only needs found at the referral; each once. The
 * six-monthly review (/fm pruefung) names the ones still open. A private reply; the figures count them by key group.
 */
import { formatGermanDate } from '../src/domain/time.js';
import { caseTexts } from '../src/i18n/cases.js';
import { needsTexts as T } from '../src/i18n/controlling.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, message, type Form } from '../src/messaging/reply.js';
import { openNeeds, readResolvedNeeds, recordResolvedNeeds } from '../src/services/controlling/needs.js';
import { activeCaseFor, CASE_KEY, caseChoice } from './caseAccess.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

export const bedarf: CommandDefinition = {
  name: 'bedarf',
  roles: EVERYONE,
  helpOrder: 165,
  help: commandHelp.bedarf,
  teamsMenu: {
    personal: { priority: 5, description: M.bedarf },
  },
  keys: [CASE_KEY, 'erledigt'],
  maxPositionals: 1,
  form: needsForm,
  run(ctx, input) {
    const { record, now, today } = activeCaseFor(ctx, input, T.doing);
    const { fresh, repeated } = readResolvedNeeds(ctx, record, input.args.get('erledigt'));
    ctx.store.transaction(() => recordResolvedNeeds(ctx, ctx.actor.id, record.caseCode, fresh, today, now));

    const open = openNeeds(ctx, record);
    const rows: Array<[string, string]> = [
      [T.factCase, record.caseCode],
      [caseTexts.factClient, record.clientRef],
      [T.factNew, `${fresh.join(', ')} (${formatGermanDate(today)})`],
    ];
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
