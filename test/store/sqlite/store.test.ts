import { describe, expect, it } from 'vitest';
import { message } from '../../../src/messaging/reply.js';
import type { SqliteStore } from '../../../src/store/sqlite/store.js';
import { newReferral, nextClientRef, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();
const [K1, K2, K3] = [nextClientRef(), nextClientRef(), nextClientRef()];

/** What a referral command does: draw a code, store the case, audit it, notify the receiving team. */
function refer(store: SqliteStore, clientRef: string): string {
  const caseCode = store.codes.next(2025);
  store.cases.insertReferral(newReferral({ caseCode, clientRef }));
  store.audit.record({ at: T0, actorId: 'p-ifk-1', action: 'referral.created', caseCode, details: {} });
  store.outbox.enqueue({ dedupeKey: `referral:${caseCode}`, target: { kind: 'channel', teamId: 'fm-ue25' }, message: message('Neue Vormerkung'), createdAt: T0 });
  return caseCode;
}

function snapshot(store: SqliteStore) {
  return { cases: store.cases.count(), audit: store.audit.count(), outbox: store.outbox.count() };
}

describe('SqliteStore.transaction', () => {
  it('commits case, audit entry and outbox message together and returns the result', () => {
    const store = tmp.open();
    const code = store.transaction(() => refer(store, K1));
    expect(code).toBe('FM-2025-0001');
    expect(snapshot(store)).toEqual({ cases: 1, audit: 1, outbox: 1 });
  });

  it('leaves cases, audit log and outbox unchanged when the work fails halfway', () => {
    const store = tmp.open();
    store.transaction(() => refer(store, K1));
    const before = snapshot(store);

    expect(() =>
      store.transaction(() => {
        refer(store, K2);
        refer(store, K1); // the client already has an open case
      }),
    ).toThrow();

    expect(snapshot(store)).toEqual(before);
    expect(store.cases.findOpenByClient(K2)).toBeUndefined();
    expect(store.transaction(() => refer(store, K2))).toBe('FM-2025-0002');
  });

  it('rolls back only the inner part when a nested transaction fails and the caller carries on', () => {
    const store = tmp.open();
    store.transaction(() => {
      refer(store, K1);
      try {
        store.transaction(() => {
          refer(store, K2);
          throw new Error('inner step failed');
        });
      } catch {
        // the outer command decides to go on without the inner step
      }
      refer(store, K3);
    });

    expect(snapshot(store)).toEqual({ cases: 2, audit: 2, outbox: 2 });
    expect(store.cases.findOpenByClient(K2)).toBeUndefined();
    expect(store.cases.findOpenByClient(K3)?.caseCode).toBe('FM-2025-0002');
  });

  it('refuses async work, which would escape the transaction', () => {
    const store = tmp.open();
    expect(() => store.transaction(async () => refer(store, K1))).toThrow(/promise/i);
    expect(snapshot(store)).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('reports health and closes idempotently', () => {
    const store = tmp.open();
    expect(store.isHealthy()).toBe(true);
    store.close();
    store.close();
    expect(store.isHealthy()).toBe(false);
  });
});
