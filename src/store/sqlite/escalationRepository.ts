import type Database from 'better-sqlite3';
import type { Instant, LocalDate } from '../../domain/time.js';
import { escalationParentKey, OpenEscalationExistsError, type EscalationRecord, type EscalationRepository, type EscalationVote, type NewEscalation } from '../ports.js';
import { type EscalationKind, type EscalationStatus, type EscalationVoteChoice } from '../../domain/vocabulary.js';

interface EscalationRow {
  id: number;
  case_code: string;
  kind: EscalationKind;
  status: EscalationStatus;
  team_id: string;
  seats: string;
  raised_by: string;
  raised_at: number;
  reason: string;
  data: string;
  decided_at: number | null;
}

interface VoteRow {
  escalation_id: number;
  seat: string;
  voter_id: string;
  on_behalf_of: string | null;
  vote: EscalationVoteChoice;
  comment: string | null;
  at: number;
}

type InsertParams = Omit<EscalationRow, 'id' | 'status' | 'decided_at'>;

// The parent key is built in SQL the same way escalationParentKey builds it in code.
const PARENT_KEY_PREFIX = escalationParentKey(0).slice(0, -1);

export class SqliteEscalationRepository implements EscalationRepository {
  private readonly insert;
  private readonly selectById;
  private readonly selectOpenFor;
  private readonly selectForCase;
  private readonly selectOpen;
  private readonly selectByParent;
  private readonly selectVotes;
  private readonly insertVote;
  private readonly updateDecision;
  private readonly countAll;

  constructor(db: Database.Database) {
    this.insert = db.prepare<InsertParams, EscalationRow>(
      `INSERT INTO escalations (case_code, kind, team_id, seats, raised_by, raised_at, reason, data)
       VALUES (@case_code, @kind, @team_id, @seats, @raised_by, @raised_at, @reason, @data) RETURNING *`,
    );
    this.selectById = db.prepare<[number], EscalationRow>('SELECT * FROM escalations WHERE id = ?');
    this.selectOpenFor = db.prepare<[string, string], EscalationRow>(
      `SELECT * FROM escalations WHERE case_code = ? AND kind = ? AND status = 'open'`,
    );
    this.selectForCase = db.prepare<[string], EscalationRow>('SELECT * FROM escalations WHERE case_code = ? ORDER BY id');
    this.selectOpen = db.prepare<[], EscalationRow>(`SELECT * FROM escalations WHERE status = 'open' ORDER BY id`);
    this.selectByParent = db.prepare<[string, string, string], EscalationRow>(
      `SELECT e.* FROM escalations e JOIN outbox o ON o.dedupe_key = ? || e.id
       WHERE json_extract(o.sent_ref, '$.channelId') = ? AND json_extract(o.sent_ref, '$.messageId') = ?`,
    );
    this.selectVotes = db.prepare<[number], VoteRow>('SELECT * FROM escalation_votes WHERE escalation_id = ? ORDER BY at, rowid');
    // Only while open; the table's keys refuse a second vote for a seat or by a person.
    this.insertVote = db.prepare<VoteRow>(
      `INSERT OR IGNORE INTO escalation_votes (escalation_id, seat, voter_id, on_behalf_of, vote, comment, at)
       SELECT @escalation_id, @seat, @voter_id, @on_behalf_of, @vote, @comment, @at
       WHERE EXISTS (SELECT 1 FROM escalations WHERE id = @escalation_id AND status = 'open')`,
    );
    this.updateDecision = db.prepare<[EscalationStatus, Instant, number]>(
      `UPDATE escalations SET status = ?, decided_at = ? WHERE id = ? AND status = 'open'`,
    );
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM escalations').pluck();
  }

  create(escalation: NewEscalation): EscalationRecord {
    try {
      const row = this.insert.get({
        case_code: escalation.caseCode,
        kind: escalation.kind,
        team_id: escalation.teamId,
        seats: JSON.stringify(escalation.seats),
        raised_by: escalation.raisedBy,
        raised_at: escalation.raisedAt,
        reason: escalation.reason,
        data: JSON.stringify(escalation.data),
      })!;
      return this.toRecord(row);
    } catch (error) {
      if (isOpenConflict(error)) throw new OpenEscalationExistsError();
      throw error;
    }
  }

  byId(id: number): EscalationRecord | undefined {
    const row = this.selectById.get(id);
    return row && this.toRecord(row);
  }

  openFor(caseCode: string, kind: EscalationKind): EscalationRecord | undefined {
    const row = this.selectOpenFor.get(caseCode, kind);
    return row && this.toRecord(row);
  }

  forCase(caseCode: string): EscalationRecord[] {
    return this.selectForCase.all(caseCode).map((row) => this.toRecord(row));
  }

  listOpen(): EscalationRecord[] {
    return this.selectOpen.all().map((row) => this.toRecord(row));
  }

  byParentMessage(channelId: string, messageId: string): EscalationRecord | undefined {
    const row = this.selectByParent.get(PARENT_KEY_PREFIX, channelId, messageId);
    return row && this.toRecord(row);
  }

  addVote(id: number, vote: EscalationVote): boolean {
    const result = this.insertVote.run({
      escalation_id: id,
      seat: vote.seat,
      voter_id: vote.voterId,
      on_behalf_of: vote.onBehalfOf ?? null,
      vote: vote.vote,
      comment: vote.comment ?? null,
      at: vote.at,
    });
    return result.changes === 1;
  }

  decide(id: number, status: Exclude<EscalationStatus, 'open'>, at: Instant): boolean {
    return this.updateDecision.run(status, at, id).changes === 1;
  }

  count(): number {
    return this.countAll.get() ?? 0;
  }

  private toRecord(row: EscalationRow): EscalationRecord {
    const record: EscalationRecord = {
      id: row.id,
      caseCode: row.case_code,
      kind: row.kind,
      status: row.status,
      teamId: row.team_id,
      seats: JSON.parse(row.seats) as string[],
      raisedBy: row.raised_by,
      raisedAt: row.raised_at,
      reason: row.reason,
      data: JSON.parse(row.data) as Record<string, unknown>,
      votes: this.selectVotes.all(row.id).map(toVote),
    };
    if (row.decided_at !== null) record.decidedAt = row.decided_at;
    return record;
  }
}

function toVote(row: VoteRow): EscalationVote {
  const vote: EscalationVote = { seat: row.seat, voterId: row.voter_id, vote: row.vote, at: row.at };
  if (row.on_behalf_of !== null) vote.onBehalfOf = row.on_behalf_of;
  if (row.comment !== null) vote.comment = row.comment;
  return vote;
}

function isOpenConflict(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('escalations.case_code')
  );
}
