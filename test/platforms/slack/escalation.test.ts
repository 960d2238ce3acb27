/**
 * Escalations end to end in Slack: signed slash commands, button clicks, modal submissions and Events API
 * thread replies over HTTP into the real Bolt app, the real Bot on a temp SQLite file with the demo
 * organisation, the real Delivery, and the fake Slack Web API recording what each person would see.
 *
 * Monday 20.10.2025: Lena (M&I 1) referred a client, FM Ü25 declined it, Lena disagrees (R7). Andreas Wolf
 * (lead M&I 1, deputy Birgit Neumann) and Michael Brandt (lead FM Ü25) decide jointly in the FM Ü25 channel.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/app/delivery.js';
import type { Caller } from '../../../src/messaging/ports.js';
import type { SlackPlatform } from '../../../src/platforms/slack/app.js';
import { withoutLeadingMentions } from '../../../src/platforms/slack/mentions.js';
import type { FakeSlack, SlackCall } from '../../support/fakeSlack.js';
import { blockActions, post, slashCommand, TEST_TEAM, viewSubmission } from '../../support/slackRequests.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';
import type { World } from '../../support/world.js';

const FM_CHANNEL = 'C0FMUE25';
const MI1_CHANNEL = 'C0MI1';
const CODE = 'FM-2025-0001';
const CLIENT = '123A456789';
const CLIENT_REF = /\d{3}[A-Z]\d{6}/;
const USER = {
  lena: 'U0IFKLENA',
  wolf: 'U0TLMI1', // lead M&I 1
  neumann: 'U0TLMI2', // lead M&I 2, deputy of Wolf
  brandt: 'U0TLFMUE25', // lead FM Ü25
  stefan: 'U0FMSTEFAN',
} as const;

let world: World;
let fake: FakeSlack;
let platform: SlackPlatform;
let delivery: Delivery;
let events: string;

let slack: SlackWorld;
beforeEach(async () => {
  slack = await startSlackWorld('2025-10-20T09:00:00+02:00');
  ({ world, fake, platform, delivery, events } = slack);
});
afterEach(() => slack.close());

// --- helpers ------------------------------------------------------------------------------------------

const console = (userId: string): Caller => ({ platform: 'console', userId });

function callsSince(mark: number, method: string): SlackCall[] {
  return fake.calls.slice(mark).filter((c) => c.method === method);
}

async function waitSince(mark: number, method: string, count = 1): Promise<SlackCall[]> {
  await fake.waitFor(method, fake.calls.slice(0, mark).filter((c) => c.method === method).length + count);
  return callsSince(mark, method);
}

const shown = (call: SlackCall): string => JSON.stringify(call.params);
const buttons = (call: SlackCall): Array<{ action_id: string; value: string; text: { text: string } }> =>
  (call.params.blocks as Array<{ type: string; elements?: any[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

/** Everything stored that a refused step must leave alone. */
function snapshot() {
  const escalation = world.store.escalations.forCase(CODE)[0];
  return { ...world.counts(), escalations: world.store.escalations.count(), escalation, kase: world.store.cases.byCode(CODE) };
}

/**
 * The referral, the round and the decline happen through the bot directly (other tests cover them in
 * Slack); Lena then escalates with the slash command and the outbox is delivered.
 */
