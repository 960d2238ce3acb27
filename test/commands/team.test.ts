import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotResponse } from '../../src/app/ports.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { createWorld, exampleOrg, type World } from '../support/world.js';

const REFERRAL =
  'vormerken kunde=123A456789 gruppe=ue25 zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden ' +
  'integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja';

let world: World;

beforeEach(() => {
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
});
afterEach(() => world.close());

function run(personId: string, line: string): BotResponse {
  return world.bot.handleCommand({ platform: 'console', userId: personId }, line);
}

function textOf(response: BotResponse): string {
  if (response.kind === 'message') return toPlainText(response.message);
  if (response.kind === 'error') return response.text;
  return JSON.stringify(response.form);
}

/** A referral by ifk-lena; assigned to `fmId` when given. Returns its case code. */
function refer(client: string, fmId?: string): string {
  const code = /FM-\d{4}-\d{4}/.exec(textOf(run('ifk-lena', REFERRAL.replace('123A456789', client))))![0];
  if (fmId) {
    const now = world.clock.now();
    world.store.cases.transition(code, ['vorgemerkt'], 'zugewiesen', { assignedFmId: fmId, assignedAt: now }, now);
  }
  return code;
}

function at(iso: string): void {
  world.clock.set(Date.parse(iso));
}

describe('/fm team: caseload against capacity per FM (R13, R14)', () => {
  it('shows each FM of the lead’s team with cases, FTE-scaled capacity, utilisation and absences', () => {
    for (const client of ['123A000001', '123A000002', '123A000003']) refer(client, 'fm-aylin');
    const response = run('tl-fm-ue25', 'team');

    expect(response.kind).toBe('message');
    const text = textOf(response);
    expect(text).toContain('Team Fallmanagement Ü25');
    expect(text).toContain('Betreuungsschlüssel 1:150');
    expect(text).toMatch(/Tobias Krüger: 0 Fälle · Kapazität 150 · Auslastung 0\s%/);
    expect(text).toMatch(/Aylin Demir \(0,5 VZÄ\): 3 Fälle · Kapazität 75 · Auslastung 4\s%/);
    expect(text).toMatch(/Katrin Vogel: 0 Fälle · Kapazität 150 · Auslastung 0\s% · abwesend 21\.12\.2026–04\.01\.2027/);
    expect(text).toMatch(/Stefan Meyer: 0 Fälle/);
    expect(text).not.toContain('Michael Brandt'); // the lead carries no caseload
  });

  it('counts assigned and active cases, not declined ones', () => {
    const first = refer('123A000001', 'fm-tobias');
    refer('123A000002', 'fm-tobias');
    const third = refer('123A000003', 'fm-tobias');
    run('fm-tobias', `uebernahme ${first} datum=20.10.2025 warm=ja ziele=ja`);
    run('fm-tobias', `ablehnen ${third} grund="Kunde lehnt ab"`);
    expect(textOf(run('fm-tobias', 'team'))).toMatch(/Tobias Krüger: 2 Fälle · Kapazität 150 · Auslastung 1\s%/);
  });

  it('marks an absence that is going on now and drops past ones', () => {
    at('2026-12-22T09:00:00+01:00');
    expect(textOf(run('tl-fm-ue25', 'team'))).toContain('abwesend 21.12.2026–04.01.2027 (jetzt)');
    at('2027-01-05T09:00:00+01:00');
    expect(textOf(run('tl-fm-ue25', 'team'))).toMatch(/Katrin Vogel: 0 Fälle · Kapazität 150 · Auslastung 0\s%\n/);
  });
});

describe('/fm team: open referrals and late intakes (R4)', () => {
  it('shows how many referrals are open, the earliest deadline and how many are overdue', () => {
    refer('123A000001');
    at('2025-10-22T09:00:00+02:00');
    refer('123A000002');
    refer('123A000003', 'fm-stefan'); // assigned: no longer an open referral

    let text = textOf(run('tl-fm-ue25', 'team'));
    expect(text).toMatch(/Anzahl: 2/);
    expect(text).toMatch(/Früheste Frist \(R4\): 10\.11\.2025/);
    expect(text).toMatch(/Frist überschritten: 0/);

    at('2025-11-11T09:00:00+01:00');
    text = textOf(run('tl-fm-ue25', 'team'));
    expect(text).toMatch(/Frist überschritten: 1/);
  });

  it('shows a dash when there are no open referrals and counts late intakes of this year', () => {
    const code = refer('123A000001', 'fm-tobias');
    at('2025-11-12T09:00:00+01:00');
    run('fm-tobias', `uebernahme ${code} datum=11.11.2025 warm=ja ziele=ja`);
    const text = textOf(run('fm-aylin', 'team'));
    expect(text).toMatch(/Anzahl: 0/);
    expect(text).toMatch(/Früheste Frist \(R4\): —/);
    expect(text).toMatch(/Verspätete Übernahmen 2025 \(R4\): 1/);
    at('2026-01-05T09:00:00+01:00');
    expect(textOf(run('fm-aylin', 'team'))).toMatch(/Verspätete Übernahmen 2026 \(R4\): 0/);
  });
});

describe('/fm team: who sees which team', () => {
  it('shows an FM their own team only', () => {
    const text = textOf(run('fm-jonas', 'team'));
    expect(text).toContain('Team Fallmanagement U25');
    expect(text).toContain('Mira Hoffmann');
    expect(text).toContain('Betreuungsschlüssel 1:75');
    expect(text).not.toContain('Tobias Krüger');
  });

  it('shows a lead of several teams all of them, or the one chosen with team=', () => {
    world.close();
    const org = exampleOrg();
    org.teams.find((t) => t.id === 'fm-u25')!.leads.push('tl-fm-ue25');
    world = createWorld({ now: '2025-10-20T09:00:00+02:00', org });

    const both = textOf(run('tl-fm-ue25', 'team'));
    expect(both).toContain('Team Fallmanagement Ü25');
    expect(both).toContain('Team Fallmanagement U25');
    const one = textOf(run('tl-fm-ue25', 'team team=FM-U25'));
    expect(one).toContain('Team Fallmanagement U25');
    expect(one).not.toContain('Team Fallmanagement Ü25');
  });

  it.each([
    ['an IFK', 'ifk-lena'],
    ['the office lead', 'gl-mitte'],
    ['an M&I team lead', 'tl-mi-1'],
    ['the administrator', 'admin-it'],
  ])('refuses %s', (_name, personId) => {
    const response = run(personId, 'team');
    expect(response.kind).toBe('error');
    expect(textOf(response)).toMatch(/Die Teamübersicht sehen die Mitglieder und Leitungen der FM-Teams/);
  });

  it('refuses another team chosen with team=, naming the teams one may see', () => {
    const response = run('tl-fm-ue25', 'team team=fm-u25');
    expect(response.kind === 'error' && response.fieldErrors.team).toMatch(/„fm-u25“ kannst du nicht sehen\. Möglich: fm-ue25/);
  });
});
