/**
 * Issue #11, item 5 (assigning a case, moving an intake deadline): each change happens in one function of the
 * case lifecycle (`assignCase`, `moveIntakeDeadline`), whatever path causes it — typed commands, buttons,
 * forms, the round's confirmation and the lead's capacity decision (R4, R9). Every path is driven through
 * the real Bot (console caller) on a temp SQLite file, and each ends in the same state: the case, its audit
 * entry and the direct messages queued with it.
 *
 * Demo organisation with a caseload ratio of 1 in FM Ü25 (capacities 1, 0.5, 1, 1): on Monday 20.10.2025
 * Lena refers six clients; a week later the round proposes them, most above capacity.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionResponse, BotResponse, Caller } from '../../src/messaging/ports.js';
import { toPlainText } from '../../src/messaging/reply.js';
import type { RoundRow } from '../../src/store/ports.js';
import { assignCase } from '../../src/services/caseLifecycle.js';
import { referralLine } from '../support/build.js';
import { createWorld, exampleOrg, type World } from '../support/world.js';

const as = (userId: string): Caller => ({ platform: 'console', userId });
const LEAD = 'tl-fm-ue25';
let world: World;
const deps = () => ({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar });

afterEach(() => world?.close());

function plain(response: BotResponse | ActionResponse): string {
  if (response.kind === 'message' || response.kind === 'update') return toPlainText(response.message);
  if (response.kind === 'error') return response.text;
  return '';
}

function ok(response: BotResponse | ActionResponse): string {
  expect(response.kind, plain(response)).not.toBe('error');
  return plain(response);
}

interface Setup {
  roundId: number;
  escalationId: number;
  within: RoundRow;
  held: RoundRow;
}

function setup(): Setup {
  const org = exampleOrg();
  org.teams.find((t) => t.id === 'fm-ue25')!.caseloadRatio = 1;
  world = createWorld({ now: '2025-10-20T09:00:00+02:00', org });
  for (let i = 0; i < 6; i++) ok(world.bot.handleCommand(as('ifk-lena'), referralLine({ kunde: `100A00000${i}` })));
  world.clock.set(Date.parse('2025-10-27T09:00:00+01:00'));
  ok(world.bot.handleCommand(as('fm-tobias'), 'runde'));
  const round = world.store.rounds.currentProposal('fm-ue25')!;
  const escalation = world.store.escalations.listOpen().find((e) => e.kind === 'kapazitaet')!;
  return {
    roundId: round.id,
    escalationId: escalation.id,
    within: round.rows.find((r) => !r.overflow && r.fmId !== undefined)!,
    held: round.rows.find((r) => r.overflow && r.fmId !== undefined)!,
  };
}

/** What a user would notice of one case: its state, its audit entry of `action`, the direct messages about it. */
function endState(caseCode: string, action: string) {
  const record = world.store.cases.byCode(caseCode)!;
  const entry = world.store.audit.forCase(caseCode).filter((a) => a.action === action);
  const messages = world.store.outbox
    .all()
    .filter((i) => i.dedupeKey.startsWith('case.') && i.dedupeKey.includes(`:${caseCode}:`))
    .map((i) => ({ key: i.dedupeKey.split(':')[0], to: i.target.kind === 'direct' ? i.target.personId : 'channel', mentionsClient: toPlainText(i.message).includes(record.clientRef) }));
  const { escalationId, roundId, ...details } = entry[0]?.details ?? {};
  return {
    status: record.status,
    assignedFmId: record.assignedFmId,
    assignedAt: record.assignedAt,
    intakeDeadline: record.intakeDeadline,
    audit: entry.map((a) => ({ action: a.action, actorId: a.actorId })),
    details,
    decidedBy: escalationId === undefined ? (roundId === undefined ? 'command' : 'round') : 'escalation',
    messages,
  };
}

