/**
 * /fm verlauf FM-… — every recorded step of a case (the audit log) with time and person, privately to the
 * leads of the two teams and the staff involved (the referring IFK, the case's FM, whoever acted on it), to
 * no one else.
 */
import { SYSTEM_ACTOR } from '../src/services/escalations/index.js';
import { UserError } from '../src/domain/errors.js';
import { formatInTimeZone } from '../src/domain/format.js';
import { statusLabel } from '../src/i18n/cases.js';
import { escalationTexts as T } from '../src/i18n/escalations.js';
import { exitReasonLabel } from '../src/i18n/lifecycle.js';
import { historyTexts as H } from '../src/i18n/oversight.js';
import { declineCodeLabel, extensionCodeLabel } from '../src/i18n/reasonCodes.js';
import { isExitReason } from '../src/domain/exit.js';
import { formatGermanDate } from '../src/domain/time.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, list, message, text, type Block } from '../src/messaging/reply.js';
import { type AuditEntry, type CaseRecord, type EscalationRecord } from '../src/store/ports.js';
import { ESCALATION_KINDS, type EscalationKind } from '../src/domain/vocabulary.js';
import { CASE_KEY, findCase, leadsTeam } from './caseAccess.js';
import { involvedCaseChoice } from './eskalieren.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

export const verlauf: CommandDefinition = {
  name: 'verlauf',
  roles: EVERYONE,
  helpOrder: 230,
  readOnly: true,
  help: commandHelp.verlauf,
  teamsMenu: {
    groupChat: { priority: 10, description: M.verlauf },
  },
  keys: [CASE_KEY],
  maxPositionals: 1,
  form: (ctx) => ({
    command: 'verlauf',
    title: T.historyFormTitle,
    submitLabel: T.historyFormSubmit,
    fields: [
      involvedCaseChoice(
        ctx,
        ['vorgemerkt', 'zugewiesen', 'aktiv', 'abgelehnt', 'strittig', 'beendet'],
        T.factCase,
        T.historyNoCases,
      ),
    ],
  }),
  run(ctx, input) {
    const record = findCase(ctx, input);
    const entries = ctx.store.audit.forCase(record.caseCode);
    if (!mayView(ctx, record, entries)) throw new UserError(T.historyNotAllowed(record.caseCode));
    const escalations = new Map<number, EscalationRecord | undefined>();
    const escalation = (id: unknown): EscalationRecord | undefined => {
      if (typeof id !== 'number') return undefined;
      if (!escalations.has(id)) escalations.set(id, ctx.store.escalations.byId(id));
      return escalations.get(id);
    };
    const lines = entries.map((entry) =>
      T.historyLine(formatInTimeZone(entry.at), who(ctx, entry.actorId), what(ctx, entry, escalation(entry.details.escalationId)) + reasonOf(ctx, record, entry)),
    );
    const blocks: Block[] = [
      heading(T.historyHeading(record.caseCode)),
      facts([T.factCase, record.caseCode], [T.historyStatus, statusLabel(record.status)]),
      lines.length ? list(lines) : text(T.historyEmpty),
    ];
    return message(T.historySummary(record.caseCode, entries.length), ...blocks);
  },
};

/** The leads of the referring and receiving team, the referring IFK, the case's FM and anyone who acted on it. */
function mayView(ctx: CommandContext, record: CaseRecord, entries: AuditEntry[]): boolean {
  const id = ctx.actor.id;
  return (
    record.referringPersonId === id ||
    record.assignedFmId === id ||
    leadsTeam(ctx, record.referringTeamId) ||
    leadsTeam(ctx, record.receivingTeamId) ||
    entries.some((e) => e.actorId === id)
  );
}

function who(ctx: CommandContext, actorId: string): string {
  if (actorId === SYSTEM_ACTOR) return T.historySystem;
  return ctx.org.person(actorId)?.name ?? actorId;
}

