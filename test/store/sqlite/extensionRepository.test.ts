import { describe, expect, it } from 'vitest';
import { PendingExtensionExistsError } from '../../../src/store/ports.js';
import { insertCase, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('SqliteExtensionRepository (R19)', () => {
  it('records a request as pending and decides it once — a second click changes nothing', () => {
    const store = tmp.open();
    const { caseCode } = insertCase(store);
    const req = store.extensions.request({ caseCode, months: 12, reason: 'Suchttherapie läuft', requestedBy: 'fm-1', requestedAt: T0 });
    expect(req).toEqual({ id: req.id, caseCode, months: 12, reason: 'Suchttherapie läuft', status: 'pending', requestedBy: 'fm-1', requestedAt: T0 });
    expect(store.extensions.pendingFor(caseCode)).toEqual(req);

    expect(store.extensions.decide(req.id, 'granted', 'tl-1', T0 + 5)).toBe(true);
    expect(store.extensions.decide(req.id, 'rejected', 'tl-2', T0 + 6)).toBe(false);
    expect(store.extensions.pendingFor(caseCode)).toBeUndefined();
    expect(store.extensions.forCase(caseCode)).toEqual([{ ...req, status: 'granted', decidedBy: 'tl-1', decidedAt: T0 + 5 }]);
  });

  it('keeps the coded occasion of a request, absent when none was given (R19, R35)', () => {
    const store = tmp.open();
    const { caseCode } = insertCase(store);
    const coded = store.extensions.request({ caseCode, months: 6, reason: 'Therapie', reasonCode: 'therapie', requestedBy: 'fm-1', requestedAt: T0 });
    expect(coded.reasonCode).toBe('therapie');
    store.extensions.decide(coded.id, 'granted', 'fm-1', T0 + 1);
    const plain = store.extensions.request({ caseCode, months: 6, reason: 'weiter', requestedBy: 'fm-1', requestedAt: T0 + 2 });
    expect(plain).not.toHaveProperty('reasonCode');
    expect(store.extensions.forCase(caseCode).map((x) => x.reasonCode)).toEqual(['therapie', undefined]);
  });

  it('allows one pending request per case at a time, and a new one after the decision', () => {
    const store = tmp.open();
    const { caseCode } = insertCase(store);
    const other = insertCase(store).caseCode;
    const first = store.extensions.request({ caseCode, months: 6, reason: 'a', requestedBy: 'fm-1', requestedAt: T0 });
    expect(() => store.extensions.request({ caseCode, months: 3, reason: 'b', requestedBy: 'fm-1', requestedAt: T0 + 1 })).toThrow(
      PendingExtensionExistsError,
    );
    store.extensions.request({ caseCode: other, months: 3, reason: 'c', requestedBy: 'fm-2', requestedAt: T0 });

    store.extensions.decide(first.id, 'rejected', 'tl-1', T0 + 2);
    const second = store.extensions.request({ caseCode, months: 3, reason: 'b', requestedBy: 'fm-1', requestedAt: T0 + 3 });
    expect(store.extensions.forCase(caseCode).map((e) => [e.id, e.status])).toEqual([
      [first.id, 'rejected'],
      [second.id, 'pending'],
    ]);
  });

  it('refuses more than 12 months per extension and an unknown decision id', () => {
    const store = tmp.open();
    const { caseCode } = insertCase(store);
    expect(() => store.extensions.request({ caseCode, months: 13, reason: 'x', requestedBy: 'fm-1', requestedAt: T0 })).toThrow(/CHECK/);
    expect(() => store.extensions.request({ caseCode, months: 0, reason: 'x', requestedBy: 'fm-1', requestedAt: T0 })).toThrow(/CHECK/);
    expect(store.extensions.decide(999, 'granted', 'tl-1', T0)).toBe(false);
  });
});
