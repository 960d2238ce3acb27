/**
 * The weekly assignment round (R9) end to end in Slack: signed slash commands and block_actions over HTTP
 * into the real Bolt app, the real Bot on a temp SQLite file with the demo organisation, the real Delivery,
 * and the fake Slack Web API recording what each person would see.
 *
 * Monday 21.12.2026 six IFKs refer clients to FM Ü25; on Tuesday 22.12.2026 09:00 the team meets. Katrin
 * is absent from 21.12.2026 to 04.01.2027; Aylin works half time (capacity 75 instead of 150).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/app/delivery.js';
import type { SlackPlatform } from '../../../src/platforms/slack/app.js';
import { referralLine } from '../../support/build.js';
import type { FakeSlack, SlackCall } from '../../support/fakeSlack.js';
import { blockActions, post, slashCommand } from '../../support/slackRequests.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';
import type { World } from '../../support/world.js';

const TEAM_CHANNEL = 'C0FMUE25';
const TEAM = 'fm-ue25';
const TUESDAY_MEETING = Date.parse('2026-12-22T09:00:00+01:00');

const USER = {
  tobias: 'U0FMTOBIAS',
  aylin: 'U0FMAYLIN',
  katrin: 'U0FMKATRIN',
  stefan: 'U0FMSTEFAN',
  lead: 'U0TLFMUE25',
  jonas: 'U0FMJONAS', // FM of the U25 team, not a member of FM Ü25
} as const;

const FM_SLACK_IDS: Record<string, string> = {
  'fm-tobias': USER.tobias,
  'fm-aylin': USER.aylin,
  'fm-katrin': USER.katrin,
  'fm-stefan': USER.stefan,
};

/** Who refers which client (Lena twice), from which Slack conversation. */
const REFERRALS = [
  { ifk: 'ifk-lena', user: 'U0IFKLENA', channel: 'C0MI1', client: '100A000000' },
  { ifk: 'ifk-murat', user: 'U0IFKMURAT', channel: 'C0MI1', client: '100A000001' },
  { ifk: 'ifk-felix', user: 'U0IFKFELIX', channel: 'D0IFKFELIX', client: '100A000002', hb: 'sucht,wohnen,schulden' },
  { ifk: 'ifk-anna', user: 'U0IFKANNA', channel: 'D0IFKANNA', client: '100A000003' },
  { ifk: 'ifk-sabine', user: 'U0IFKSABINE', channel: 'C0MI1', client: '100A000004' },
  { ifk: 'ifk-lena', user: 'U0IFKLENA', channel: 'C0MI1', client: '100A000005' },
] as const;
const IFK_SLACK_IDS = new Map<string, string>(REFERRALS.map((r) => [r.ifk, r.user]));

/** A pseudonymous client reference (customer number); none may reach the team channel. */
const CLIENT_REF = /\d{3}[A-Z]\d{6}/;

let world: World;
let fake: FakeSlack;
let platform: SlackPlatform;
let delivery: Delivery;
let events: string;

let slack: SlackWorld;
beforeEach(async () => {
  slack = await startSlackWorld('2026-12-21T09:00:00+01:00');
  ({ world, fake, platform, delivery, events } = slack);
});
afterEach(() => slack.close());

// --- what users see -----------------------------------------------------------------------------------

/** Calls of `method` that arrived after `mark` (an index into fake.calls). */
function callsSince(mark: number, method: string): SlackCall[] {
  return fake.calls.slice(mark).filter((c) => c.method === method);
}

/** Waits until `count` calls of `method` arrived after `mark`. */
async function waitSince(mark: number, method: string, count = 1): Promise<SlackCall[]> {
  await fake.waitFor(method, fake.calls.slice(0, mark).filter((c) => c.method === method).length + count);
  return callsSince(mark, method);
}

/** FakeSlack numbers the ts of every message it creates (postMessage, postEphemeral, views.open) in one sequence. */
const TS_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'views.open']);
function tsOf(call: SlackCall): string {
  const n = fake.calls.slice(0, fake.calls.indexOf(call) + 1).filter((c) => TS_METHODS.has(c.method)).length;
  return `1700000000.${String(n).padStart(6, '0')}`;
}

