import type Database from 'better-sqlite3';
import type { LocalDate } from '../../domain/time.js';
import type { RoundRecord, RoundRepository, RoundRow } from '../ports.js';
import type { RoundStatus } from '../../domain/vocabulary.js';

interface Row {
  id: number;
  team_id: string;
  round_date: string;
  trigger: RoundRecord['trigger'];
  status: RoundStatus;
  rows: string;
  left_out: string;
  created_by: string;
  created_at: number;
  confirmed_by: string | null;
  confirmed_at: number | null;
}

export class SqliteRoundRepository implements RoundRepository {
  constructor(private readonly db: Database.Database) {}

  create(round: Omit<RoundRecord, 'id' | 'status' | 'confirmedBy' | 'confirmedAt'>): RoundRecord {
    const row = this.db
      .prepare<unknown[], Row>(
        `INSERT INTO rounds (team_id, round_date, trigger, rows, left_out, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(round.teamId, round.roundDate, round.trigger, JSON.stringify(round.rows), JSON.stringify(round.leftOut), round.createdBy, round.createdAt)!;
    return toRecord(row);
  }

  byId(id: number): RoundRecord | undefined {
    const row = this.db.prepare<[number], Row>('SELECT * FROM rounds WHERE id = ?').get(id);
    return row && toRecord(row);
  }

  currentProposal(teamId: string): RoundRecord | undefined {
    const row = this.db
      .prepare<[string], Row>(`SELECT * FROM rounds WHERE team_id = ? AND status = 'proposed' ORDER BY id DESC LIMIT 1`)
      .get(teamId);
    return row && toRecord(row);
  }

  scheduled(teamId: string, roundDate: LocalDate): RoundRecord | undefined {
    const row = this.db
      .prepare<[string, string], Row>(`SELECT * FROM rounds WHERE team_id = ? AND round_date = ? AND trigger = 'schedule' ORDER BY id LIMIT 1`)
      .get(teamId, roundDate);
    return row && toRecord(row);
  }

  supersede(teamId: string): number {
    return this.db.prepare(`UPDATE rounds SET status = 'superseded' WHERE team_id = ? AND status = 'proposed'`).run(teamId).changes;
  }

  updateRows(id: number, rows: RoundRow[], leftOut: RoundRecord['leftOut']): boolean {
    return (
      this.db
        .prepare(`UPDATE rounds SET rows = ?, left_out = ? WHERE id = ? AND status = 'proposed'`)
        .run(JSON.stringify(rows), JSON.stringify(leftOut), id).changes === 1
    );
  }

  confirm(id: number, by: string, at: number): boolean {
    return (
      this.db
        .prepare(`UPDATE rounds SET status = 'confirmed', confirmed_by = ?, confirmed_at = ? WHERE id = ? AND status = 'proposed'`)
        .run(by, at, id).changes === 1
    );
  }

  recentAssignments(teamId: string, sinceDate: LocalDate): Map<string, number> {
    const rows = this.db
      .prepare<[string, string], { fm: string; n: number }>(
        `SELECT json_extract(r.value, '$.fmId') AS fm, count(*) AS n
           FROM rounds, json_each(rounds.rows) AS r
          WHERE team_id = ? AND status = 'confirmed' AND round_date >= ? AND json_extract(r.value, '$.fmId') IS NOT NULL
          GROUP BY fm`,
      )
      .all(teamId, sinceDate);
    return new Map(rows.map((r) => [r.fm, r.n]));
  }
}

function toRecord(row: Row): RoundRecord {
  const record: RoundRecord = {
    id: row.id,
    teamId: row.team_id,
    roundDate: row.round_date,
    trigger: row.trigger,
    status: row.status,
    rows: JSON.parse(row.rows) as RoundRow[],
    leftOut: JSON.parse(row.left_out) as RoundRecord['leftOut'],
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
  if (row.confirmed_by !== null) record.confirmedBy = row.confirmed_by;
  if (row.confirmed_at !== null) record.confirmedAt = row.confirmed_at;
  return record;
}
