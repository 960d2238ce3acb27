/**
 * Stand-ins within their role (R17): the demo organisation, with Tobias Krüger's `deputy` set to Stefan (in the
 * chain of FM Ü25 — Tobias, Aylin, Katrin, Stefan — Aylin would come first). While Tobias is absent his deputy
 * sees his cases, gets his pings and records contacts; deciding on the counselling itself — an extension, an
 * exit, a decline — needs the client's consent (`einwilligung=ja`). The team lead may always act.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fmDigest } from '../../jobs/fmDigest.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { actingFor } from '../../src/services/people.js';
import { exampleOrg } from '../support/world.js';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;
let code: string;

function orgWithDeputy(deputy: string) {
  const org = exampleOrg();
  return { ...org, people: org.people.map((p) => (p.id === 'fm-tobias' ? { ...p, deputy } : p)) };
}

beforeEach(() => {
  h = harness(undefined, { org: orgWithDeputy('fm-stefan') });
  code = h.activeCase({ client: '123A456789' }); // fm-tobias, referred by ifk-lena
  h.ok('fm-tobias', 'abwesend von=01.06.2026 bis=19.06.2026');
  h.at('2026-06-10T10:00:00+02:00');
});
afterEach(() => h.close());

const today = () => h.world.calendar.today(h.world.clock.now());

describe('R17: the deputy of the organisation file is asked first, then the circle', () => {
  it('R17: the present deputy stands in — not the next colleague of the chain', () => {
    expect(actingFor(h.world, 'fm-tobias', today())).toBe('fm-stefan');
    expect(h.ok('fm-stefan', `fall ${code}`)).toMatch(/Heute vertreten durch \(R17\): Stefan/);
    expect(h.refused('fm-aylin', `kontakt ${code}`)).toMatch(/Nur die zuständige Fachkraft/);
  });

  it('R17: an absent deputy passes the duty on to the chain; present again, the FM acts himself', () => {
    h.ok('fm-stefan', 'abwesend von=08.06.2026 bis=12.06.2026');
    expect(actingFor(h.world, 'fm-tobias', today())).toBe('fm-aylin');
    h.ok('fm-aylin', `kontakt ${code} art=telefon`);
    h.at('2026-06-22T10:00:00+02:00');
    expect(actingFor(h.world, 'fm-tobias', today())).toBe('fm-tobias');
  });

  it('R17: a deputy outside the FM team (another role) is passed over for the chain', () => {
    h.close();
    h = harness(undefined, { org: orgWithDeputy('ifk-lena') });
    h.activeCase();
    h.ok('fm-tobias', 'abwesend von=01.06.2026 bis=19.06.2026');
    h.at('2026-06-10T10:00:00+02:00');
    expect(actingFor(h.world, 'fm-tobias', today())).toBe('fm-aylin');
  });

  it('R17: the deputy gets the absent FM\'s digest and records contacts on his cases', () => {
    h.ok('fm-stefan', `kontakt ${code} art=persoenlich`);
    expect(h.world.store.contacts.forCase(code).at(-1)).toMatchObject({ recordedBy: 'fm-stefan', qualified: true });
    h.at('2026-06-15T07:30:00+02:00');
    const w = h.world;
    runJobs({ org: w.org, store: w.store, clock: w.clock, calendar: w.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE }, [fmDigest], w.clock.now());
    const digests = w.store.outbox.all().filter((i) => i.dedupeKey.startsWith('ping.digest:fm-tobias:'));
    expect(digests.length).toBeGreaterThan(0);
    expect(digests.map((i) => (i.target.kind === 'direct' ? i.target.personId : ''))).toEqual(digests.map(() => 'fm-stefan'));
  });
});

describe('R17: counselling decisions by a stand-in need the client\'s consent', () => {
  it.each([
    ['an extension', `verlaengern CODE monate=6 grund="Therapie"`],
    ['an exit', `abgang CODE grund=integration`],
  ])('R17: refuses %s without einwilligung=ja, naming the rule; accepts it with the consent', (_name, line) => {
    const typed = line.replace('CODE', code);
    const text = h.refused('fm-stefan', typed);
    expect(text).toMatch(/einwilligung: Du vertrittst Tobias .*nur mit vorheriger Einwilligung der Kund:in .*\(R17\)/);
    expect(h.refused('fm-stefan', `${typed} einwilligung=nein`)).toContain('(R17)');
    h.ok('fm-stefan', `${typed} einwilligung=ja`);
  });

  it('R17: refuses a decline at intake by the stand-in without consent; the FM and the team lead decide without', () => {
    const assigned = h.assignedCase({ client: '123A456780' });
    expect(h.refused('fm-stefan', `ablehnen ${assigned} grund="Kunde lehnt Teilnahme ab"`)).toContain('(R17)');
    h.ok('fm-stefan', `ablehnen ${assigned} grund="Kunde lehnt Teilnahme ab" einwilligung=ja`);
    expect(h.world.store.cases.byCode(assigned)!.status).toBe('abgelehnt');

    h.ok('tl-fm-ue25', `verlaengern ${code} monate=6 grund="Therapie"`);
    h.at('2026-06-22T10:00:00+02:00'); // Tobias is back
    h.ok('fm-tobias', `abgang ${code} grund=integration`);
  });

  it('R17: a colleague who does not stand in today is refused as before, consent or not', () => {
    expect(h.refused('fm-katrin', `verlaengern ${code} monate=6 grund="x" einwilligung=ja`)).toMatch(/Nur die zuständige Fachkraft/);
  });
});
