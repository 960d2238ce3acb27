/**
 * R34: the monthly supervision sample — who is in the population, how many are drawn, a draw nobody can
 * foresee that the audit log reproduces, one draw per team and month, and the open items for the lead digest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { parseOrg } from '../../src/config/load.js';
import { DEFAULT_SUPERVISION_SAMPLE, supervisionSample, type Org } from '../../src/config/org.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { drawSample, openSampleItems, recordedDraws, sampleSize } from '../../src/services/supervision.js';
import type { AuditEntry } from '../../src/store/ports.js';
import { insertCase } from '../support/build.js';
import { exampleOrg } from '../support/world.js';
import { harness, type Harness } from '../commands/lifecycle.support.js';

let h: Harness;
afterEach(() => h.close());

/** The demo organisation with FM Ü25's sample setting replaced (no setting: the defaults). */
function orgWithSample(sample?: Org['teams'][number]['supervisionSample']): Org {
  const org = exampleOrg();
  const team = org.teams.find((t) => t.id === 'fm-ue25')!;
  if (sample === undefined) delete team.supervisionSample;
  else team.supervisionSample = sample;
  return org;
}

/** Every case of the population drawn, so the population itself can be checked. */
const EVERYTHING = { percent: 100, max: 50 };

function runAt(iso: string) {
  h.at(iso);
  const { world } = h;
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  return runJobs(deps, JOBS, world.clock.now());
}

const draws = (): AuditEntry[] => h.world.store.audit.byAction('supervision.drawn');
const samplesTo = (personId: string) => h.outboxTo('direct', personId).filter((i) => i.dedupeKey.startsWith('ping.supervision:'));

/** A referral of the IFK, assigned to Tobias and declined by him on `dayIso`; returns the case code. */
function declinedOn(dayIso: string): string {
  h.at(dayIso);
  const code = h.assignedCase();
  h.ok('fm-tobias', `ablehnen ${code} grund="Kunde lehnt Teilnahme ab"`);
  return code;
}

describe('the population of the monthly sample (R34)', () => {
  it('R34: draws from the active cases and from the cases ended and referrals declined in the month before', () => {
    h = harness('2026-01-05T09:00:00+01:00', { org: orgWithSample(EVERYTHING) });
    const { store } = h.world;
    const active = insertCase(store, { status: 'aktiv', intakeOn: '2025-11-03' }).caseCode;
    const endedFeb = insertCase(store, { status: 'beendet', intakeOn: '2025-03-03', endedOn: '2026-02-16' }).caseCode;
    const endedJan = insertCase(store, { status: 'beendet', intakeOn: '2025-03-03', endedOn: '2026-01-30' }).caseCode;
    const declinedJan = declinedOn('2026-01-20T10:00:00+01:00');
    const declinedFeb = declinedOn('2026-02-10T10:00:00+01:00');
    const u25 = insertCase(store, { group: 'u25', status: 'aktiv', intakeOn: '2025-11-03' }).caseCode; // another team's sample
    const referral = insertCase(store, { status: 'vorgemerkt', flaggedOn: '2026-02-20' }).caseCode; // nothing to check yet

    runAt('2026-03-02T08:00:00+01:00');
    const [entry] = draws().filter((e) => e.details.teamId === 'fm-ue25');
    expect(entry?.details.month).toBe('2026-03');
    expect(entry?.details.population).toEqual([active, endedFeb, declinedFeb].sort());
    expect(entry?.details.cases).toEqual([active, endedFeb, declinedFeb].sort());
    expect(entry?.details.population).not.toContain(endedJan);
    expect(entry?.details.population).not.toContain(declinedJan);
    expect(entry?.details.population).not.toContain(u25);
    expect(entry?.details.population).not.toContain(referral);

    const [sample] = samplesTo('tl-fm-ue25');
    const text = toPlainText(sample!.message);
    expect(text).toContain(`${active} – aktiv`);
    expect(text).toContain(`${endedFeb} – beendet – Abgangsgrund (R22, R24)`);
    expect(text).toContain(`${declinedFeb} – Vormerkung abgelehnt – Ablehnungsgrund (R12)`);
    expect(text).toMatch(/aus 3 Fällen: den aktiven Fällen und den im 02\.2026 beendeten Fällen und abgelehnten Vormerkungen/);
    expect(text).toContain('/fm stichprobe FM-… geprueft');
    expect(text).not.toMatch(/\d{3}[A-Z]\d{6}/); // case codes only, no customer numbers
  });
});

