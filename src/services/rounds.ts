/**
 * The weekly assignment round (R9, R13, R14): builds the proposal from the open referrals and the
 * team's caseloads, lets the team change it, and confirms it — each step in one transaction with its
 * audit entries and messages. Used by `/fm runde`, its buttons and the scheduled job.
 */
import type { CommandDeps } from './context.js';
import { caseloadRatio, type Person, type Team } from '../config/org.js';
import { loadsFor, proposeAssignment, type FmLoad, type LeftOutReason, type RoundFm } from '../domain/assignment.js';
import { UserError } from '../domain/errors.js';
import { formatInTimeZone } from '../domain/format.js';
import { addDays, formatGermanDate, type Instant, type LocalDate } from '../domain/time.js';
import { referralTexts } from '../i18n/commands.js';
import { roundTexts as T } from '../i18n/rounds.js';
import {
  actions,
  heading,
  list,
  message,
  text,
  type Block,
  type Message,
} from '../messaging/reply.js';
import type { CaseRecord, EscalationRecord, RoundRecord, RoundRow } from '../store/ports.js';
import { casesOf, raiseCapacityEscalation } from './escalations/index.js';
import { assignCase } from './caseLifecycle.js';
import { capacityTexts } from '../i18n/capacity.js';
import { absencesOf } from './people.js';

/** How far back "recent rounds" reach for spreading equal choices (R14: even distribution). */
const RECENT_DAYS = 28;
/** Slack allows 50 blocks a message; beyond this many rows the choice moves to `/fm runde aendern`. */
const MAX_SELECT_ROWS = 30;

export const ROUND_ACTIONS = { confirm: 'round.confirm', recompute: 'round.recompute', choose: 'round.choose' } as const;

export function isRoundMember(deps: CommandDeps, person: Person, team: Team): boolean {
  return person.team === team.id || deps.org.teamsLedBy(person).some((t) => t.id === team.id);
}

export function assertRoundMember(deps: CommandDeps, person: Person, team: Team): void {
  if (!isRoundMember(deps, person, team)) throw new UserError(T.notMember(team.name));
}

/** The FMs of the team who take part in rounds (role fm). */
function teamFms(deps: CommandDeps, team: Team): Person[] {
  return deps.org.membersOf(team).filter((p) => p.roles.includes('fm'));
}

function roundFms(deps: CommandDeps, team: Team, roundDate: LocalDate): RoundFm[] {
  const caseloads = deps.store.cases.caseloads();
  const recent = deps.store.rounds.recentAssignments(team.id, addDays(roundDate, -RECENT_DAYS));
  const group = team.kind === 'fm_u25' ? 'u25' : 'ue25';
  return teamFms(deps, team).map((p) => ({
    id: p.id,
    group,
    capacity: caseloadRatio(team) * p.fte, // R13/R14: individual capacity
    caseload: caseloads.get(p.id) ?? 0,
    absences: absencesOf(deps, p.id), // organisation file and /fm abwesend
    topics: p.topics,
    recentAssignments: recent.get(p.id) ?? 0,
  }));
}

function openReferrals(deps: CommandDeps, team: Team): CaseRecord[] {
  return deps.store.cases.openReferrals({ receivingTeamIds: [team.id] });
}

function propose(deps: CommandDeps, team: Team, roundDate: LocalDate): { rows: RoundRow[]; leftOut: RoundRecord['leftOut'] } {
  const referrals = openReferrals(deps, team);
  const proposal = proposeAssignment({
    roundDate,
    calendar: deps.calendar,
    fms: roundFms(deps, team, roundDate),
    referrals: referrals.map((r) => ({ caseCode: r.caseCode, group: r.group, needs: r.needs, intakeDeadline: r.intakeDeadline })),
  });
  return {
    rows: proposal.rows.map((r) => (r.fmId === undefined ? { caseCode: r.caseCode, overflow: r.overflow } : { caseCode: r.caseCode, fmId: r.fmId, overflow: r.overflow })),
    leftOut: proposal.leftOut.map((l) => ({ fmId: l.fmId, ...leftOutFields(l.reason) })),
  };
}

function leftOutFields(reason: LeftOutReason): Omit<RoundRecord['leftOut'][number], 'fmId'> {
  return reason.kind === 'absent-on-round-day'
    ? { reason: reason.kind }
    : { reason: reason.kind, absentDays: reason.absentDays, workingDays: reason.workingDays, until: reason.until };
}

/**
 * Posts a new proposal for the team (older open proposals are superseded) and tells the team lead when
 * the referrals do not fit the capacity (R4). Returns undefined when there is nothing to distribute.
 */
