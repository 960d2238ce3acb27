/**
 * A joint escalation (R7) end to end in Teams: the escalation starts a conversation in the FM team's channel,
 * votes and replies go into its reply chain, the card is updated for everyone, and a lead may decide by
 * clicking or by replying in the thread (with an @mention, as Teams delivers channel messages to bots).
 *
 * Monday 20.10.2025: Lena (M&I 1) referred a client, FM Ü25 declined it, Lena disagrees. Andreas Wolf (lead
 * M&I 1) and Michael Brandt (lead FM Ü25) decide jointly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/messaging/ports.js';
import { CLIENT, referralLine } from '../../support/build.js';
import { cardOf, shown, type ConnectorCall } from '../../support/fakeBotConnector.js';
import { cardAction, channelMessage, personalChatId, personalInstall, personalMessage, teamInstall } from './activities.js';
import { createTeamsWorld, type TeamsWorld } from './teamsWorld.js';

const CHANNEL = '19:platzhalter-fm-ue25@thread.tacv2';
const CODE = 'FM-2025-0001';
const CLIENT_REF = /\d{3}[A-Z]\d{6}/;

let w: TeamsWorld;

beforeEach(async () => {
  w = await createTeamsWorld('2025-10-20T09:00:00+02:00');
});

afterEach(async () => {
  await w.shutdown();
});

const since = (mark: number, ...kinds: ConnectorCall['kind'][]) => w.connector.calls.slice(mark).filter((c) => kinds.includes(c.kind) && c.status < 300);
const console = (userId: string): Caller => ({ platform: 'console', userId });

function buttons(card: any): any[] {
  const walk = (items: any[]): any[] => items.flatMap((e) => [e, ...walk(e.items ?? [])]);
  return walk(card.body)
    .filter((e) => e.type === 'ActionSet')
    .flatMap((e) => e.actions);
}

/**
 * Everyone has the app; referral, round and decline happen through the bot directly (other tests cover them
 * in Teams); Lena then escalates in her personal chat and the outbox is delivered.
 */
async function escalate(): Promise<{ parent: ConnectorCall; root: string; id: number }> {
  await w.post(teamInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender('tl-fm-ue25'), channelId: CHANNEL }));
  for (const person of w.org.org.people) await w.post(personalInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender(person.id) }));
  for (const [userId, line] of [
    ['ifk-lena', referralLine({ kunde: CLIENT })],
    ['fm-tobias', 'runde'],
    ['tl-fm-ue25', 'runde bestaetigen'],
  ] as const) {
    expect(w.bot.handleCommand(console(userId), line).kind).toBe('message');
  }
  const fm = w.store.cases.byCode(CODE)!.assignedFmId!;
  expect(w.bot.handleCommand(console(fm), `ablehnen ${CODE} grund="kein Bedarf"`).kind).toBe('message');
  await w.flush();

  const mark = w.connector.calls.length;
  await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender('ifk-lena'), text: `/fm eskalieren ${CODE} art=zugang grund="Kriterien sind erfüllt"` }));
  const [confirmation] = since(mark, 'reply');
  expect(shown(confirmation!)).toContain('Eskalation ausgelöst');
  expect(await w.flush()).toBe(4); // channel post, thread reply, a direct message to each lead
  const [parent] = since(mark, 'send').filter((c) => c.conversationId === CHANNEL);
  return { parent: parent!, root: parent!.response.id, id: w.store.escalations.forCase(CODE)[0]!.id };
}

/** A click on the escalation's channel card. */
function click(personId: string, root: string, button: any) {
  return w.post(
    cardAction({ serviceUrl: w.connector.serviceUrl, from: w.sender(personId), conversationId: `${CHANNEL};messageid=${root}`, conversationType: 'channel', replyToId: root, verb: button.verb, data: button.data }),
  );
}

