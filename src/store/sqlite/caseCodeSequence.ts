import type Database from 'better-sqlite3';
import { formatCaseCode } from '../../domain/caseCode.js';
import type { CaseCodeSequence } from '../ports.js';

export class SqliteCaseCodeSequence implements CaseCodeSequence {
  private readonly draw;

  constructor(db: Database.Database) {
    // One statement, so the read and the increment cannot interleave with another writer.
    const increment = db
      .prepare<[number], number>(
        `INSERT INTO case_code_counters (year, last) VALUES (?, 1)
         ON CONFLICT (year) DO UPDATE SET last = last + 1
         RETURNING last`,
      )
      .pluck();
    // In a (nested) transaction, so a year the formatter refuses leaves no counter behind.
    this.draw = db.transaction((year: number) => formatCaseCode(year, increment.get(year)!));
  }

  next(year: number): string {
    return this.draw(year);
  }
}
