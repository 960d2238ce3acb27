import type Database from 'better-sqlite3';
import type { LocalDate } from '../../domain/time.js';
import type { DutyRecord, DutyRepository } from '../ports.js';
import type { DutyKind } from '../../domain/vocabulary.js';

interface DutyRow {
  id: number;
  kind: DutyKind;
  subject: string;
  on_date: string;
  recorded_by: string;
  recorded_at: number;
}

export class SqliteDutyRepository implements DutyRepository {
  private readonly insert;
  private readonly selectLast;
  private readonly selectAll;
  private readonly selectKind;

  constructor(db: Database.Database) {
    this.insert = db.prepare<Omit<DutyRow, 'id'>, DutyRow>(
      `INSERT INTO duties (kind, subject, on_date, recorded_by, recorded_at)
       VALUES (@kind, @subject, @on_date, @recorded_by, @recorded_at) RETURNING *`,
    );
    this.selectLast = db
      .prepare<[DutyKind, string], string | null>('SELECT max(on_date) FROM duties WHERE kind = ? AND subject = ?')
      .pluck();
    this.selectAll = db.prepare<[], DutyRow>('SELECT * FROM duties ORDER BY on_date, id');
    this.selectKind = db.prepare<[DutyKind], DutyRow>('SELECT * FROM duties WHERE kind = ? ORDER BY on_date, id');
  }

  record(duty: Omit<DutyRecord, 'id'>): DutyRecord {
    return toRecord(
      this.insert.get({
        kind: duty.kind,
        subject: duty.subject,
        on_date: duty.on,
        recorded_by: duty.recordedBy,
        recorded_at: duty.recordedAt,
      })!,
    );
  }

  last(kind: DutyKind, subject: string): LocalDate | undefined {
    return this.selectLast.get(kind, subject) ?? undefined;
  }

  list(kind?: DutyKind): DutyRecord[] {
    return (kind === undefined ? this.selectAll.all() : this.selectKind.all(kind)).map(toRecord);
  }
}

function toRecord(row: DutyRow): DutyRecord {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    on: row.on_date,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
