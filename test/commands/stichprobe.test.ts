/**
 * /fm stichprobe (R34): a lead of the sample's team, or of its office, records the review of a drawn case;
 * everyone else, a case not drawn and a case already reviewed are refused. The finding stays in the audit log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import type { Org } from '../../src/config/org.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { insertCase } from '../support/build.js';
import { exampleOrg } from '../support/world.js';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;
let ue25: string[];
let u25: string;
let notDrawn: string;

/** Every case of the team's population drawn, so the tests know the sample. */
function orgDrawingEverything(): Org {
  const org = exampleOrg();
  for (const team of org.teams) if (team.kind !== 'mi') team.supervisionSample = { percent: 100, max: 50 };
  return org;
}

function runAt(iso: string) {
  h.at(iso);
  const { world } = h;
  runJobs({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE }, JOBS, world.clock.now());
}

beforeEach(() => {
  h = harness('2026-03-02T06:00:00+01:00', { org: orgDrawingEverything() });
  const { store } = h.world;
  ue25 = [1, 2].map(() => insertCase(store, { status: 'aktiv', intakeOn: '2025-11-03' }).caseCode);
  u25 = insertCase(store, { group: 'u25', status: 'aktiv', intakeOn: '2025-11-03' }).caseCode;
  runAt('2026-03-02T08:00:00+01:00');
  notDrawn = insertCase(store, { status: 'aktiv', intakeOn: '2026-03-02' }).caseCode; // came after the draw
  h.at('2026-03-04T10:00:00+01:00');
});
afterEach(() => h.close());

const reviews = (code: string) => h.world.store.audit.forCase(code).filter((e) => e.action === 'supervision.reviewed');

