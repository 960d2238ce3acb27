import { describe, expect, it } from 'vitest';
import { T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('SqliteAuditLog', () => {
  it('records who did what to which case, in order, with its details', () => {
    const { audit } = tmp.open();
    audit.record({ at: T0, actorId: 'p-ifk-1', action: 'referral.created', caseCode: 'FM-2025-0001', details: { route: 'formal', needs: 3 } });
    audit.record({ at: T0 + 60_000, actorId: 'p-tl-1', action: 'round.confirmed', details: {} });
    audit.record({ at: T0 + 120_000, actorId: 'p-fm-1', action: 'case.assigned', caseCode: 'FM-2025-0001', details: { fm: 'p-fm-1' } });

    expect(audit.forCase('FM-2025-0001')).toEqual([
      { id: 1, at: T0, actorId: 'p-ifk-1', action: 'referral.created', caseCode: 'FM-2025-0001', details: { route: 'formal', needs: 3 } },
      { id: 3, at: T0 + 120_000, actorId: 'p-fm-1', action: 'case.assigned', caseCode: 'FM-2025-0001', details: { fm: 'p-fm-1' } },
    ]);
    expect(audit.forCase('FM-2025-0002')).toEqual([]);
    expect(audit.count()).toBe(3);
  });

  it('cannot be changed or deleted afterwards, not even with plain SQL', () => {
    const store = tmp.open();
    store.audit.record({ at: T0, actorId: 'p-ifk-1', action: 'referral.created', caseCode: 'FM-2025-0001', details: {} });

    expect(() => store.db.prepare(`UPDATE audit_log SET actor_id = 'someone-else'`).run()).toThrow('audit_log is append-only');
    expect(() => store.db.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
    expect(store.audit.forCase('FM-2025-0001')[0]?.actorId).toBe('p-ifk-1');
    expect(store.audit.count()).toBe(1);
  });
});
