/**
 * The FM digest and its reminders beyond contacts and reviews: the weekly U25 → Ü25 reminder (R10), the
 * follow-ups after a successful exit with their four-week window (R27), "erledigt" on a contact asking for
 * its kind (R16) — and what the team-lead digest gets from src/services/findings.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import type { ActionResponse, BotResponse } from '../../src/messaging/ports.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { missedFollowups, transitionFindings } from '../../src/services/findings.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { addContacts, insertCase, type CaseSpec } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
afterEach(() => world.close());

function run(at: string) {
  world.clock.set(Date.parse(at));
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  return runJobs(deps, JOBS, world.clock.now());
}

/** Runs the 07:30 jobs on `day` (YYYY-MM-DD, winter time). */
const morning = (day: string) => run(`${day}T07:30:00+01:00`);

const items = (prefix: string): OutboxItem[] => world.store.outbox.all().filter((i) => i.dedupeKey.startsWith(prefix));
const to = (item: OutboxItem): string => (item.target.kind === 'direct' ? item.target.personId : item.target.teamId);
const as = (userId: string) => ({ platform: 'console' as const, userId });
const textOf = (r: BotResponse | ActionResponse): string =>
  r.kind === 'message' || r.kind === 'update' ? toPlainText(r.message) : r.kind === 'error' ? r.text : JSON.stringify(r.form);

/** An active U25 case of Jonas, 25th birthday in `u25Until`. */
function u25Case(u25Until: string, more: CaseSpec = {}): string {
  return insertCase(world.store, { group: 'u25', status: 'aktiv', intakeOn: '2026-01-05', u25Until, ...more }).caseCode;
}

/** A case of Tobias ended successfully on `endedOn` (as /fm abgang grund=ziele-erreicht records it). */
function endedCase(endedOn: string, more: CaseSpec = {}): string {
  const code = insertCase(world.store, { status: 'aktiv', intakeOn: '2025-01-06', ...more }).caseCode;
  world.store.cases.transition(code, ['aktiv'], 'beendet', { endedOn, endReason: 'ziele-erreicht', exitSuccessful: true }, 0);
  return code;
}

