/**
 * Escalations decided by team leads (R4, R7, R19, R25) through the real Bot on a temp SQLite file with the
 * demo organisation. Demo leads: Andreas Wolf (tl-mi-1, deputy Birgit Neumann tl-mi-2) for M&I 1, Michael
 * Brandt (tl-fm-ue25, deputy Tobias Krüger) for FM Ü25; Lena Schröder (ifk-lena) refers from M&I 1.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseThreadVote, raiseCapacityEscalation, raiseEscalation } from '../../src/services/escalations/index.js';
import type { ActionResponse, BotResponse, Caller } from '../../src/messaging/ports.js';
import { toPlainText, type Message } from '../../src/messaging/reply.js';
import { escalationParentKey, type OutboxItem } from '../../src/store/ports.js';
import { createWorld, exampleOrg, type World } from '../support/world.js';

const as = (userId: string): Caller => ({ platform: 'console', userId });
const CLIENT = '123A456789';
const CODE = 'FM-2025-0001';
const CLIENT_REF = /\d{3}[A-Z]\d{6}/;

function referral(client: string): string {
  return (
    `vormerken kunde=${client} gruppe=ue25 zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden ` +
    'integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja'
  );
}

function plain(response: BotResponse | ActionResponse | undefined): string {
  if (!response) return '';
  if (response.kind === 'message' || response.kind === 'update') return toPlainText(response.message);
  if (response.kind === 'error') return response.text;
  return '';
}

function run(userId: string, line: string): BotResponse {
  return world.bot.handleCommand(as(userId), line);
}

function ok(userId: string, line: string): string {
  const response = run(userId, line);
  expect(response.kind, plain(response)).toBe('message');
  return plain(response);
}

const deps = () => ({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar });

/** Rows of every table a refused step must leave alone. */
function snapshot() {
  const escalations = world.store.escalations.forCase(CODE);
  return { ...world.counts(), escalations: world.store.escalations.count(), votes: escalations.flatMap((e) => e.votes).length, kase: world.store.cases.byCode(CODE) };
}

const outbox = (prefix: string): OutboxItem[] => world.store.outbox.all().filter((i) => i.dedupeKey.startsWith(prefix));
const textOf = (m: Message): string => toPlainText(m);
const dmsTo = (personId: string, prefix = 'escalation'): string[] =>
  outbox(prefix).filter((i) => i.target.kind === 'direct' && i.target.personId === personId).map((i) => textOf(i.message));

let world: World;

/** Monday 20.10.2025: Lena refers, the round assigns, the FM takes the case over (active) or declines it. */
function assignedCase(): string {
  ok('ifk-lena', referral(CLIENT));
  ok('fm-tobias', 'runde');
  ok('tl-fm-ue25', 'runde bestaetigen');
  const fm = world.store.cases.byCode(CODE)!.assignedFmId!;
  expect(fm).toBeDefined();
  return fm;
}

function declinedCase(): string {
  const fm = assignedCase();
  ok(fm, `ablehnen ${CODE} grund="Kunde sieht keinen Bedarf"`);
  expect(world.store.cases.byCode(CODE)!.status).toBe('abgelehnt');
  return fm;
}

function activeCase(): string {
  const fm = assignedCase();
  ok(fm, `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`);
  expect(world.store.cases.byCode(CODE)!.status).toBe('aktiv');
  return fm;
}

function escalationId(): number {
  return world.store.escalations.forCase(CODE).at(-1)!.id;
}

const approve = (userId: string, id = escalationId()) => run(userId, `eskalation-zustimmen ${id}`);
const reject = (userId: string, comment: string, id = escalationId()) => run(userId, `eskalation-ablehnen ${id} kommentar="${comment}"`);

beforeEach(() => {
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
});
afterEach(() => world.close());

