/**
 * /fm uebergang — the U25 FM (their stand-in while absent, R17, or the U25 team's lead) refers a U25 client
 * into the Ü25 round (R10): a new referral linked to the U25 case, with the same client data. Its referring
 * person stays the IFK who referred the client to FM in the first place, so the return talk at the end goes
 * to them (R26). Flagged later than three months before the month of the 25th birthday it is still accepted,
 * but marked late and the U25 lead is told. The U25 FM is reminded weekly from four months before that month
 * until it is flagged (jobs/fmDigest.ts). The U25 case ends when the Ü25 FM records the intake (see uebernahme).
 */
import type { Team } from '../src/config/org.js';
import { u25TransitionOn } from '../src/domain/due.js';
import { RuleViolation, UserError } from '../src/domain/errors.js';
import { intakeDeadline } from '../src/domain/intake.js';
import { formatGermanDate, type Instant, type LocalDate } from '../src/domain/time.js';
import { caseTexts, transferTexts as T } from '../src/i18n/cases.js';
import { referralTexts } from '../src/i18n/commands.js';
import { commandHelp, teamsMenuTexts as M } from '../src/i18n/help.js';
import { facts, heading, mention, message, text, type Block, type Form } from '../src/messaging/reply.js';
import { OpenCaseExistsError, type CaseRecord } from '../src/store/ports.js';
import { OPEN_STATUSES } from '../src/domain/vocabulary.js';
import { assertMayActOnCase, assertStatus, assertTeamReachable, CASE_KEY, caseChoice, directKey, findCase, thisCaseChoice } from './caseAccess.js';
import { EVERYONE, type CommandContext, type CommandDefinition } from './types.js';

/** `endReason` of a U25 case that ended by the Ü25 intake. */
export const TRANSFER_END_REASON = 'uebergang-ue25';

const TRANSFERABLE = ['zugewiesen', 'aktiv'] as const;

/** R10: the last day to flag the transfer — the first day of the month three months before the 25th-birthday month. */
export const latestTransferFlag: (u25Until: string) => LocalDate = u25TransitionOn;

export const uebergang: CommandDefinition = {
  name: 'uebergang',
  roles: EVERYONE,
  helpOrder: 70,
  help: commandHelp.uebergang,
  teamsMenu: {
    team: { priority: 60, description: M.uebergang },
  },
  keys: [CASE_KEY],
  maxPositionals: 1,
  form: transferForm,
  run(ctx, input) {
    const now = ctx.clock.now();
    const today = ctx.calendar.today(now);
    const u25 = findCase(ctx, input);
    assertTransferable(ctx, u25, today);
    assertNoOpenUe25(ctx, u25);
    const receiving = ue25Team(ctx, u25);
    assertTeamReachable(ctx, receiving);

    const deadline = intakeDeadline(today, ctx.calendar); // R4
    const flagBy = latestTransferFlag(u25.u25Until);
    const late = today > flagBy; // R10
    const u25Team = ctx.org.team(u25.receivingTeamId);
    const u25Fm = u25.assignedFmId ?? ctx.actor.id;

    const { record, leadsTold } = ctx.store.transaction(() => {
      const caseCode = ctx.store.codes.next(Number(today.slice(0, 4)));
      let saved: CaseRecord;
      try {
        saved = ctx.store.cases.insertReferral({
          caseCode,
          clientRef: u25.clientRef,
          group: 'ue25',
          route: u25.route,
          prognosis: u25.prognosis,
          needs: u25.needs,
          countedNeeds: u25.countedNeeds,
          integration12: u25.integration12,
          assessment: u25.assessment,
          reason: u25.reason,
          u25Until: u25.u25Until,
          transferFrom: u25.caseCode,
          transferLate: late,
          // R26: the return talk at the end of FM goes to the IFK who referred the client, not to the U25 FM.
          referringPersonId: u25.referringPersonId,
          referringTeamId: u25.receivingTeamId,
          receivingTeamId: receiving.id,
          flaggedOn: today,
          intakeDeadline: deadline,
          createdAt: now,
        });
      } catch (error) {
        // Another process flagged the same client for Ü25 in between.
        if (error instanceof OpenCaseExistsError) throw new UserError(caseTexts.changedMeanwhile(u25.caseCode));
        throw error;
      }
      ctx.store.audit.record({
        at: now,
        actorId: ctx.actor.id,
        action: 'referral.created',
        caseCode,
        details: { route: u25.route, group: 'ue25', countedNeeds: u25.countedNeeds, transferFrom: u25.caseCode, transferLate: late },
      });
      ctx.store.audit.record({
        at: now,
        actorId: ctx.actor.id,
        action: 'transfer.flagged',
        caseCode: u25.caseCode,
        details: { successor: caseCode, late },
      });
      enqueueNotice(ctx, saved, u25Team, deadline, late, now);
      const told = late && u25Team ? notifyU25Leads(ctx, u25Team, u25, caseCode, flagBy, u25Fm, now) : 0;
      return { record: saved, leadsTold: told > 0 };
    });

    const due = formatGermanDate(deadline);
    const blocks: Block[] = [
      heading(T.savedHeading),
      facts(
        [caseTexts.factCase, record.caseCode],
        [caseTexts.factClient, record.clientRef],
        [T.factFrom, u25.caseCode],
        [T.factReceiving, receiving.name],
        [T.factDeadline, due],
        [T.factFlagBy, T.flagByValue(formatGermanDate(flagBy), late)],
      ),
    ];
    if (leadsTold) blocks.push(text(T.lateNote(u25Team?.name ?? u25.receivingTeamId)));
    blocks.push(text(T.savedNext(receiving.name, u25.caseCode)));
    return message(T.savedSummary(record.caseCode, due), ...blocks);
  },
};

