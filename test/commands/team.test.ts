import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleOrg } from '../support/world.js';
import { harness, START, type Harness } from './lifecycle.support.js';

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('/fm team: caseload against capacity per FM (R13, R14)', () => {
  it('shows each FM of the lead’s team with cases, FTE-scaled capacity, utilisation and absences', () => {
    for (const client of ['123A000001', '123A000002', '123A000003']) h.assignedCase({ client, fmId: 'fm-aylin' });
    const response = h.run('tl-fm-ue25', 'team');

    expect(response.kind).toBe('message');
    const text = h.textOf(response);
    expect(text).toContain('Team Fallmanagement Ü25');
    expect(text).toContain('Betreuungsschlüssel 1:150');
    expect(text).toMatch(/Tobias Krüger: 0 Fälle · Kapazität 150 · Auslastung 0\s%/);
    expect(text).toMatch(/Aylin Demir \(0,5 VZÄ\): 3 Fälle · Kapazität 75 · Auslastung 4\s%/);
    expect(text).toMatch(/Katrin Vogel: 0 Fälle · Kapazität 150 · Auslastung 0\s% · abwesend 21\.12\.2026–04\.01\.2027/);
    expect(text).toMatch(/Stefan Meyer: 0 Fälle/);
    expect(text).not.toContain('Michael Brandt'); // the lead carries no caseload
  });

  it('counts assigned and active cases, not declined ones', () => {
    const first = h.assignedCase({ client: '123A000001', fmId: 'fm-tobias' });
    h.assignedCase({ client: '123A000002', fmId: 'fm-tobias' });
    const third = h.assignedCase({ client: '123A000003', fmId: 'fm-tobias' });
    h.run('fm-tobias', `uebernahme ${first} datum=20.10.2025 warm=ja ziele=ja`);
    h.run('fm-tobias', `ablehnen ${third} grund="Kunde lehnt ab"`);
    expect(h.textOf(h.run('fm-tobias', 'team'))).toMatch(/Tobias Krüger: 2 Fälle · Kapazität 150 · Auslastung 1\s%/);
  });

  it('marks an absence that is going on now and drops past ones', () => {
    h.at('2026-12-22T09:00:00+01:00');
    expect(h.textOf(h.run('tl-fm-ue25', 'team'))).toContain('abwesend 21.12.2026–04.01.2027 (jetzt)');
    h.at('2027-01-05T09:00:00+01:00');
    expect(h.textOf(h.run('tl-fm-ue25', 'team'))).toMatch(/Katrin Vogel: 0 Fälle · Kapazität 150 · Auslastung 0\s%\n/);
  });
});

describe('/fm team: open referrals and late intakes (R4)', () => {
  it('shows how many referrals are open, the earliest deadline and how many are overdue', () => {
    h.referredCase({ client: '123A000001' });
    h.at('2025-10-22T09:00:00+02:00');
    h.referredCase({ client: '123A000002' });
    h.assignedCase({ client: '123A000003', fmId: 'fm-stefan' }); // assigned: no longer an open referral

    let text = h.textOf(h.run('tl-fm-ue25', 'team'));
    expect(text).toMatch(/Anzahl: 2/);
    expect(text).toMatch(/Früheste Frist \(R4\): 10\.11\.2025/);
    expect(text).toMatch(/Frist überschritten: 0/);

    h.at('2025-11-11T09:00:00+01:00');
    text = h.textOf(h.run('tl-fm-ue25', 'team'));
    expect(text).toMatch(/Frist überschritten: 1/);
  });

  it('shows a dash when there are no open referrals and counts late intakes of this year', () => {
    const code = h.assignedCase({ client: '123A000001', fmId: 'fm-tobias' });
    h.at('2025-11-12T09:00:00+01:00');
    h.run('fm-tobias', `uebernahme ${code} datum=11.11.2025 warm=ja ziele=ja`);
    const text = h.textOf(h.run('fm-aylin', 'team'));
    expect(text).toMatch(/Anzahl: 0/);
    expect(text).toMatch(/Früheste Frist \(R4\): —/);
    expect(text).toMatch(/Verspätete Übernahmen 2025 \(R4\): 1/);
    h.at('2026-01-05T09:00:00+01:00');
    expect(h.textOf(h.run('fm-aylin', 'team'))).toMatch(/Verspätete Übernahmen 2026 \(R4\): 0/);
  });
});

describe('/fm team: who sees which team', () => {
  it('shows an FM their own team only', () => {
    const text = h.textOf(h.run('fm-jonas', 'team'));
    expect(text).toContain('Team Fallmanagement U25');
    expect(text).toContain('Mira Hoffmann');
    expect(text).toContain('Betreuungsschlüssel 1:75');
    expect(text).not.toContain('Tobias Krüger');
  });

  it('shows a lead of several teams all of them, or the one chosen with team=', () => {
    h.close();
    const org = exampleOrg();
    org.teams.find((t) => t.id === 'fm-u25')!.leads.push('tl-fm-ue25');
    h = harness(START, { org });

    const both = h.textOf(h.run('tl-fm-ue25', 'team'));
    expect(both).toContain('Team Fallmanagement Ü25');
    expect(both).toContain('Team Fallmanagement U25');
    const one = h.textOf(h.run('tl-fm-ue25', 'team team=FM-U25'));
    expect(one).toContain('Team Fallmanagement U25');
    expect(one).not.toContain('Team Fallmanagement Ü25');
  });

  it.each([
    ['an IFK', 'ifk-lena'],
    ['an M&I team lead', 'tl-mi-1'],
    ['the administrator', 'admin-it'],
  ])('refuses %s', (_name, personId) => {
    const response = h.run(personId, 'team');
    expect(response.kind).toBe('error');
    expect(h.textOf(response)).toMatch(/Die Teamübersicht sehen die Mitglieder und Leitungen der FM-Teams/);
  });

  it('shows the office lead every FM team of the office, or the one chosen with team= (issue #11 item 6)', () => {
    const all = h.textOf(h.run('gl-mitte', 'team'));
    expect(all).toContain('Team Fallmanagement Ü25');
    expect(all).toContain('Team Fallmanagement U25');
    const one = h.textOf(h.run('gl-mitte', 'team team=fm-u25'));
    expect(one).toContain('Team Fallmanagement U25');
    expect(one).not.toContain('Team Fallmanagement Ü25');
  });

  it('refuses another team chosen with team=, naming the teams one may see', () => {
    const response = h.run('tl-fm-ue25', 'team team=fm-u25');
    expect(response.kind === 'error' && response.fieldErrors.team).toMatch(/„fm-u25“ kannst du nicht sehen\. Möglich: fm-ue25/);
  });
});
