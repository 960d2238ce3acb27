import type Database from 'better-sqlite3';
import { R1_MIN_KEY_GROUP_NEEDS } from '../../domain/access.js';
import { addDays, type LocalDate } from '../../domain/time.js';
import { OpenCaseExistsError, type CaseProgress, type CaseRecord, type CaseRepository, type CaseWithContacts, type NewReferral } from '../ports.js';
import { OPEN_STATUSES, type AccessRoute, CASELOAD_STATUSES, type CaseStatus, type Group } from '../../domain/vocabulary.js';

interface CaseRow {
  id: number;
  case_code: string;
  client_ref: string;
  client_group: Group;
  route: AccessRoute;
  prognosis: CaseRecord['prognosis'];
  needs: string;
  counted_needs: number;
  integration12: 0 | 1;
  assessment: 0 | 1;
  reason: string | null;
  u25_until: string | null;
  referring_person_id: string;
  referring_team_id: string;
  receiving_team_id: string;
  flagged_on: string;
  intake_deadline: string;
  status: CaseStatus;
  assigned_fm_id: string | null;
  created_at: number;
  updated_at: number;
  transfer_from: string | null;
  transfer_late: 0 | 1 | null;
  assigned_at: number | null;
  intake_on: string | null;
  intake_warm: 0 | 1 | null;
  intake_goals: 0 | 1 | null;
  intake_late: 0 | 1 | null;
  intake_note: string | null;
  declined_reason: string | null;
  ended_on: string | null;
  end_reason: string | null;
  in_measure: 0 | 1 | null;
  report_pending: 0 | 1 | null;
  last_review_on: string | null;
  location_talk_on: string | null;
  planned_end_on: string | null;
  extensions: number;
  exit_successful: 0 | 1 | null;
  exit_recommendation: string | null;
}

interface ClockRow extends CaseRow {
  last_contact_on: string | null;
  contacts_last_year: number;
}

type ProgressColumn = keyof typeof PROGRESS_COLUMNS;
type InsertParams = Omit<CaseRow, 'id' | 'status' | 'assigned_fm_id' | 'updated_at' | ProgressColumn>;

/** CaseProgress field → column; booleans are stored as 0/1. */
const PROGRESS_COLUMNS = {
  assigned_fm_id: 'assignedFmId',
  assigned_at: 'assignedAt',
  intake_on: 'intakeOn',
  intake_warm: 'intakeWarm',
  intake_goals: 'intakeGoals',
  intake_late: 'intakeLate',
  intake_note: 'intakeNote',
  declined_reason: 'declinedReason',
  ended_on: 'endedOn',
  end_reason: 'endReason',
  in_measure: 'inMeasure',
  report_pending: 'reportPending',
  last_review_on: 'lastReviewOn',
  location_talk_on: 'locationTalkOn',
  planned_end_on: 'plannedEndOn',
  extensions: 'extensions',
  exit_successful: 'exitSuccessful',
  exit_recommendation: 'exitRecommendation',
} as const satisfies Record<string, keyof CaseProgress>;

const BOOLEAN_FIELDS = new Set<string>(['intakeWarm', 'intakeGoals', 'intakeLate', 'inMeasure', 'reportPending', 'exitSuccessful']);

