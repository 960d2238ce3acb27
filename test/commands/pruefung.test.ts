import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('/fm pruefung: the six-monthly review (R20)', () => {
  it('records the review today by default and names the next one six months later', () => {
    const code = h.activeCase(); // intake 20.10.2025: first review due 20.04.2026
    h.at('2026-04-15T10:00:00+02:00');
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('Sechsmonatsprüfung (R20): 20.04.2026');

    const reply = h.ok('fm-tobias', `pruefung ${code}`);
    expect(reply).toContain('Sechsmonatsprüfung erfasst');
    expect(reply).toContain('Geprüft am: 15.04.2026');
    expect(reply).toContain('Nächste Prüfung fällig (R20): 15.10.2026');
    expect(reply).toMatch(/Profiling aktuell, Kooperationsplan überprüft/);
    expect(h.world.store.cases.byCode(code)!.lastReviewOn).toBe('2026-04-15');
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.review', details: { on: '2026-04-15' } });
  });

  it('takes an earlier date, and refuses one not after the last review', () => {
    const code = h.activeCase();
    h.at('2026-05-04T10:00:00+02:00');
    expect(h.ok('fm-tobias', `pruefung ${code} datum=17.04.2026`)).toContain('Nächste Prüfung fällig (R20): 19.10.2026'); // 17.10. is a Saturday
    expect(h.refused('fm-tobias', `pruefung ${code} datum=17.04.2026`)).toMatch(/letzte Prüfung ist am 17\.04\.2026 erfasst/);
    expect(h.refused('fm-tobias', `pruefung ${code} datum=01.04.2026`)).toMatch(/liegt nicht danach/);
  });

  it('refuses a future date, a case not taken in and someone not involved', () => {
    const code = h.activeCase();
    const assigned = h.assignedCase();
    expect(h.refused('fm-tobias', `pruefung ${code} datum=21.10.2025`)).toMatch(/in der Zukunft/);
    expect(h.refused('fm-tobias', `pruefung ${assigned}`)).toMatch(/ist zugewiesen/);
    expect(h.refused('fm-stefan', `pruefung ${code}`)).toMatch(/Nur die zuständige Fachkraft/);
  });
});

describe('/fm standort: the location talk after two years (R21)', () => {
  it('records the talk, which ends its reminder, and points to extension or exit', () => {
    const code = h.activeCase();
    h.at('2027-10-01T10:00:00+02:00');
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('Standortgespräch (R21): 20.10.2027');

    const reply = h.ok('fm-tobias', `standort ${code} datum=30.09.2027`);
    expect(reply).toContain('Standortgespräch erfasst');
    expect(reply).toContain('/fm verlaengern');
    expect(h.world.store.cases.byCode(code)!.locationTalkOn).toBe('2027-09-30');
    expect(h.ok('fm-tobias', `fall ${code}`)).not.toContain('Standortgespräch (R21): 20.10.2027');
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.location_talk' });
    expect(h.refused('fm-tobias', `standort ${code} datum=30.09.2027`)).toMatch(/schon am 30\.09\.2027 erfasst/);
  });
});