describe('/fm stichprobe … geprueft (R34)', () => {
  it('R34: the team lead records the review with a finding that stays in the audit log and is sent nowhere', () => {
    const [first, second] = ue25 as [string, string];
    const outboxBefore = h.world.store.outbox.count();
    const reply = h.ok('tl-fm-ue25', `stichprobe ${first} geprueft befund="Abgangsprognose nachvollziehbar, Kontakte lückenlos"`);
    expect(reply).toContain(`${first} ist als geprüft erfasst (Stichprobe 03.2026, R34). Der Befund steht im Protokoll des Falls.`);
    expect(reply).toContain(`Noch nicht geprüft: ${second}.`);
    expect(reply).not.toContain('nachvollziehbar'); // not even echoed
    expect(reviews(first)).toEqual([
      expect.objectContaining({
        actorId: 'tl-fm-ue25',
        caseCode: first,
        details: { teamId: 'fm-ue25', months: ['2026-03'], befund: 'Abgangsprognose nachvollziehbar, Kontakte lückenlos' },
      }),
    ]);
    expect(h.world.store.outbox.count()).toBe(outboxBefore); // nothing sent, to no channel and no person
    // The case's history names the step in words (not its code), and not the finding.
    const history = h.ok('tl-fm-ue25', `verlauf ${first}`);
    expect(history).toContain('Stichprobe geprüft (R34)');
    expect(history).not.toMatch(/supervision\.reviewed|nachvollziehbar/);

    expect(h.ok('tl-fm-ue25', `stichprobe fall=${second} geprüft`)).toContain('Alle gezogenen Fälle sind geprüft.');
    expect(reviews(second)[0]!.details).toEqual({ teamId: 'fm-ue25', months: ['2026-03'] });
  });

  it('R34: the lead of the office the team belongs to may record it too', () => {
    expect(h.ok('gl-mitte', `stichprobe ${u25} geprueft`)).toContain(`${u25} ist als geprüft erfasst`);
    expect(reviews(u25)[0]).toMatchObject({ actorId: 'gl-mitte', details: { teamId: 'fm-u25', months: ['2026-03'] } });
  });

  it('R34: refuses FMs, IFKs and the lead of another team, without recording anything', () => {
    const [first] = ue25 as [string];
    expect(h.refused('fm-tobias', `stichprobe ${first} geprueft`)).toBe(
      'Die Stichprobe zeichnet nur die Teamleitung des FM-Teams oder die Geschäftsstellenleitung ab (R34).',
    );
    expect(h.refused('ifk-lena', `stichprobe ${first} geprueft`)).toMatch(/nur die Teamleitung des FM-Teams/);
    expect(h.refused('tl-mi-1', 'stichprobe')).toMatch(/nur die Teamleitung des FM-Teams/); // an M&I team has no sample
    expect(h.refused('tl-fm-u25', `stichprobe ${first} geprueft`)).toBe(
      `${first} gehört zur Stichprobe von „Fallmanagement Ü25“; abzeichnen kann das nur deren Teamleitung oder die Geschäftsstellenleitung (R34).`,
    );
  });

  it('R34: refuses a case not drawn, a case already reviewed, and a line without „geprueft“', () => {
    const [first] = ue25 as [string];
    expect(h.refused('tl-fm-ue25', `stichprobe ${notDrawn} geprueft`)).toMatch(new RegExp(`${notDrawn} ist in keiner offenen Stichprobe \\(R34\\)`));
    h.ok('tl-fm-ue25', `stichprobe ${first} geprueft`);
    expect(h.refused('tl-fm-ue25', `stichprobe ${first} geprueft`)).toMatch(/schon als geprüft erfasst \(am 04\.03\.2026\)/);
    expect(h.refused('tl-fm-ue25', `stichprobe ${ue25[1]}`)).toMatch(/Bitte mit „geprueft“ bestätigen/);
    expect(h.refused('tl-fm-ue25', `stichprobe ${ue25[1]} erledigt`)).toMatch(/Bitte mit „geprueft“ bestätigen/);
    expect(h.refused('tl-fm-ue25', `stichprobe ${ue25[1]} geprueft befund="${'x'.repeat(501)}"`)).toMatch(/befund: Bitte kürzer fassen \(501 Zeichen, höchstens 500\)/);
    expect(h.refused('tl-fm-ue25', 'stichprobe FM-2026-9999 geprueft')).toMatch(/gibt es nicht/);
  });

  it('R34: a case of an earlier sample still open can be recorded after the next month is drawn; one review settles both', () => {
    const [first] = ue25 as [string];
    runAt('2026-04-01T08:00:00+02:00'); // April draws the same cases again (and the later one)
    h.at('2026-04-02T10:00:00+02:00');
    const reply = h.ok('tl-fm-ue25', `stichprobe ${first} geprueft`);
    expect(reply).toContain('(Stichprobe 03.2026, 04.2026, R34)');
    expect(reviews(first)[0]!.details).toEqual({ teamId: 'fm-ue25', months: ['2026-03', '2026-04'] });
  });

  it('R34: the bare command lists the open cases of the samples the caller supervises', () => {
    const listing = h.ok('tl-fm-ue25', 'stichprobe');
    expect(listing).toContain(`Fallmanagement Ü25: ${ue25.join(', ')}`);
    expect(listing).not.toContain(u25);
    const office = h.ok('gl-mitte', 'stichprobe');
    expect(office).toContain(`Fallmanagement U25: ${u25}`);
    expect(office).toContain(`Fallmanagement Ü25: ${ue25.join(', ')}`);
    for (const code of ue25) h.ok('tl-fm-ue25', `stichprobe ${code} geprueft`);
    expect(h.ok('tl-fm-ue25', 'stichprobe')).toBe('In den Stichproben deiner Teams ist kein Fall mehr offen.');
  });

  it('R34: is listed in /fm hilfe', () => {
    const help = h.ok('fm-tobias', 'hilfe');
    expect(help).toContain('/fm stichprobe FM-2026-0001 geprueft befund=');
  });
});

describe('the sample message (R34)', () => {
  it('R34: tells the lead how to record the review', () => {
    const [sample] = h.outboxTo('direct', 'tl-fm-ue25').filter((i) => i.dedupeKey.startsWith('ping.supervision:'));
    expect(toPlainText(sample!.message)).toContain('`/fm stichprobe FM-… geprueft befund="…"`');
  });
});