async function escalate(): Promise<{ parent: SlackCall; parentTs: string; id: number; mark: number }> {
  for (const [userId, line] of [
    [
      'ifk-lena',
      `vormerken kunde=${CLIENT} gruppe=ue25 zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja`,
    ],
    ['fm-tobias', 'runde'],
    ['tl-fm-ue25', 'runde bestaetigen'],
  ] as const) {
    expect(world.bot.handleCommand(console(userId), line).kind).toBe('message');
  }
  const fm = world.store.cases.byCode(CODE)!.assignedFmId!;
  expect(world.bot.handleCommand(console(fm), `ablehnen ${CODE} grund="kein Bedarf"`).kind).toBe('message');
  await delivery.flush();

  const mark = fake.calls.length;
  const response = await post(events, slashCommand({ text: `eskalieren ${CODE} art=zugang grund="Kriterien sind erfüllt"`, userId: USER.lena, channelId: MI1_CHANNEL }));
  expect(response.status).toBe(200);
  const [confirmation] = await waitSince(mark, 'chat.postEphemeral');
  expect(confirmation!.params).toMatchObject({ channel: MI1_CHANNEL, user: USER.lena });
  expect(shown(confirmation!)).toContain('Eskalation ausgelöst');
  expect(await delivery.flush()).toBe(4); // channel message, thread reply, a DM to each lead
  const [parent] = callsSince(mark, 'chat.postMessage').filter((c) => c.params.channel === FM_CHANNEL && !c.params.thread_ts);
  const id = world.store.escalations.forCase(CODE)[0]!.id;
  return { parent: parent!, parentTs: parent!.response!.ts as string, id, mark: fake.calls.length };
}

function click(userId: string, actionId: string, id: number, parentTs: string) {
  return post(events, blockActions({ userId, channelId: FM_CHANNEL, messageTs: parentTs, actionId, value: String(id), responseUrl: fake.responseUrl() }));
}

const approveClick = (userId: string, id: number, parentTs: string) => click(userId, 'escalation.approve', id, parentTs);

let eventCounter = 0;
/** A message someone writes in a thread, as the Events API delivers it (JSON, signed). */
function threadReply(userId: string, text: string, threadTs: string, extra: Record<string, unknown> = {}) {
  eventCounter++;
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEST_TEAM.id,
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: `Ev0TEST${eventCounter}`,
    event_time: 1_700_000_100 + eventCounter,
    authorizations: [{ enterprise_id: null, team_id: TEST_TEAM.id, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'message',
      channel: FM_CHANNEL,
      channel_type: 'channel',
      user: userId,
      text,
      ts: `1700000100.${String(eventCounter).padStart(6, '0')}`,
      event_ts: `1700000100.${String(eventCounter).padStart(6, '0')}`,
      thread_ts: threadTs,
      ...extra,
    },
  });
  return post(events, body, { headers: { 'content-type': 'application/json' } });
}

// --- the tests ------------------------------------------------------------------------------------------

