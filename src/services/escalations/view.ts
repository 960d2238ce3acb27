/**
 * What people see of an escalation, as platform-neutral messages: the channel message (case codes, kind,
 * rule, who decides, status — never the client reference or the reason), the direct message to a decider
 * (with both), and the outcome messages to the IFK and FM involved (R4, R7, R19, R25).
 */
import type { Team } from '../../config/org.js';
import { addMonths, STANDARD_MONTHS } from '../../domain/due.js';
import type { Decider } from '../../domain/escalation.js';
import { isExitReason } from '../../domain/exit.js';
import { formatInTimeZone } from '../../domain/format.js';
import { formatGermanDate, type Instant, type LocalDate } from '../../domain/time.js';
import { capacityTexts } from '../../i18n/capacity.js';
import { escalationTexts as T } from '../../i18n/escalations.js';
import { exitReasonLabel } from '../../i18n/lifecycle.js';
import { actions, facts, heading, list, mention, message, text, type Block, type Message } from '../../messaging/reply.js';
import type { CaseRecord, EscalationRecord, EscalationVote, ExtensionRecord } from '../../store/ports.js';
import { isAbsent } from '../people.js';
import { casesOf, DEFERRED_INTAKE_WORKING_DAYS, ESCALATION_ACTIONS, SYSTEM_ACTOR, type EscalationDeps } from './model.js';

export function teamName(deps: EscalationDeps, teamId: string): string {
  return deps.org.team(teamId)?.name ?? teamId;
}

function personName(deps: EscalationDeps, id: string): string {
  if (id === SYSTEM_ACTOR) return T.raisedBySystem;
  return deps.org.person(id)?.name ?? id;
}

/** "Birgit Neumann (Vertretung für Andreas Wolf)". */
export function voterLabel(deps: EscalationDeps, vote: Pick<EscalationVote, 'voterId' | 'onBehalfOf'>): string {
  return T.voterName(personName(deps, vote.voterId), vote.onBehalfOf ? personName(deps, vote.onBehalfOf) : undefined);
}

/** "Teamleitung Markt & Integration 1 (Andreas Wolf) und Teamleitung Fallmanagement Ü25 (Michael Brandt) gemeinsam". */
export function decidersText(deps: EscalationDeps, escalation: EscalationRecord, today?: LocalDate): string {
  return T.deciders(
    escalation.seats.map((seat) => {
      const team = deps.org.team(seat);
      return T.seat(teamName(deps, seat), team ? leadNames(deps, team, today) : []);
    }),
  );
}

/** R17: with `today`, an absent lead is shown with the deputy who stands in. */
function leadNames(deps: EscalationDeps, team: Team, today: LocalDate | undefined): string[] {
  return deps.org.leadsOf(team).map((lead) => {
    if (today === undefined || !isAbsent(deps, lead.id, today)) return lead.name;
    const deputy = lead.deputy && !isAbsent(deps, lead.deputy, today) ? personName(deps, lead.deputy) : undefined;
    return T.leadAbsent(lead.name, deputy);
  });
}

export function statusText(escalation: EscalationRecord): string {
  const at = formatInTimeZone(escalation.decidedAt ?? escalation.raisedAt);
  // R4: the lead chose one of three decisions; the thread says which, the status does not call it approve/reject.
  if (escalation.kind === 'kapazitaet' && escalation.status !== 'open') return capacityTexts.statusDecided(at);
  if (escalation.status === 'approved') return T.statusApproved(at);
  if (escalation.status === 'rejected') return T.statusRejected(at);
  return T.statusOpen(escalation.votes.filter((v) => v.vote === 'approve').length, escalation.seats.length);
}

/** "… ist bereits entschieden (❌ abgelehnt am …)". */
export function decidedText(escalation: EscalationRecord): string {
  return T.alreadyDecided(escalation.caseCode, statusText(escalation));
}

/** R19: the extension request a `verlaengerung` escalation decides. */
export function extensionRequestOf(deps: EscalationDeps, escalation: EscalationRecord): ExtensionRecord | undefined {
  return deps.store.extensions.forCase(escalation.caseCode).find((x) => x.id === Number(escalation.data.extensionId));
}

function newPlannedEnd(deps: EscalationDeps, escalation: EscalationRecord): string | undefined {
  if (escalation.kind !== 'verlaengerung') return undefined;
  const record = deps.store.cases.byCode(escalation.caseCode);
  const request = extensionRequestOf(deps, escalation);
  if (!record?.intakeOn || !request) return undefined;
  const plannedEndOn = record.plannedEndOn ?? addMonths(record.intakeOn, STANDARD_MONTHS);
  // Once granted, the case's planned end is the new one already.
  return formatGermanDate(request.status === 'granted' ? plannedEndOn : addMonths(plannedEndOn, request.months));
}

function raisedByLabel(escalation: EscalationRecord): string {
  return escalation.raisedBy === SYSTEM_ACTOR ? T.raisedBySystem : mention(escalation.raisedBy);
}

function caseRow(escalation: EscalationRecord): [string, string] {
  const codes = casesOf(escalation);
  return codes.length > 1 ? [T.factCases, codes.join(', ')] : [T.factCase, escalation.caseCode];
}

