/**
 * The controlling aggregates (R35) against the rules they count: the R16 share per FM computed in SQL equals the
 * domain's contactMinimum over the same cases; entered potential and resolved needs are stored once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../src/domain/calendar.js';
import { BREMEN_POLICY, contactMinimum } from '../../../src/domain/due.js';
import { addDays, type LocalDate } from '../../../src/domain/time.js';
import { toCaseClock } from '../../../src/services/clocks.js';
import { monthSpans } from '../../../src/services/controlling/figures.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { addContacts, insertCase } from '../../support/build.js';

let store: SqliteStore;
beforeEach(() => {
  store = new SqliteStore((SqliteStore.open(':memory:') as SqliteStore).db);
});
afterEach(() => store.close());

const calendar = new WorkCalendar({ holidayRegion: 'DE-HB' });

/** A small seeded PRNG, so every run sees the same cases. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('controlling aggregates (R35)', () => {
  it('counts the cases meeting the R16 minimum at a month end exactly as contactMinimum does, per FM (R16, R35)', () => {
    const next = random(35);
    const monthEnd: LocalDate = '2025-09-30';
    for (let i = 0; i < 60; i++) {
      const group = next() < 0.4 ? 'u25' : 'ue25';
      const intakeOn = addDays(monthEnd, -Math.floor(next() * 700));
      const fmId = group === 'u25' ? (next() < 0.5 ? 'fm-jonas' : 'fm-mira') : next() < 0.5 ? 'fm-tobias' : 'fm-aylin';
      const record = insertCase(store, { status: 'aktiv', group, intakeOn, fmId });
      const contacts = Array.from({ length: Math.floor(next() * 12) }, () => ({
        on: addDays(intakeOn, Math.floor(next() * 420)),
        kind: next() < 0.15 ? 'netzwerk' : 'telefon',
      }));
      addContacts(store, record.caseCode, ...contacts);
    }
    const [span] = monthSpans({ calendar }, '2025-09', '2025-09');
    const facts = store.controlling.facts({ teamIds: ['fm-ue25', 'fm-u25'], months: [span!], minPerYear: BREMEN_POLICY.minPerYear });

    const expected = new Map<string, { total: number; met: number }>();
    for (const c of store.cases.clocks({ statuses: ['aktiv'] }, monthEnd)) {
      if (c.intakeOn! > monthEnd) continue;
      const entry = expected.get(c.assignedFmId!) ?? { total: 0, met: 0 };
      entry.total++;
      if (contactMinimum(toCaseClock(c, new Set()), BREMEN_POLICY, monthEnd).met) entry.met++;
      expected.set(c.assignedFmId!, entry);
    }
    const actual = new Map(facts.contactShares.map((r) => [r.fmId!, { total: r.total, met: r.met }]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    const met = [...expected.values()].reduce((n, e) => n + e.met, 0);
    expect(met).toBeGreaterThan(0);
    expect(met).toBeLessThan(60);
  });

  it('keeps one potential per team and month, returning the value it replaced (R35)', () => {
    expect(store.controlling.setPotential('fm-ue25', '2025-10', 7, 'tl-fm-ue25', 1)).toBeUndefined();
    expect(store.controlling.setPotential('fm-ue25', '2025-10', 9, 'gl-mitte', 2)).toBe(7);
    const [span] = monthSpans({ calendar }, '2025-10', '2025-10');
    const facts = store.controlling.facts({ teamIds: ['fm-ue25'], months: [span!], minPerYear: BREMEN_POLICY.minPerYear });
    expect(facts.potential).toEqual([{ teamId: 'fm-ue25', month: '2025-10', key: '', count: 9 }]);
  });

  it('counts the stays over 24 months by the code of the first extension granted by the month\'s end (R19, R35)', () => {
    const [span] = monthSpans({ calendar }, '2025-10', '2025-10');
    const end = span!.to; // 01.11.2025 00:00 Berlin
    const extend = (caseCode: string, code: string | undefined, status: 'granted' | 'rejected' | 'pending', decidedAt: number) => {
      const x = store.extensions.request({ caseCode, months: 6, reason: 'frei', ...(code && { reasonCode: code }), requestedBy: 'fm-tobias', requestedAt: decidedAt - 10 });
      if (status !== 'pending') store.extensions.decide(x.id, status, 'fm-tobias', decidedAt);
    };
    const long = () => insertCase(store, { status: 'aktiv', intakeOn: '2023-09-11' }).caseCode;
    const first = long();
    extend(first, undefined, 'rejected', end - 9_000_000); // a rejected request is no extension
    extend(first, 'therapie', 'granted', end - 8_000_000);
    extend(first, 'fortschritt', 'granted', end - 1_000_000); // later: not the one that carried it past 24 months
    const uncoded = long();
    extend(uncoded, undefined, 'granted', end - 5_000_000);
    const afterTheMonth = long();
    extend(afterTheMonth, 'massnahme', 'granted', end + 1); // decided after the month: not yet extended then
    const pending = long();
    extend(pending, 'massnahme', 'pending', end - 1);
    insertCase(store, { status: 'aktiv', intakeOn: '2023-11-02' }); // not yet over 24 months on 31.10.2025
    const facts = store.controlling.facts({ teamIds: ['fm-ue25'], months: [span!], minPerYear: BREMEN_POLICY.minPerYear });
    const byKey = Object.fromEntries(facts.longStays.map((r) => [r.key, r.count]));
    expect(byKey).toEqual({ therapie: 1, '': 1, '-': 2 });
    expect(facts.stays.find((r) => r.key === '24')?.count).toBe(4);
  });

  it('records each resolved need of a case once (R35)', () => {
    const { caseCode } = insertCase(store, { status: 'aktiv' });
    expect(store.controlling.resolveNeeds(caseCode, ['sucht', 'schulden'], '2025-10-20', 'fm-tobias', 1)).toEqual(['sucht', 'schulden']);
    expect(store.controlling.resolveNeeds(caseCode, ['sucht', 'gesundheit'], '2025-10-21', 'fm-tobias', 2)).toEqual(['gesundheit']);
    expect(store.controlling.resolvedNeeds(caseCode).sort()).toEqual(['gesundheit', 'schulden', 'sucht']);
  });
});