describe('raising an escalation about access (R7)', () => {
  it('posts one channel message with thread to the FM team, without client reference or reason, and the reason to both leads by DM', () => {
    const fm = declinedCase();
    const reply = ok('ifk-lena', `eskalieren ${CODE} art=zugang grund="Kriterien aus meiner Sicht erfüllt"`);

    expect(reply).toContain('Eskalation ausgelöst');
    expect(reply).toContain(CLIENT); // private to Lena
    expect(world.store.cases.byCode(CODE)!.status).toBe('strittig');

    const [parent] = outbox(escalationParentKey(escalationId()));
    expect(parent!.target).toEqual({ kind: 'channel', teamId: 'fm-ue25' });
    const shown = textOf(parent!.message);
    expect(shown).toContain(`Eskalation ${CODE}: Zugang (R7)`);
    expect(shown).toContain('Ausgelöst von: @{ifk-lena}');
    expect(shown).toContain('Teamleitung Markt & Integration 1 (Andreas Wolf) und Teamleitung Fallmanagement Ü25 (Michael Brandt) gemeinsam');
    expect(shown).toContain('offen – 0 von 2 Zustimmungen');
    expect(shown).toContain('[Zustimmen] [Ablehnen]');
    expect(shown).not.toMatch(CLIENT_REF);
    expect(shown).not.toContain('Kriterien aus meiner Sicht');

    const [thread] = outbox(`escalation.thread:${escalationId()}:raised`);
    expect(thread!.target).toEqual({ kind: 'channel', teamId: 'fm-ue25', threadOf: escalationParentKey(escalationId()) });
    expect(textOf(thread!.message)).toContain('@{tl-mi-1}, @{tl-fm-ue25}');

    for (const lead of ['tl-mi-1', 'tl-fm-ue25']) {
      const [dm] = dmsTo(lead, 'escalation.decide');
      expect(dm).toContain(CLIENT);
      expect(dm).toContain('Kriterien aus meiner Sicht erfüllt');
    }
    expect(dmsTo(fm, 'escalation.decide')).toEqual([]);
    expect(world.store.audit.forCase(CODE).at(-1)).toMatchObject({ action: 'escalation.raised', actorId: 'ifk-lena' });
  });

  it('refuses someone not involved, a referral that was not declined, and a second open escalation — changing nothing', () => {
    assignedCase();
    let before = snapshot();
    expect(plain(run('ifk-lena', `eskalieren ${CODE} art=zugang grund="x"`))).toContain('wenn das FM eine Vormerkung abgelehnt hat');
    expect(snapshot()).toEqual(before);

    world.close();
    world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
    declinedCase();
    before = snapshot();
    expect(plain(run('ifk-murat', `eskalieren ${CODE} art=zugang grund="x"`))).toContain('können nur die vormerkende Fachkraft');
    expect(plain(run('ifk-lena', `eskalieren ${CODE} grund="x"`))).toContain('art: Bitte die Art angeben');
    expect(plain(run('ifk-lena', `eskalieren ${CODE} art=verlaengerung grund="x"`))).toContain('/fm verlaengern');
    expect(snapshot()).toEqual(before);

    ok('ifk-lena', `eskalieren ${CODE} art=zugang grund="x"`);
    before = snapshot();
    expect(plain(run('tl-mi-1', `eskalieren ${CODE} art=zugang grund="y"`))).toMatch(/ist schon eine Eskalation „Zugang“ offen/);
    expect(snapshot()).toEqual(before);
  });

  it('is idempotent per case and kind when a flow raises it again', () => {
    declinedCase();
    const first = raiseEscalation(deps(), { kind: 'zugang', caseCode: CODE, raisedBy: 'ifk-lena', reason: 'x' });
    const before = snapshot();
    const second = raiseEscalation(deps(), { kind: 'zugang', caseCode: CODE, raisedBy: 'ifk-lena', reason: 'x' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ escalation: first.escalation, created: false });
    expect(snapshot()).toEqual(before);
  });

  it('nests in an outer transaction: a failure after raising rolls the escalation back too', () => {
    declinedCase();
    const before = snapshot();
    expect(() =>
      world.store.transaction(() => {
        raiseEscalation(deps(), { kind: 'zugang', caseCode: CODE, raisedBy: 'ifk-lena', reason: 'x' });
        throw new Error('later step failed');
      }),
    ).toThrow('later step failed');
    expect(snapshot()).toEqual(before);
  });
});

