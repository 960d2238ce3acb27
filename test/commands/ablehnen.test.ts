import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statusLabel } from '../../src/i18n/cases.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { referralLine } from '../support/build.js';
import { harness, type Harness } from './lifecycle.support.js';

const CLIENT = '123A456789';
const CODE = 'FM-2025-0001';

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('/fm ablehnen: the referral goes back to the IFK with the reason (R12)', () => {
  it('marks the referral declined, documents the reason and sends it to the referring IFK', () => {
    h.assignedCase({ client: CLIENT });
    const response = h.run('fm-tobias', `ablehnen ${CODE} grund="Kunde lehnt Teilnahme ab"`);

    expect(response.kind).toBe('message');
    expect(h.textOf(response)).toMatch(/Grund \(R12\): Kunde lehnt Teilnahme ab/);
    expect(h.world.store.cases.byCode(CODE)).toMatchObject({ status: 'abgelehnt', declinedReason: 'Kunde lehnt Teilnahme ab' });
    expect(h.world.store.audit.forCase(CODE).map((e) => e.action)).toEqual(['referral.created', 'case.declined']);

    const [dm] = h.outboxTo('direct', 'ifk-lena');
    const dmText = toPlainText(dm!.message);
    expect(dmText).toContain('FM-2025-0001 (Kundenreferenz 123A456789) abgelehnt');
    expect(dmText).toContain('„Kunde lehnt Teilnahme ab“');
    expect(dmText).toContain('Bei Uneinigkeit entscheiden die Teamleitungen gemeinsam (R7).');
  });

  it('lets the lead of the receiving team decline, and names the lead in the message', () => {
    h.assignedCase({ client: CLIENT });
    expect(h.run('tl-fm-ue25', `ablehnen ${CODE} grund="Kriterien nicht erfüllt"`).kind).toBe('message');
    expect(toPlainText(h.outboxTo('direct', 'ifk-lena')[0]!.message)).toMatch(/^@\{tl-fm-ue25\} hat die Vormerkung/);
  });

  it('shows the declined state when someone tries to act on the case again', () => {
    h.assignedCase({ client: CLIENT });
    h.run('fm-tobias', `ablehnen ${CODE} grund="Kunde lehnt Teilnahme ab"`);
    const before = h.counts();
    expect(h.textOf(h.run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`))).toMatch(/ist abgelehnt/);
    expect(h.textOf(h.run('fm-tobias', `ablehnen ${CODE} grund="nochmal"`))).toMatch(/ist abgelehnt/);
    expect(h.counts()).toEqual(before);
  });

  it('lets the IFK refer the client again once the referral is declined', () => {
    h.assignedCase({ client: CLIENT });
    h.run('fm-tobias', `ablehnen ${CODE} grund="Kunde lehnt Teilnahme ab"`);
    expect(h.textOf(h.run('ifk-lena', referralLine({ kunde: CLIENT })))).toContain('FM-2025-0002');
  });

  it('has German labels for every state, including the disputed one', () => {
    expect(statusLabel('abgelehnt')).toBe('abgelehnt');
    expect(statusLabel('strittig')).toBe('strittig');
  });

  it('offers a form with the assigned cases and a required reason', () => {
    h.assignedCase({ client: CLIENT });
    const response = h.run('fm-tobias', 'ablehnen');
    expect(response.kind === 'form' && response.form.fields.map((f) => [f.key, f.required])).toEqual([
      ['fall', true],
      ['anlass', true],
      ['grund', true],
      ['einwilligung', false],
    ]);
    const anlass = response.kind === 'form' ? response.form.fields.find((f) => f.key === 'anlass') : undefined;
    expect(anlass?.kind === 'select' && anlass.options.map((o) => o.value)).toEqual([
      'keine-mitwirkung',
      'nicht-erreicht',
      'kriterien-fehlen',
      'anderes-angebot',
      'zustaendigkeit',
      'sonstiges',
    ]);
  });

  it('records the coded occasion next to the free-text reason, for the figures (R12, R35)', () => {
    h.assignedCase({ client: CLIENT });
    const reply = h.ok('fm-tobias', `ablehnen ${CODE} anlass=keine-mitwirkung grund="Kunde lehnt Teilnahme ab"`);
    expect(reply).toContain('Anlass: Mitwirkung verweigert');
    expect(h.world.store.audit.forCase(CODE).at(-1)).toMatchObject({ action: 'case.declined', details: { anlass: 'keine-mitwirkung' } });
  });

  it('records a typed decline without a code as „ohne Angabe“ (R35)', () => {
    h.assignedCase({ client: CLIENT });
    expect(h.ok('fm-tobias', `ablehnen ${CODE} grund="Kunde lehnt Teilnahme ab"`)).toContain('Anlass: ohne Angabe');
    expect(h.world.store.audit.forCase(CODE).at(-1)!.details).not.toHaveProperty('anlass');
  });

  it('treats the code „nicht-erreicht“ as a missed handover talk: outreach first (R23)', () => {
    h.assignedCase({ client: CLIENT });
    const before = h.counts();
    expect(h.refused('fm-tobias', `ablehnen ${CODE} anlass=nicht-erreicht grund="Kunde meldet sich nicht"`)).toMatch(/\(R23\)/);
    expect(h.counts()).toEqual(before);
  });
});

describe('/fm ablehnen: refusals change nothing', () => {
  const ok = `ablehnen ${CODE} grund="Kunde lehnt Teilnahme ab"`;
  const cases: Array<[string, string, string, RegExp]> = [
    ['another FM', 'fm-stefan', ok, /Nur die zuständige Fachkraft \(Tobias Krüger\)/],
    ['the referring IFK', 'ifk-lena', ok, /Nur die zuständige Fachkraft/],
    ['the lead of the referring M&I team', 'tl-mi-1', ok, /Nur die zuständige Fachkraft/],
    ['no reason (R12)', 'fm-tobias', `ablehnen ${CODE}`, /grund: Bitte den Grund der Ablehnung angeben.*\(R12\)/],
    ['an overlong reason', 'fm-tobias', `ablehnen ${CODE} grund="${'x'.repeat(301)}"`, /grund: Bitte kürzer fassen/],
    ['a reason with a line break', 'fm-tobias', `ablehnen ${CODE} grund="Zeile 1\nZeile 2"`, /Steuerzeichen/],
    ['an unknown case code', 'fm-tobias', ok.replace(CODE, 'FM-2024-0001'), /Den Fall FM-2024-0001 gibt es nicht/],
    ['an unknown occasion code (R12)', 'fm-tobias', `${ok} anlass=keine-lust`, /anlass: „keine-lust“ gibt es nicht\. Möglich sind: keine-mitwirkung, nicht-erreicht, .*sonstiges \(R12\)/],
    ['an unknown key', 'fm-tobias', `${ok} datum=20.10.2025`, /datum: Diese Angabe gibt es bei „ablehnen“ nicht/],
  ];

  it.each(cases)('%s', (_name, personId, line, expected) => {
    h.assignedCase({ client: CLIENT });
    const before = h.counts();
    const response = h.run(personId, line);
    expect(response.kind).toBe('error');
    expect(h.textOf(response)).toMatch(expected);
    expect(h.counts()).toEqual(before);
    expect(h.world.store.cases.byCode(CODE)!.status).toBe('zugewiesen');
  });

  it('refuses to decline a case whose intake was recorded', () => {
    h.assignedCase({ client: CLIENT });
    h.run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`);
    const before = h.counts();
    expect(h.textOf(h.run('fm-tobias', ok))).toMatch(/Der Fall FM-2025-0001 ist aktiv/);
    expect(h.counts()).toEqual(before);
  });
});