describe('R10: the weekly U25 → Ü25 reminder', () => {
  it('reminds the U25 FM from four months before the 25th-birthday month, once a week, until /fm uebergang (R10)', () => {
    world = createWorld({ now: '2026-11-30T06:00:00+01:00' });
    const code = u25Case('2027-04', { clientRef: '300A000001' }); // reminders from Tuesday 01.12.2026

    morning('2026-11-30');
    expect(items('ping.r10')).toHaveLength(0);

    morning('2026-12-01');
    const [first] = items('ping.r10');
    expect(first?.dedupeKey).toBe(`ping.r10:${code}:2026-12-01`);
    expect(to(first!)).toBe('fm-jonas');
    const text = toPlainText(first!.message);
    expect(text).toContain('Übergang U25 → Ü25 vormerken (R10)');
    expect(text).toMatch(new RegExp(`${code}\\* · 300A000001 · 25\\. Geburtstag im April 2027`));
    expect(text).toMatch(/spätestens am 01\.01\.2027/);
    expect(text).toContain('[Übergang vormerken]');
    // Not an item of the daily digest as well.
    expect(items('ping.digest').map((i) => toPlainText(i.message)).join('\n')).not.toMatch(/Übergang/);

    for (const day of ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07']) morning(day);
    expect(items('ping.r10')).toHaveLength(1); // one a week

    morning('2026-12-08');
    expect(items('ping.r10').map((i) => i.dedupeKey)).toEqual([`ping.r10:${code}:2026-12-01`, `ping.r10:${code}:2026-12-08`]);

    // The FM flags the transfer through the bot: no reminder in the weeks after.
    world.clock.set(Date.parse('2026-12-09T10:00:00+01:00'));
    expect(textOf(world.bot.handleCommand(as('fm-jonas'), `uebergang ${code}`))).toMatch(/Vormerken spätestens \(R10\): 01\.01\.2027 – eingehalten/);
    for (const day of ['2026-12-15', '2026-12-22', '2027-01-05']) morning(day);
    expect(items('ping.r10')).toHaveLength(2);
  });

  it('starts again when the Ü25 FM declines, now late, and the U25 lead sees the case (R10)', () => {
    world = createWorld({ now: '2026-12-01T06:00:00+01:00' });
    const code = u25Case('2027-04');
    world.clock.set(Date.parse('2026-12-01T10:00:00+01:00'));
    const reply = textOf(world.bot.handleCommand(as('fm-jonas'), `uebergang ${code}`));
    const ue25 = /FM-\d{4}-\d{4}/.exec(reply.replace(code, ''))![0];
    world.store.cases.transition(ue25, ['vorgemerkt'], 'zugewiesen', { assignedFmId: 'fm-tobias', assignedAt: 0 }, 0);
    morning('2026-12-08');
    expect(items('ping.r10')).toHaveLength(0);

    world.clock.set(Date.parse('2027-01-04T10:00:00+01:00'));
    expect(world.bot.handleCommand(as('fm-tobias'), `ablehnen ${ue25} grund="erst nach der Therapie"`).kind).toBe('message');
    morning('2027-01-05');
    const [late] = items('ping.r10');
    expect(late?.dedupeKey).toBe(`ping.r10:${code}:2027-01-05`);
    expect(toPlainText(late!.message)).toMatch(/Frist \(01\.01\.2027\) ist verstrichen/);
    expect(transitionFindings({ store: world.store }, 'fm-u25', '2027-01-05')).toEqual({ late: [code], overdue: [] });
  });

  it('gives an absent FM’s reminder to the stand-in, whose button opens the transfer form for that case (R10, R17)', () => {
    world = createWorld({ now: '2026-12-01T06:00:00+01:00' });
    const code = u25Case('2027-04');
    u25Case('2027-09'); // no reminder yet, and not in the form
    world.store.absences.add({ personId: 'fm-jonas', from: '2026-12-01', to: '2026-12-11', recordedBy: 'fm-jonas', recordedAt: 0 });
    morning('2026-12-01');
    const [reminder] = items('ping.r10');
    expect(to(reminder!)).toBe('fm-mira');
    expect(toPlainText(reminder!.message)).toMatch(/Vertretung für Jonas Becker \(R17\)/);

    world.clock.set(Date.parse('2026-12-01T10:00:00+01:00'));
    const clicked = world.bot.handleAction(as('fm-mira'), { actionId: 'due.done', value: `${code}|u25_transition|2026-12-01` });
    expect(clicked.kind === 'form' && clicked.form.command).toBe('uebergang');
    const field = clicked.kind === 'form' ? clicked.form.fields[0] : undefined;
    expect(field?.kind === 'select' && field.options.map((o) => o.value)).toEqual([code]);
    expect(textOf(world.bot.submitForm(as('fm-mira'), 'uebergang', { fall: code }))).toMatch(/Vormerken spätestens \(R10\): 01\.01\.2027 – eingehalten/);

    // The same button again: a transfer is under way.
    const again = world.bot.handleAction(as('fm-mira'), { actionId: 'due.done', value: `${code}|u25_transition|2026-12-01` });
    expect(textOf(again)).toMatch(/läuft schon ein Übergang/);
    // Someone else's button: refused.
    expect(world.bot.handleAction(as('fm-tobias'), { actionId: 'due.done', value: `${code}|u25_transition|2026-12-01` }).kind).toBe('error');
  });
});

describe('R10: findings for the U25 lead', () => {
  it('lists U25 cases not flagged three months ahead as late, and past the birthday month as overdue (R10)', () => {
    world = createWorld({ now: '2027-01-04T06:00:00+01:00' });
    const late = u25Case('2027-04'); // last day in time was 01.01.2027
    const overdue = u25Case('2026-12'); // December 2026 is over
    u25Case('2027-05'); // in time until 01.02.2027
    const flagged = u25Case('2027-03');
    world.clock.set(Date.parse('2026-11-02T10:00:00+01:00'));
    expect(world.bot.handleCommand(as('fm-jonas'), `uebergang ${flagged}`).kind).toBe('message');

    expect(transitionFindings({ store: world.store }, 'fm-u25', '2027-01-04')).toEqual({ late: [late], overdue: [overdue] });
    expect(transitionFindings({ store: world.store }, 'fm-u25', '2027-01-01')).toEqual({ late: [], overdue: [overdue] });
    expect(transitionFindings({ store: world.store }, 'fm-ue25', '2027-01-04')).toEqual({ late: [], overdue: [] });
  });
});

describe('R27: follow-ups in the FM digest, for four weeks each', () => {
  it('lists a follow-up in its window; "erledigt" asks for the result, which ends it for good (R27)', () => {
    world = createWorld({ now: '2026-07-20T06:00:00+02:00' });
    const code = endedCase('2026-01-20', { clientRef: '400A000001' }); // 6 months: Monday 20.07.2026
    run('2026-07-20T07:30:00+02:00');
    const [digest] = items('ping.digest');
    expect(to(digest!)).toBe('fm-tobias');
    expect(toPlainText(digest!.message)).toMatch(
      new RegExp(`Heute[\\s\\S]*${code}\\* · 400A000001 · Nachbetreuung: Arbeitsaufnahme prüfen \\(6 Monate nach Abgang\\), Ergebnis bis 16\\.08\\.2026 erfassen · 20\\.07\\.2026 \\(R27\\)\\n\\[erledigt\\] \\[später\\]`),
    );

    world.clock.set(Date.parse('2026-07-20T09:00:00+02:00'));
    const clicked = world.bot.handleAction(as('fm-tobias'), { actionId: 'due.done', value: `${code}|followup|2026-07-20` });
    expect(clicked.kind).toBe('form');
    const form = clicked.kind === 'form' ? clicked.form : undefined;
    expect(form?.command).toBe('nachhaltigkeit');
    expect(form?.fields.map((f) => (f.kind === 'select' ? [f.key, f.options.map((o) => o.value)] : [f.key]))).toEqual([
      ['fall', [code]],
      ['monat', ['6']],
      ['ergebnis', ['beschaeftigt', 'nicht-beschaeftigt', 'unbekannt']],
    ]);
    expect(world.store.followups.count()).toBe(0); // the click alone records nothing

    const saved = world.bot.submitForm(as('fm-tobias'), 'nachhaltigkeit', { fall: code, monat: '6', ergebnis: 'beschaeftigt' });
    expect(textOf(saved)).toMatch(/Ergebnis: beschäftigt/);
    expect(world.store.followups.forCase(code)).toMatchObject([{ months: 6, result: 'beschaeftigt', on: '2026-07-20', recordedBy: 'fm-tobias' }]);

    run('2026-07-21T07:30:00+02:00');
    expect(items('ping.digest').find((i) => i.dedupeKey.endsWith('2026-07-21'))).toBeUndefined();
    expect(textOf(world.bot.handleAction(as('fm-tobias'), { actionId: 'due.done', value: `${code}|followup|2026-07-20` }))).toMatch(
      /schon am 20\.07\.2026 erfasst.*\(R27\)/,
    );
  });

  it('drops a follow-up from the digest after four weeks; the lead finds it missed until a result is recorded (R27)', () => {
    world = createWorld({ now: '2026-08-14T06:00:00+02:00' });
    const code = endedCase('2026-01-20'); // window 20.07.–16.08.2026
    run('2026-08-14T07:30:00+02:00'); // Friday, last working day of the window
    expect(toPlainText(items('ping.digest')[0]!.message)).toMatch(new RegExp(`Überfällig[\\s\\S]*${code}\\* .*6 Monate nach Abgang`));
    expect(missedFollowups({ store: world.store }, 'fm-ue25', '2026-08-16')).toEqual([]);

    run('2026-08-17T07:30:00+02:00');
    expect(items('ping.digest').find((i) => i.dedupeKey.endsWith('2026-08-17'))).toBeUndefined();
    expect(missedFollowups({ store: world.store }, 'fm-ue25', '2026-08-17')).toEqual([
      { caseCode: code, months: 6, ruleOn: '2026-07-20', lastOn: '2026-08-16', fmId: 'fm-tobias' },
    ]);
    expect(missedFollowups({ store: world.store }, 'fm-u25', '2026-08-17')).toEqual([]);

    world.clock.set(Date.parse('2026-08-17T10:00:00+02:00'));
    expect(textOf(world.bot.handleCommand(as('fm-tobias'), `nachhaltigkeit ${code} monat=6 ergebnis=unbekannt`))).toMatch(/Zeitfenster endete am 16\.08\.2026/);
    expect(missedFollowups({ store: world.store }, 'fm-ue25', '2026-08-17')).toEqual([]);
  });
});

describe('R16: "erledigt" on a contact asks for its kind', () => {
  it('opens the contact form for that case with the kind to choose, and records nothing by the click (R16)', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    const code = insertCase(world.store, { status: 'aktiv', intakeOn: '2025-11-20', clientRef: '200A000002' }).caseCode;
    insertCase(world.store, { status: 'aktiv', intakeOn: '2025-12-01' }); // another case of Tobias: not offered
    run('2026-03-02T07:30:00+01:00');
    world.clock.set(Date.parse('2026-03-02T09:00:00+01:00'));

    const clicked = world.bot.handleAction(as('fm-tobias'), { actionId: 'due.done', value: `${code}|contact|2026-01-19` });
    expect(clicked.kind).toBe('form');
    const form = clicked.kind === 'form' ? clicked.form : undefined;
    expect(form?.command).toBe('kontakt');
    const [fall, datum, art] = form!.fields;
    expect(fall?.kind === 'select' && fall.options).toEqual([{ value: code, label: `${code} · 200A000002 · Kontakt fällig 19.01.2026` }]);
    expect(datum).toMatchObject({ key: 'datum', required: false, placeholder: '02.03.2026' });
    expect(art).toMatchObject({ key: 'art', required: true, hint: expect.stringContaining('(R16)') });
    expect(art?.kind === 'select' && art.options.map((o) => o.value)).toContain('netzwerk');
    expect(world.store.contacts.count()).toBe(0);

    // A talk with a network partner is recorded, but is no qualified contact: the item stays due.
    const network = world.bot.submitForm(as('fm-tobias'), 'kontakt', { fall: code, art: 'netzwerk' });
    expect(textOf(network)).toMatch(/Zählt für die Mindestkontakte \(R16\): nein/);
    expect(world.store.contacts.forCase(code)).toMatchObject([{ kind: 'netzwerk', qualified: false }]);
  });

  it('refuses the contact button of a case that is no longer active', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    const code = endedCase('2026-02-27');
    world.clock.set(Date.parse('2026-03-02T09:00:00+01:00'));
    expect(textOf(world.bot.handleAction(as('fm-tobias'), { actionId: 'due.done', value: `${code}|contact|2026-01-19` }))).toMatch(
      /nicht mehr aktuell/,
    );
  });
});