const SELECT = 'SELECT * FROM cases';
const OPEN = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export class SqliteCaseRepository implements CaseRepository {
  private readonly insert;
  private readonly selectByCode;
  private readonly selectOpenByClient;
  private readonly countAll;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare<InsertParams, CaseRow>(`
      INSERT INTO cases (
        case_code, client_ref, client_group, route, prognosis, needs, counted_needs, integration12, assessment,
        reason, u25_until, referring_person_id, referring_team_id, receiving_team_id, flagged_on, intake_deadline,
        status, assigned_fm_id, created_at, updated_at, transfer_from, transfer_late
      ) VALUES (
        @case_code, @client_ref, @client_group, @route, @prognosis, @needs, @counted_needs, @integration12, @assessment,
        @reason, @u25_until, @referring_person_id, @referring_team_id, @receiving_team_id, @flagged_on, @intake_deadline,
        'vorgemerkt', NULL, @created_at, @created_at, @transfer_from, @transfer_late
      ) RETURNING *`);
    this.selectByCode = db.prepare<[string], CaseRow>(`${SELECT} WHERE case_code = ?`);
    this.selectOpenByClient = db.prepare<[string], CaseRow>(`${SELECT} WHERE client_ref = ? AND ${OPEN}`);
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM cases').pluck();
  }

  /** @throws OpenCaseExistsError when the client already has an open referral or case. */
  insertReferral(referral: NewReferral): CaseRecord {
    try {
      return toRecord(this.insert.get(toInsertParams(referral))!);
    } catch (error) {
      if (isOpenCaseConflict(error)) throw new OpenCaseExistsError();
      throw error;
    }
  }

  byCode(caseCode: string): CaseRecord | undefined {
    const row = this.selectByCode.get(caseCode);
    return row && toRecord(row);
  }

  findOpenByClient(clientRef: string): CaseRecord | undefined {
    const row = this.selectOpenByClient.get(clientRef);
    return row && toRecord(row);
  }

  openReferrals(filter: { referringPersonId?: string; receivingTeamIds?: string[] }): CaseRecord[] {
    const conditions = [`status = 'vorgemerkt'`];
    const params: unknown[] = [];
    if (filter.referringPersonId !== undefined) {
      conditions.push('referring_person_id = ?');
      params.push(filter.referringPersonId);
    }
    if (filter.receivingTeamIds !== undefined) {
      // json_each keeps the statement text fixed however many teams are asked for.
      conditions.push('receiving_team_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.receivingTeamIds));
    }
    return this.db
      .prepare<unknown[], CaseRow>(`${SELECT} WHERE ${conditions.join(' AND ')} ORDER BY intake_deadline, id`)
      .all(...params)
      .map(toRecord);
  }

  moveIntakeDeadline(caseCode: string, deadline: LocalDate, at: number): CaseRecord | undefined {
    const row = this.db
      .prepare<[LocalDate, number, string], CaseRow>(
        `UPDATE cases SET intake_deadline = ?, updated_at = ? WHERE case_code = ? AND status = 'vorgemerkt' RETURNING *`,
      )
      .get(deadline, at, caseCode);
    return row && toRecord(row);
  }

  transition(caseCode: string, from: readonly CaseStatus[], to: CaseStatus, changes: CaseProgress, at: number): CaseRecord | undefined {
    const sets = ['status = @to', 'updated_at = @at'];
    const params: Record<string, unknown> = { caseCode, to, at, from: JSON.stringify(from) };
    for (const [column, field] of Object.entries(PROGRESS_COLUMNS)) {
      if (!(field in changes)) continue;
      const value = changes[field];
      sets.push(`${column} = @${column}`);
      params[column] = typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null);
    }
    const row = this.db
      .prepare<Record<string, unknown>, CaseRow>(
        `UPDATE cases SET ${sets.join(', ')} WHERE case_code = @caseCode AND status IN (SELECT value FROM json_each(@from)) RETURNING *`,
      )
      .get(params);
    return row && toRecord(row);
  }

  list(filter: { statuses: readonly CaseStatus[]; assignedFmId?: string; receivingTeamIds?: string[] }): CaseRecord[] {
    const conditions = ['status IN (SELECT value FROM json_each(?))'];
    const params: unknown[] = [JSON.stringify(filter.statuses)];
    if (filter.assignedFmId !== undefined) {
      conditions.push('assigned_fm_id = ?');
      params.push(filter.assignedFmId);
    }
    if (filter.receivingTeamIds !== undefined) {
      conditions.push('receiving_team_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.receivingTeamIds));
    }
    return this.db
      .prepare<unknown[], CaseRow>(`${SELECT} WHERE ${conditions.join(' AND ')} ORDER BY case_code`)
      .all(...params)
      .map(toRecord);
  }

  forgetClients(opts: { endedBefore: string; declinedBefore: number; declinedSimpleBefore: number }): number {
    // The complex profile as hasComplexProfile (src/services/recheck.ts) reads it from a stored referral.
    const forgotten = this.db
      .prepare(
        `UPDATE cases SET client_ref = '—'
          WHERE client_ref <> '—'
            AND ((status = 'beendet' AND ended_on < @endedBefore)
              OR (status = 'abgelehnt' AND updated_at < @declinedBefore)
              OR (status = 'abgelehnt' AND updated_at < @declinedSimpleBefore
                  AND NOT (prognosis = 'nicht-marktnah' AND counted_needs >= @minNeeds AND integration12 = 0 AND assessment = 1)))`,
      )
      .run({ ...opts, minNeeds: R1_MIN_KEY_GROUP_NEEDS }).changes;
    // With the client reference go the free texts about the client in the case's planned exits (R22–R26):
    // the recommendation and the IFK's objection. Reason codes, dates and statuses stay for R35.
    const texts = this.db
      .prepare(
        `UPDATE case_returns SET recommendation = NULL, objection = NULL
          WHERE (recommendation IS NOT NULL OR objection IS NOT NULL)
            AND case_code IN (SELECT case_code FROM cases WHERE client_ref = '—')`,
      )
      .run().changes;
    return forgotten + texts;
  }

  transfersStarted(): Set<string> {
    const codes = this.db
      .prepare<[], string>(`SELECT transfer_from FROM cases WHERE transfer_from IS NOT NULL AND ${OPEN}`)
      .pluck()
      .all();
    return new Set(codes);
  }

  caseloads(): Map<string, number> {
    const rows = this.db
      .prepare<[string], { fm: string; n: number }>(
        'SELECT assigned_fm_id AS fm, count(*) AS n FROM cases WHERE assigned_fm_id IS NOT NULL AND status IN (SELECT value FROM json_each(?)) GROUP BY assigned_fm_id',
      )
      .all(JSON.stringify(CASELOAD_STATUSES));
    return new Map(rows.map((r) => [r.fm, r.n]));
  }

  clocks(filter: { statuses: readonly CaseStatus[]; receivingTeamIds?: string[]; assignedFmId?: string }, today: LocalDate): CaseWithContacts[] {
    const conditions = ['c.status IN (SELECT value FROM json_each(@statuses))'];
    const params: Record<string, unknown> = { statuses: JSON.stringify(filter.statuses), today, yearAgo: addDays(today, -365) };
    if (filter.assignedFmId !== undefined) {
      conditions.push('c.assigned_fm_id = @fm');
      params.fm = filter.assignedFmId;
    }
    if (filter.receivingTeamIds !== undefined) {
      conditions.push('c.receiving_team_id IN (SELECT value FROM json_each(@teams))');
      params.teams = JSON.stringify(filter.receivingTeamIds);
    }
    // Two correlated aggregates per case, each a seek into contacts_case_on (which covers qualified):
    // the cost follows the cases asked for, not the size of the contacts table.
    return this.db
      .prepare<Record<string, unknown>, ClockRow>(
        `SELECT c.*,
           (SELECT max(k.on_date) FROM contacts k
             WHERE k.case_code = c.case_code AND k.qualified = 1 AND k.on_date <= @today) AS last_contact_on,
           (SELECT count(*) FROM contacts k
             WHERE k.case_code = c.case_code AND k.qualified = 1 AND k.on_date > @yearAgo AND k.on_date <= @today) AS contacts_last_year
         FROM cases c
         WHERE ${conditions.join(' AND ')}
         ORDER BY c.case_code`,
      )
      .all(params)
      .map(toClock);
  }

  count(): number {
    return this.countAll.get() ?? 0;
  }
}