describe('the sample size (R34)', () => {
  it('R34: 5 % rounded up, at least 1 and at most 5 by default; the team setting changes each bound', () => {
    expect(supervisionSample(orgWithSample().teams[0]!)).toEqual(DEFAULT_SUPERVISION_SAMPLE);
    const defaults = { ...DEFAULT_SUPERVISION_SAMPLE };
    expect([0, 1, 19, 20, 21, 30, 100, 101, 500].map((n) => sampleSize(n, defaults))).toEqual([0, 1, 1, 1, 2, 2, 5, 5, 5]);
    expect(sampleSize(30, { percent: 10, min: 1, max: 5 })).toBe(3);
    expect(sampleSize(200, { percent: 10, min: 1, max: 8 })).toBe(8);
    expect(sampleSize(10, { percent: 5, min: 3, max: 5 })).toBe(3);
    expect(sampleSize(2, { percent: 5, min: 3, max: 5 })).toBe(2); // never more than there are
    const team = orgWithSample({ percent: 10 }).teams.find((t) => t.id === 'fm-ue25')!;
    expect(supervisionSample(team)).toEqual({ percent: 10, min: 1, max: 5 });
  });

  it('R34: the job draws as many as the team setting says', () => {
    h = harness('2026-03-02T06:00:00+01:00', { org: orgWithSample({ percent: 10, max: 8 }) });
    for (let i = 0; i < 40; i++) insertCase(h.world.store, { status: 'aktiv', intakeOn: '2025-11-03' });
    runAt('2026-03-02T08:00:00+01:00');
    const [entry] = draws().filter((e) => e.details.teamId === 'fm-ue25');
    expect(entry?.details.cases).toHaveLength(4); // 10 % of 40
    expect(toPlainText(samplesTo('tl-fm-ue25')[0]!.message).match(/FM-\d{4}-\d{4}/g)).toHaveLength(4);
  });

  it('R34: the organisation file refuses a wrong sample setting with a German message naming the field', () => {
    const problems = (sample: unknown): string[] => {
      const raw = JSON.parse(JSON.stringify(exampleOrg())) as { teams: Array<Record<string, unknown>> };
      raw.teams[0]!.supervisionSample = sample;
      const result = parseOrg(raw);
      return result.ok ? [] : result.problems;
    };
    expect(problems({ percent: 10, min: 2, max: 8 })).toEqual([]);
    expect(problems({ percent: 0 })).toEqual([
      'teams[0].supervisionSample.percent: Stichprobe (supervisionSample.percent): Anteil in Prozent, größer als 0 und höchstens 100, gefunden: „0“',
    ]);
    expect(problems({ percent: 'fünf' })[0]).toMatch(/^teams\[0\]\.supervisionSample\.percent: .*supervisionSample\.percent/);
    expect(problems({ max: 0 })).toEqual([
      'teams[0].supervisionSample.max: Stichprobe (supervisionSample.max): ganze Zahl von 1 bis 50 (Fälle je Monat), gefunden: „0“',
    ]);
    expect(problems({ min: 1.5 })[0]).toMatch(/supervisionSample\.min: .*ganze Zahl/);
    expect(problems({ min: 6 })).toEqual([
      'teams[0].supervisionSample.min: Stichprobe (supervisionSample): min (6) ist größer als max (5); ohne Angabe gelten min 1 und max 5',
    ]);
  });
});

