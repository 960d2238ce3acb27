import type Database from 'better-sqlite3';
import { currentRequestId } from '../../messaging/trace.js';
import type { AuditEntry, AuditLog } from '../ports.js';

interface AuditRow {
  id: number;
  at: number;
  actor_id: string;
  action: string;
  case_code: string | null;
  details: string;
  request_id: string | null;
}

/** Append-only; the table's triggers refuse UPDATE and DELETE, whoever tries. */
export class SqliteAuditLog implements AuditLog {
  private readonly insert;
  private readonly selectForCase;
  private readonly selectByAction;
  private readonly countAll;

  constructor(db: Database.Database) {
    this.insert = db.prepare<Omit<AuditRow, 'id'>>(
      'INSERT INTO audit_log (at, actor_id, action, case_code, details, request_id) VALUES (@at, @actor_id, @action, @case_code, @details, @request_id)',
    );
    this.selectForCase = db.prepare<[string], AuditRow>('SELECT * FROM audit_log WHERE case_code = ? ORDER BY id');
    this.selectByAction = db.prepare<[string, number], AuditRow>('SELECT * FROM audit_log WHERE action = ? AND at >= ? ORDER BY id');
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM audit_log').pluck();
  }

  record(entry: Omit<AuditEntry, 'id'>): void {
    this.insert.run({
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      case_code: entry.caseCode ?? null,
      details: JSON.stringify(entry.details),
      // The chat request it came from, so its log lines and this entry can be found together.
      request_id: currentRequestId() ?? null,
    });
  }

  forCase(caseCode: string): AuditEntry[] {
    return this.selectForCase.all(caseCode).map(toEntry);
  }

  byAction(action: string, since: number = Number.MIN_SAFE_INTEGER): AuditEntry[] {
    return this.selectByAction.all(action, since).map(toEntry);
  }

  count(): number {
    return this.countAll.get() ?? 0;
  }
}

function toEntry(row: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
  if (row.case_code !== null) entry.caseCode = row.case_code;
  if (row.request_id !== null) entry.requestId = row.request_id;
  return entry;
}