export function startRound(
  deps: CommandDeps,
  team: Team,
  opts: { actorId: string; trigger: RoundRecord['trigger']; roundDate: LocalDate; now: Instant },
): RoundRecord | undefined {
  const { rows, leftOut } = propose(deps, team, opts.roundDate);
  if (rows.length === 0) return undefined;
  return deps.store.transaction(() => {
    deps.store.rounds.supersede(team.id);
    const round = deps.store.rounds.create({
      teamId: team.id,
      roundDate: opts.roundDate,
      trigger: opts.trigger,
      rows,
      leftOut,
      createdBy: opts.actorId,
      createdAt: opts.now,
    });
    deps.store.audit.record({ at: opts.now, actorId: opts.actorId, action: 'round.proposed', details: { roundId: round.id, teamId: team.id, referrals: rows.length } });
    deps.store.outbox.enqueue({
      dedupeKey: `round.post:${round.id}`,
      target: { kind: 'channel', teamId: team.id },
      message: renderRound(deps, round),
      createdAt: opts.now,
    });
    // R4: the FM team lead keeps capacity in view and decides an overflow in the team's escalation thread;
    // the round's rows above capacity then name the escalation they wait for.
    if (raiseCapacityEscalation(deps, round, opts.now)) {
      deps.store.outbox.enqueue({
        dedupeKey: `round.update:${round.id}:capacity`,
        target: { kind: 'channel', teamId: team.id, replaces: `round.post:${round.id}` },
        message: renderRound(deps, round),
        createdAt: opts.now,
      });
    }
    return round;
  });
}

/** Recomputes the proposal of a still-open round in place. */
export function recomputeRound(deps: CommandDeps, round: RoundRecord, actorId: string): RoundRecord {
  const team = requireTeam(deps, round.teamId);
  const { rows, leftOut } = propose(deps, team, round.roundDate);
  deps.store.transaction(() => {
    if (!deps.store.rounds.updateRows(round.id, rows, leftOut)) throw new UserError(staleText(deps, round));
    deps.store.audit.record({ at: deps.clock.now(), actorId, action: 'round.recomputed', details: { roundId: round.id } });
  });
  return deps.store.rounds.byId(round.id)!;
}

/** The team moves one referral to another FM of the team. */
export function changeRow(deps: CommandDeps, round: RoundRecord, caseCode: string, fmId: string, actorId: string): RoundRecord {
  const team = requireTeam(deps, round.teamId);
  if (!round.rows.some((r) => r.caseCode === caseCode)) throw new UserError(T.unknownRow(caseCode));
  if (!teamFms(deps, team).some((p) => p.id === fmId)) throw new UserError(T.notAnFm(fmId, team.name), 'fm');
  const rows = withOverflow(
    deps,
    team,
    round,
    round.rows.map((r) => (r.caseCode === caseCode ? { ...r, fmId } : r)),
  );
  deps.store.transaction(() => {
    if (!deps.store.rounds.updateRows(round.id, rows, round.leftOut)) throw new UserError(staleText(deps, round));
    deps.store.audit.record({ at: deps.clock.now(), actorId, action: 'round.changed', caseCode, details: { roundId: round.id, fmId } });
  });
  return deps.store.rounds.byId(round.id)!;
}

/** Marks the rows that take their FM above capacity, in deadline order. */
function withOverflow(deps: CommandDeps, team: Team, round: RoundRecord, rows: RoundRow[]): RoundRow[] {
  const fms = new Map(roundFms(deps, team, round.roundDate).map((f) => [f.id, f]));
  const taken = new Map<string, number>();
  return rows.map((r) => {
    if (r.fmId === undefined) return { ...r, overflow: true };
    const fm = fms.get(r.fmId)!;
    const k = (taken.get(r.fmId) ?? 0) + 1;
    taken.set(r.fmId, k);
    return { ...r, overflow: fm.caseload + k > fm.capacity };
  });
}

export interface ConfirmResult {
  changed: boolean;
  round: RoundRecord;
  assigned: string[];
  skipped: string[];
  /** R4: rows above capacity, left as open referrals for the team lead's decision. */
  held: string[];
  /** The open capacity escalation the held rows wait for. */
  escalationId?: number;
}

/**
 * Confirms a proposed round once: each referral within capacity becomes a case of its FM ("zugewiesen"),
 * with audit entries and direct messages to the FM and the referring IFK (the case lifecycle's
 * `assignCase`), all in one transaction. Rows above capacity (or without an FM) are not assigned: they stay
 * open referrals for the FM team lead, whose capacity escalation they wait for (R4) — raised here if the
 * round's proposal did not raise one for them. A second confirm (double click, second person) finds the
 * round confirmed and changes nothing.
 */
