import type Database from 'better-sqlite3';
import type { Receipt, ReceiptRepository } from '../ports.js';

interface ReceiptRow {
  id: string;
  platform: string;
  user_id: string;
  label: string;
  received_at: number;
}

export class SqliteReceiptRepository implements ReceiptRepository {
  private readonly insert;
  private readonly remove;
  private readonly selectAll;

  constructor(db: Database.Database) {
    this.insert = db.prepare<[string, string, string, string, number]>(
      'INSERT INTO request_receipts (id, platform, user_id, label, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    );
    this.remove = db.prepare<[string]>('DELETE FROM request_receipts WHERE id = ?');
    this.selectAll = db.prepare<[], ReceiptRow>('SELECT * FROM request_receipts ORDER BY received_at, id');
  }

  open(r: Receipt): void {
    this.insert.run(r.id, r.platform, r.userId, r.label, r.receivedAt);
  }

  close(id: string): void {
    this.remove.run(id);
  }

  all(): Receipt[] {
    return this.selectAll.all().map((row) => ({ id: row.id, platform: row.platform, userId: row.user_id, label: row.label, receivedAt: row.received_at }));
  }
}