describe('R16: the FM digest names the cases that put the FM behind', () => {
  it('lists the cases below the yearly minimum while fewer than 90 % of the FM’s cases meet it, and nothing once they do', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    // Tobias, a year in FM: one case with its six contacts, one with none (50 %).
    const kept = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2025-03-02' }).caseCode;
    addContacts(world.store, kept, '2025-04-20', '2025-06-15', '2025-08-10', '2025-10-05', '2025-12-01', '2026-01-26');
    const short = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2025-03-02' }).caseCode;
    morning('2026-03-02');
    const digest = toPlainText(items('ping.digest:fm-tobias:2026-03-02')[0]!.message);
    expect(digest).toContain('Mindestkontakte (R16)');
    expect(digest).toContain(`1 von 2 deiner aktiven Fälle haben in den letzten 12 Monaten genug qualifizierte Kontakte (50 %, Ziel 90 %). Unter dem Jahresminimum: ${short}.`);

    addContacts(world.store, short, '2025-04-01', '2025-06-01', '2025-08-01', '2025-10-01', '2025-12-01', '2026-03-02');
    morning('2026-03-03');
    const next = items('ping.digest:fm-tobias:2026-03-03')[0];
    expect(next === undefined ? '' : toPlainText(next.message)).not.toContain('Mindestkontakte (R16)');
  });
});