function toClock(row: ClockRow): CaseWithContacts {
  const clock: CaseWithContacts = { ...toRecord(row), contactsLastYear: row.contacts_last_year };
  if (row.last_contact_on !== null) clock.lastContactOn = row.last_contact_on;
  return clock;
}

function isOpenCaseConflict(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('cases.client_ref')
  );
}

function toInsertParams(r: NewReferral): InsertParams {
  return {
    case_code: r.caseCode,
    client_ref: r.clientRef,
    client_group: r.group,
    route: r.route,
    prognosis: r.prognosis,
    needs: JSON.stringify(r.needs),
    counted_needs: r.countedNeeds,
    integration12: r.integration12 ? 1 : 0,
    assessment: r.assessment ? 1 : 0,
    reason: r.reason ?? null,
    u25_until: r.u25Until ?? null,
    referring_person_id: r.referringPersonId,
    referring_team_id: r.referringTeamId,
    receiving_team_id: r.receivingTeamId,
    flagged_on: r.flaggedOn,
    intake_deadline: r.intakeDeadline,
    created_at: r.createdAt,
    transfer_from: r.transferFrom ?? null,
    transfer_late: r.transferLate === undefined ? null : r.transferLate ? 1 : 0,
  };
}

function toRecord(row: CaseRow): CaseRecord {
  const record: CaseRecord = {
    id: row.id,
    caseCode: row.case_code,
    clientRef: row.client_ref,
    group: row.client_group,
    route: row.route,
    prognosis: row.prognosis,
    needs: JSON.parse(row.needs) as string[],
    countedNeeds: row.counted_needs,
    integration12: row.integration12 === 1,
    assessment: row.assessment === 1,
    referringPersonId: row.referring_person_id,
    referringTeamId: row.referring_team_id,
    receivingTeamId: row.receiving_team_id,
    flaggedOn: row.flagged_on,
    intakeDeadline: row.intake_deadline,
    createdAt: row.created_at,
    status: row.status,
    updatedAt: row.updated_at,
  };
  if (row.reason !== null) record.reason = row.reason;
  if (row.u25_until !== null) record.u25Until = row.u25_until;
  if (row.transfer_from !== null) record.transferFrom = row.transfer_from;
  if (row.transfer_late !== null) record.transferLate = row.transfer_late === 1;
  const progress = record as unknown as Record<string, unknown>;
  for (const [column, field] of Object.entries(PROGRESS_COLUMNS)) {
    const value = row[column as ProgressColumn];
    // extensions is NOT NULL DEFAULT 0; like a field never set, the default is left out.
    if (value === null || (column === 'extensions' && value === 0)) continue;
    progress[field] = BOOLEAN_FIELDS.has(field) ? value === 1 : value;
  }
  return record;
}
