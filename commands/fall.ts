/**
 * /fm fall FM-… — one case at a glance for those involved: the case's FM, their stand-in (R17), the leads
 * of the receiving team, the referring IFK and that IFK's team lead(s). Private reply.
 */
import { contactPolicy } from '../src/services/clocks.js';
import { actingFor } from '../src/services/people.js';
import { contactMinimum, dueItems } from '../src/domain/due.js';
import { UserError } from '../src/domain/errors.js';
import { isExitReason } from '../src/domain/exit.js';
import { formatGermanDate, type LocalDate } from '../src/domain/time.js';
import { caseTexts, statusLabel } from '../src/i18n/cases.js';
import { caseViewTexts as T, dueLabel, dueLine, exitReasonLabel, lifecycleTexts as L } from '../src/i18n/lifecycle.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, list, message, text } from '../src/messaging/reply.js';
import type { CaseRecord } from '../src/store/ports.js';
import { CASE_KEY, clockOf, findCase, leadsTeam, mayActOnCase, shownStatus } from './caseAccess.js';
import { stateOf } from './meine.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

/** Due items listed; the later ones follow from these. */
const ITEMS_SHOWN = 6;

export const fall: CommandDefinition = {
  name: 'fall',
  roles: EVERYONE,
  helpOrder: 180,
  readOnly: true,
  help: commandHelp.fall,
  teamsMenu: {
    personal: { priority: 80, description: M.fall },
    groupChat: { priority: 70, description: M.fall },
  },
  keys: [CASE_KEY],
  maxPositionals: 1,
  run(ctx, input) {
    const today = ctx.calendar.today(ctx.clock.now());
    const record = findCase(ctx, input);
    if (!maySee(ctx, record, today)) throw new UserError(T.notAllowed(record.caseCode));

    const policy = contactPolicy(ctx);
    const clock = clockOf(ctx, record, today);
    const name = (id: string | undefined) => (id === undefined ? L.none : (ctx.org.person(id)?.name ?? id));
    const date = (d: LocalDate | undefined) => (d === undefined ? L.none : formatGermanDate(d));

    const rows: Array<[string, string]> = [
      [caseTexts.factCase, record.caseCode],
      [caseTexts.factClient, record.clientRef],
      [T.factStatus, shownStatus(ctx, record)],
      [T.factGroup, T.group(record.group)],
      [T.factFm, name(record.assignedFmId)],
    ];
    if (record.assignedFmId !== undefined && record.status !== 'beendet') {
      const standIn = actingFor(ctx, record.assignedFmId, today);
      if (standIn !== record.assignedFmId) rows.push([T.factStandIn, standIn === undefined ? T.nobody : name(standIn)]);
    }
    rows.push([T.factReferredBy, name(record.referringPersonId)], [T.factFlagged, date(record.flaggedOn)]);
    if (record.intakeOn === undefined) rows.push([T.factDeadline, date(record.intakeDeadline)]);
    else {
      const pending = ctx.store.extensions.pendingFor(record.caseCode);
      const minimum = contactMinimum(clock, policy, today);
      rows.push(
        [T.factIntake, date(record.intakeOn)],
        [T.factPlannedEnd, date(record.plannedEndOn)],
        [
          T.factExtensions,
          T.extensionsValue(
            record.extensions ?? 0,
            pending && { months: pending.months, date: formatGermanDate(ctx.calendar.today(pending.requestedAt)) },
          ),
        ],
        [T.factMeasure, L.yesNo(record.inMeasure ?? false)],
        [T.factReport, L.yesNo(record.reportPending ?? false)],
        [T.factReview, date(record.lastReviewOn)],
        [T.factLocation, date(record.locationTalkOn)],
        [T.factLastContact, date(clock.lastContactOn)],
        [T.factContacts, T.contactsValue(minimum.count, minimum.required, policy.minPerYear[record.group], minimum.met)],
      );
    }
    if (record.endedOn !== undefined) {
      rows.push([T.factEnded, date(record.endedOn)]);
      if (record.endReason !== undefined) {
        rows.push([T.factEndReason, isExitReason(record.endReason) ? exitReasonLabel(record.endReason) : record.endReason]);
      }
      if (record.exitRecommendation !== undefined) rows.push([T.factRecommendation, record.exitRecommendation]);
    }

    const items = dueItems(clock, policy, ctx.calendar).slice(0, ITEMS_SHOWN);
    return message(
      T.summary(record.caseCode, shownStatus(ctx, record)),
      heading(T.heading(record.caseCode)),
      facts(...rows),
      heading(T.dueHeading),
      items.length
        ? list(items.map((i) => dueLine(dueLabel(i.kind, i.months), i.rule, formatGermanDate(i.dueOn), stateOf(i, today))))
        : text(T.nothingDue),
    );
  },
};

/** The people involved in the case (data protection: nobody else sees the client reference). */
function maySee(ctx: CommandContext, record: CaseRecord, today: LocalDate): boolean {
  if (mayActOnCase(ctx, record, today)) return true;
  return record.referringPersonId === ctx.actor.id || leadsTeam(ctx, record.referringTeamId);
}