export function confirmRound(deps: CommandDeps, round: RoundRecord, actorId: string): ConfirmResult {
  const now = deps.clock.now();
  return deps.store.transaction(() => {
    if (!deps.store.rounds.confirm(round.id, actorId, now)) {
      return { changed: false, round: deps.store.rounds.byId(round.id)!, assigned: [], skipped: [], held: [] };
    }
    const assigned: string[] = [];
    const skipped: string[] = [];
    const heldRows: RoundRow[] = [];
    for (const row of round.rows) {
      if (row.fmId === undefined || row.overflow) {
        // R4: above capacity only the lead decides; the row stays an open referral.
        if (deps.store.cases.byCode(row.caseCode)?.status === 'vorgemerkt') heldRows.push(row);
        continue;
      }
      const record = assignCase(deps, row.caseCode, { fmId: row.fmId, roundId: round.id, overflow: false, actorId, now });
      if (record) assigned.push(row.caseCode);
      else skipped.push(row.caseCode);
    }
    const escalationId = heldRows.length ? capacityEscalationFor(deps, round, heldRows, now) : undefined;
    const held = heldRows.map((r) => r.caseCode);
    deps.store.audit.record({ at: now, actorId, action: 'round.confirmed', details: { roundId: round.id, teamId: round.teamId, assigned: assigned.length, held: held.length } });
    const result: ConfirmResult = { changed: true, round: deps.store.rounds.byId(round.id)!, assigned, skipped, held };
    if (escalationId !== undefined) result.escalationId = escalationId;
    return result;
  });
}

/**
 * The capacity escalations (R4) the round's rows wait for or were decided by: every open one, and the
 * decided ones of this round. A capacity escalation belongs to its first case, so the rows' cases find them.
 */
function capacityEscalations(deps: CommandDeps, round: Pick<RoundRecord, 'id' | 'rows'>): EscalationRecord[] {
  const found = new Map<number, EscalationRecord>();
  for (const e of deps.store.escalations.listOpen()) if (e.kind === 'kapazitaet') found.set(e.id, e);
  for (const row of round.rows) {
    for (const e of deps.store.escalations.forCase(row.caseCode)) {
      if (e.kind === 'kapazitaet' && Number(e.data.roundId) === round.id) found.set(e.id, e);
    }
  }
  return [...found.values()];
}

/** The open capacity escalation a case waits for (R4), if any. */
export function openCapacityEscalationOf(deps: CommandDeps, caseCode: string): EscalationRecord | undefined {
  return deps.store.escalations.listOpen().find((e) => e.kind === 'kapazitaet' && casesOf(e).includes(caseCode));
}

/** R4: the held rows wait for the lead; rows no capacity escalation covers yet get one now. */
function capacityEscalationFor(deps: CommandDeps, round: RoundRecord, held: RoundRow[], now: Instant): number | undefined {
  const covered = new Set(capacityEscalations(deps, round).flatMap((e) => casesOf(e)));
  const uncovered = held.filter((r) => !covered.has(r.caseCode));
  if (uncovered.length) raiseCapacityEscalation(deps, { id: round.id, rows: uncovered.map((r) => ({ ...r, overflow: true })) }, now);
  return openCapacityEscalationOf(deps, held[0]!.caseCode)?.id;
}

function requireTeam(deps: CommandDeps, teamId: string): Team {
  const team = deps.org.team(teamId);
  if (!team) throw new Error(`round of unknown team ${teamId}`);
  return team;
}

export function staleText(deps: CommandDeps, round: RoundRecord): string {
  const current = deps.store.rounds.byId(round.id) ?? round;
  if (current.status === 'confirmed') {
    return T.alreadyConfirmed(personName(deps, current.confirmedBy), formatInTimeZone(current.confirmedAt ?? 0));
  }
  return T.superseded;
}

function personName(deps: CommandDeps, id: string | undefined): string {
  return (id && deps.org.person(id)?.name) ?? id ?? '—';
}