describe('deciding jointly (R7)', () => {
  beforeEach(() => {
    declinedCase();
    ok('ifk-lena', `eskalieren ${CODE} art=zugang grund="Kriterien erfüllt"`);
  });

  it('needs both leads: after the first approval the case stays disputed, after the second the referral goes into the next round', () => {
    const fm = world.store.cases.byCode(CODE)!.assignedFmId!;
    expect(plain(approve('tl-mi-1'))).toContain('Es fehlt noch: Fallmanagement Ü25');
    expect(world.store.escalations.byId(escalationId())!.status).toBe('open');
    expect(world.store.cases.byCode(CODE)!.status).toBe('strittig');
    expect(world.store.cases.openReferrals({ receivingTeamIds: ['fm-ue25'] })).toHaveLength(0);

    expect(plain(approve('tl-fm-ue25'))).toContain('Zugang gewährt (R7)');
    const kase = world.store.cases.byCode(CODE)!;
    expect(kase.status).toBe('vorgemerkt');
    expect(kase.assignedFmId).toBeUndefined();
    expect(world.store.cases.openReferrals({ receivingTeamIds: ['fm-ue25'] }).map((c) => c.caseCode)).toEqual([CODE]);
    expect(world.store.escalations.byId(escalationId())!.status).toBe('approved');

    for (const person of ['ifk-lena', fm]) {
      const [dm] = dmsTo(person, 'escalation.outcome');
      expect(dm).toContain('entschieden: zugestimmt');
      expect(dm).toContain(CLIENT);
    }
    const updates = outbox(`escalation.update:${escalationId()}`);
    expect(updates.map((u) => u.target)).toEqual([
      { kind: 'channel', teamId: 'fm-ue25', replaces: escalationParentKey(escalationId()) },
      { kind: 'channel', teamId: 'fm-ue25', replaces: escalationParentKey(escalationId()) },
    ]);
    const last = textOf(updates.at(-1)!.message);
    expect(last).toContain('✅ zugestimmt am 20.10.2025 09:00');
    expect(last).not.toContain('[Zustimmen]');
    expect(outbox(`escalation.thread:${escalationId()}:vote`).map((v) => textOf(v.message))).toEqual([
      '✅ Andreas Wolf stimmt zu.',
      '✅ Michael Brandt stimmt zu.',
    ]);
    expect(world.store.audit.forCase(CODE).map((a) => a.action).slice(-5)).toEqual([
      'escalation.raised',
      'escalation.vote',
      'escalation.vote',
      'case.access.granted',
      'escalation.decided',
    ]);
  });

  it('one "Ablehnen" with a comment rejects: the decline stands, the comment reaches IFK and FM but not the channel', () => {
    const fm = world.store.cases.byCode(CODE)!.assignedFmId!;
    expect(plain(reject('tl-fm-ue25', 'Kapazität für diese Zielgruppe fehlt'))).toContain('Die Vormerkung bleibt abgelehnt');
    expect(world.store.cases.byCode(CODE)!.status).toBe('abgelehnt');
    expect(world.store.escalations.byId(escalationId())!.status).toBe('rejected');
    for (const person of ['ifk-lena', fm]) expect(dmsTo(person, 'escalation.outcome')[0]).toContain('„Kapazität für diese Zielgruppe fehlt“');
    const channel = world.store.outbox.all().filter((i) => i.target.kind === 'channel').map((i) => textOf(i.message));
    expect(channel.join('\n')).not.toContain('Kapazität für diese Zielgruppe');
  });

  it('refuses a rejection without comment, a third person, and a second vote of the same lead — each changing nothing', () => {
    approve('tl-mi-1');
    const before = snapshot();
    expect(plain(run('tl-fm-ue25', `eskalation-ablehnen ${escalationId()}`))).toContain('kommentar: Bitte begründen');
    expect(plain(approve('tl-mi-2'))).toContain('entscheiden nur Teamleitung Markt & Integration 1 (Andreas Wolf) und Teamleitung Fallmanagement Ü25 (Michael Brandt)');
    expect(plain(approve('fm-tobias'))).toContain('entscheiden nur');
    expect(plain(approve('ifk-lena'))).toContain('entscheiden nur');
    expect(plain(approve('tl-mi-1'))).toContain('bereits zugestimmt');
    expect(plain(reject('tl-mi-1', 'doch nicht'))).toContain('bereits zugestimmt');
    expect(snapshot()).toEqual(before);
  });

  it('a decided escalation stays decided: a late vote changes nothing', () => {
    reject('tl-mi-1', 'Zugang nicht begründet');
    const before = snapshot();
    expect(plain(approve('tl-fm-ue25'))).toContain('bereits entschieden (❌ abgelehnt am 20.10.2025 09:00)');
    expect(snapshot()).toEqual(before);
  });

  it('lets the deputy decide while the lead is absent, and only then', () => {
    expect(plain(approve('tl-mi-2'))).toContain('entscheiden nur');
    world.store.absences.add({ personId: 'tl-mi-1', from: '2025-10-20', to: '2025-10-24', recordedBy: 'tl-mi-1', recordedAt: world.clock.now() });

    expect(plain(approve('tl-mi-2'))).toContain('Es fehlt noch: Fallmanagement Ü25');
    const [vote] = world.store.escalations.byId(escalationId())!.votes;
    expect(vote).toMatchObject({ seat: 'mi-1', voterId: 'tl-mi-2', onBehalfOf: 'tl-mi-1', vote: 'approve' });
    expect(textOf(outbox(`escalation.thread:${escalationId()}:vote`)[0]!.message)).toBe('✅ Birgit Neumann (Vertretung für Andreas Wolf) stimmt zu.');
    // The seat is filled: the absent lead cannot vote it again.
    expect(plain(approve('tl-mi-1'))).toContain('Für Markt & Integration 1 hat Birgit Neumann (Vertretung für Andreas Wolf) bereits entschieden');
  });

  it('shows the case history to its leads and the staff involved, with the comments, and to no one else', () => {
    world.store.absences.add({ personId: 'tl-mi-1', from: '2025-10-20', to: '2025-10-24', recordedBy: 'tl-mi-1', recordedAt: world.clock.now() });
    approve('tl-mi-2');
    reject('tl-fm-ue25', 'Keine Kapazität');
    for (const person of ['ifk-lena', 'tl-mi-1', 'tl-fm-ue25', 'tl-mi-2']) {
      const history = ok(person, `verlauf ${CODE}`);
      expect(history).toContain(`Verlauf ${CODE}`);
      expect(history).toContain('Lena Schröder · vorgemerkt');
      expect(history).toContain('Lena Schröder · Eskalation Zugang (R7) ausgelöst');
      expect(history).toContain('Birgit Neumann · Eskalation Zugang (R7): zugestimmt (Vertretung für Andreas Wolf)');
      expect(history).toContain('Michael Brandt · Eskalation Zugang (R7): abgelehnt – „Keine Kapazität“');
      expect(history).toContain('Ablehnung bleibt bestehen (R7)');
      expect(history).toContain('Michael Brandt · Eskalation Zugang (R7) entschieden: abgelehnt');
    }
    const before = snapshot();
    for (const outsider of ['ifk-murat', 'fm-jonas', 'tl-fm-u25', 'gl-mitte']) {
      expect(plain(run(outsider, `verlauf ${CODE}`))).toContain('sehen nur die Teamleitungen der beteiligten Teams');
    }
    expect(snapshot()).toEqual(before);
  });
});

