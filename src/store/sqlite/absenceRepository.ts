import type Database from 'better-sqlite3';
import type { AbsenceRecord, AbsenceRepository } from '../ports.js';

interface AbsenceRow {
  id: number;
  person_id: string;
  from_on: string;
  to_on: string;
  recorded_by: string;
  recorded_at: number;
}

export class SqliteAbsenceRepository implements AbsenceRepository {
  private readonly insert;
  private readonly selectForPerson;
  private readonly selectAll;

  constructor(db: Database.Database) {
    this.insert = db.prepare<Omit<AbsenceRow, 'id'>, AbsenceRow>(
      `INSERT INTO absences (person_id, from_on, to_on, recorded_by, recorded_at)
       VALUES (@person_id, @from_on, @to_on, @recorded_by, @recorded_at) RETURNING *`,
    );
    this.selectForPerson = db.prepare<[string], AbsenceRow>('SELECT * FROM absences WHERE person_id = ? ORDER BY from_on, id');
    this.selectAll = db.prepare<[], AbsenceRow>('SELECT * FROM absences ORDER BY person_id, from_on, id');
  }

  add(absence: Omit<AbsenceRecord, 'id'>): AbsenceRecord {
    return toRecord(
      this.insert.get({
        person_id: absence.personId,
        from_on: absence.from,
        to_on: absence.to,
        recorded_by: absence.recordedBy,
        recorded_at: absence.recordedAt,
      })!,
    );
  }

  forPerson(personId: string): AbsenceRecord[] {
    return this.selectForPerson.all(personId).map(toRecord);
  }

  all(): AbsenceRecord[] {
    return this.selectAll.all().map(toRecord);
  }
}

function toRecord(row: AbsenceRow): AbsenceRecord {
  return {
    id: row.id,
    personId: row.person_id,
    from: row.from_on,
    to: row.to_on,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
