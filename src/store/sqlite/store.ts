import type Database from 'better-sqlite3';
import type { Store, WriteHealth } from '../ports.js';
import { SqliteAbsenceRepository } from './absenceRepository.js';
import { SqliteAuditLog } from './auditLog.js';
import { SqliteCaseCodeSequence } from './caseCodeSequence.js';
import { SqliteCaseRepository } from './caseRepository.js';
import { SqliteContactRepository } from './contactRepository.js';
import { SqliteControllingRepository } from './controllingRepository.js';
import { SqliteConversationRepository } from './conversationRepository.js';
import { backupDatabase, checkpointTruncate, checkpointUnfinished, isHealthy, openDatabase, WriteGuard } from './database.js';
import { SqliteDutyRepository } from './dutyRepository.js';
import { SqliteEscalationRepository } from './escalationRepository.js';
import { SqliteExtensionRepository } from './extensionRepository.js';
import { SqliteFollowupRepository } from './followupRepository.js';
import { SqliteOutbox } from './outbox.js';
import { SqliteRoundRepository } from './roundRepository.js';
import { SqliteLeadDigestRepository } from './leadDigestRepository.js';
import { SqliteSnoozeRepository } from './snoozeRepository.js';
import { SqliteReturnRepository } from './returnRepository.js';
import { SqliteReceiptRepository } from './receiptRepository.js';

export class SqliteStore implements Store {
  readonly cases: SqliteCaseRepository;
  readonly rounds: SqliteRoundRepository;
  readonly codes: SqliteCaseCodeSequence;
  readonly audit: SqliteAuditLog;
  readonly outbox: SqliteOutbox;
  readonly contacts: SqliteContactRepository;
  readonly extensions: SqliteExtensionRepository;
  readonly absences: SqliteAbsenceRepository;
  readonly duties: SqliteDutyRepository;
  readonly snoozes: SqliteSnoozeRepository;
  readonly followups: SqliteFollowupRepository;
  readonly escalations: SqliteEscalationRepository;
  readonly conversations: SqliteConversationRepository;
  readonly leadDigests: SqliteLeadDigestRepository;
  readonly returns: SqliteReturnRepository;
  readonly receipts: SqliteReceiptRepository;
  /** The receipt of the request being handled (withReceipt); removed by its first committed transaction. */
  private receipt: string | undefined;
  /** Inside `readOnly`: transactions are refused. */
  private readOnlyDepth = 0;

  /** Tracks whether writes succeed; fails them fast while another process holds the database (see WriteGuard). */
  private readonly guard: WriteGuard;
  readonly controlling: SqliteControllingRepository;

  constructor(readonly db: Database.Database) {
    this.guard = new WriteGuard(db);
    this.cases = new SqliteCaseRepository(db);
    this.rounds = new SqliteRoundRepository(db);
    this.codes = new SqliteCaseCodeSequence(db);
    this.audit = new SqliteAuditLog(db);
    this.outbox = new SqliteOutbox(db, this.guard);
    this.contacts = new SqliteContactRepository(db);
    this.extensions = new SqliteExtensionRepository(db);
    this.absences = new SqliteAbsenceRepository(db);
    this.duties = new SqliteDutyRepository(db);
    this.snoozes = new SqliteSnoozeRepository(db);
    this.followups = new SqliteFollowupRepository(db);
    this.escalations = new SqliteEscalationRepository(db);
    this.conversations = new SqliteConversationRepository(db);
    this.leadDigests = new SqliteLeadDigestRepository(db);
    this.returns = new SqliteReturnRepository(db);
    this.receipts = new SqliteReceiptRepository(db);
    this.controlling = new SqliteControllingRepository(db);
  }

  /** Opens the file (creating folder and schema as needed); see openDatabase. */
  static open(file: string): SqliteStore {
    return new SqliteStore(openDatabase(file));
  }

  /**
   * Runs `work` as one transaction: all of it commits or none of it does. Synchronous on purpose —
   * nothing may be awaited inside. Nested calls become savepoints, so a command may call a helper
   * that opens its own transaction.
   *
   * The outermost one takes the write lock at its start (BEGIN IMMEDIATE), so a lock held by another process is
   * waited for (up to the busy timeout) before anything is read, never in the middle; when it cannot be had, it
   * throws StoreUnavailableError and nothing was written.
   */
  transaction<T>(work: () => T): T {
    if (this.readOnlyDepth > 0) throw new Error('A request declared read-only tried to write (CommandListing.readOnly).');
    if (this.db.inTransaction) return this.db.transaction(work)();
    const receipt = this.receipt;
    const result = this.guard.run(() =>
      this.db
        .transaction(() => {
          const value = work();
          if (receipt !== undefined) this.receipts.close(receipt);
          return value;
        })
        .immediate(),
    );
    if (receipt !== undefined && this.receipt === receipt) this.receipt = undefined;
    return result;
  }

  readOnly<T>(work: () => T): T {
    // Writes outside a transaction (a repository called directly) are refused by SQLite itself: query_only.
    if (this.readOnlyDepth++ === 0) this.db.pragma('query_only = ON');
    try {
      return work();
    } finally {
      if (--this.readOnlyDepth === 0) this.db.pragma('query_only = OFF');
    }
  }

  withReceipt<T>(receiptId: string | undefined, work: () => T): T {
    const outer = this.receipt;
    this.receipt = receiptId;
    try {
      return work();
    } finally {
      this.receipt = outer;
    }
  }

  writeHealth(): WriteHealth {
    return this.guard.health();
  }

  isHealthy(): boolean {
    return isHealthy(this.db);
  }

  /** Until the checkpoint the WAL and the file's old pages still hold erased rows; a busy one is retried next time. */
  flushErased(erased: boolean): void {
    if (erased || checkpointUnfinished(this.db)) checkpointTruncate(this.db);
  }

  backup(targetFile: string): Promise<void> {
    return backupDatabase(this.db, targetFile);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
