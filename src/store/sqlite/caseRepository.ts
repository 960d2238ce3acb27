import type Database from 'better-sqlite3';
import {
  OPEN_STATUSES,
  OpenCaseExistsError,
  type AccessRoute,
  type CaseRecord,
  type CaseRepository,
  type CaseStatus,
  type Group,
  type NewReferral,
} from '../ports.js';

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
}

type InsertParams = Omit<CaseRow, 'id' | 'status' | 'assigned_fm_id' | 'updated_at'>;

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
        status, assigned_fm_id, created_at, updated_at
      ) VALUES (
        @case_code, @client_ref, @client_group, @route, @prognosis, @needs, @counted_needs, @integration12, @assessment,
        @reason, @u25_until, @referring_person_id, @referring_team_id, @receiving_team_id, @flagged_on, @intake_deadline,
        'vorgemerkt', NULL, @created_at, @created_at
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

  count(): number {
    return this.countAll.get() ?? 0;
  }
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
  if (row.assigned_fm_id !== null) record.assignedFmId = row.assigned_fm_id;
  return record;
}
