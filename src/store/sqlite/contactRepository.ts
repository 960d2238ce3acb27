import type Database from 'better-sqlite3';
import type { ContactRecord, ContactRepository } from '../ports.js';

interface ContactRow {
  id: number;
  case_code: string;
  on_date: string;
  kind: string;
  qualified: 0 | 1;
  recorded_by: string;
  recorded_at: number;
}

export class SqliteContactRepository implements ContactRepository {
  private readonly insert;
  private readonly selectForCase;
  private readonly countAll;

  constructor(db: Database.Database) {
    this.insert = db.prepare<Omit<ContactRow, 'id'>, ContactRow>(
      `INSERT INTO contacts (case_code, on_date, kind, qualified, recorded_by, recorded_at)
       VALUES (@case_code, @on_date, @kind, @qualified, @recorded_by, @recorded_at) RETURNING *`,
    );
    this.selectForCase = db.prepare<[string], ContactRow>('SELECT * FROM contacts WHERE case_code = ? ORDER BY on_date, id');
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM contacts').pluck();
  }

  add(contact: Omit<ContactRecord, 'id'>): ContactRecord {
    return toRecord(
      this.insert.get({
        case_code: contact.caseCode,
        on_date: contact.on,
        kind: contact.kind,
        qualified: contact.qualified ? 1 : 0,
        recorded_by: contact.recordedBy,
        recorded_at: contact.recordedAt,
      })!,
    );
  }

  forCase(caseCode: string): ContactRecord[] {
    return this.selectForCase.all(caseCode).map(toRecord);
  }

  count(): number {
    return this.countAll.get() ?? 0;
  }
}

function toRecord(row: ContactRow): ContactRecord {
  return {
    id: row.id,
    caseCode: row.case_code,
    on: row.on_date,
    kind: row.kind,
    qualified: row.qualified === 1,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