describe('a joint escalation in the FM team channel (R7)', () => {
  it('starts a channel conversation without client reference, mentions both leads in its reply chain and sends them the reason', async () => {
    const { parent, root } = await escalate();
    expect(shown(parent)).toContain(`Eskalation ${CODE}: Zugang (R7)`);
    expect(shown(parent)).not.toMatch(CLIENT_REF);
    expect(shown(parent)).not.toContain('Kriterien sind erfüllt');
    expect(buttons(cardOf(parent)).map((b) => [b.verb, b.title])).toEqual([
      ['escalation.approve', 'Zustimmen'],
      ['escalation.reject', 'Ablehnen'],
    ]);
    const [thread] = w.connector.callsOf('send').filter((c) => c.threadId === root);
    expect(thread!.baseConversationId).toBe(CHANNEL);
    expect(cardOf(thread!).msteams.entities.map((e: any) => e.mentioned.id)).toEqual(['29:platzhalter-tl-mi-1', '29:platzhalter-tl-fm-ue25']);
    for (const lead of ['tl-mi-1', 'tl-fm-ue25']) {
      const [dm] = w.connector.messagesIn(personalChatId(w.sender(lead).id)).filter((c) => shown(c).includes('Kriterien sind erfüllt'));
      expect(shown(dm!)).toContain(CLIENT);
    }
  });

  it('needs both leads: a click updates the card for everyone and the vote goes into the thread; a reply in the thread decides', async () => {
    const { parent, root, id } = await escalate();
    const approve = buttons(cardOf(parent)).find((b) => b.verb === 'escalation.approve');

    let mark = w.connector.calls.length;
    const first = await click('tl-mi-1', root, approve);
    expect(first.json()).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(first.json().value).toContain('Es fehlt noch: Fallmanagement Ü25');
    const [update] = since(mark, 'update');
    expect(update).toMatchObject({ baseConversationId: CHANNEL, activityId: root });
    expect(shown(update!)).toContain('offen – 1 von 2 Zustimmungen');
    expect(w.store.cases.byCode(CODE)!.status).toBe('strittig');

    mark = w.connector.calls.length;
    expect(await w.flush()).toBe(2); // the vote in the thread, the card's status
    expect(since(mark, 'send').map((c) => [c.threadId, c.body.summary])).toEqual([[root, '✅ Andreas Wolf stimmt zu.']]);
    expect(since(mark, 'update').map((c) => c.activityId)).toEqual([root]);

    // A third person's click is refused on the card and changes nothing.
    const before = { votes: w.store.escalations.byId(id)!.votes.length, ...w.counts() };
    const outsider = await click('fm-stefan', root, approve);
    expect(outsider.json().value).toContain('entscheiden nur');
    expect({ votes: w.store.escalations.byId(id)!.votes.length, ...w.counts() }).toEqual(before);

    mark = w.connector.calls.length;
    const reply = channelMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender('tl-fm-ue25'), channelId: CHANNEL, threadId: root, text: 'zustimmen' });
    expect((await w.post(reply)).status).toBe(200);
    const [answer] = since(mark, 'send');
    expect(answer!.conversationId).toBe(personalChatId(w.sender('tl-fm-ue25').id));
    expect(since(mark, 'reply')[0]).toMatchObject({ baseConversationId: CHANNEL, threadId: root });
    expect(w.store.escalations.byId(id)!.status).toBe('approved');
    expect(w.store.cases.byCode(CODE)!.status).toBe('vorgemerkt');

    mark = w.connector.calls.length;
    await w.flush();
    const updates = since(mark, 'update');
    expect(shown(updates.at(-1)!)).toContain('✅ zugestimmt am 20.10.2025 09:00');
    expect(buttons(cardOf(updates.at(-1)!))).toHaveLength(0);
  });

  it('counts a lead\'s "@FM-Lotse zustimmen" reply in the escalation thread as their vote, answered privately (R7)', async () => {
    const { root, id } = await escalate();
    let mark = w.connector.calls.length;
    const reply = channelMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender('tl-mi-1'), channelId: CHANNEL, threadId: root, text: 'zustimmen' });
    expect(reply.text).toBe('<at>FM-Lotse</at> zustimmen'); // as Teams delivers a channel message that @mentions the bot
    expect((await w.post(reply)).status).toBe(200);

    expect(w.store.escalations.byId(id)).toMatchObject({ status: 'open', votes: [{ seat: 'mi-1', voterId: 'tl-mi-1', vote: 'approve' }] });
    expect(w.store.cases.byCode(CODE)!.status).toBe('strittig'); // the second lead has not decided yet
    const [confirmation] = since(mark, 'send');
    expect(confirmation!.conversationId).toBe(personalChatId(w.sender('tl-mi-1').id));
    expect(shown(confirmation!)).toContain('Es fehlt noch: Fallmanagement Ü25');
    expect(since(mark, 'reply')[0]).toMatchObject({ baseConversationId: CHANNEL, threadId: root });

    mark = w.connector.calls.length;
    expect(await w.flush()).toBe(2); // the vote in the thread, the card's status
    expect(since(mark, 'send').map((c) => [c.threadId, c.body.summary])).toEqual([[root, '✅ Andreas Wolf stimmt zu.']]);
    const [update] = since(mark, 'update');
    expect(update).toMatchObject({ baseConversationId: CHANNEL, activityId: root });
    expect(shown(update!)).toContain('offen – 1 von 2 Zustimmungen');

    // The same reply again is no second vote.
    await w.post(channelMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender('tl-mi-1'), channelId: CHANNEL, threadId: root, text: 'zustimmen' }));
    expect(w.store.escalations.byId(id)!.votes).toHaveLength(1);
  });

  it('"Ablehnen" shows a form with a required comment on the card; submitted, it rejects and the decline stands', async () => {
    const { parent, root } = await escalate();
    const reject = buttons(cardOf(parent)).find((b) => b.verb === 'escalation.reject');
    const opened = await click('tl-fm-ue25', root, reject);
    const form = opened.json().value;
    expect(opened.json().type).toBe('application/vnd.microsoft.card.adaptive');
    const submit = buttons(form).at(-1);
    const choice = form.body.find((e: any) => e.id === 'eskalation');
    expect(choice.value).toBe(choice.choices[0].value);

    const empty = await click('tl-fm-ue25', root, { verb: submit.verb, data: { ...submit.data, eskalation: choice.value } });
    expect(JSON.stringify(empty.json().value)).toContain('Bitte begründen');
    expect(w.store.escalations.forCase(CODE)[0]).toMatchObject({ status: 'open', votes: [] });

    const done = await click('tl-fm-ue25', root, { verb: submit.verb, data: { ...submit.data, eskalation: choice.value, kommentar: 'Ablehnung war begründet' } });
    expect(JSON.stringify(done.json().value)).toContain('Die Vormerkung bleibt abgelehnt');
    expect(w.store.escalations.forCase(CODE)[0]!.status).toBe('rejected');
    expect(w.store.cases.byCode(CODE)!.status).toBe('abgelehnt');

    const mark = w.connector.calls.length;
    await w.flush();
    expect(shown(since(mark, 'update').at(-1)!)).toContain('❌ abgelehnt am 20.10.2025 09:00');
    const inChannel = since(mark, 'send').filter((c) => c.baseConversationId === CHANNEL);
    expect(inChannel.map((c) => shown(c)).join()).not.toContain('Ablehnung war begründet');
  });
});
