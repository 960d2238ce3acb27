import type Database from 'better-sqlite3';
import type { Instant } from '../../domain/time.js';
import { OpenReturnExistsError, type ReturnRecord, type ReturnRepository, type ReturnStatus } from '../ports.js';

interface ReturnRow {
  id: number;
  case_code: string;
  reason: string;
  recommendation: string | null;
  addressee_id: string;
  planned_by: string;
  planned_at: number;
  status: ReturnStatus;
  objection: string | null;
  escalation_id: number | null;
  decided_by: string | null;
  decided_at: number | null;
}

type PlanParams = Pick<ReturnRow, 'case_code' | 'reason' | 'recommendation' | 'addressee_id' | 'planned_by' | 'planned_at'>;

/** Planned exits (R22–R26); see ReturnRepository. */
export class SqliteReturnRepository implements ReturnRepository {
  private readonly insert;
  private readonly updateObjection;
  private readonly updateSettle;
  private readonly selectOpenFor;
  private readonly selectById;
  private readonly selectForCase;
  private readonly selectOpen;

  constructor(db: Database.Database) {
    this.insert = db.prepare<PlanParams, ReturnRow>(
      `INSERT INTO case_returns (case_code, reason, recommendation, addressee_id, planned_by, planned_at)
       VALUES (@case_code, @reason, @recommendation, @addressee_id, @planned_by, @planned_at) RETURNING *`,
    );
    this.updateObjection = db.prepare<[string, number, number]>(
      `UPDATE case_returns SET status = 'objected', objection = ?, escalation_id = ? WHERE id = ? AND status = 'pending'`,
    );
    this.updateSettle = db.prepare<[ReturnStatus, string, Instant, number]>(
      `UPDATE case_returns SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status IN ('pending', 'objected')`,
    );
    this.selectOpenFor = db.prepare<[string], ReturnRow>(`SELECT * FROM case_returns WHERE case_code = ? AND status IN ('pending', 'objected')`);
    this.selectById = db.prepare<[number], ReturnRow>('SELECT * FROM case_returns WHERE id = ?');
    this.selectForCase = db.prepare<[string], ReturnRow>('SELECT * FROM case_returns WHERE case_code = ? ORDER BY id');
    this.selectOpen = db.prepare<[], ReturnRow>(`SELECT * FROM case_returns WHERE status IN ('pending', 'objected') ORDER BY planned_at, id`);
  }

  plan(input: Pick<ReturnRecord, 'caseCode' | 'reason' | 'recommendation' | 'addresseeId' | 'plannedBy' | 'plannedAt'>): ReturnRecord {
    try {
      return toRecord(
        this.insert.get({
          case_code: input.caseCode,
          reason: input.reason,
          recommendation: input.recommendation ?? null,
          addressee_id: input.addresseeId,
          planned_by: input.plannedBy,
          planned_at: input.plannedAt,
        })!,
      );
    } catch (error) {
      if (error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new OpenReturnExistsError();
      throw error;
    }
  }

  object(id: number, objection: string, escalationId: number): boolean {
    return this.updateObjection.run(objection, escalationId, id).changes === 1;
  }

  settle(id: number, status: Exclude<ReturnStatus, 'pending' | 'objected'>, by: string, at: Instant): boolean {
    return this.updateSettle.run(status, by, at, id).changes === 1;
  }

  openFor(caseCode: string): ReturnRecord | undefined {
    const row = this.selectOpenFor.get(caseCode);
    return row && toRecord(row);
  }

  byId(id: number): ReturnRecord | undefined {
    const row = this.selectById.get(id);
    return row && toRecord(row);
  }

  forCase(caseCode: string): ReturnRecord[] {
    return this.selectForCase.all(caseCode).map(toRecord);
  }

  listOpen(): ReturnRecord[] {
    return this.selectOpen.all().map(toRecord);
  }
}

function toRecord(row: ReturnRow): ReturnRecord {
  const record: ReturnRecord = {
    id: row.id,
    caseCode: row.case_code,
    reason: row.reason,
    addresseeId: row.addressee_id,
    plannedBy: row.planned_by,
    plannedAt: row.planned_at,
    status: row.status,
  };
  if (row.recommendation !== null) record.recommendation = row.recommendation;
  if (row.objection !== null) record.objection = row.objection;
  if (row.escalation_id !== null) record.escalationId = row.escalation_id;
  if (row.decided_by !== null) record.decidedBy = row.decided_by;
  if (row.decided_at !== null) record.decidedAt = row.decided_at;
  return record;
}