describe('an access dispute decided in the FM team channel (R7)', () => {
  it('posts one message without client reference or reason, mentions both leads in its thread and sends them the reason', async () => {
    const { parent, parentTs } = await escalate();
    expect(parent.params.channel).toBe(FM_CHANNEL);
    expect(shown(parent)).toContain(`Eskalation ${CODE}: Zugang (R7)`);
    expect(shown(parent)).toContain('<@U0IFKLENA>');
    expect(shown(parent)).not.toMatch(CLIENT_REF);
    expect(shown(parent)).not.toContain('Kriterien sind erfüllt');
    expect(buttons(parent).map((b) => [b.action_id, b.text.text])).toEqual([
      ['escalation.approve', 'Zustimmen'],
      ['escalation.reject', 'Ablehnen'],
    ]);
    const posts = fake.callsTo('chat.postMessage');
    const [thread] = posts.filter((c) => c.params.thread_ts === parentTs);
    expect(thread!.params.channel).toBe(FM_CHANNEL);
    expect(thread!.params.text).toContain(`<@${USER.wolf}>, <@${USER.brandt}>`);
    for (const lead of [USER.wolf, USER.brandt]) {
      const [dm] = posts.filter((c) => c.params.channel === lead && shown(c).includes('Eskalation'));
      expect(shown(dm!)).toContain(CLIENT);
      expect(shown(dm!)).toContain('Kriterien sind erfüllt');
    }
  });

  it('needs both leads: each click updates the message and adds a thread reply; the second decides and tells IFK and FM', async () => {
    const { parentTs, id, mark } = await escalate();
    const fm = world.store.cases.byCode(CODE)!.assignedFmId!;

    await approveClick(USER.wolf, id, parentTs);
    const [update] = await waitSince(mark, 'chat.update');
    const [note] = await waitSince(mark, 'chat.postEphemeral');
    expect(update!.params).toMatchObject({ channel: FM_CHANNEL, ts: parentTs });
    expect(shown(update!)).toContain('offen – 1 von 2 Zustimmungen');
    expect(shown(update!)).toContain('zugestimmt von Andreas Wolf');
    expect(note!.params).toMatchObject({ channel: FM_CHANNEL, user: USER.wolf });
    expect(note!.params.text).toContain('Es fehlt noch: Fallmanagement Ü25');
    expect(world.store.cases.byCode(CODE)!.status).toBe('strittig');

    let flushMark = fake.calls.length;
    expect(await delivery.flush()).toBe(2); // the vote in the thread, the parent's status
    expect(callsSince(flushMark, 'chat.postMessage').map((c) => [c.params.thread_ts, c.params.text])).toEqual([[parentTs, '✅ Andreas Wolf stimmt zu.']]);
    expect(callsSince(flushMark, 'chat.update').map((c) => c.params.ts)).toEqual([parentTs]);

    const second = fake.calls.length;
    await approveClick(USER.brandt, id, parentTs);
    const [final] = await waitSince(second, 'chat.update');
    expect(shown(final!)).toContain('✅ zugestimmt am 20.10.2025 09:00');
    expect(buttons(final!)).toHaveLength(0);
    expect(world.store.cases.byCode(CODE)).toMatchObject({ status: 'vorgemerkt' });

    flushMark = fake.calls.length;
    await delivery.flush();
    const dms = callsSince(flushMark, 'chat.postMessage').filter((c) => !c.params.thread_ts);
    const fmUser = world.org.person(fm)!.slackUserId!;
    expect(dms.map((d) => d.params.channel).sort()).toEqual([USER.lena, fmUser].sort());
    for (const dm of dms) expect(shown(dm)).toContain(CLIENT);
    const thread = callsSince(flushMark, 'chat.postMessage').filter((c) => c.params.thread_ts === parentTs).map((c) => c.params.text);
    expect(thread).toEqual(['✅ Michael Brandt stimmt zu.', 'Entschieden: Zugang gewährt (R7). Die Vormerkung geht in die nächste Zuweisungsrunde.']);
  });

  it("refuses a third person's click privately and changes nothing", async () => {
    const { parentTs, id, mark } = await escalate();
    const before = snapshot();
    for (const outsider of [USER.neumann, USER.stefan, USER.lena]) {
      const m = fake.calls.length;
      await approveClick(outsider, id, parentTs);
      const [refusal] = await waitSince(m, 'chat.postEphemeral');
      expect(refusal!.params).toMatchObject({ channel: FM_CHANNEL, user: outsider });
      // Slack mrkdwn escapes the ampersand.
      expect(refusal!.params.text).toContain('entscheiden nur Teamleitung Markt &amp; Integration 1 (Andreas Wolf) und Teamleitung Fallmanagement Ü25 (Michael Brandt)');
    }
    const rejectMark = fake.calls.length;
    await click(USER.stefan, 'escalation.reject', id, parentTs);
    await waitSince(rejectMark, 'chat.postEphemeral');
    expect(callsSince(mark, 'views.open')).toHaveLength(0);
    expect(callsSince(mark, 'chat.update')).toHaveLength(0);
    expect(snapshot()).toEqual(before);
    expect(await delivery.flush()).toBe(0);
  });

  it('a double click is harmless: the second one says so and changes nothing', async () => {
    const { parentTs, id, mark } = await escalate();
    await approveClick(USER.wolf, id, parentTs);
    await waitSince(mark, 'chat.postEphemeral');
    const before = snapshot();

    const again = fake.calls.length;
    await approveClick(USER.wolf, id, parentTs);
    const [note] = await waitSince(again, 'chat.postEphemeral');
    expect(note!.params.text).toContain('Du hast zur Eskalation FM-2025-0001 bereits zugestimmt (am 20.10.2025 09:00); es hat sich nichts geändert.');
    expect(callsSince(again, 'chat.update')).toHaveLength(0);
    expect(snapshot()).toEqual(before);
    expect(world.store.escalations.byId(id)!.votes).toHaveLength(1);
  });

  it('lets the deputy decide while the lead is absent that day', async () => {
    const { parentTs, id, mark } = await escalate();
    world.store.absences.add({ personId: 'tl-mi-1', from: '2025-10-20', to: '2025-10-24', recordedBy: 'tl-mi-1', recordedAt: world.clock.now() });

    await approveClick(USER.neumann, id, parentTs);
    const [update] = await waitSince(mark, 'chat.update');
    expect(shown(update!)).toContain('zugestimmt von Birgit Neumann (Vertretung für Andreas Wolf)');
    await approveClick(USER.brandt, id, parentTs);
    await waitSince(mark, 'chat.update', 2);
    expect(world.store.escalations.byId(id)!.votes.map((v) => [v.voterId, v.onBehalfOf])).toEqual([
      ['tl-mi-2', 'tl-mi-1'],
      ['tl-fm-ue25', undefined],
    ]);
    expect(world.store.cases.byCode(CODE)!.status).toBe('vorgemerkt');
  });

  it('"Ablehnen" opens a modal with a required comment; submitted, it rejects and the decline stands', async () => {
    const { parentTs, id, mark } = await escalate();
    await click(USER.brandt, 'escalation.reject', id, parentTs);
    const [open] = await waitSince(mark, 'views.open');
    const view = open!.params.view;
    const [choice, comment] = view.blocks;
    expect(choice.element).toMatchObject({ type: 'static_select', initial_option: { value: String(id) } });
    expect(comment).toMatchObject({ block_id: 'kommentar', element: { type: 'plain_text_input' } });
    expect(comment.optional).toBeUndefined();
    expect(JSON.parse(view.private_metadata)).toEqual({ command: 'eskalation-ablehnen', channelId: FM_CHANNEL });

    const before = snapshot();
    const empty = await post(events, viewSubmission({ userId: USER.brandt, view, values: { eskalation: String(id) } }));
    expect(empty.json()).toMatchObject({ response_action: 'errors', errors: { kommentar: expect.stringContaining('Bitte begründen') } });
    expect(snapshot()).toEqual(before);

    const submitMark = fake.calls.length;
    const submitted = await post(events, viewSubmission({ userId: USER.brandt, view, values: { eskalation: String(id), kommentar: 'Ablehnung war begründet' } }));
    expect(submitted.status).toBe(200);
    const [note] = await waitSince(submitMark, 'chat.postEphemeral');
    expect(note!.params).toMatchObject({ channel: FM_CHANNEL, user: USER.brandt });
    expect(note!.params.text).toContain('Die Vormerkung bleibt abgelehnt');
    expect(world.store.cases.byCode(CODE)!.status).toBe('abgelehnt');

    const flushMark = fake.calls.length;
    await delivery.flush();
    const [update] = callsSince(flushMark, 'chat.update');
    expect(update!.params.ts).toBe(parentTs);
    expect(shown(update!)).toContain('❌ abgelehnt am 20.10.2025 09:00');
    const channelPosts = callsSince(flushMark, 'chat.postMessage').filter((c) => c.params.channel === FM_CHANNEL);
    expect(channelPosts.map(shown).join()).not.toContain('Ablehnung war begründet');
    const toLena = callsSince(flushMark, 'chat.postMessage').filter((c) => c.params.channel === USER.lena);
    expect(shown(toLena[0]!)).toContain('Ablehnung war begründet');
  });
});