describe('assigning a case: one function for the round and the capacity decision (R4, R9, issue #11 item 5)', () => {
  it('R9: "runde bestaetigen" typed and "Vorschlag übernehmen" clicked end in the same state', () => {
    const typed = setup();
    ok(world.bot.handleCommand(as(LEAD), 'runde bestaetigen'));
    const byCommand = endState(typed.within.caseCode, 'case.assigned');
    world.close();

    const clicked = setup();
    ok(world.bot.handleAction(as(LEAD), { actionId: 'round.confirm', value: String(clicked.roundId) }));
    const byButton = endState(clicked.within.caseCode, 'case.assigned');

    expect(byCommand).toEqual(byButton);
    expect(byCommand).toMatchObject({ status: 'zugewiesen', assignedFmId: typed.within.fmId, decidedBy: 'round', details: { overflow: false } });
    expect(byCommand.audit).toEqual([{ action: 'case.assigned', actorId: LEAD }]);
    expect(byCommand.messages).toEqual([
      { key: 'case.assigned.fm', to: typed.within.fmId, mentionsClient: true },
      { key: 'case.assigned.ifk', to: 'ifk-lena', mentionsClient: true },
    ]);
  });

  it('R4: the lead assigning beyond capacity — typed approval, the button, "/fm kapazitaet … zuweisen" and its form — ends in the same state', () => {
    const paths: Array<[string, (s: Setup) => BotResponse | ActionResponse]> = [
      ['eskalation-zustimmen', (s) => world.bot.handleCommand(as(LEAD), `eskalation-zustimmen ${s.escalationId}`)],
      ['button', (s) => world.bot.handleAction(as(LEAD), { actionId: 'escalation.approve', value: String(s.escalationId) })],
      ['kapazitaet', (s) => world.bot.handleCommand(as(LEAD), `kapazitaet ${s.escalationId} zuweisen fm=${s.held.fmId}`)],
      ['form', (s) => world.bot.submitForm(as(LEAD), 'kapazitaet', { eskalation: String(s.escalationId), entscheidung: 'zuweisen', fm: s.held.fmId! })],
    ];
    const states = paths.map(([, decide]) => {
      world?.close();
      const s = setup();
      ok(world.bot.handleCommand(as(LEAD), 'runde bestaetigen'));
      expect(world.store.cases.byCode(s.held.caseCode)!.status).toBe('vorgemerkt'); // held while the lead decides
      ok(decide(s));
      return { fm: s.held.fmId, state: endState(s.held.caseCode, 'case.assigned') };
    });
    for (const { fm, state } of states) {
      expect(state).toEqual(states[0]!.state);
      expect(state).toMatchObject({ status: 'zugewiesen', assignedFmId: fm, decidedBy: 'escalation', details: { overflow: true } });
      expect(state.messages.map((m) => m.key)).toEqual(['case.assigned.fm', 'case.assigned.ifk']);
    }
  });
});

