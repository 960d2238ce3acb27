/**
 * R12: a declined referral of a client with a complex profile (R1's formal criteria met) is put to the
 * referring IFK again every six months — by direct message with the case code, the customer number and the
 * decline reason — until „kein Bedarf“, a new referral, or the last of four re-checks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import type { ActionResponse } from '../../src/messaging/ports.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText } from '../../src/messaging/reply.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { CLIENT, insertCase } from '../support/build.js';
import { exampleOrg } from '../support/world.js';
import { harness, type Harness } from '../commands/lifecycle.support.js';

let h: Harness;
afterEach(() => h.close());

const REASON = 'Kunde lehnt Teilnahme derzeit ab';

function runAt(iso: string) {
  h.at(iso);
  const { world } = h;
  runJobs({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE }, JOBS, world.clock.now());
}

const rechecks = (): OutboxItem[] => h.world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('recheck:'));
const textOf = (item: OutboxItem | undefined): string => toPlainText(item!.message);

/** Referred by Lena, assigned to Tobias and declined by him at `iso`; returns the case code. */
function declinedReferral(iso: string, client = CLIENT): string {
  h.at(iso);
  const code = h.assignedCase({ client });
  h.ok('fm-tobias', `ablehnen ${code} grund="${REASON}"`);
  return code;
}

function click(personId: string, actionId: 'recheck.again' | 'recheck.none', value: string): ActionResponse {
  return h.world.bot.handleAction({ platform: 'console', userId: personId }, { actionId, value });
}
const replyText = (response: ActionResponse): string =>
  response.kind === 'message' ? toPlainText(response.message) : response.kind === 'error' ? response.text : JSON.stringify(response);

