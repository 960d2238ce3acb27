import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotResponse } from '../../src/app/ports.js';
import { statusLabel } from '../../src/i18n/cases.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { createWorld, type World } from '../support/world.js';

const REFERRAL =
  'vormerken kunde=123A456789 gruppe=ue25 zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden ' +
  'integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja';
const CODE = 'FM-2025-0001';

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

function referAndAssign(fmId = 'fm-tobias'): string {
  run('ifk-lena', REFERRAL);
  const now = world.clock.now();
  world.store.cases.transition(CODE, ['vorgemerkt'], 'zugewiesen', { assignedFmId: fmId, assignedAt: now }, now);
  return CODE;
}

const directTo = (personId: string) =>
  world.store.outbox.all().filter((i) => i.target.kind === 'direct' && i.target.personId === personId);

describe('/fm ablehnen: the referral goes back to the IFK with the reason (R12)', () => {
  it('marks the referral declined, documents the reason and sends it to the referring IFK', () => {
    referAndAssign();
    const response = run('fm-tobias', `ablehnen ${CODE} grund="Kunde lehnt Teilnahme ab"`);

    expect(response.kind).toBe('message');
    expect(textOf(response)).toMatch(/Grund \(R12\): Kunde lehnt Teilnahme ab/);
    expect(world.store.cases.byCode(CODE)).toMatchObject({ status: 'abgelehnt', declinedReason: 'Kunde lehnt Teilnahme ab' });
    expect(world.store.audit.forCase(CODE).map((e) => e.action)).toEqual(['referral.created', 'case.declined']);

    const [dm] = directTo('ifk-lena');
    const dmText = toPlainText(dm!.message);
    expect(dmText).toContain('FM-2025-0001 (Kundenreferenz 123A456789) abgelehnt');
    expect(dmText).toContain('„Kunde lehnt Teilnahme ab“');
    expect(dmText).toContain('Bei Uneinigkeit entscheiden die Teamleitungen gemeinsam (R7).');
  });

  it('lets the lead of the receiving team decline, and names the lead in the message', () => {
    referAndAssign();
    expect(run('tl-fm-ue25', `ablehnen ${CODE} grund="Kriterien nicht erfüllt"`).kind).toBe('message');
    expect(toPlainText(directTo('ifk-lena')[0]!.message)).toMatch(/^@\{tl-fm-ue25\} hat die Vormerkung/);
  });

  it('shows the declined state when someone tries to act on the case again', () => {
    referAndAssign();
    run('fm-tobias', `ablehnen ${CODE} grund="Kunde lehnt Teilnahme ab"`);
    const before = world.counts();
    expect(textOf(run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`))).toMatch(/ist abgelehnt/);
    expect(textOf(run('fm-tobias', `ablehnen ${CODE} grund="nochmal"`))).toMatch(/ist abgelehnt/);
    expect(world.counts()).toEqual(before);
  });

  it('lets the IFK refer the client again once the referral is declined', () => {
    referAndAssign();
    run('fm-tobias', `ablehnen ${CODE} grund="Kunde lehnt Teilnahme ab"`);
    expect(textOf(run('ifk-lena', REFERRAL))).toContain('FM-2025-0002');
  });

  it('has German labels for every state, including the disputed one', () => {
    expect(statusLabel('abgelehnt')).toBe('abgelehnt');
    expect(statusLabel('strittig')).toBe('strittig');
  });

  it('offers a form with the assigned cases and a required reason', () => {
    referAndAssign();
    const response = run('fm-tobias', 'ablehnen');
    expect(response.kind === 'form' && response.form.fields.map((f) => [f.key, f.required])).toEqual([
      ['fall', true],
      ['grund', true],
    ]);
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
    ['an unknown key', 'fm-tobias', `${ok} datum=20.10.2025`, /datum: Diese Angabe gibt es bei „ablehnen“ nicht/],
  ];

  it.each(cases)('%s', (_name, personId, line, expected) => {
    referAndAssign();
    const before = world.counts();
    const response = run(personId, line);
    expect(response.kind).toBe('error');
    expect(textOf(response)).toMatch(expected);
    expect(world.counts()).toEqual(before);
    expect(world.store.cases.byCode(CODE)!.status).toBe('zugewiesen');
  });

  it('refuses to decline a case whose intake was recorded', () => {
    referAndAssign();
    run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`);
    const before = world.counts();
    expect(textOf(run('fm-tobias', ok))).toMatch(/Der Fall FM-2025-0001 ist aktiv/);
    expect(world.counts()).toEqual(before);
  });
});