describe('deciding by replying in the thread (Events API)', () => {
  it('takes "zustimmen" and "ablehnen <Begründung>" from the deciding leads, with the same rules as the buttons', async () => {
    const { parentTs, id, mark } = await escalate();

    expect((await threadReply(USER.wolf, '<@U0BOT> Zustimmen', parentTs)).status).toBe(200);
    const [note] = await waitSince(mark, 'chat.postEphemeral');
    expect(note!.params).toMatchObject({ channel: FM_CHANNEL, user: USER.wolf });
    expect(note!.params.text).toContain('Deine Zustimmung zur Eskalation FM-2025-0001 ist gespeichert');

    const outsider = fake.calls.length;
    await threadReply(USER.stefan, 'zustimmen', parentTs);
    const [refusal] = await waitSince(outsider, 'chat.postEphemeral');
    expect(refusal!.params.text).toContain('entscheiden nur');

    const withoutComment = fake.calls.length;
    await threadReply(USER.brandt, 'ablehnen', parentTs);
    const [missing] = await waitSince(withoutComment, 'chat.postEphemeral');
    expect(missing!.params.text).toContain('Bitte begründen');
    expect(world.store.escalations.byId(id)!.status).toBe('open');

    const decision = fake.calls.length;
    await threadReply(USER.brandt, 'ablehnen Die Kund:in hat &lt;keinen&gt; Bedarf\ngenannt', parentTs);
    const [decided] = await waitSince(decision, 'chat.postEphemeral');
    expect(decided!.params.text).toContain('Die Vormerkung bleibt abgelehnt');
    expect(world.store.escalations.byId(id)!.votes.at(-1)).toMatchObject({ voterId: 'tl-fm-ue25', vote: 'reject', comment: 'Die Kund:in hat <keinen> Bedarf genannt' });
    expect(world.store.cases.byCode(CODE)!.status).toBe('abgelehnt');

    const flushMark = fake.calls.length;
    await delivery.flush();
    expect(callsSince(flushMark, 'chat.update').map((c) => c.params.ts)).toEqual([parentTs, parentTs]);
    expect(shown(callsSince(flushMark, 'chat.update').at(-1)!)).toContain('❌ abgelehnt');
  });

  it('reads the decision after mentions at the start (of the bot or a colleague) and keeps the rest as typed', () => {
    expect(withoutLeadingMentions('<@U0BOT> ablehnen: keine Kapazität')).toBe('ablehnen: keine Kapazität');
    expect(withoutLeadingMentions(' <@U0BOT>  <@U0TLMI1>\nzustimmen')).toBe('zustimmen');
    expect(withoutLeadingMentions('ablehnen, siehe <@U0IFKLENA>')).toBe('ablehnen, siehe <@U0IFKLENA>');
    expect(withoutLeadingMentions('Ich frage <@U0TLMI1> zustimmen')).toBe('Ich frage <@U0TLMI1> zustimmen');
  });

  it('leaves ordinary conversation, bot posts and other threads alone', async () => {
    const { parentTs, id, mark } = await escalate();
    const before = snapshot();
    await threadReply(USER.wolf, 'Ich rufe Lena vorher an.', parentTs);
    await threadReply(USER.wolf, 'zustimmen', '1699999999.000001'); // some other thread
    await threadReply(USER.brandt, 'zustimmen', parentTs, { bot_id: 'B0BOT', subtype: 'bot_message' });
    // A decision sent last is answered; had any of the others been taken, there would be more answers.
    await threadReply(USER.wolf, 'zustimmen', parentTs);
    const answers = await waitSince(mark, 'chat.postEphemeral');
    expect(answers.map((a) => a.params.user)).toEqual([USER.wolf]);
    expect(world.store.escalations.byId(id)!.votes.map((v) => v.voterId)).toEqual(['tl-mi-1']);
    expect(world.counts().cases).toBe(before.cases);
    expect(world.store.cases.byCode(CODE)).toEqual(before.kase);
  });
});
