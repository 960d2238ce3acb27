/** R27: the recorded results of the follow-ups after a successful exit, one per case and follow-up. */
import type Database from 'better-sqlite3';
import type { FollowupResult } from '../../domain/due.js';
import type { FollowupRecord, FollowupRepository } from '../ports.js';

interface FollowupRow {
  case_code: string;
  months: number;
  result: FollowupResult;
  on_date: string;
  recorded_by: string;
  recorded_at: number;
}

export class SqliteFollowupRepository implements FollowupRepository {
  private readonly insert;
  private readonly selectCase;
  private readonly selectDone;
  private readonly selectCount;

  constructor(db: Database.Database) {
    // The primary key (case_code, months) settles a double submit or two people recording at once.
    this.insert = db.prepare<FollowupRow>(
      `INSERT INTO followups (case_code, months, result, on_date, recorded_by, recorded_at)
       VALUES (@case_code, @months, @result, @on_date, @recorded_by, @recorded_at)
       ON CONFLICT (case_code, months) DO NOTHING`,
    );
    this.selectCase = db.prepare<[string], FollowupRow>('SELECT * FROM followups WHERE case_code = ? ORDER BY months');
    this.selectDone = db.prepare<[], Pick<FollowupRow, 'case_code' | 'months'>>('SELECT case_code, months FROM followups ORDER BY case_code, months');
    this.selectCount = db.prepare<[], number>('SELECT count(*) FROM followups').pluck();
  }

  record(f: FollowupRecord): boolean {
    const changes = this.insert.run({
      case_code: f.caseCode,
      months: f.months,
      result: f.result,
      on_date: f.on,
      recorded_by: f.recordedBy,
      recorded_at: f.recordedAt,
    }).changes;
    return changes === 1;
  }

  forCase(caseCode: string): FollowupRecord[] {
    return this.selectCase.all(caseCode).map((row) => ({
      caseCode: row.case_code,
      months: row.months,
      result: row.result,
      on: row.on_date,
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at,
    }));
  }

  doneByCase(): Map<string, number[]> {
    const done = new Map<string, number[]>();
    for (const row of this.selectDone.all()) {
      const months = done.get(row.case_code);
      if (months) months.push(row.months);
      else done.set(row.case_code, [row.months]);
    }
    return done;
  }

  count(): number {
    return this.selectCount.get() ?? 0;
  }
}