/** The case's FM, their stand-in (R17) or a U25 lead; a U25 case, assigned or active, with its birthday month (R10). */
function assertTransferable(ctx: CommandContext, u25: CaseRecord, today: LocalDate): asserts u25 is CaseRecord & { u25Until: string } {
  assertMayActOnCase(ctx, u25, T.doing(u25.caseCode), today);
  if (u25.group !== 'u25') throw new RuleViolation('R10', T.notU25(u25.caseCode));
  assertStatus(u25, TRANSFERABLE, T.allowedStatus);
  if (!u25.u25Until) throw new RuleViolation('R10', T.noU25Until(u25.caseCode));
}

/** One open Ü25 referral or case per client (the database enforces it too); a declined one may be retried. */
function assertNoOpenUe25(ctx: CommandContext, u25: CaseRecord): void {
  const open = ctx.store.cases
    .list({ statuses: OPEN_STATUSES })
    .find((c) => c.group === 'ue25' && (c.transferFrom === u25.caseCode || c.clientRef === u25.clientRef));
  if (!open) return;
  throw new UserError(
    open.transferFrom === u25.caseCode ? T.openTransfer(u25.caseCode, open.caseCode, open.status) : T.openUe25Case(open.caseCode, open.status),
  );
}

/** The Ü25 team of the U25 team's office, else the first Ü25 team. */
function ue25Team(ctx: CommandContext, u25: CaseRecord): Team {
  const office = ctx.org.team(u25.receivingTeamId)?.office;
  const candidates = ctx.org.teamsOfKind('fm_ue25');
  const team = candidates.find((t) => t.office === office) ?? candidates[0];
  if (!team) throw new UserError(T.noReceivingTeam);
  return team;
}

/** The Ü25 team must be reachable on the platform in use, or nobody would learn of the transfer. */
/** Like a referral's notice: case codes and facts, never the client reference. */
function enqueueNotice(ctx: CommandContext, record: CaseRecord, u25Team: Team | undefined, deadline: LocalDate, late: boolean, now: Instant): void {
  const due = formatGermanDate(deadline);
  const rows: Array<[string, string]> = [
    [T.factGroup, T.groupUe25],
    [T.factFrom, record.transferFrom!],
    [referralTexts.factRoute, referralTexts.routeLabel(record.route, record.reason)],
    [T.factNeeds, referralTexts.neededCount(record.countedNeeds, record.needs.length)],
    [T.factReferringTeam, u25Team?.name ?? record.referringTeamId],
    [T.factDeadline, due],
  ];
  if (late) rows.push([T.factNote, T.channelLate]);
  ctx.store.outbox.enqueue({
    dedupeKey: `referral.notice:${record.caseCode}`,
    target: { kind: 'channel', teamId: record.receivingTeamId },
    createdAt: now,
    message: message(T.channelSummary(record.caseCode, due), heading(T.channelHeading(record.caseCode)), facts(...rows)),
  });
}

/** R10: the U25 lead learns of a late transfer (case codes only); returns how many were told. */
function notifyU25Leads(
  ctx: CommandContext,
  u25Team: Team,
  u25: CaseRecord,
  ue25Code: string,
  flagBy: LocalDate,
  u25Fm: string,
  now: Instant,
): number {
  const leads = ctx.org.leadsOf(u25Team).filter((lead) => lead.id !== ctx.actor.id);
  for (const lead of leads) {
    ctx.store.outbox.enqueue({
      dedupeKey: directKey('transfer.late', ue25Code, lead.id),
      target: { kind: 'direct', personId: lead.id },
      createdAt: now,
      message: message(T.leadSummary(ue25Code), text(T.leadText(u25.caseCode, ue25Code, formatGermanDate(flagBy), mention(u25Fm)))),
    });
  }
  return leads.length;
}

function transferForm(ctx: CommandContext): Form {
  return {
    command: 'uebergang',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      caseChoice(ctx, TRANSFERABLE, T.formWhat, optionUntil, (r) => r.group === 'u25' && r.u25Until !== undefined, true),
    ],
  };
}

const optionUntil = (r: CaseRecord): string => T.optionUntil(r.u25Until!.split('-').reverse().join('.'));

/**
 * R10: the form the weekly reminder's button opens — this case only. Refused, as the command would refuse
 * it, when the actor may not transfer it or a transfer is under way already.
 */
export function transferFormFor(ctx: CommandContext, u25: CaseRecord): Form {
  assertTransferable(ctx, u25, ctx.calendar.today(ctx.clock.now()));
  assertNoOpenUe25(ctx, u25);
  return {
    command: 'uebergang',
    title: T.formTitle,
    submitLabel: T.formSubmit,
    fields: [
      thisCaseChoice(u25, optionUntil(u25)),
    ],
  };
}
