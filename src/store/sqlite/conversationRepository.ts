import type Database from 'better-sqlite3';
import type { ConversationKind, ConversationRecord, ConversationRepository } from '../ports.js';

interface ConversationRow {
  conversation_id: string;
  kind: ConversationKind;
  user_id: string | null;
  aad_object_id: string | null;
  tenant_id: string | null;
  service_url: string;
  reference: string;
  updated_at: number;
}

function fromRow(row: ConversationRow): ConversationRecord {
  return {
    conversationId: row.conversation_id,
    kind: row.kind,
    ...(row.user_id !== null ? { userId: row.user_id } : {}),
    ...(row.aad_object_id !== null ? { aadObjectId: row.aad_object_id } : {}),
    ...(row.tenant_id !== null ? { tenantId: row.tenant_id } : {}),
    serviceUrl: row.service_url,
    reference: JSON.parse(row.reference) as Record<string, unknown>,
    updatedAt: row.updated_at,
  };
}

export class SqliteConversationRepository implements ConversationRepository {
  private readonly upsert;
  private readonly selectById;
  private readonly selectPersonal;
  private readonly selectNewest;
  private readonly deleteById;
  private readonly countAll;

  constructor(db: Database.Database) {
    this.upsert = db.prepare<ConversationRow>(
      `INSERT INTO teams_conversations (conversation_id, kind, user_id, aad_object_id, tenant_id, service_url, reference, updated_at)
       VALUES (@conversation_id, @kind, @user_id, @aad_object_id, @tenant_id, @service_url, @reference, @updated_at)
       ON CONFLICT (conversation_id) DO UPDATE SET
         kind = excluded.kind, user_id = excluded.user_id, aad_object_id = coalesce(excluded.aad_object_id, aad_object_id),
         tenant_id = coalesce(excluded.tenant_id, tenant_id), service_url = excluded.service_url,
         reference = excluded.reference, updated_at = excluded.updated_at`,
    );
    this.selectById = db.prepare<[string], ConversationRow>('SELECT * FROM teams_conversations WHERE conversation_id = ?');
    this.selectPersonal = db.prepare<{ id: string }, ConversationRow>(
      `SELECT * FROM teams_conversations
       WHERE kind = 'personal' AND (user_id = @id OR aad_object_id = @id)
       ORDER BY updated_at DESC, rowid DESC LIMIT 1`,
    );
    this.selectNewest = db.prepare<[], ConversationRow>('SELECT * FROM teams_conversations ORDER BY updated_at DESC, rowid DESC LIMIT 1');
    this.deleteById = db.prepare<[string]>('DELETE FROM teams_conversations WHERE conversation_id = ?');
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM teams_conversations').pluck();
  }

  save(record: ConversationRecord): void {
    this.upsert.run({
      conversation_id: record.conversationId,
      kind: record.kind,
      user_id: record.userId ?? null,
      aad_object_id: record.aadObjectId ?? null,
      tenant_id: record.tenantId ?? null,
      service_url: record.serviceUrl,
      reference: JSON.stringify(record.reference),
      updated_at: record.updatedAt,
    });
  }

  byId(conversationId: string): ConversationRecord | undefined {
    const row = this.selectById.get(conversationId);
    return row && fromRow(row);
  }

  personalOf(userId: string): ConversationRecord | undefined {
    const row = this.selectPersonal.get({ id: userId });
    return row && fromRow(row);
  }

  newest(): ConversationRecord | undefined {
    const row = this.selectNewest.get();
    return row && fromRow(row);
  }

  remove(conversationId: string): boolean {
    return this.deleteById.run(conversationId).changes > 0;
  }

  count(): number {
    return this.countAll.get() ?? 0;
  }
}
