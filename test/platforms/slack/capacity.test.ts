/**
 * A round with more referrals than capacity, end to end in Slack (R4, R9): signed slash commands, clicks and a
 * modal over HTTP into the real Bolt app, the real Bot on a temp SQLite file, the real Delivery and the fake
 * Slack Web API. The demo organisation with a caseload ratio of 1 in FM Ü25: Tobias and Stefan can take one
 * case each, half-time Aylin none, Katrin is absent. Monday 21.12.2026 Lena refers four clients; the team
 * meets on Tuesday 22.12.2026 at 09:00.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/app/delivery.js';
import { referralLine } from '../../support/build.js';
import type { FakeSlack, SlackCall } from '../../support/fakeSlack.js';
import { blockActions, post, slashCommand, TEST_TEAM, viewSubmission } from '../../support/slackRequests.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';
import { exampleOrg, type World } from '../../support/world.js';

const TEAM_CHANNEL = 'C0FMUE25';
const TEAM = 'fm-ue25';
const USER = { lead: 'U0TLFMUE25', tobias: 'U0FMTOBIAS', stefan: 'U0FMSTEFAN', lena: 'U0IFKLENA' } as const;
const CLIENTS = ['100A000000', '100A000001', '100A000002', '100A000003'];
const CLIENT_REF = /\d{3}[A-Z]\d{6}/;

let slack: SlackWorld;
let world: World;
let fake: FakeSlack;
let delivery: Delivery;
let events: string;

beforeEach(async () => {
  const org = exampleOrg();
  org.teams.find((t) => t.id === TEAM)!.caseloadRatio = 1;
  slack = await startSlackWorld('2026-12-21T09:00:00+01:00', org);
  ({ world, fake, delivery, events } = slack);
});
afterEach(() => slack.close());

const shown = (call: SlackCall): string => JSON.stringify(call.params);
const lines = (call: SlackCall): string[] =>
  (call.params.blocks as Array<{ text?: { text: string }; fields?: Array<{ text: string }> }>).flatMap((b) => [
    ...(b.text ? b.text.text.split('\n') : []),
    ...(b.fields ?? []).map((f) => f.text),
  ]);
const buttons = (call: SlackCall): Array<{ action_id: string; value: string; text: { text: string } }> =>
  (call.params.blocks as Array<{ type: string; elements?: any[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

function callsSince(mark: number, method: string): SlackCall[] {
  return fake.calls.slice(mark).filter((c) => c.method === method);
}
async function waitSince(mark: number, method: string, count = 1): Promise<SlackCall[]> {
  await fake.waitFor(method, fake.calls.slice(0, mark).filter((c) => c.method === method).length + count);
  return callsSince(mark, method);
}
const TS_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'views.open']);
function tsOf(call: SlackCall): string {
  const n = fake.calls.slice(0, fake.calls.indexOf(call) + 1).filter((c) => TS_METHODS.has(c.method)).length;
  return `1700000000.${String(n).padStart(6, '0')}`;
}

async function slash(userId: string, text: string, channelId = TEAM_CHANNEL): Promise<SlackCall> {
  const mark = fake.calls.length;
  expect((await post(events, slashCommand({ text, userId, channelId }))).status).toBe(200);
  const [reply] = await waitSince(mark, 'chat.postEphemeral');
  return reply!;
}

function click(posted: SlackCall, userId: string, actionId: string, value: string) {
  return post(events, blockActions({ userId, channelId: posted.params.channel, messageTs: tsOf(posted), actionId, value, responseUrl: fake.responseUrl() }));
}

let eventCounter = 0;
/** A reply in a channel thread, as the Events API delivers it. */
function threadReply(userId: string, text: string, threadTs: string) {
  eventCounter++;
  const ts = `1700000100.${String(eventCounter).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEST_TEAM.id,
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: `Ev0CAP${eventCounter}`,
    event_time: 1_700_000_100 + eventCounter,
    authorizations: [{ enterprise_id: null, team_id: TEST_TEAM.id, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event: { type: 'message', channel: TEAM_CHANNEL, channel_type: 'channel', user: userId, text, ts, event_ts: ts, thread_ts: threadTs },
  });
  return post(events, body, { headers: { 'content-type': 'application/json' } });
}

interface Setup {
  round: SlackCall;
  parent: SlackCall;
  escalationId: number;
  held: string[];
  within: Array<{ caseCode: string; fmId: string }>;
}

/** Lena's four referrals on Monday; Tobias asks for the round on Tuesday 09:00; everything is delivered. */
async function roundBeyondCapacity(): Promise<Setup> {
  for (const kunde of CLIENTS) await slash(USER.lena, referralLine({ kunde }), 'C0MI1');
  await delivery.flush();
  world.clock.set(Date.parse('2026-12-22T09:00:00+01:00'));
  const mark = fake.calls.length;
  await slash(USER.tobias, 'runde');
  await delivery.flush();
  const posts = callsSince(mark, 'chat.postMessage').filter((c) => c.params.channel === TEAM_CHANNEL && !c.params.thread_ts);
  const posted = posts.find((p) => buttons(p).some((b) => b.action_id === 'round.confirm'))!;
  // The round's message is updated in place once the capacity escalation has its number.
  const update = callsSince(mark, 'chat.update').find((u) => u.params.ts === tsOf(posted));
  expect(update).toBeDefined();
  const round = { ...posted, params: { ...posted.params, blocks: update!.params.blocks } } as SlackCall;
  const parent = posts.find((p) => buttons(p).some((b) => b.action_id === 'escalation.approve'))!;
  const rows = world.store.rounds.currentProposal(TEAM)!.rows;
  const escalation = world.store.escalations.listOpen().find((e) => e.kind === 'kapazitaet')!;
  return {
    round,
    parent,
    escalationId: escalation.id,
    held: rows.filter((r) => r.overflow || r.fmId === undefined).map((r) => r.caseCode),
    within: rows.filter((r) => !r.overflow && r.fmId !== undefined).map((r) => ({ caseCode: r.caseCode, fmId: r.fmId! })),
  };
}

/** Confirms the round with the lead's click on "Vorschlag übernehmen"; returns the private note. */
async function confirm(setup: Setup): Promise<SlackCall> {
  const mark = fake.calls.length;
  await click(setup.round, USER.lead, 'round.confirm', String(world.store.rounds.currentProposal(TEAM)!.id));
  const [note] = await waitSince(mark, 'chat.postEphemeral');
  return note!;
}

const status = (code: string) => world.store.cases.byCode(code)!;
const dmsTo = (calls: SlackCall[], user: string) => calls.filter((c) => c.params.channel === user).map(shown);

describe('a round beyond capacity waits for the lead (R4, R9)', () => {
  it('R4: marks the rows above capacity with the escalation number; confirming assigns only within capacity while the decision is open', async () => {
    const setup = await roundBeyondCapacity();
    const { escalationId, held, within } = setup;
    expect(within).toHaveLength(2); // Tobias and Stefan one case each
    expect(held).toHaveLength(2);

    // The proposal marks each row above capacity as waiting for the lead, with the escalation's number.
    for (const code of held) {
      expect(lines(setup.round).find((l) => l.includes(code))).toContain(`wartet auf die Teamleitung (Eskalation Nr. ${escalationId}, R4)`);
    }
    // Every escalation message shows its number, and how to decide by typing (item 6).
    expect(lines(setup.parent).join('\n')).toContain(`Nummer*\n${escalationId}`);
    expect(shown(setup.parent)).toContain(`/fm kapazitaet ${escalationId} zuweisen fm=`);
    expect(buttons(setup.parent).map((b) => b.text.text)).toEqual(['Wie vorgeschlagen zuweisen', 'Anders entscheiden …']);
    expect(shown(setup.parent)).not.toMatch(CLIENT_REF);

    const confirmMark = fake.calls.length;
    const note = await confirm(setup);
    expect(note.params.text).toContain('2 Fälle zugewiesen');
    expect(note.params.text).toContain(`Über Kapazität und daher noch nicht zugewiesen: ${held.join(', ')}`);
    for (const { caseCode, fmId } of within) expect(status(caseCode)).toMatchObject({ status: 'zugewiesen', assignedFmId: fmId });
    for (const code of held) expect(status(code)).toMatchObject({ status: 'vorgemerkt' });
    expect(world.store.cases.list({ statuses: ['zugewiesen'] })).toHaveLength(2);
    expect(world.store.escalations.byId(escalationId)!.status).toBe('open');

    const mark = fake.calls.length;
    await delivery.flush();
    const dms = callsSince(mark, 'chat.postMessage').filter((c) => c.params.channel !== TEAM_CHANNEL);
    expect(dms).toHaveLength(4); // FM and IFK of each assigned case, nothing about the held ones
    for (const code of held) expect(dms.map(shown).join()).not.toContain(code);
    const update = callsSince(confirmMark, 'chat.update').find((u) => u.params.ts === setup.round.params.ts || u.params.channel === TEAM_CHANNEL)!;
    for (const code of held) expect(lines(update).find((l) => l.includes(code))).toContain('nicht zugewiesen: über Kapazität, entscheidet die Teamleitung (R4)');
  });

  it('R4 "zuweisen fm=…": the held referrals go to the named FM above capacity; the team, the FM and the IFK are told', async () => {
    const setup = await roundBeyondCapacity();
    await confirm(setup);
    await delivery.flush();

    const reply = await slash(USER.lead, `kapazitaet ${setup.escalationId} zuweisen fm=fm-stefan`);
    for (const code of setup.held) {
      expect(reply.params.text).toContain(`${code} → Stefan Meyer zugewiesen, über die Kapazität`);
      expect(status(code)).toMatchObject({ status: 'zugewiesen', assignedFmId: 'fm-stefan' });
      expect(world.store.audit.forCase(code).find((a) => a.action === 'case.assigned')).toMatchObject({ details: { escalationId: setup.escalationId, fmId: 'fm-stefan', overflow: true } });
    }
    expect(world.store.escalations.byId(setup.escalationId)!.status).toBe('approved');

    const mark = fake.calls.length;
    await delivery.flush();
    const posts = callsSince(mark, 'chat.postMessage');
    const thread = posts.filter((c) => c.params.thread_ts === tsOf(setup.parent)).map(shown).join();
    for (const code of setup.held) expect(thread).toContain(`${code} → Stefan Meyer zugewiesen, über die Kapazität`);
    expect(thread).not.toMatch(CLIENT_REF);
    const parentNow = callsSince(mark, 'chat.update').filter((u) => u.params.ts === tsOf(setup.parent)).at(-1)!;
    expect(shown(parentNow)).toContain('entschieden am 22.12.2026 09:00 (siehe Thread)');
    expect(buttons(parentNow)).toHaveLength(0);
    const toStefan = dmsTo(posts, USER.stefan);
    const toLena = dmsTo(posts, USER.lena);
    for (const code of setup.held) {
      const client = status(code).clientRef;
      expect(toStefan.find((d) => d.includes(code))).toContain('über deine Kapazität hinaus');
      expect(toStefan.find((d) => d.includes(code))).toContain(client);
      expect(toLena.find((d) => d.includes(code))).toContain('über die Kapazität hinaus');
    }
  });

  it('R4 "Anders entscheiden …" → verschieben: the intake deadline moves by N working days; the IFK reads the old and the new date and the reason', async () => {
    const setup = await roundBeyondCapacity();
    await confirm(setup);
    await delivery.flush();
    for (const code of setup.held) expect(status(code).intakeDeadline).toBe('2027-01-12'); // 14 working days from 21.12.2026

    const mark = fake.calls.length;
    await click(setup.parent, USER.lead, 'escalation.reject', String(setup.escalationId));
    const [open] = await waitSince(mark, 'views.open');
    const view = open!.params.view;
    expect(JSON.parse(view.private_metadata)).toMatchObject({ command: 'kapazitaet' });
    expect(shown(open!)).toContain('Übernahmefrist um N Arbeitstage verschieben');

    const submitMark = fake.calls.length;
    const values = { eskalation: String(setup.escalationId), entscheidung: 'verschieben', tage: '5', grund: 'Stefan kommt im Januar mit voller Stelle zurück' };
    expect((await post(events, viewSubmission({ userId: USER.lead, view, values }))).status).toBe(200);
    const [note] = await waitSince(submitMark, 'chat.postEphemeral');
    for (const code of setup.held) {
      expect(note!.params.text).toContain(`${code}: Übernahmefrist vom 12.01.2027 auf den 19.01.2027 verschoben`);
      expect(status(code)).toMatchObject({ status: 'vorgemerkt', intakeDeadline: '2027-01-19' });
    }

    const flushMark = fake.calls.length;
    await delivery.flush();
    const posts = callsSince(flushMark, 'chat.postMessage');
    const thread = posts.filter((c) => c.params.thread_ts === tsOf(setup.parent)).map(shown).join();
    expect(thread).toContain('vom 12.01.2027 auf den 19.01.2027');
    expect(thread).not.toContain('Stefan kommt im Januar'); // the reason goes by direct message only
    const toLena = dmsTo(posts, USER.lena).join();
    expect(toLena).toContain('um 5 Arbeitstage vom 12.01.2027 auf den 19.01.2027');
    expect(toLena).toContain('Grund: „Stefan kommt im Januar mit voller Stelle zurück“');
  });

  it('R4 "zurueckgeben": the held referrals go back to the IFK with the reason; the round stays as confirmed', async () => {
    const setup = await roundBeyondCapacity();
    await confirm(setup);
    await delivery.flush();

    const reply = await slash(USER.lead, `kapazitaet ${setup.escalationId} zurueckgeben grund="Team bis Februar voll ausgelastet"`);
    for (const code of setup.held) {
      expect(reply.params.text).toContain(`${code}: an die IFK zurückgegeben`);
      expect(status(code)).toMatchObject({ status: 'abgelehnt', declinedReason: 'Team bis Februar voll ausgelastet' });
      expect(status(code).assignedFmId).toBeUndefined();
    }
    for (const { caseCode, fmId } of setup.within) expect(status(caseCode)).toMatchObject({ status: 'zugewiesen', assignedFmId: fmId });

    const mark = fake.calls.length;
    await delivery.flush();
    const posts = callsSince(mark, 'chat.postMessage');
    expect(posts.filter((c) => c.params.channel === TEAM_CHANNEL).map(shown).join()).not.toContain('voll ausgelastet');
    const toLena = dmsTo(posts, USER.lena);
    for (const code of setup.held) expect(toLena.find((d) => d.includes(code))).toContain('Grund: „Team bis Februar voll ausgelastet“');
  });

  it('R4 "ablehnen <Begründung>" in the thread: the same deadline move as the typed and form decisions, 14 working days', async () => {
    const setup = await roundBeyondCapacity();
    await confirm(setup);
    await delivery.flush();

    const mark = fake.calls.length;
    expect((await threadReply(USER.lead, '<@U0BOT> ablehnen Neue Kollegin ab Februar', tsOf(setup.parent))).status).toBe(200);
    const [note] = await waitSince(mark, 'chat.postEphemeral');
    for (const code of setup.held) {
      expect(note!.params.text).toContain(`${code}: Übernahmefrist vom 12.01.2027 auf den 01.02.2027 verschoben`);
      expect(status(code)).toMatchObject({ status: 'vorgemerkt', intakeDeadline: '2027-02-01' });
      const entries = world.store.audit.forCase(code).filter((a) => a.action === 'case.intake.deferred');
      expect(entries).toEqual([expect.objectContaining({ actorId: 'tl-fm-ue25', details: { escalationId: setup.escalationId, from: '2027-01-12', to: '2027-02-01', workingDays: 14 } })]);
    }
    const flushMark = fake.calls.length;
    await delivery.flush();
    const toLena = dmsTo(callsSince(flushMark, 'chat.postMessage'), USER.lena).join();
    expect(toLena).toContain('um 14 Arbeitstage vom 12.01.2027 auf den 01.02.2027');
    expect(toLena).toContain('Grund: „Neue Kollegin ab Februar“');
  });

  it('R4 case by case: one referral to a named FM, the other returned; the escalation stays open until the last is decided', async () => {
    const setup = await roundBeyondCapacity();
    await confirm(setup);
    await delivery.flush();
    const [first, second] = setup.held as [string, string];

    const partial = await slash(USER.lead, `kapazitaet ${setup.escalationId} zuweisen fm=fm-tobias fall=${first}`);
    expect(partial.params.text).toContain(`Teilweise entschieden (R4): ${first} → Tobias Krüger zugewiesen, über die Kapazität. Noch offen: ${second}.`);
    expect(status(first)).toMatchObject({ status: 'zugewiesen', assignedFmId: 'fm-tobias' });
    expect(status(second).status).toBe('vorgemerkt');
    expect(world.store.escalations.byId(setup.escalationId)!.status).toBe('open');

    // The decided one cannot be decided again; a case outside the escalation is refused too — nothing changes.
    const before = world.counts();
    expect((await slash(USER.lead, `kapazitaet ${setup.escalationId} zurueckgeben grund="x" fall=${first}`)).params.text).toContain(`${first} ist in der Eskalation Nr. ${setup.escalationId} bereits entschieden`);
    expect((await slash(USER.lead, `kapazitaet ${setup.escalationId} zurueckgeben grund="x" fall=${setup.within[0]!.caseCode}`)).params.text).toContain(`Noch offen sind: ${second}`);
    expect(world.counts()).toEqual(before);

    const last = await slash(USER.lead, `kapazitaet ${setup.escalationId} zurueckgeben grund="Passt besser zu einer Maßnahme" fall=${second}`);
    expect(last.params.text).toContain(`${second}: an die IFK zurückgegeben`);
    expect(last.params.text).not.toContain(`${first} →`); // decided before, not again
    expect(last.params.text).not.toContain(`${first}: unverändert`);
    expect(status(second)).toMatchObject({ status: 'abgelehnt', declinedReason: 'Passt besser zu einer Maßnahme' });
    expect(status(first)).toMatchObject({ status: 'zugewiesen', assignedFmId: 'fm-tobias' });
    expect(world.store.escalations.byId(setup.escalationId)!.status).not.toBe('open');

    const mark = fake.calls.length;
    await delivery.flush();
    const posts = callsSince(mark, 'chat.postMessage');
    const thread = posts.filter((c) => c.params.thread_ts === tsOf(setup.parent)).map(shown).join();
    expect(thread).toContain(`${first} → Tobias Krüger zugewiesen, über die Kapazität`);
    expect(thread).toContain(`${second}: an die IFK zurückgegeben`);
    expect(thread).not.toMatch(CLIENT_REF);
    expect(dmsTo(posts, USER.tobias).find((d) => d.includes(first))).toContain('über deine Kapazität hinaus');
    expect(dmsTo(posts, USER.lena).find((d) => d.includes(second))).toContain('Grund: „Passt besser zu einer Maßnahme“');
  });

  it('R4: only the lead decides, and a decision missing its details is refused naming the field — nothing changes', async () => {
    const setup = await roundBeyondCapacity();
    await confirm(setup);
    await delivery.flush();
    const before = { ...world.counts(), held: setup.held.map(status) };

    expect((await slash(USER.tobias, `kapazitaet ${setup.escalationId} zuweisen`)).params.text).toContain('entscheiden nur Teamleitung Fallmanagement Ü25');
    expect((await slash(USER.lead, `kapazitaet ${setup.escalationId} verschieben grund="x"`)).params.text).toContain('tage:');
    expect((await slash(USER.lead, `kapazitaet ${setup.escalationId} verschieben tage=0 grund="x"`)).params.text).toContain('1 bis 60');
    expect((await slash(USER.lead, `kapazitaet ${setup.escalationId} zurueckgeben`)).params.text).toContain('grund:');
    expect((await slash(USER.lead, `kapazitaet ${setup.escalationId} zuweisen verschieben`)).params.text).toContain('Bitte so: `/fm kapazitaet &lt;Nr&gt; zuweisen');
    expect((await slash(USER.lead, `kapazitaet ${setup.escalationId} zuweisen fm=fm-jonas`)).params.text).toContain('fm: „fm-jonas“ ist keine Fallmanager:in');
    expect({ ...world.counts(), held: setup.held.map(status) }).toEqual(before);
    expect(world.store.escalations.byId(setup.escalationId)!.status).toBe('open');
  });
});