/** The channel message: case code(s), kind, rule, who raised it, who decides, status — never the client or the reason. */
export function renderEscalation(deps: EscalationDeps, escalation: EscalationRecord, now: Instant = deps.clock.now()): Message {
  const today = deps.calendar.today(now);
  const status = statusText(escalation);
  const rows: Array<[string, string]> = [[T.factNumber, String(escalation.id)], caseRow(escalation)];
  rows.push([T.factKind, T.kindWithRule(escalation.kind)]);
  if (escalation.kind === 'kapazitaet') {
    const round = deps.store.rounds.byId(Number(escalation.data.roundId));
    if (round) rows.push([T.factRound, formatGermanDate(round.roundDate)]);
  }
  const end = newPlannedEnd(deps, escalation);
  if (end) rows.push([T.factNewEnd, end]);
  rows.push(
    [T.factRaisedBy, raisedByLabel(escalation)],
    [T.factRaisedAt, formatInTimeZone(escalation.raisedAt)],
    [T.factDeciders, decidersText(deps, escalation, escalation.status === 'open' ? today : undefined)],
    [T.factStatus, status],
  );
  const blocks: Block[] = [heading(T.parentHeading(escalation.caseCode, escalation.kind)), text(T.ruleText(escalation.kind)), facts(...rows)];
  blocks.push(list(escalation.seats.map((seat) => seatLine(deps, escalation, seat))));
  if (escalation.status === 'open') {
    const capacity = escalation.kind === 'kapazitaet';
    blocks.push(
      text(capacity ? capacityTexts.meaning(escalation.id, DEFERRED_INTAKE_WORKING_DAYS) : T.meaning(escalation.kind, end)),
      text(T.howToDecide),
      text(T.typedCommands(escalation.id)),
      actions(
        { actionId: ESCALATION_ACTIONS.approve, label: capacity ? capacityTexts.assignButton : T.approve, value: String(escalation.id), style: 'primary' },
        { actionId: ESCALATION_ACTIONS.reject, label: capacity ? capacityTexts.otherDecision : T.reject, value: String(escalation.id), style: 'danger' },
      ),
    );
  }
  return message(T.parentSummary(escalation.caseCode, escalation.kind, status), ...blocks);
}

/** "Markt & Integration 1: ✅ zugestimmt von … am …" or "…: ausstehend". */
function seatLine(deps: EscalationDeps, escalation: EscalationRecord, seat: string): string {
  const vote = escalation.votes.find((v) => v.seat === seat);
  return vote ? T.voteCast(teamName(deps, seat), vote.vote, voterLabel(deps, vote), formatInTimeZone(vote.at)) : T.votePending(teamName(deps, seat));
}

/** The direct message to one decider: everything they need, including the client reference and the reason. */
export function deciderMessage(deps: EscalationDeps, e: EscalationRecord, record: CaseRecord, decider: Decider): Message {
  const rows: Array<[string, string]> = [[T.factNumber, String(e.id)], caseRow(e)];
  if (e.kind !== 'kapazitaet') rows.push([T.factClient, record.clientRef]);
  rows.push([T.factKind, T.kindWithRule(e.kind)], [T.factRaisedBy, raisedByLabel(e)]);
  if (e.kind === 'abgang' && typeof e.data.exitReason === 'string' && isExitReason(e.data.exitReason)) {
    rows.push([T.factExitReason, exitReasonLabel(e.data.exitReason)]);
    if (typeof e.data.recommendation === 'string') rows.push([T.factRecommendation, e.data.recommendation]);
  }
  if (e.kind === 'verlaengerung') {
    const request = extensionRequestOf(deps, e);
    if (request) rows.push([T.factMonths, T.monthsValue(request.months)], [T.factReason, request.reason]);
    const end = newPlannedEnd(deps, e);
    if (end) rows.push([T.factNewEnd, end]);
  }
  if (e.reason && e.kind !== 'verlaengerung') rows.push([T.factReason, e.reason]);
  const meaning = e.kind === 'kapazitaet' ? capacityTexts.meaning(e.id, DEFERRED_INTAKE_WORKING_DAYS) : T.meaning(e.kind, newPlannedEnd(deps, e));
  const blocks: Block[] = [heading(T.deciderHeading(e.caseCode)), text(T.ruleText(e.kind)), facts(...rows), text(meaning)];
  if (decider.onBehalfOf) blocks.push(text(T.deputyNote(personName(deps, decider.onBehalfOf))));
  blocks.push(text(T.deciderText(teamName(deps, e.teamId))), text(T.typedCommands(e.id)));
  return message(T.deciderSummary(e.caseCode, e.kind), ...blocks);
}

// --- outcomes (direct messages) ----------------------------------------------------------------------------

/** The outcome for the referring IFK and the case's FM, with the client reference and the lead's comment. */
export function outcomeMessage(e: EscalationRecord, record: CaseRecord, approved: boolean, outcome: string, comment: string | undefined): Message {
  const summary = T.outcomeSummary(e.caseCode, e.kind, approved);
  const blocks: Block[] = [heading(summary), text(T.outcomeClient(e.caseCode, record.clientRef)), text(outcome), text(T.numberLine(e.id))];
  if (comment !== undefined) blocks.push(text(T.outcomeComment(comment)));
  return message(summary, ...blocks);
}
