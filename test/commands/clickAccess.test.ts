/**
 * A button is checked like the command it stands for: a person with no part in the round, the case or the
 * meeting is refused with a German reason and nothing changes — no case, audit entry or message (R9, R20,
 * R28; “every action is checked against the actor's role and team”). Each test clicks as the messages offer
 * the buttons (their values as the bot writes them), first as an outsider, then as someone who may.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionResponse, Caller } from '../../src/messaging/ports.js';
import { DUTY_ACTIONS } from '../../src/services/duties.js';
import { DUE_ACTIONS } from '../../src/services/clocks.js';
import { RECHECK_ACTIONS } from '../../src/services/recheck.js';
import { ROUND_ACTIONS } from '../../src/services/rounds.js';
import { insertCase, referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

const as = (userId: string): Caller => ({ platform: 'console', userId });

let world: World;
beforeEach(() => {
  world = createWorld({ now: '2026-12-22T09:00:00+01:00' });
});
afterEach(() => world.close());

function click(userId: string, actionId: string, value: string): ActionResponse {
  return world.bot.handleAction(as(userId), { actionId, value });
}

/** The click is refused, and the tables a refused click must leave alone are as before. */
function expectRefused(userId: string, actionId: string, value: string, reason: RegExp): void {
  const before = world.counts();
  const response = click(userId, actionId, value);
  expect(response.kind).toBe('error');
  expect(response.kind === 'error' ? response.text : '').toMatch(reason);
  expect(world.counts()).toEqual(before);
}

describe('buttons refuse a person with no part in what they act on', () => {
  it('the round proposal: an FM of another team can neither change a row nor recompute (R9)', () => {
    for (const [i, ifk] of ['ifk-lena', 'ifk-murat'].entries()) {
      expect(world.bot.handleCommand(as(ifk), referralLine({ kunde: `200A00000${i}` })).kind).toBe('message');
    }
    world.bot.handleCommand(as('fm-tobias'), 'runde');
    const round = world.store.rounds.currentProposal('fm-ue25')!;
    const row = round.rows[0]!;
    const choose = `${round.id}|${row.caseCode}|fm-aylin`;

    expectRefused('fm-jonas', ROUND_ACTIONS.choose, choose, /Nur Mitglieder und Leitungen/);
    expectRefused('fm-jonas', ROUND_ACTIONS.recompute, String(round.id), /Nur Mitglieder und Leitungen/);
    expect(world.store.rounds.byId(round.id)!.rows).toEqual(round.rows);

    expect(click('fm-stefan', ROUND_ACTIONS.choose, choose).kind).toBe('update');
    expect(world.store.rounds.byId(round.id)!.rows.find((r) => r.caseCode === row.caseCode)?.fmId).toBe('fm-aylin');
  });

  it('a due item: “later” is refused to an FM of another team and an IFK, and taken from the case’s FM (R20)', () => {
    const record = insertCase(world.store, { status: 'aktiv', fmId: 'fm-tobias', intakeOn: '2026-06-01' });
    const later = `${record.caseCode}|review|2026-12-01`;
    expectRefused('fm-jonas', DUE_ACTIONS.later, later, /zuständige Fallmanager:in, ihre Vertretung oder die Teamleitung/);
    expectRefused('ifk-lena', DUE_ACTIONS.later, later, /zuständige Fallmanager:in, ihre Vertretung oder die Teamleitung/);

    const taken = click('fm-tobias', DUE_ACTIONS.later, later);
    expect(taken.kind).toBe('message');
  });

  it('a declined referral’s recheck: only its IFK or the lead of their team may answer', () => {
    const record = insertCase(world.store, { status: 'abgelehnt' });
    expect(record.referringPersonId).toBe('ifk-lena');
    for (const outsider of ['ifk-felix', 'tl-mi-2', 'fm-tobias']) {
      expectRefused(outsider, RECHECK_ACTIONS.none, `${record.caseCode}|1`, /vormerkende Fachkraft oder die Leitung ihres Teams/);
      expectRefused(outsider, RECHECK_ACTIONS.again, `${record.caseCode}|1`, /vormerkende Fachkraft oder die Leitung ihres Teams/);
    }
    expect(click('tl-mi-1', RECHECK_ACTIONS.none, `${record.caseCode}|1`).kind).toBe('message');
  });

  it('a planned FM team meeting: an IFK can neither confirm nor call it off; its organiser can call it off (R28)', () => {
    const planned = world.bot.handleCommand(as('gl-mitte'), 'termin art=dienstbesprechung datum=12.01.2027');
    expect(planned.kind).toBe('message');
    const plan = world.store.duties.byId(1); // the reply names it Nr. 1
    expect(plan?.status).toBe('planned');
    const id = String(plan!.id);

    expectRefused('ifk-lena', DUTY_ACTIONS.held, id, /können die Person, die den Termin erfasst hat, die Beteiligten/);
    expectRefused('ifk-lena', DUTY_ACTIONS.cancelled, id, /können die Person, die den Termin erfasst hat, die Beteiligten/);
    expect(world.store.duties.byId(plan!.id)?.status).toBe('planned');

    expect(click('gl-mitte', DUTY_ACTIONS.cancelled, id).kind).toBe('update');
    expect(world.store.duties.byId(plan!.id)?.status).toBe('cancelled');
  });
});