describe('an objection to a planned return (R25)', () => {
  beforeEach(() => {
    activeCase();
  });

  it('asks for the planned exit reason with the rules of /fm abgang', () => {
    const before = snapshot();
    expect(plain(run('ifk-lena', `eskalieren ${CODE} art=abgang grund="x"`))).toContain('abgangsgrund: Bitte den geplanten Abgangsgrund angeben');
    expect(plain(run('ifk-lena', `eskalieren ${CODE} art=abgang grund="x" abgangsgrund=nur-termine-versaeumt`))).toContain('(R23)');
    expect(plain(run('ifk-lena', `eskalieren ${CODE} art=abgang grund="x" abgangsgrund=kein-potenzial`))).toContain('empfehlung:');
    expect(snapshot()).toEqual(before);
  });

  it('return allowed: the case ends with the planned reason; both leads needed', () => {
    const fm = world.store.cases.byCode(CODE)!.assignedFmId!;
    ok('ifk-lena', `eskalieren ${CODE} art=abgang abgangsgrund=keine-mitwirkung grund="Mitwirkung war zuletzt gut"`);
    expect(dmsTo('tl-mi-1', 'escalation.decide')[0]).toContain('Dauerhaft fehlende Mitwirkung');
    // While the objection is open the FM cannot end the case on their own (R25).
    expect(plain(run(fm, `abgang ${CODE} grund=keine-mitwirkung`))).toMatch(/Einspruch offen \(R25\)|R25/);
    expect(world.store.cases.byCode(CODE)!.status).toBe('aktiv');
    approve('tl-fm-ue25');
    expect(world.store.cases.byCode(CODE)!.status).toBe('aktiv');
    expect(plain(approve('tl-mi-1'))).toContain('Der Abgang findet statt');
    expect(world.store.cases.byCode(CODE)).toMatchObject({ status: 'beendet', endReason: 'keine-mitwirkung', endedOn: '2025-10-20', exitSuccessful: false });
    expect(dmsTo(fm, 'escalation.outcome')[0]).toContain('Rückgabegespräch');
    expect(world.store.audit.forCase(CODE).some((a) => a.action === 'case.exit' && a.details.escalationId === escalationId())).toBe(true);
  });

  it('return refused: the case stays in case management', () => {
    ok(world.store.cases.byCode(CODE)!.assignedFmId!, `eskalieren ${CODE} art=abgang abgangsgrund=angebote-erschoepft grund="IFK widerspricht"`);
    expect(plain(reject('tl-mi-1', 'Es gibt noch ein passendes Angebot'))).toContain('Der Fall bleibt im Fallmanagement');
    expect(world.store.cases.byCode(CODE)).toMatchObject({ status: 'aktiv' });
    expect(world.store.cases.byCode(CODE)!.endReason).toBeUndefined();
  });
});