function what(ctx: CommandContext, entry: AuditEntry, escalation: EscalationRecord | undefined): string {
  // Item 6: a German label for every action, never the raw code.
  const label = T.actionLabels[entry.action] ?? H.actionLabels[entry.action] ?? H.other;
  const kind = entry.details.kind;
  if (!isKind(kind)) return detailed(ctx, entry) ?? label;
  switch (entry.action) {
    case 'escalation.raised':
      return T.historyRaised(kind);
    case 'escalation.vote': {
      const vote = escalation?.votes.find((v) => v.voterId === entry.actorId);
      if (!vote) return label;
      const deputy = vote.onBehalfOf ? T.historyDeputy(ctx.org.person(vote.onBehalfOf)?.name ?? vote.onBehalfOf) : '';
      return `${T.historyVote(kind, vote.vote)}${deputy}${vote.comment ? T.historyComment(vote.comment) : ''}`;
    }
    case 'escalation.decided':
      return T.historyDecided(kind, entry.details.approved === true);
    case 'escalation.reminded':
      return T.historyReminded(kind, Array.isArray(entry.details.to) ? entry.details.to.length : 0);
    case 'escalation.office':
      return T.historyOffice(kind);
    default:
      return label;
  }
}

function isKind(value: unknown): value is EscalationKind {
  return typeof value === 'string' && (ESCALATION_KINDS as readonly string[]).includes(value);
}

const personName = (ctx: CommandContext, id: unknown): string => (typeof id === 'string' ? (ctx.org.person(id)?.name ?? id) : '—');
const dateOf = (value: unknown): string => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatGermanDate(value) : '—');

/** Labels that name the entry's facts: to whom a case went, from when to when a deadline moved. */
function detailed(ctx: CommandContext, entry: AuditEntry): string | undefined {
  switch (entry.action) {
    case 'case.assigned':
      return typeof entry.details.fmId === 'string' ? H.assignedTo(personName(ctx, entry.details.fmId), entry.details.overflow === true) : undefined;
    case 'round.changed':
      return typeof entry.details.fmId === 'string' ? H.roundChangedTo(personName(ctx, entry.details.fmId)) : undefined;
    case 'case.intake.deferred':
      return H.deferred(dateOf(entry.details.from), dateOf(entry.details.to));
    default:
      return undefined;
  }
}

/**
 * Item 6: the reasons of declines (R12, and returns for capacity, R4), extensions (R19) and exits (R22, R24),
 * for those who may see the case (the caller of /fm verlauf passed mayView).
 */
function reasonOf(ctx: CommandContext, record: CaseRecord, entry: AuditEntry): string {
  switch (entry.action) {
    case 'case.declined':
    case 'case.returned': {
      // R35: the coded occasion of a decline, where one was given.
      const code = typeof entry.details.anlass === 'string' ? H.occasion(declineCodeLabel(entry.details.anlass)) : '';
      return code + (record.declinedReason ? H.reason(record.declinedReason) : '');
    }
    case 'case.extension.requested':
    case 'case.extension.granted':
    case 'case.extension.rejected': {
      const request = ctx.store.extensions.forCase(record.caseCode).find((x) => x.id === entry.details.requestId);
      if (!request) return '';
      const code = request.reasonCode !== undefined ? H.occasion(extensionCodeLabel(request.reasonCode)) : '';
      return H.months(request.months) + code + H.reason(request.reason);
    }
    case 'case.exit': {
      const code = entry.details.endReason;
      if (typeof code !== 'string' || !isExitReason(code)) return '';
      return H.exitReason(exitReasonLabel(code)) + (record.exitRecommendation ? H.recommendation(record.exitRecommendation) : '');
    }
    case 'case.return.planned': {
      // R22/R24/R26: the planned exit's reason and recommendation.
      const planned = typeof entry.details.returnId === 'number' ? ctx.store.returns.byId(entry.details.returnId) : undefined;
      if (!planned || !isExitReason(planned.reason)) return '';
      return H.exitReason(exitReasonLabel(planned.reason)) + (planned.recommendation ? H.recommendation(planned.recommendation) : '');
    }
    case 'case.return.objected': {
      // R25: the IFK's objection.
      const objected = typeof entry.details.returnId === 'number' ? ctx.store.returns.byId(entry.details.returnId) : undefined;
      return objected?.objection ? H.reason(objected.objection) : '';
    }
    default:
      return '';
  }
}
