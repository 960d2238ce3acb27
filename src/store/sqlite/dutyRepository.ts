import type Database from 'better-sqlite3';
import type { Instant, LocalDate } from '../../domain/time.js';
import type { DutyRecord, DutyRepository, DutyStatus, NewDuty } from '../ports.js';
import type { DutyKind } from '../../domain/vocabulary.js';

interface DutyRow {
  id: number;
  kind: DutyKind;
  subject: string;
  on_date: string;
  status: DutyStatus;
  recorded_by: string;
  recorded_at: number;
  settled_by: string | null;
  settled_at: number | null;
}

/** Team duties (R28–R32): held and planned occurrences, and the first day each duty was known. */
export class SqliteDutyRepository implements DutyRepository {
  private readonly insert;
  private readonly selectById;
  private readonly selectLast;
  private readonly selectPlanned;
  private readonly selectPlannedOf;
  private readonly updateSettle;
  private readonly selectAll;
  private readonly selectKind;
  private readonly selectFirstSeen;
  private readonly insertFirstSeen;

  constructor(db: Database.Database) {
    this.insert = db.prepare<Pick<DutyRow, 'kind' | 'subject' | 'on_date' | 'status' | 'recorded_by' | 'recorded_at'>, DutyRow>(
      `INSERT INTO duties (kind, subject, on_date, status, recorded_by, recorded_at)
       VALUES (@kind, @subject, @on_date, @status, @recorded_by, @recorded_at) RETURNING *`,
    );
    this.selectById = db.prepare<[number], DutyRow>('SELECT * FROM duties WHERE id = ?');
    this.selectLast = db
      .prepare<[DutyKind, string], string | null>(`SELECT max(on_date) FROM duties WHERE kind = ? AND subject = ? AND status = 'held'`)
      .pluck();
    this.selectPlanned = db.prepare<[], DutyRow>(`SELECT * FROM duties WHERE status = 'planned' ORDER BY on_date, id`);
    this.selectPlannedOf = db.prepare<[DutyKind, string], DutyRow>(
      `SELECT * FROM duties WHERE status = 'planned' AND kind = ? AND subject = ? ORDER BY on_date, id`,
    );
    this.updateSettle = db.prepare<[DutyStatus, string, number, number]>(
      `UPDATE duties SET status = ?, settled_by = ?, settled_at = ? WHERE id = ? AND status = 'planned'`,
    );
    this.selectAll = db.prepare<[], DutyRow>('SELECT * FROM duties ORDER BY on_date, id');
    this.selectKind = db.prepare<[DutyKind], DutyRow>('SELECT * FROM duties WHERE kind = ? ORDER BY on_date, id');
    this.selectFirstSeen = db
      .prepare<[string, string], string>('SELECT first_on FROM duty_first_seen WHERE kind = ? AND subject = ?')
      .pluck();
    this.insertFirstSeen = db.prepare<[string, string, string]>(
      'INSERT INTO duty_first_seen (kind, subject, first_on) VALUES (?, ?, ?) ON CONFLICT (kind, subject) DO NOTHING',
    );
  }

  record(duty: NewDuty): DutyRecord {
    return toRecord(
      this.insert.get({
        kind: duty.kind,
        subject: duty.subject,
        on_date: duty.on,
        status: duty.status ?? 'held',
        recorded_by: duty.recordedBy,
        recorded_at: duty.recordedAt,
      })!,
    );
  }

  byId(id: number): DutyRecord | undefined {
    const row = this.selectById.get(id);
    return row ? toRecord(row) : undefined;
  }

  last(kind: DutyKind, subject: string): LocalDate | undefined {
    return this.selectLast.get(kind, subject) ?? undefined;
  }

  planned(filter?: { kind: DutyKind; subject: string }): DutyRecord[] {
    const rows = filter ? this.selectPlannedOf.all(filter.kind, filter.subject) : this.selectPlanned.all();
    return rows.map(toRecord);
  }

  settle(id: number, status: Exclude<DutyStatus, 'planned'>, by: string, at: Instant): boolean {
    return this.updateSettle.run(status, by, at, id).changes === 1;
  }

  list(kind?: DutyKind): DutyRecord[] {
    return (kind === undefined ? this.selectAll.all() : this.selectKind.all(kind)).map(toRecord);
  }

  firstSeen(kind: string, subject: string): LocalDate | undefined {
    return this.selectFirstSeen.get(kind, subject);
  }

  markSeen(kind: string, subject: string, on: LocalDate): LocalDate {
    this.insertFirstSeen.run(kind, subject, on);
    return this.selectFirstSeen.get(kind, subject)!;
  }
}

function toRecord(row: DutyRow): DutyRecord {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    on: row.on_date,
    status: row.status,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    ...(row.settled_by !== null && { settledBy: row.settled_by }),
    ...(row.settled_at !== null && { settledAt: row.settled_at }),
  };
}