describe('moving an intake deadline: one function for every way the lead decides it (R4, issue #11 item 5)', () => {
  it('R4: "eskalation-ablehnen", "/fm kapazitaet … verschieben tage=14" and its form move it by 14 working days with the same audit entry and message', () => {
    const paths: Array<(s: Setup) => BotResponse> = [
      (s) => world.bot.handleCommand(as(LEAD), `eskalation-ablehnen ${s.escalationId} kommentar="Neue Kollegin ab Dezember"`),
      (s) => world.bot.handleCommand(as(LEAD), `kapazitaet ${s.escalationId} verschieben tage=14 grund="Neue Kollegin ab Dezember"`),
      (s) => world.bot.submitForm(as(LEAD), 'kapazitaet', { eskalation: String(s.escalationId), entscheidung: 'verschieben', tage: '14', grund: 'Neue Kollegin ab Dezember' }),
    ];
    const states = paths.map((decide) => {
      world?.close();
      const s = setup();
      ok(world.bot.handleCommand(as(LEAD), 'runde bestaetigen'));
      const reply = ok(decide(s));
      expect(reply).toContain(`${s.held.caseCode}: Übernahmefrist vom 10.11.2025 auf den 28.11.2025 verschoben`);
      return endState(s.held.caseCode, 'case.intake.deferred');
    });
    for (const state of states) {
      expect(state).toEqual(states[0]);
      expect(state).toMatchObject({ status: 'vorgemerkt', intakeDeadline: '2025-11-28', decidedBy: 'escalation', details: { from: '2025-11-10', to: '2025-11-28', workingDays: 14 } });
      expect(state.messages).toEqual([{ key: 'case.intake.deferred', to: 'ifk-lena', mentionsClient: true }]);
    }
  });

  it('R4: a decision on a referral assigned meanwhile reports it unchanged instead of claiming a move', () => {
    const s = setup();
    ok(world.bot.handleCommand(as(LEAD), 'runde bestaetigen'));
    assignCase(deps(), s.held.caseCode, { fmId: 'fm-stefan', overflow: true, actorId: LEAD, now: world.clock.now() });
    const reply = ok(world.bot.handleCommand(as(LEAD), `kapazitaet ${s.escalationId} verschieben tage=5 grund="x"`));
    expect(reply).toContain(`${s.held.caseCode}: unverändert (inzwischen zugewiesen)`);
    expect(reply).not.toContain(`${s.held.caseCode}: Übernahmefrist`);
    expect(world.store.cases.byCode(s.held.caseCode)).toMatchObject({ status: 'zugewiesen', assignedFmId: 'fm-stefan', intakeDeadline: '2025-11-10' });
    expect(endState(s.held.caseCode, 'case.intake.deferred').audit).toEqual([]);
  });
});

describe('rows without any FM (R4, R17)', () => {
  it('R4: with every FM absent, confirming assigns nothing, and deciding "as proposed" truthfully reports them still referrals', () => {
    world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
    ok(world.bot.handleCommand(as('ifk-lena'), referralLine({ kunde: '100A000000' })));
    ok(world.bot.handleCommand(as('ifk-lena'), referralLine({ kunde: '100A000001' })));
    for (const fm of world.org.org.people.filter((p) => p.team === 'fm-ue25' && p.roles.includes('fm'))) {
      world.store.absences.add({ personId: fm.id, from: '2025-10-27', to: '2025-10-31', recordedBy: fm.id, recordedAt: world.clock.now() });
    }
    world.clock.set(Date.parse('2025-10-27T09:00:00+01:00'));
    ok(world.bot.handleCommand(as(LEAD), 'runde'));
    const rows = world.store.rounds.currentProposal('fm-ue25')!.rows;
    expect(rows.every((r) => r.fmId === undefined)).toBe(true);
    const confirmed = ok(world.bot.handleCommand(as(LEAD), 'runde bestaetigen'));
    expect(confirmed).toContain('0 Fälle zugewiesen');
    const e = world.store.escalations.listOpen().find((x) => x.kind === 'kapazitaet')!;
    const [first, second] = casesOfRows(rows);

    // Nobody was proposed: the outcome says so instead of claiming an assignment.
    const outcome = ok(world.bot.handleCommand(as(LEAD), `eskalation-zustimmen ${e.id}`));
    expect(outcome).toContain(`${first}: bleibt vorgemerkt – keine Fallmanager:in vorgeschlagen`);
    expect(outcome).toContain(`${second}: bleibt vorgemerkt – keine Fallmanager:in vorgeschlagen`);
    expect(outcome).not.toContain('zugewiesen, über die Kapazität');
    for (const code of [first, second]) expect(world.store.cases.byCode(code)!.status).toBe('vorgemerkt');
  });
});

function casesOfRows(rows: RoundRow[]): [string, string] {
  return [rows[0]!.caseCode, rows[1]!.caseCode];
}