describe('an extension beyond 48 months (R19)', () => {
  let fm: string;
  let extensionId: number;
  beforeEach(() => {
    fm = activeCase();
    // Two extensions done: planned end at 48 months; six more need the lead's consent.
    world.store.cases.transition(CODE, ['aktiv'], 'aktiv', { extensions: 2, plannedEndOn: '2029-10-20' }, world.clock.now());
    extensionId = world.store.extensions.request({ caseCode: CODE, months: 6, reason: 'Therapie läuft bis Frühjahr', requestedBy: fm, requestedAt: world.clock.now() }).id;
    raiseEscalation(deps(), { kind: 'verlaengerung', caseCode: CODE, extensionId, raisedBy: fm, reason: 'Therapie läuft bis Frühjahr' });
  });

  it('is decided by the FM team lead alone; granted, the planned end moves by the requested months', () => {
    const parent = textOf(outbox(escalationParentKey(escalationId()))[0]!.message);
    expect(parent).toContain('Verlängerung mit Zustimmung der Teamleitung (R19)');
    expect(parent).toContain('Neues geplantes Ende: 20.04.2030');
    expect(parent).toContain('Entscheiden: Teamleitung Fallmanagement Ü25 (Michael Brandt)');
    expect(plain(approve('tl-mi-1'))).toContain('entscheiden nur');

    expect(plain(approve('tl-fm-ue25'))).toContain('verlängert bis 20.04.2030');
    expect(world.store.cases.byCode(CODE)).toMatchObject({ plannedEndOn: '2030-04-20', extensions: 3 });
    expect(world.store.extensions.forCase(CODE).find((x) => x.id === extensionId)).toMatchObject({ status: 'granted', decidedBy: 'tl-fm-ue25' });
    expect(dmsTo(fm, 'escalation.outcome')[0]).toContain('verlängert bis 20.04.2030');
  });

  it('is closed when the case ends before the lead decides; no reminders for an ended case', () => {
    expect(plain(run(fm, `abgang ${CODE} grund=integration`))).not.toMatch(/⚠/);
    expect(plain(run('ifk-lena', `rueckgabe ${CODE} bestaetigt`))).toContain('Beendet am');
    expect(world.store.escalations.openFor(CODE, 'verlaengerung')).toBeUndefined();
    expect(world.store.extensions.forCase(CODE)[0]!.status).toBe('rejected');
    expect(world.store.audit.forCase(CODE).map((a) => a.action)).toEqual(expect.arrayContaining(['escalation.withdrawn', 'case.extension.withdrawn']));
    expect(textOf(outbox(`escalation.thread:${escalationId()}:withdrawn`)[0]!.message)).toContain('gegenstandslos');
    expect(plain(approve('tl-fm-ue25'))).not.toContain('verlängert');
  });

  it('is closed when the leads allow the return (R25) before the lead decides the extension', () => {
    ok('ifk-lena', `eskalieren ${CODE} art=abgang abgangsgrund=keine-mitwirkung grund="Mitwirkung fehlt dauerhaft"`);
    approve('tl-mi-1');
    expect(plain(approve('tl-fm-ue25'))).toContain('Der Abgang findet statt');

    expect(world.store.cases.byCode(CODE)).toMatchObject({ status: 'beendet', plannedEndOn: '2029-10-20', extensions: 2 });
    expect(world.store.extensions.forCase(CODE).find((x) => x.id === extensionId)!.status).toBe('rejected');
    const extension = world.store.escalations.forCase(CODE).find((e) => e.kind === 'verlaengerung')!;
    expect(extension.status).toBe('rejected');
    expect(world.store.audit.forCase(CODE).map((a) => a.action)).toEqual(expect.arrayContaining(['escalation.withdrawn', 'case.extension.withdrawn']));
    expect(textOf(outbox(`escalation.thread:${extension.id}:withdrawn`)[0]!.message)).toContain('gegenstandslos');
    // Nothing is left for the FM team lead to decide.
    expect(plain(approve('tl-fm-ue25', extension.id))).toContain('bereits entschieden');
    expect(world.store.cases.byCode(CODE)).toMatchObject({ status: 'beendet', plannedEndOn: '2029-10-20', extensions: 2 });
  });

  it('refused, the request is rejected and the planned end stays', () => {
    reject('tl-fm-ue25', 'Keine besonderen Umstände');
    expect(world.store.cases.byCode(CODE)).toMatchObject({ plannedEndOn: '2029-10-20', extensions: 2 });
    expect(world.store.extensions.forCase(CODE)[0]!.status).toBe('rejected');
  });

  it('the lead who raised it cannot decide it alone, their deputy can', () => {
    world.close();
    world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
    activeCase();
    world.store.cases.transition(CODE, ['aktiv'], 'aktiv', { extensions: 2, plannedEndOn: '2029-10-20' }, world.clock.now());
    const id = world.store.extensions.request({ caseCode: CODE, months: 6, reason: 'x', requestedBy: 'tl-fm-ue25', requestedAt: world.clock.now() }).id;
    raiseEscalation(deps(), { kind: 'verlaengerung', caseCode: CODE, extensionId: id, raisedBy: 'tl-fm-ue25', reason: 'x' });
    const before = snapshot();
    expect(plain(approve('tl-fm-ue25'))).toContain('nicht allein entscheiden');
    expect(snapshot()).toEqual(before);
    expect(dmsTo('fm-tobias', 'escalation.decide')[0]).toContain('Vertretung für Michael Brandt');
    expect(plain(approve('fm-tobias'))).toContain('verlängert bis 20.04.2030');
  });
});

