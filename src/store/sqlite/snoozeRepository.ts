import type Database from 'better-sqlite3';
import type { LocalDate } from '../../domain/time.js';
import { snoozeKey, type Snooze, type SnoozeRepository } from '../ports.js';

interface SnoozeRow {
  case_code: string;
  item_kind: string;
  due_on: string;
  until_on: string;
  snoozed_by: string;
  snoozed_at: number;
}

export class SqliteSnoozeRepository implements SnoozeRepository {
  private readonly upsert;
  private readonly selectSnoozed;
  private readonly selectActive;

  constructor(db: Database.Database) {
    this.upsert = db.prepare<SnoozeRow>(
      `INSERT INTO snoozes (case_code, item_kind, due_on, until_on, snoozed_by, snoozed_at)
       VALUES (@case_code, @item_kind, @due_on, @until_on, @snoozed_by, @snoozed_at)
       ON CONFLICT (case_code, item_kind, due_on) DO UPDATE SET
         until_on = excluded.until_on, snoozed_by = excluded.snoozed_by, snoozed_at = excluded.snoozed_at`,
    );
    this.selectSnoozed = db
      .prepare<[string, string, string, string], 1>(
        'SELECT 1 FROM snoozes WHERE case_code = ? AND item_kind = ? AND due_on = ? AND until_on > ?',
      )
      .pluck();
    this.selectActive = db
      .prepare<[string], Pick<SnoozeRow, 'case_code' | 'item_kind' | 'due_on'>>(
        'SELECT case_code, item_kind, due_on FROM snoozes WHERE until_on > ?',
      );
  }

  snooze(snooze: Snooze): void {
    this.upsert.run({
      case_code: snooze.caseCode,
      item_kind: snooze.itemKind,
      due_on: snooze.dueOn,
      until_on: snooze.until,
      snoozed_by: snooze.by,
      snoozed_at: snooze.at,
    });
  }

  isSnoozed(caseCode: string, itemKind: string, dueOn: LocalDate, today: LocalDate): boolean {
    return this.selectSnoozed.get(caseCode, itemKind, dueOn, today) !== undefined;
  }

  activeUntil(today: LocalDate): Set<string> {
    return new Set(this.selectActive.all(today).map((row) => snoozeKey(row.case_code, row.item_kind, row.due_on)));
  }
}