/** The channel message of a round: no client references, only case codes and counts. */
export function renderRound(deps: CommandDeps, round: RoundRecord): Message {
  const team = requireTeam(deps, round.teamId);
  const date = formatGermanDate(round.roundDate);
  const referrals = new Map(round.rows.map((r) => [r.caseCode, deps.store.cases.byCode(r.caseCode)]));
  const fms = teamFms(deps, team);
  const names = new Map(fms.map((p) => [p.id, p.name]));
  const leftOut = new Set(round.leftOut.map((l) => l.fmId));
  const caseloads = deps.store.cases.caseloads();
  const confirmed = round.status === 'confirmed';
  // R4: after confirmation a row counts as assigned only when its case went to the row's FM; rows above capacity wait for the lead.
  const assignedHere = (r: RoundRow): boolean => {
    const c = referrals.get(r.caseCode);
    return c !== undefined && c.assignedFmId === r.fmId && (c.status === 'zugewiesen' || c.status === 'aktiv');
  };
  const waitingFor = (code: string): number | undefined => openCapacityEscalationOf(deps, code)?.id;
  // After confirmation the assigned cases are part of the caseload already.
  const loads = loadsFor(
    roundFms(deps, team, round.roundDate).map((f) => ({
      ...f,
      caseload: confirmed ? (caseloads.get(f.id) ?? 0) - round.rows.filter((r) => r.fmId === f.id && assignedHere(r)).length : f.caseload,
    })),
    round.rows.map((r) => ({ fmId: r.fmId })),
  );

  const blocks: Block[] = [];
  const rowText = (code: string): string => {
    const r = referrals.get(code);
    return r ? T.row(code, referralTexts.groupLabel(r.group), r.countedNeeds, formatGermanDate(r.intakeDeadline)) : code;
  };

  if (round.status === 'proposed') {
    blocks.push(heading(T.heading(team.name, date)), text(T.summary(round.rows.length, fms.length - leftOut.size)));
    round.rows.forEach((row, index) => {
      // R4: a row above capacity (or without any FM) waits for the lead; the waiting mark says both.
      const flag = (row.fmId === undefined ? T.rowNoFm : '') + (row.fmId === undefined || row.overflow ? capacityTexts.rowWaiting(waitingFor(row.caseCode)) : '');
      if (index < MAX_SELECT_ROWS) {
        blocks.push({
          kind: 'select',
          text: rowText(row.caseCode) + flag,
          actionId: ROUND_ACTIONS.choose,
          placeholder: T.choose,
          options: fms.map((p) => ({
            value: `${round.id}|${row.caseCode}|${p.id}`,
            label: leftOut.has(p.id) ? T.optionAbsent(p.name) : p.name,
          })),
          ...(row.fmId ? { initial: `${round.id}|${row.caseCode}|${row.fmId}` } : {}),
        });
      } else {
        blocks.push(text(`${rowText(row.caseCode)} → ${names.get(row.fmId ?? '') ?? '—'}${flag}`));
      }
    });
  } else {
    const title = confirmed ? T.confirmedHeading(team.name, date) : T.supersededHeading(team.name, date);
    blocks.push(heading(title));
    blocks.push(
      list(
        round.rows.map((r) => {
          const c = referrals.get(r.caseCode);
          if (c?.assignedFmId && (c.status === 'zugewiesen' || c.status === 'aktiv')) return T.rowAssigned(rowText(r.caseCode), names.get(c.assignedFmId) ?? c.assignedFmId);
          if (confirmed && (r.overflow || r.fmId === undefined)) return capacityTexts.rowHeld(rowText(r.caseCode), r.fmId ? names.get(r.fmId) : undefined);
          return r.fmId && !confirmed ? T.rowAssigned(rowText(r.caseCode), names.get(r.fmId) ?? r.fmId) : T.rowUnassigned(rowText(r.caseCode));
        }),
      ),
    );
  }

  blocks.push({ kind: 'divider' }, heading(T.loadsHeading), list(loads.map((l) => loadLine(names, l))));
  if (round.leftOut.length) {
    blocks.push(
      heading(T.leftOutHeading),
      list(
        round.leftOut.map((l) => {
          const name = names.get(l.fmId) ?? l.fmId;
          return l.reason === 'absent-on-round-day'
            ? T.leftOutRoundDay(name)
            : T.leftOutMostDays(name, l.absentDays ?? 0, l.workingDays ?? 0, formatGermanDate(l.until ?? round.roundDate));
        }),
      ),
    );
  }
  if (round.rows.some((r) => r.overflow || r.fmId === undefined)) blocks.push(text(T.overflowNote));
  if (round.status === 'proposed') {
    blocks.push(
      actions(
        { actionId: ROUND_ACTIONS.confirm, label: T.confirm, value: String(round.id), style: 'primary' },
        { actionId: ROUND_ACTIONS.recompute, label: T.recompute, value: String(round.id) },
      ),
    );
  } else if (confirmed) {
    blocks.push(text(T.confirmedBy(personName(deps, round.confirmedBy), formatInTimeZone(round.confirmedAt ?? 0))));
  }
  return message(confirmed ? T.confirmedHeading(team.name, date) : T.heading(team.name, date), ...blocks);
}

function loadLine(names: Map<string, string>, l: FmLoad): string {
  return T.load(names.get(l.fmId) ?? l.fmId, l.before, l.after, T.capacity(l.capacity), T.percent(l.utilisationAfter));
}
