import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../../src/store/ports.js';
import { T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

function personal(overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    conversationId: 'a:personal-lena',
    kind: 'personal',
    userId: '29:lena',
    aadObjectId: 'aad-lena',
    tenantId: 'tenant-1',
    serviceUrl: 'https://smba.example/emea/',
    reference: { conversation: { id: 'a:personal-lena' }, serviceUrl: 'https://smba.example/emea/' },
    updatedAt: T0,
    ...overrides,
  };
}

describe('SqliteConversationRepository (Teams conversation references)', () => {
  it('finds a personal chat by Bot Framework user id or by Entra object id, and survives a reopen', () => {
    tmp.open().conversations.save(personal());
    const store = tmp.open();
    expect(store.conversations.personalOf('29:lena')).toEqual(personal());
    expect(store.conversations.personalOf('aad-lena')?.conversationId).toBe('a:personal-lena');
    expect(store.conversations.personalOf('29:someone-else')).toBeUndefined();
  });

  it('replaces a stored conversation instead of adding a second row, keeping ids Teams did not send again', () => {
    const store = tmp.open();
    store.conversations.save(personal());
    store.conversations.save(personal({ aadObjectId: undefined, serviceUrl: 'https://smba.example/amer/', updatedAt: T0 + 1 }));
    expect(store.conversations.count()).toBe(1);
    expect(store.conversations.byId('a:personal-lena')).toMatchObject({ serviceUrl: 'https://smba.example/amer/', aadObjectId: 'aad-lena', updatedAt: T0 + 1 });
  });

  it("takes a person's newest personal chat when the app was installed twice", () => {
    const store = tmp.open();
    store.conversations.save(personal({ conversationId: 'a:old', updatedAt: T0 }));
    store.conversations.save(personal({ conversationId: 'a:new', updatedAt: T0 + 60_000 }));
    expect(store.conversations.personalOf('29:lena')?.conversationId).toBe('a:new');
  });

  it('keeps channels without a person, names the newest conversation of any kind, and forgets a removed one', () => {
    const store = tmp.open();
    store.conversations.save(personal());
    store.conversations.save({
      conversationId: '19:fm-ue25@thread.tacv2',
      kind: 'channel',
      tenantId: 'tenant-1',
      serviceUrl: 'https://smba.example/emea/',
      reference: { conversation: { id: '19:fm-ue25@thread.tacv2', conversationType: 'channel' } },
      updatedAt: T0 + 5,
    });
    expect(store.conversations.newest()?.conversationId).toBe('19:fm-ue25@thread.tacv2');
    expect(store.conversations.personalOf('19:fm-ue25@thread.tacv2')).toBeUndefined();
    expect(store.conversations.remove('19:fm-ue25@thread.tacv2')).toBe(true);
    expect(store.conversations.remove('19:fm-ue25@thread.tacv2')).toBe(false);
    expect(store.conversations.newest()?.conversationId).toBe('a:personal-lena');
  });

  it('refuses a personal chat without its person, so a proactive message can never go to the wrong chat', () => {
    const store = tmp.open();
    expect(() => store.conversations.save(personal({ userId: undefined }))).toThrow(/CHECK constraint/);
    expect(store.conversations.count()).toBe(0);
  });
});
