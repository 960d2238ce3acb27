/**
 * The team lead's overview at 07:45 over several days: what is new comes first, in full; what stands is
 * counted; nothing identical goes out two working days in a row (R4, R16, R18, R19).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText } from '../../src/messaging/reply.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { addContacts, insertCase } from '../support/build.js';
import { createWorld, exampleOrg, type World } from '../support/world.js';

let world: World;
afterEach(() => world.close());

function run(at: string) {
  world.clock.set(Date.parse(at));
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  return runJobs(deps, JOBS, world.clock.now());
}

const overviews = (personId = 'tl-fm-ue25'): OutboxItem[] =>
  world.store.outbox.all().filter((i) => i.dedupeKey.startsWith(`ping.lead:${personId}:`));
const textOf = (item: OutboxItem | undefined): string => (item ? toPlainText(item.message) : '');
const on = (day: string) => overviews().find((i) => i.dedupeKey.endsWith(day));

describe('the team lead overview is worth reading', () => {
  it('shows the first findings in full, is silent on an unchanged day, shows only what is new, and sums up on Monday', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    // Ü25, taken in 20.11.2025: contact overdue since 19.01.2026 (R16).
    const first = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2025-11-20' }).caseCode;
    run('2026-03-03T07:45:00+01:00'); // Tuesday
    const tuesday = textOf(on('2026-03-03'));
    expect(tuesday).toMatch(new RegExp(`Neu oder geändert[\\s\\S]*Beratungskontakt überfällig: 1 – ${first}`));
    // The lead's own team duties never recorded are due from the bot's first day (R28, R31).
    expect(tuesday).toMatch(/FM-Dienstbesprechung .*: fällig seit 03\.03\.2026 \(R28\)/);

    run('2026-03-04T07:45:00+01:00'); // Wednesday: nothing changed
    expect(on('2026-03-04')).toBeUndefined();

    // Thursday: a second case's contact falls due (taken in 04.01.2026 → due Tuesday 03.03.2026, overdue from 04.03.).
    const second = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2026-01-02' }).caseCode;
    run('2026-03-05T07:45:00+01:00');
    const thursday = textOf(on('2026-03-05'));
    expect(thursday).toMatch(new RegExp(`Beratungskontakt überfällig: 1 – ${second}`));
    expect(thursday).not.toMatch(new RegExp(`– ${first}`));
    expect(thursday).toMatch(/Weiterhin offen[\s\S]*Beratungskontakt überfällig: 1[ ·.][\s\S]*Einzeln mit `\/fm team`/);
    // `/fm team` shows the lead every open point, the unchanged ones too.
    const team = world.bot.handleCommand({ platform: 'console', userId: 'tl-fm-ue25' }, 'team');
    const teamText = team.kind === 'message' ? toPlainText(team.message) : '';
    expect(teamText).toMatch(new RegExp(`Offene Punkte \\(wie im Tagesüberblick\\)[\\s\\S]*Beratungskontakt überfällig: 2 – (${first}, ${second}|${second}, ${first})`));
    const fmView = world.bot.handleCommand({ platform: 'console', userId: 'fm-tobias' }, 'team');
    expect(fmView.kind === 'message' && toPlainText(fmView.message)).not.toContain('Offene Punkte');

    // The FM records the first contact: Friday says one point is settled.
    addContacts(world.store, first, '2026-03-05');
    run('2026-03-06T07:45:00+01:00');
    expect(textOf(on('2026-03-06'))).toContain('Seit dem letzten Überblick erledigt: 1 Punkt.');

    run('2026-03-09T07:45:00+01:00'); // Monday: nothing changed since Friday, but the week starts with the open points
    expect(textOf(on('2026-03-09'))).toMatch(/Wochenbeginn[\s\S]*Beratungskontakt überfällig: 1/);
    run('2026-03-10T07:45:00+01:00');
    expect(on('2026-03-10')).toBeUndefined();
    // A second run the same day queues nothing more.
    run('2026-03-09T09:00:00+01:00');
    expect(overviews().filter((i) => i.dedupeKey.endsWith('2026-03-09'))).toHaveLength(1);
  });

  it('names each FM below the 90 % share of the yearly contact minimum (R16)', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    // Tobias: two cases a year in FM, one with six contacts, one with none: 1 of 2 (50 %).
    const kept = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2025-03-02' }).caseCode;
    addContacts(world.store, kept, '2025-04-20', '2025-06-15', '2025-08-10', '2025-10-05', '2025-12-01', '2026-01-26');
    insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2025-03-02' });
    run('2026-03-03T07:45:00+01:00');
    const text = textOf(on('2026-03-03'));
    expect(text).toContain('Tobias Krüger: 1 von 2 Fällen erreichen das Jahresminimum an Kontakten (50 %, Ziel 90 %, R16).');
    expect(text).toMatch(/Kontaktdichte \(R16\): 1 von 2 Fällen/);
  });

  it('shows a case past its planned end without extension or exit, and one at 60 months (R18, R19)', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    const late = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2024-02-01', plannedEndOn: '2026-02-01' }).caseCode;
    const limit = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2021-03-01', plannedEndOn: '2026-03-01' }).caseCode;
    run('2026-03-03T07:45:00+01:00');
    const text = textOf(on('2026-03-03'));
    expect(text).toMatch(new RegExp(`Geplantes Ende überschritten, ohne Verlängerung oder Abgang \\(R18/R19\\): 1 – ${late}`));
    expect(text).toMatch(new RegExp(`60 Monate im FM erreicht .*\\(R19\\): 1 – ${limit}`));
  });

  it('names the FMs below the ratio on the yearly average where the team has it as a floor (R14)', () => {
    const org = exampleOrg();
    for (const team of org.teams) if (team.id === 'fm-ue25') Object.assign(team, { caseloadRatio: 2, caseloadFloor: true });
    world = createWorld({ now: '2026-03-02T06:00:00+01:00', org });
    // Over the last 12 months: Tobias (full time, capacity 2) two cases all year; Katrin one; Aylin (half time, 1) one.
    for (const fmId of ['fm-tobias', 'fm-tobias', 'fm-katrin', 'fm-aylin']) {
      insertCase(world.store, { status: 'aktiv', fmId, intakeOn: '2025-02-03', at: Date.parse('2025-02-03T10:00:00+01:00') });
    }
    run('2026-03-03T07:45:00+01:00');
    const text = textOf(on('2026-03-03'));
    expect(text).toContain('Katrin Vogel: im Mittel der letzten 12 Monate 1 Fälle, Untergrenze 2 (Betreuungsschlüssel × Stellenanteil, R14).');
    expect(text).not.toMatch(/Tobias Krüger: im Mittel|Aylin Demir: im Mittel/);
    expect(text).toContain('Stefan Meyer: im Mittel der letzten 12 Monate 0 Fälle');
  });

  it('leaves the floor out where the ratio is a ceiling only (R13, Bremen)', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2025-11-20' });
    run('2026-03-03T07:45:00+01:00');
    expect(textOf(on('2026-03-03'))).not.toContain('im Mittel der letzten 12 Monate');
  });

  it('keeps the supervision sample in the overview until each case is reviewed (R34)', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    const code = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2026-02-02' }).caseCode;
    run('2026-03-02T08:00:00+01:00'); // the month's draw: one case in all
    run('2026-03-03T07:45:00+01:00');
    expect(textOf(on('2026-03-03'))).toMatch(new RegExp(`Stichprobe noch nicht geprüft \\(R34\\): 1 – ${code}`));
    const reviewed = world.bot.handleCommand({ platform: 'console', userId: 'tl-fm-ue25' }, `stichprobe ${code} geprueft`);
    expect(reviewed.kind).toBe('message');
    run('2026-03-04T07:45:00+01:00');
    expect(textOf(on('2026-03-04'))).toContain('Seit dem letzten Überblick erledigt: 1 Punkt.');
    expect(textOf(on('2026-03-04'))).not.toContain('Stichprobe noch nicht geprüft');
  });

  it('gives the office lead an overview of the FM team meeting of the office until it is recorded (R28)', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    run('2026-03-03T07:45:00+01:00');
    const office = overviews('gl-mitte').find((i) => i.dedupeKey.endsWith('2026-03-03'));
    expect(textOf(office)).toMatch(/Geschäftsstellenleitung Geschäftsstelle Mitte[\s\S]*FM-Dienstbesprechung Geschäftsstelle Mitte: fällig seit 03\.03\.2026 \(R28\)/);
    world.bot.handleCommand({ platform: 'console', userId: 'gl-mitte' }, 'termin art=dienstbesprechung datum=03.03.2026');
    run('2026-03-04T07:45:00+01:00');
    expect(textOf(overviews('gl-mitte').find((i) => i.dedupeKey.endsWith('2026-03-04')))).toContain('Seit dem letzten Überblick erledigt: 1 Punkt.');
  });
});
