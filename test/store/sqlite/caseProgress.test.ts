import { describe, expect, it } from 'vitest';
import { createRound, insertCase, newReferral, T0 } from '../../support/build.js';
import { useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('case progress', () => {
  it('moves a case only from the expected status, so a repeated click changes nothing', () => {
    const store = tmp.open();
    const r = insertCase(store);
    const assigned = store.cases.transition(r.caseCode, ['vorgemerkt'], 'zugewiesen', { assignedFmId: 'fm-1', assignedAt: T0 + 1 }, T0 + 1);
    expect(assigned).toMatchObject({ status: 'zugewiesen', assignedFmId: 'fm-1', assignedAt: T0 + 1, updatedAt: T0 + 1 });
    expect(store.cases.transition(r.caseCode, ['vorgemerkt'], 'zugewiesen', { assignedFmId: 'fm-2' }, T0 + 2)).toBeUndefined();
    expect(store.cases.byCode(r.caseCode)?.assignedFmId).toBe('fm-1');
  });

  it('round-trips the intake facts, booleans included', () => {
    const store = tmp.open();
    const r = insertCase(store, { status: 'zugewiesen', fmId: 'fm-1' });
    store.cases.transition(
      r.caseCode,
      ['zugewiesen'],
      'aktiv',
      { intakeOn: '2025-11-12', intakeWarm: false, intakeGoals: true, intakeLate: true, intakeNote: 'kein FM frei' },
      T0,
    );
    expect(store.cases.byCode(r.caseCode)).toMatchObject({
      status: 'aktiv',
      intakeOn: '2025-11-12',
      intakeWarm: false,
      intakeGoals: true,
      intakeLate: true,
      intakeNote: 'kein FM frei',
    });
  });

  it('counts caseloads over assigned and active cases only', () => {
    const store = tmp.open();
    const codes = (['zugewiesen', 'aktiv', 'abgelehnt', 'beendet'] as const).map((status) => insertCase(store, { status, fmId: 'fm-1' }).caseCode);
    expect(store.cases.caseloads()).toEqual(new Map([['fm-1', 2]]));
    expect(store.cases.list({ statuses: ['aktiv', 'zugewiesen'], assignedFmId: 'fm-1' }).map((c) => c.caseCode)).toEqual(codes.slice(0, 2));
  });

  it('allows a U25 case and its Ü25 follow-up for the same client at once (R10), but not two open Ü25 cases', () => {
    const store = tmp.open();
    const u25 = store.cases.insertReferral(newReferral({ group: 'u25', clientRef: '123A000001', u25Until: '2026-05' }));
    const ue25 = store.cases.insertReferral(
      newReferral({ group: 'ue25', clientRef: '123A000001', transferFrom: u25.caseCode, transferLate: true }),
    );
    expect(store.cases.byCode(ue25.caseCode)).toMatchObject({ transferFrom: u25.caseCode, transferLate: true });
    expect(() => store.cases.insertReferral(newReferral({ group: 'ue25', clientRef: '123A000001' }))).toThrow(/open referral/);
  });
});

describe('assignment rounds', () => {
  it('confirms a proposed round once and refuses to change it afterwards', () => {
    const store = tmp.open();
    const round = createRound(store, { rows: [{ caseCode: 'FM-2025-0001', fmId: 'fm-1' }] });
    expect(round.status).toBe('proposed');
    expect(store.rounds.updateRows(round.id, [{ caseCode: 'FM-2025-0001', fmId: 'fm-2', overflow: false }], [])).toBe(true);
    expect(store.rounds.confirm(round.id, 'tl-1', T0 + 5)).toBe(true);
    expect(store.rounds.confirm(round.id, 'tl-2', T0 + 6)).toBe(false);
    expect(store.rounds.updateRows(round.id, [], [])).toBe(false);
    expect(store.rounds.byId(round.id)).toMatchObject({ status: 'confirmed', confirmedBy: 'tl-1', confirmedAt: T0 + 5 });
    expect(store.rounds.byId(round.id)?.rows[0]?.fmId).toBe('fm-2');
  });

  it('supersedes older proposals of the same team only', () => {
    const store = tmp.open();
    const a = createRound(store);
    const other = createRound(store, { teamId: 'fm-u25' });
    expect(store.rounds.supersede('fm-ue25')).toBe(1);
    expect(store.rounds.byId(a.id)?.status).toBe('superseded');
    expect(store.rounds.byId(other.id)?.status).toBe('proposed');
  });

  it('counts what confirmed rounds gave each FM since a date', () => {
    const store = tmp.open();
    createRound(store, { roundDate: '2025-09-01', rows: [{ caseCode: 'a', fmId: 'fm-1' }], confirmedBy: 'x' });
    createRound(store, {
      rows: [
        { caseCode: 'b', fmId: 'fm-1' },
        { caseCode: 'c', fmId: 'fm-2' },
        { caseCode: 'd', fmId: 'fm-2', overflow: true },
        { caseCode: 'e', overflow: true },
      ],
      confirmedBy: 'x',
    });
    createRound(store, { rows: [{ caseCode: 'f', fmId: 'fm-3' }] }); // never confirmed
    expect(store.rounds.recentAssignments('fm-ue25', '2025-10-01')).toEqual(new Map([['fm-1', 1], ['fm-2', 2]]));
  });
});
