import type Database from 'better-sqlite3';
import { addDays, type LocalDate } from '../../domain/time.js';
import type { LeadDigestRepository, LeadDigestSnapshot } from '../ports.js';

/** Snapshots older than this are of no use: the next overview compares with the last working day's. */
const KEEP_DAYS = 31;

export class SqliteLeadDigestRepository implements LeadDigestRepository {
  private readonly insert;
  private readonly selectLast;
  private readonly prune;

  constructor(db: Database.Database) {
    this.insert = db.prepare<[string, string, string, string]>(
      `INSERT INTO lead_digest_snapshots (person_id, team_id, day, findings) VALUES (?, ?, ?, ?)
       ON CONFLICT (person_id, team_id, day) DO NOTHING`,
    );
    this.selectLast = db
      .prepare<[string, string, string], string>(
        'SELECT findings FROM lead_digest_snapshots WHERE person_id = ? AND team_id = ? AND day < ? ORDER BY day DESC LIMIT 1',
      )
      .pluck();
    this.prune = db.prepare<[string, string, string]>('DELETE FROM lead_digest_snapshots WHERE person_id = ? AND team_id = ? AND day < ?');
  }

  lastBefore(personId: string, teamId: string, day: LocalDate): LeadDigestSnapshot | undefined {
    const json = this.selectLast.get(personId, teamId, day);
    return json === undefined ? undefined : (JSON.parse(json) as LeadDigestSnapshot);
  }

  record(personId: string, teamId: string, day: LocalDate, findings: LeadDigestSnapshot): boolean {
    const inserted = this.insert.run(personId, teamId, day, JSON.stringify(findings)).changes > 0;
    if (inserted) this.prune.run(personId, teamId, addDays(day, -KEEP_DAYS));
    return inserted;
  }
}