describe('a draw nobody can foresee, reproducible from the audit log (R34)', () => {
  it('R34: two runs on the same cases in the same team and month draw with different random seeds', () => {
    const seeds: string[] = [];
    for (let run = 0; run < 2; run++) {
      h = harness('2026-03-02T06:00:00+01:00');
      for (let i = 0; i < 100; i++) insertCase(h.world.store, { status: 'aktiv', intakeOn: '2025-11-03' });
      runAt('2026-03-02T08:00:00+01:00');
      const [entry] = draws().filter((e) => e.details.teamId === 'fm-ue25');
      seeds.push(String(entry?.details.seed));
      h.close();
    }
    h = harness(); // for afterEach
    expect(seeds[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(seeds[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(seeds[0]).not.toBe(seeds[1]); // not derived from team and month
  });

  it('R34: the seed, the population and the size in the audit entry reproduce the drawn cases', () => {
    h = harness('2026-03-02T06:00:00+01:00');
    for (let i = 0; i < 60; i++) insertCase(h.world.store, { status: 'aktiv', intakeOn: '2025-11-03' });
    runAt('2026-03-02T08:00:00+01:00');
    const [entry] = draws().filter((e) => e.details.teamId === 'fm-ue25');
    const { seed, population, cases, teamId, month } = entry!.details as { seed: string; population: string[]; cases: string[]; teamId: string; month: string };
    expect({ teamId, month, populationSize: population.length, drawn: cases.length }).toEqual({ teamId: 'fm-ue25', month: '2026-03', populationSize: 60, drawn: 3 });
    expect(drawSample(population, cases.length, seed)).toEqual(cases);
    expect(drawSample([...population].reverse(), cases.length, seed)).toEqual(cases); // the order of the population does not matter
    expect(samplesTo('tl-fm-ue25')).toHaveLength(1);
    expect(toPlainText(samplesTo('tl-fm-ue25')[0]!.message).match(/FM-\d{4}-\d{4}/g)).toEqual(cases);
  });

  it('R34: different seeds draw different cases, each a set of distinct members of the population', () => {
    const population = Array.from({ length: 100 }, (_, i) => `FM-2026-${String(i + 1).padStart(4, '0')}`);
    const samples = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const drawn = drawSample(population, 5, `seed-${i}`);
      expect(new Set(drawn).size).toBe(5);
      for (const code of drawn) expect(population).toContain(code);
      samples.add(drawn.join(','));
    }
    expect(samples.size).toBeGreaterThan(15);
    expect(drawSample(population, 5, 'seed-0')).toEqual(drawSample(population, 5, 'seed-0'));
  });
});

describe('one draw per team and month (R34)', () => {
  it('R34: a repeated run the same month finds the recorded draw and draws nothing new; the next month draws again', () => {
    h = harness('2026-03-02T06:00:00+01:00');
    for (let i = 0; i < 30; i++) insertCase(h.world.store, { status: 'aktiv', intakeOn: '2025-11-03' });
    runAt('2026-03-02T07:59:00+01:00');
    expect(draws()).toHaveLength(0); // not before 08:00
    runAt('2026-03-02T08:00:00+01:00');
    const first = draws().filter((e) => e.details.teamId === 'fm-ue25');
    expect(first).toHaveLength(1);
    for (let i = 0; i < 30; i++) insertCase(h.world.store, { status: 'aktiv', intakeOn: '2025-11-03' }); // more cases do not start a new draw
    runAt('2026-03-02T08:05:00+01:00');
    runAt('2026-03-20T08:00:00+01:00');
    expect(draws().filter((e) => e.details.teamId === 'fm-ue25')).toEqual(first);
    expect(samplesTo('tl-fm-ue25')).toHaveLength(1);

    runAt('2026-04-01T08:00:00+02:00');
    const april = draws().filter((e) => e.details.teamId === 'fm-ue25' && e.details.month === '2026-04');
    expect(april).toHaveLength(1);
    expect(april[0]!.details.population).toHaveLength(60);
    expect(samplesTo('tl-fm-ue25')).toHaveLength(2);
  });

  it('R34: draws nothing for a team without cases to check, and nothing before the first working day of the month', () => {
    h = harness('2026-03-02T06:00:00+01:00');
    insertCase(h.world.store, { status: 'aktiv', intakeOn: '2025-11-03' });
    runAt('2026-03-02T08:00:00+01:00');
    expect(recordedDraws({ store: h.world.store }).map((d) => d.teamId)).toEqual(['fm-ue25']); // U25 has no cases
    expect(samplesTo('tl-fm-u25')).toEqual([]);
    runAt('2027-01-01T08:00:00+01:00'); // Neujahr: the first working day is 04.01.2027
    expect(draws().filter((e) => e.details.month === '2027-01')).toEqual([]);
    runAt('2027-01-04T08:00:00+01:00');
    expect(draws().filter((e) => e.details.month === '2027-01')).toHaveLength(1);
  });
});

describe('open sample items for the lead digest (R34)', () => {
  it('R34: lists the drawn cases not yet reviewed, from this month and earlier months, per team', () => {
    h = harness('2026-03-02T06:00:00+01:00', { org: orgWithSample(EVERYTHING) });
    const a = insertCase(h.world.store, { status: 'aktiv', intakeOn: '2025-11-03' }).caseCode;
    const b = insertCase(h.world.store, { status: 'aktiv', intakeOn: '2025-11-03' }).caseCode;
    const deps = { store: h.world.store };
    expect(openSampleItems(deps, 'fm-ue25')).toEqual([]);
    runAt('2026-03-02T08:00:00+01:00');
    expect(openSampleItems(deps, 'fm-ue25')).toEqual([a, b]);
    h.ok('tl-fm-ue25', `stichprobe ${a} geprueft`);
    expect(openSampleItems(deps, 'fm-ue25')).toEqual([b]);

    const c = insertCase(h.world.store, { status: 'aktiv', intakeOn: '2026-03-10' }).caseCode;
    runAt('2026-04-01T08:00:00+02:00'); // April draws a, b and c again
    expect(openSampleItems(deps, 'fm-ue25')).toEqual([a, b, c]);
    h.ok('tl-fm-ue25', `stichprobe ${b} geprueft`); // settles b in March and April
    expect(openSampleItems(deps, 'fm-ue25')).toEqual([a, c]);
    expect(openSampleItems(deps, 'fm-u25')).toEqual([]);
  });
});
