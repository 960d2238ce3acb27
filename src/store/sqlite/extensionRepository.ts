import type Database from 'better-sqlite3';
import type { Instant } from '../../domain/time.js';
import { PendingExtensionExistsError, type ExtensionRecord, type ExtensionRepository } from '../ports.js';
import { type ExtensionStatus } from '../../domain/vocabulary.js';

interface ExtensionRow {
  id: number;
  case_code: string;
  months: number;
  reason: string;
  reason_code: string | null;
  status: ExtensionStatus;
  requested_by: string;
  requested_at: number;
  decided_by: string | null;
  decided_at: number | null;
}

type RequestParams = Pick<ExtensionRow, 'case_code' | 'months' | 'reason' | 'reason_code' | 'requested_by' | 'requested_at'>;

export class SqliteExtensionRepository implements ExtensionRepository {
  private readonly insert;
  private readonly updateDecision;
  private readonly selectForCase;
  private readonly selectPending;

  constructor(db: Database.Database) {
    this.insert = db.prepare<RequestParams, ExtensionRow>(
      `INSERT INTO extensions (case_code, months, reason, reason_code, requested_by, requested_at)
       VALUES (@case_code, @months, @reason, @reason_code, @requested_by, @requested_at) RETURNING *`,
    );
    this.updateDecision = db.prepare<[ExtensionStatus, string, Instant, number]>(
      `UPDATE extensions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
    );
    this.selectForCase = db.prepare<[string], ExtensionRow>('SELECT * FROM extensions WHERE case_code = ? ORDER BY id');
    this.selectPending = db.prepare<[string], ExtensionRow>(`SELECT * FROM extensions WHERE case_code = ? AND status = 'pending'`);
  }

  /** @throws PendingExtensionExistsError when the case has an undecided request already. */
  request(extension: Omit<ExtensionRecord, 'id' | 'status' | 'decidedBy' | 'decidedAt'>): ExtensionRecord {
    try {
      return toRecord(
        this.insert.get({
          case_code: extension.caseCode,
          months: extension.months,
          reason: extension.reason,
          reason_code: extension.reasonCode ?? null,
          requested_by: extension.requestedBy,
          requested_at: extension.requestedAt,
        })!,
      );
    } catch (error) {
      if (isPendingConflict(error)) throw new PendingExtensionExistsError();
      throw error;
    }
  }

  decide(id: number, status: Exclude<ExtensionStatus, 'pending'>, by: string, at: Instant): boolean {
    return this.updateDecision.run(status, by, at, id).changes === 1;
  }

  forCase(caseCode: string): ExtensionRecord[] {
    return this.selectForCase.all(caseCode).map(toRecord);
  }

  pendingFor(caseCode: string): ExtensionRecord | undefined {
    const row = this.selectPending.get(caseCode);
    return row && toRecord(row);
  }
}

function isPendingConflict(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('extensions.case_code')
  );
}

function toRecord(row: ExtensionRow): ExtensionRecord {
  const record: ExtensionRecord = {
    id: row.id,
    caseCode: row.case_code,
    months: row.months,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
  };
  if (row.reason_code !== null) record.reasonCode = row.reason_code;
  if (row.decided_by !== null) record.decidedBy = row.decided_by;
  if (row.decided_at !== null) record.decidedAt = row.decided_at;
  return record;
}