const shown = (call: SlackCall): string => JSON.stringify(call.params);

type Accessory = { type: string; action_id: string; options: Array<{ value: string; text: { text: string } }>; initial_option?: { value: string } };
const selects = (call: SlackCall): Accessory[] =>
  (call.params.blocks as Array<{ accessory?: Accessory }>).flatMap((b) => (b.accessory?.type === 'static_select' ? [b.accessory] : []));
const buttons = (call: SlackCall): Array<{ action_id: string; value: string; text: { text: string } }> =>
  (call.params.blocks as Array<{ type: string; elements?: any[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
/** The text lines of a message's sections, as people read them. */
const lines = (call: SlackCall): string[] =>
  (call.params.blocks as Array<{ text?: { text: string } }>).flatMap((b) => (b.text ? b.text.text.split('\n') : []));
/** The case code → FM id a proposal shows, from the selects' chosen options (`roundId|caseCode|fmId`). */
function proposedRows(call: SlackCall): Map<string, string> {
  return new Map(
    selects(call).map((s) => {
      const [, caseCode = '', fmId = ''] = (s.initial_option?.value ?? '').split('|');
      return [caseCode, fmId];
    }),
  );
}

// --- the steps ------------------------------------------------------------------------------------------

/** Monday: the six referrals, each confirmed privately; their team-channel notices are delivered. */
async function referSix(): Promise<SlackCall[]> {
  const mark = fake.calls.length;
  for (const [i, r] of REFERRALS.entries()) {
    const response = await post(events, slashCommand({ text: referralLine({ kunde: r.client, ...('hb' in r ? { hb: r.hb } : {}) }), userId: r.user, channelId: r.channel }));
    expect(response.status).toBe(200);
    await waitSince(mark, 'chat.postEphemeral', i + 1);
  }
  expect(await delivery.flush()).toBe(REFERRALS.length);
  return callsSince(mark, 'chat.postEphemeral');
}

/** Tuesday 09:00: Tobias types `/fm runde` in the team channel; the proposal is delivered. */
async function proposeRound(): Promise<{ confirmation: SlackCall; posted: SlackCall; roundId: number }> {
  await referSix();
  world.clock.set(TUESDAY_MEETING);
  const mark = fake.calls.length;
  const response = await post(events, slashCommand({ text: 'runde', userId: USER.tobias, channelId: TEAM_CHANNEL }));
  expect(response.status).toBe(200);
  const [confirmation] = await waitSince(mark, 'chat.postEphemeral');
  expect(await delivery.flush()).toBe(1);
  const posts = callsSince(mark, 'chat.postMessage');
  expect(posts).toHaveLength(1);
  const roundId = world.store.rounds.currentProposal(TEAM)!.id;
  return { confirmation: confirmation!, posted: posts[0]!, roundId };
}

/** A click or choice on the posted round message, as Slack sends it. */
function act(posted: SlackCall, userId: string, actionId: string, value: string, element: 'button' | 'static_select' = 'button') {
  return post(events, blockActions({ userId, channelId: posted.params.channel, messageTs: tsOf(posted), actionId, value, element, responseUrl: fake.responseUrl() }));
}

const confirmClick = (posted: SlackCall, userId: string, roundId: number) => act(posted, userId, 'round.confirm', String(roundId));

/** Row counts of cases, audit and outbox, the round itself and how many cases are assigned. */
function snapshot(roundId: number) {
  return { ...world.counts(), round: world.store.rounds.byId(roundId), assigned: world.store.cases.list({ statuses: ['zugewiesen'] }).length };
}

// --- the tests ------------------------------------------------------------------------------------------

describe('the weekly assignment round in Slack (R9)', () => {
  it('takes six referrals by slash command, each confirmed privately to its IFK with case code and client reference', async () => {
    const confirmations = await referSix();
    expect(confirmations).toHaveLength(6);
    confirmations.forEach((c, i) => {
      expect(c.params).toMatchObject({ user: REFERRALS[i]!.user, channel: REFERRALS[i]!.channel });
      expect(shown(c)).toContain(`FM-2026-000${i + 1}`);
      expect(shown(c)).toContain(REFERRALS[i]!.client);
    });
    expect(world.store.cases.openReferrals({ receivingTeamIds: [TEAM] })).toHaveLength(6);
  });

  it('posts the proposal to the team channel with one FM choice per referral, leaving out absent Katrin and giving half-time Aylin one (R14)', async () => {
    const { confirmation, posted, roundId } = await proposeRound();

    expect(confirmation.params).toMatchObject({ channel: TEAM_CHANNEL, user: USER.tobias });
    expect(confirmation.params.text).toContain('6 Vormerkungen');

    expect(posted.params.channel).toBe(TEAM_CHANNEL);
    const choices = selects(posted);
    expect(choices).toHaveLength(6);
    for (const s of choices) {
      expect(s.action_id).toBe('round.choose');
      expect(s.options.map((o) => o.text.text)).toEqual(['Tobias Krüger', 'Aylin Demir', 'Katrin Vogel (abwesend)', 'Stefan Meyer']);
      expect(s.options.every((o) => o.value.startsWith(`${roundId}|FM-2026-000`))).toBe(true);
    }
    const perFm = [...proposedRows(posted).values()];
    expect(perFm.filter((fm) => fm === 'fm-aylin')).toHaveLength(1); // 0.5 FTE: capacity 75
    expect(perFm).not.toContain('fm-katrin');
    expect(perFm.filter((fm) => fm === 'fm-tobias' || fm === 'fm-stefan')).toHaveLength(5);
    expect(shown(posted)).toContain('Katrin Vogel: am Rundentag abwesend');
    expect(buttons(posted).map((b) => [b.action_id, b.value, b.text.text])).toEqual([
      ['round.confirm', String(roundId), 'Vorschlag übernehmen'],
      ['round.recompute', String(roundId), 'Neu berechnen'],
    ]);
    expect(shown(posted)).not.toMatch(CLIENT_REF); // data protection: only case codes in the channel
  });

  it('updates the channel message in place when a team member picks another FM for a row', async () => {
    const { posted, roundId } = await proposeRound();
    const [caseCode, fmBefore] = [...proposedRows(posted)].find(([, fm]) => fm !== 'fm-stefan')!;

    const mark = fake.calls.length;
    const response = await act(posted, USER.stefan, 'round.choose', `${roundId}|${caseCode}|fm-stefan`, 'static_select');
    expect(response.status).toBe(200);
    const [update] = await waitSince(mark, 'chat.update');

    expect(update!.params).toMatchObject({ channel: TEAM_CHANNEL, ts: tsOf(posted) });
    const rows = proposedRows(update!);
    expect(rows.get(caseCode)).toBe('fm-stefan');
    expect([...rows].filter(([code]) => code !== caseCode)).toEqual([...proposedRows(posted)].filter(([code]) => code !== caseCode));
    expect(shown(update!)).not.toMatch(CLIENT_REF);
    expect(world.store.rounds.byId(roundId)!.rows.find((r) => r.caseCode === caseCode)?.fmId).toBe('fm-stefan');
    expect(fmBefore).not.toBe('fm-stefan');
    expect(callsSince(mark, 'chat.postEphemeral')).toHaveLength(0);
  });

  it('refuses the confirm button privately to someone outside the team and changes nothing', async () => {
    const { posted, roundId } = await proposeRound();
    const before = snapshot(roundId);

    const mark = fake.calls.length;
    await confirmClick(posted, USER.jonas, roundId);
    const [refusal] = await waitSince(mark, 'chat.postEphemeral');

    expect(refusal!.params).toMatchObject({ channel: TEAM_CHANNEL, user: USER.jonas });
    expect(refusal!.params.text).toContain('Nur Mitglieder und Leitungen von Fallmanagement Ü25');
    expect(snapshot(roundId)).toEqual(before);
    expect(before.round!.status).toBe('proposed');
    expect(before.assigned).toBe(0);
    expect(callsSince(mark, 'chat.update')).toHaveLength(0);
    expect(callsSince(mark, 'response_url')).toHaveLength(0);
  });

  it("confirms on the lead's click: final distribution in the channel, each case assigned, a DM to every FM and IFK", async () => {
    const { posted, roundId } = await proposeRound();
    const rows = proposedRows(posted);

    const mark = fake.calls.length;
    await confirmClick(posted, USER.lead, roundId);
    const [update] = await waitSince(mark, 'chat.update');
    const [note] = await waitSince(mark, 'chat.postEphemeral');

    expect(update!.params).toMatchObject({ channel: TEAM_CHANNEL, ts: tsOf(posted) });
    const final = shown(update!);
    expect(final).toContain('✅ bestätigt');
    expect(final).toContain('Bestätigt von Michael Brandt am 22.12.2026 09:00');
    for (const [code, fmId] of rows) {
      expect(lines(update!).find((l) => l.includes(code))).toContain(`→ ${world.org.person(fmId)!.name}`);
    }
    expect(selects(update!)).toHaveLength(0);
    expect(buttons(update!)).toHaveLength(0);
    expect(final).not.toMatch(CLIENT_REF);
    expect(note!.params).toMatchObject({ channel: TEAM_CHANNEL, user: USER.lead });
    expect(note!.params.text).toContain('6 Fälle zugewiesen');

    for (const [code, fmId] of rows) expect(world.store.cases.byCode(code)).toMatchObject({ status: 'zugewiesen', assignedFmId: fmId });

    const flushMark = fake.calls.length;
    expect(await delivery.flush()).toBe(12);
    const dms = callsSince(flushMark, 'chat.postMessage');
    expect(dms).toHaveLength(12);
    expect(dms.some((d) => d.params.channel === TEAM_CHANNEL)).toBe(false);

    for (const [code, fmId] of rows) {
      const kase = world.store.cases.byCode(code)!;
      const ifkUser = IFK_SLACK_IDS.get(kase.referringPersonId)!;
      const fmUser = FM_SLACK_IDS[fmId]!;
      const toFm = dms.filter((d) => d.params.channel === fmUser && shown(d).includes(code));
      expect(toFm).toHaveLength(1);
      expect(shown(toFm[0]!)).toContain(kase.clientRef);
      expect(shown(toFm[0]!)).toContain(`<@${ifkUser}>`);
      const toIfk = dms.filter((d) => d.params.channel === ifkUser && shown(d).includes(code));
      expect(toIfk).toHaveLength(1);
      expect(shown(toIfk[0]!)).toContain(`<@${fmUser}>`);
    }
  });

  it('ignores a second click on "Vorschlag übernehmen" and tells the clicker privately it is already confirmed', async () => {
    const { posted, roundId } = await proposeRound();
    let mark = fake.calls.length;
    await confirmClick(posted, USER.lead, roundId);
    await waitSince(mark, 'chat.postEphemeral');
    expect(await delivery.flush()).toBe(12);
    const before = snapshot(roundId);

    mark = fake.calls.length;
    await confirmClick(posted, USER.lead, roundId);
    const [note] = await waitSince(mark, 'chat.postEphemeral');

    expect(note!.params).toMatchObject({ channel: TEAM_CHANNEL, user: USER.lead });
    expect(note!.params.text).toMatch(/bereits von Michael Brandt am 22\.12\.2026 09:00 bestätigt/);
    expect(snapshot(roundId)).toEqual(before);
    expect(await delivery.flush()).toBe(0);
    expect(callsSince(mark, 'chat.postMessage')).toHaveLength(0);
  });

  it('confirms only once when two clicks arrive at the same time', async () => {
    const { posted, roundId } = await proposeRound();
    const mark = fake.calls.length;
    await Promise.all([confirmClick(posted, USER.lead, roundId), confirmClick(posted, USER.tobias, roundId)]);
    const notes = await waitSince(mark, 'chat.postEphemeral', 2);

    const texts = notes.map((n) => String(n.params.text));
    expect(texts.filter((t) => t.includes('6 Fälle zugewiesen'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('bereits'))).toHaveLength(1);
    expect(world.store.cases.list({ statuses: ['zugewiesen'] })).toHaveLength(6);
    expect(await delivery.flush()).toBe(12);
    expect(await delivery.flush()).toBe(0);
  });
});