describe('the re-check of a declined referral (R12)', () => {
  it('R12: asks the referring IFK 6 and 12 months after the decline, by direct message with case code, customer number and reason', () => {
    h = harness('2026-03-02T09:00:00+01:00');
    const code = declinedReferral('2026-03-02T09:00:00+01:00');

    runAt('2026-09-01T08:00:00+02:00');
    runAt('2026-09-02T07:59:00+02:00');
    expect(rechecks()).toEqual([]);
    runAt('2026-09-02T08:00:00+02:00'); // Wednesday, six months after the decline
    const [first] = rechecks();
    expect(first?.target).toEqual({ kind: 'direct', personId: 'ifk-lena' });
    const text = textOf(first);
    expect(text).toContain(`Die Vormerkung ${code} (Kundennummer ${CLIENT}) wurde am 02.03.2026 abgelehnt`);
    expect(text).toContain('nach 6 Monaten bitte prüfen');
    expect(text).toContain(`Ablehnungsgrund: ${REASON}`);
    expect(text).toContain('Erinnerung 1 von 4');
    expect(text).toContain('[erneut vormerken] [kein Bedarf]');

    runAt('2026-09-02T08:05:00+02:00');
    runAt('2026-09-03T08:00:00+02:00');
    expect(rechecks()).toHaveLength(1);
    expect(h.world.store.audit.forCase(code).filter((e) => e.action === 'recheck.sent').map((e) => e.details.step)).toEqual([1]);

    runAt('2027-03-01T08:00:00+01:00');
    expect(rechecks()).toHaveLength(1);
    runAt('2027-03-02T08:00:00+01:00'); // twelve months
    expect(rechecks()).toHaveLength(2);
    const second = textOf(rechecks()[1]);
    expect(second).toContain('nach 12 Monaten');
    expect(second).toContain('Erinnerung 2 von 4');
  });

  it('R12: at the latest every six months — a date on a weekend moves to the working day before; four re-checks at most', () => {
    h = harness('2026-03-05T09:00:00+01:00');
    declinedReferral('2026-03-05T09:00:00+01:00'); // + 6 months = Saturday 05.09.2026
    runAt('2026-09-04T08:00:00+02:00');
    expect(rechecks()).toHaveLength(1);
    for (const day of ['2027-03-05T08:00:00+01:00', '2027-09-03T08:00:00+02:00', '2028-03-03T08:00:00+01:00']) runAt(day);
    expect(rechecks()).toHaveLength(4);
    expect(textOf(rechecks()[3])).toContain('Dies ist die letzte von 4 Erinnerungen.');
    runAt('2028-09-05T08:00:00+02:00'); // 30 months: no fifth
    expect(rechecks()).toHaveLength(4);
  });

  it('R12: after a pause in the runs sends only the latest re-check due, once', () => {
    h = harness('2026-03-02T09:00:00+01:00');
    declinedReferral('2026-03-02T09:00:00+01:00');
    runAt('2027-03-03T08:00:00+01:00');
    expect(rechecks()).toHaveLength(1);
    expect(textOf(rechecks()[0])).toContain('nach 12 Monaten');
  });

  it('R12: stops after „kein Bedarf“, recorded on the case', () => {
    h = harness('2026-03-02T09:00:00+01:00');
    const code = declinedReferral('2026-03-02T09:00:00+01:00');
    runAt('2026-09-02T08:00:00+02:00');
    h.at('2026-09-03T10:00:00+02:00');
    expect(replyText(click('ifk-lena', 'recheck.none', `${code}|1`))).toBe(
      `${code}: „kein Bedarf“ erfasst (R12). Zu dieser Vormerkung kommen keine Erinnerungen mehr.`,
    );
    expect(h.world.store.audit.forCase(code).filter((e) => e.action === 'recheck.no_need')).toEqual([
      expect.objectContaining({ actorId: 'ifk-lena', details: { step: 1 } }),
    ]);
    expect(replyText(click('ifk-lena', 'recheck.none', `${code}|1`))).toMatch(/war schon erfasst/);

    for (const day of ['2027-03-02T08:00:00+01:00', '2027-09-02T08:00:00+02:00']) runAt(day);
    expect(rechecks()).toHaveLength(1);
  });

  it('R12: no re-check for a declined referral without a complex profile; an individual case meeting R1 gets one', () => {
    h = harness('2026-03-02T09:00:00+01:00');
    const at = Date.parse('2026-03-02T10:00:00+01:00');
    const { store } = h.world;
    const marktnah = insertCase(store, { status: 'abgelehnt', route: 'einzelfall', reason: 'akut', prognosis: 'marktnah', at }).caseCode;
    const fewNeeds = insertCase(store, { status: 'abgelehnt', route: 'einzelfall', reason: 'hemmnis', needs: ['sucht'], countedNeeds: 1, at }).caseCode;
    const soon = insertCase(store, { status: 'abgelehnt', route: 'einzelfall', reason: 'psyche', integration12: true, at }).caseCode;
    const complex = insertCase(store, { status: 'abgelehnt', route: 'einzelfall', reason: 'psyche', at }).caseCode; // R1's criteria met as well
    runAt('2026-09-02T08:00:00+02:00');
    const codes = rechecks().map((i) => i.dedupeKey.split(':')[1]);
    expect(codes).toEqual([complex]);
    for (const code of [marktnah, fewNeeds, soon]) expect(h.world.store.audit.forCase(code)).toEqual([]);
  });

  it('R12: „erneut vormerken“ answers privately with the prefilled /fm vormerken line; the new referral ends the re-checks', () => {
    h = harness('2026-03-02T09:00:00+01:00');
    const code = declinedReferral('2026-03-02T09:00:00+01:00');
    runAt('2026-09-02T08:00:00+02:00');
    h.at('2026-09-03T10:00:00+02:00');
    const answer = click('ifk-lena', 'recheck.again', `${code}|1`);
    expect(answer.kind).toBe('message');
    const text = replyText(answer);
    const line = /`\/fm (vormerken [^`]+)`/.exec(text)?.[1];
    expect(line).toBe(
      `vormerken kunde=${CLIENT} gruppe=ue25 zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden integration12=nein einschaetzung=ja`,
    );
    expect(text).toContain('Ergänze `zustimmung=ja informiert=ja verbis=ja`'); // R3, R8: confirmed anew, not prefilled
    expect(h.world.store.audit.forCase(code).map((e) => e.action)).toContain('recheck.again');

    const referred = h.ok('ifk-lena', `${line} zustimmung=ja informiert=ja verbis=ja`);
    expect(referred).toMatch(/FM-2026-\d{4}/);
    runAt('2027-03-02T08:00:00+01:00'); // the client has an open referral: no re-check of the old decline
    expect(rechecks()).toHaveLength(1);
    expect(replyText(click('ifk-lena', 'recheck.again', `${code}|1`))).toMatch(/gibt es schon eine offene Vormerkung/);
  });

  it('R12: only the referring IFK or a lead of their team may answer', () => {
    h = harness('2026-03-02T09:00:00+01:00');
    const code = declinedReferral('2026-03-02T09:00:00+01:00');
    runAt('2026-09-02T08:00:00+02:00');
    const stranger = click('fm-tobias', 'recheck.none', `${code}|1`);
    expect(stranger.kind).toBe('error');
    expect(replyText(stranger)).toBe('Das kann nur die vormerkende Fachkraft oder die Leitung ihres Teams.');
    expect(replyText(click('tl-mi-1', 'recheck.none', `${code}|1`))).toMatch(/„kein Bedarf“ erfasst/);
  });

  it('R12: a decline overtaken by a newer referral of the same client is not re-checked; the newer one is', () => {
    h = harness('2026-03-02T09:00:00+01:00');
    const older = declinedReferral('2026-03-02T09:00:00+01:00');
    const newer = declinedReferral('2026-04-10T09:00:00+02:00');
    runAt('2026-09-02T08:00:00+02:00');
    expect(rechecks()).toEqual([]);
    runAt('2026-10-09T08:00:00+02:00'); // 10.10.2026 is a Saturday
    expect(rechecks().map((i) => i.dedupeKey.split(':')[1])).toEqual([newer]);
    expect(older).not.toBe(newer);
  });

  it('R12: goes to the leads of the referring team when the IFK is no longer in the organisation file', () => {
    const org = exampleOrg();
    org.people = org.people.filter((p) => p.id !== 'ifk-lena');
    h = harness('2026-03-02T09:00:00+01:00', { org });
    const code = insertCase(h.world.store, { status: 'abgelehnt', at: Date.parse('2026-03-02T10:00:00+01:00') }).caseCode;
    runAt('2026-09-02T08:00:00+02:00');
    expect(rechecks().map((i) => i.target)).toEqual([{ kind: 'direct', personId: 'tl-mi-1' }]);
    expect(textOf(rechecks()[0])).toContain(code);
  });
});