describe('a round beyond capacity (R4)', () => {
  let roundId: number;
  beforeEach(() => {
    world.close();
    const org = exampleOrg();
    org.teams.find((t) => t.id === 'fm-ue25')!.caseloadRatio = 1; // capacities 1, 0.5, 1, 1
    world = createWorld({ now: '2025-10-20T09:00:00+02:00', org });
    for (let i = 0; i < 6; i++) ok('ifk-lena', referral(`100A00000${i}`));
    world.clock.set(Date.parse('2025-10-27T09:00:00+01:00')); // a week later
    ok('fm-tobias', 'runde');
    const round = world.store.rounds.currentProposal('fm-ue25')!;
    roundId = round.id;
    expect(round.rows.some((r) => r.overflow)).toBe(true);
    raiseCapacityEscalation(deps(), round, world.clock.now());
  });

  const capacity = () => world.store.escalations.listOpen().find((e) => e.kind === 'kapazitaet')!;
  const overflowCodes = () => world.store.rounds.byId(roundId)!.rows.filter((r) => r.overflow).map((r) => r.caseCode);

  it('names all overflow cases in the channel, decided by the FM team lead', () => {
    const e = capacity();
    expect(e.caseCode).toBe(overflowCodes()[0]);
    expect(e.raisedBy).toBe('system');
    const parent = textOf(outbox(escalationParentKey(e.id))[0]!.message);
    expect(parent).toContain(`Fälle: ${overflowCodes().join(', ')}`);
    expect(parent).toContain('Ausgelöst von: FM-Lotse (automatisch)');
    expect(parent).toContain('Zuweisungsrunde: 27.10.2025');
    expect(dmsTo('tl-fm-ue25', 'escalation.decide')).toHaveLength(1);
  });

  it('approved: the overflow referrals are assigned beyond capacity to the proposed FMs (R4)', () => {
    const e = capacity();
    const rows = world.store.rounds.byId(roundId)!.rows.filter((r) => r.overflow);
    const outcome = plain(approve('tl-fm-ue25', e.id));
    for (const row of rows) {
      expect(outcome).toContain(`${row.caseCode} → ${world.org.person(row.fmId!)!.name} zugewiesen, über die Kapazität`);
      expect(world.store.cases.byCode(row.caseCode)).toMatchObject({ status: 'zugewiesen', assignedFmId: row.fmId });
      expect(dmsTo(row.fmId!, 'case.assigned.fm').join('\n')).toContain(row.caseCode);
    }
  });

  it('rejected without more: the deadlines move by 14 working days from the old one, both dates and the reason to the IFK (R4)', () => {
    const e = capacity();
    const before = overflowCodes().map((c) => world.store.cases.byCode(c)!.intakeDeadline);
    expect(before.every((d) => d === '2025-11-10')).toBe(true); // 14 working days after 20.10., 31.10. a holiday
    expect(plain(reject('tl-fm-ue25', 'Zwei Kolleginnen kommen im November zurück', e.id))).toContain('Übernahmefrist vom 10.11.2025 auf den 28.11.2025 verschoben');
    for (const code of overflowCodes()) {
      expect(world.store.cases.byCode(code)).toMatchObject({ status: 'vorgemerkt', intakeDeadline: '2025-11-28' });
      expect(world.store.audit.forCase(code).at(-2)).toMatchObject({ action: 'case.intake.deferred', details: { from: '2025-11-10', to: '2025-11-28', workingDays: 14 } });
    }
    const toIfk = dmsTo('ifk-lena', 'case.intake.deferred').join('\n');
    expect(toIfk).toContain('vom 10.11.2025 auf den 28.11.2025');
    expect(toIfk).toContain('Grund: „Zwei Kolleginnen kommen im November zurück“');
  });
});

describe('decisions typed as thread replies', () => {
  it('reads "zustimmen" and "ablehnen <Begründung>", and nothing else (the platforms remove their mentions first)', () => {
    expect(parseThreadVote('zustimmen')).toEqual({ vote: 'approve' });
    expect(parseThreadVote('Zustimmen!')).toEqual({ vote: 'approve' });
    expect(parseThreadVote(' ablehnen: keine Kapazität')).toEqual({ vote: 'reject', comment: 'keine Kapazität' });
    expect(parseThreadVote('Ablehnen')).toEqual({ vote: 'reject' });
    expect(parseThreadVote('<@U0BOT> zustimmen')).toBeUndefined(); // Slack's syntax is the Slack platform's business
    expect(parseThreadVote('Ich würde eher zustimmen')).toBeUndefined();
    expect(parseThreadVote('zustimmenswert')).toBeUndefined();
  });

  it('ignores replies in threads that are not an escalation', () => {
    expect(world.bot.handleThreadReply(as('tl-fm-ue25'), { channelId: 'C0FMUE25', threadId: '1.2', text: 'zustimmen' })).toBeUndefined();
  });
});
