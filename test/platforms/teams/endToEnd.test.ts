/**
 * Microsoft Teams end to end: activities posted over HTTP to the real Teams SDK application, the real Bot on
 * a temp SQLite file with the demo organisation, the real Delivery through the Teams transport, and a fake
 * Bot Connector recording what each person would see.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORM_VERB } from '../../../src/platforms/teams/render.js';
import { cardOf, shown, type ConnectorCall } from '../../support/fakeBotConnector.js';
import {
  cardAction,
  channelMessage,
  FOREIGN_TENANT,
  personalChatId,
  personalInstall,
  personalMessage,
  teamInstall,
  TENANT,
} from './activities.js';
import { CLIENT, referralForm, referralLine } from '../../support/build.js';
import { createTeamsWorld, type TeamsWorld } from './teamsWorld.js';

const FM_UE25_CHANNEL = '19:platzhalter-fm-ue25@thread.tacv2';
const MI1_CHANNEL = '19:mi-1-allgemein@thread.tacv2';
const LINE = referralLine({ kunde: CLIENT });
/** Without the needs: the card has one input per key group for them. */
const GOOD_FORM = referralForm({ kunde: CLIENT, hb: undefined });

let w: TeamsWorld;

beforeEach(async () => {
  w = await createTeamsWorld('2025-10-20T09:00:00+02:00');
});

afterEach(async () => {
  await w.shutdown();
});

const lena = () => w.sender('ifk-lena');
const inChat = (text: string, personId = 'ifk-lena') => w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender(personId), text }));
const since = (mark: number, ...kinds: ConnectorCall['kind'][]) => w.connector.calls.slice(mark).filter((c) => kinds.includes(c.kind) && c.status < 300);

/** Every Input id of a card with the body element it is. */
function inputs(card: any): any[] {
  const walk = (items: any[]): any[] => items.flatMap((e) => [e, ...walk(e.items ?? []), ...walk((e.columns ?? []).flatMap((c: any) => c.items ?? []))]);
  return walk(card.body).filter((e) => String(e.type).startsWith('Input.'));
}

/** The data of the form card's submit button, with the inputs filled in as Teams merges them. */
function submitData(formCard: any, values: Record<string, string>): Record<string, unknown> {
  const submit = formCard.body.at(-1).actions[0];
  expect(submit.verb).toBe(FORM_VERB);
  return { ...submit.data, ...values };
}

describe('a referral typed in Teams', () => {
  it('confirms it in the personal chat with case code, client reference and the German deadline (R4)', async () => {
    const response = await inChat(`/fm ${LINE}`);
    expect(response.status).toBe(200);
    const [reply] = since(0, 'reply');
    expect(reply!.conversationId).toBe(personalChatId(lena().id));
    expect(cardOf(reply!).version).toBe('1.5');
    expect(shown(reply!)).toContain('FM-2025-0001');
    expect(shown(reply!)).toContain('10.11.2025'); // 14 working days, 31.10. is a holiday in Bremen
    expect(shown(reply!)).toContain(CLIENT);
    expect(w.store.conversations.personalOf(lena().id)).toMatchObject({ kind: 'personal', tenantId: TENANT, serviceUrl: w.connector.serviceUrl });
  });

  it("tells the FM team's channel after delivery, without the client reference", async () => {
    await inChat(LINE);
    const mark = w.connector.calls.length;
    expect(await w.flush()).toBe(1);
    const [notice] = since(mark, 'send');
    expect(notice!.conversationId).toBe(FM_UE25_CHANNEL);
    expect(shown(notice!)).toContain('FM-2025-0001');
    expect(shown(notice!)).toContain('10.11.2025');
    expect(shown(notice!)).not.toContain(CLIENT);
    expect(w.store.outbox.all()[0]!.sentRef).toEqual({ platform: 'teams', channelId: FM_UE25_CHANNEL, messageId: notice!.response.id });
    expect(await w.flush()).toBe(0);
  });

  it('answers a command written in a channel with an @mention only privately, in the personal chat', async () => {
    const message = channelMessage({ serviceUrl: w.connector.serviceUrl, from: lena(), channelId: MI1_CHANNEL, text: `/fm ${LINE}` });
    const response = await w.post(message);
    expect(response.status).toBe(200);

    const [chat] = since(0, 'createConversation');
    expect(chat!.body).toMatchObject({ isGroup: false, members: [{ id: lena().id }], tenantId: TENANT });
    const [answer] = since(0, 'send');
    expect(answer!.conversationId).toBe(personalChatId(lena().id));
    expect(shown(answer!)).toContain(CLIENT);
    const [pointer] = since(0, 'reply');
    expect(pointer!).toMatchObject({ baseConversationId: MI1_CHANNEL, threadId: message.id, activityId: message.id });
    expect(pointer!.body.text).toContain('privat geantwortet');
    expect(shown(pointer!)).not.toContain(CLIENT);
    expect(w.store.conversations.personalOf(lena().id)?.conversationId).toBe(personalChatId(lena().id));
  });

  it('takes the same line with or without the slash and the word "fm"', async () => {
    for (const text of ['/fm hilfe', 'fm hilfe', 'hilfe', 'FM  hilfe ']) {
      const mark = w.connector.calls.length;
      expect((await inChat(text)).status).toBe(200);
      const [reply] = since(mark, 'reply');
      expect(shown(reply!), text).toContain('vormerken');
      expect(shown(reply!), text).not.toContain('kenne ich nicht');
    }
  });

  it('tells someone not in the organisation file that they are not registered, and stores nothing', async () => {
    await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: { id: '29:fremd', name: 'Fremd' }, text: 'hilfe' }));
    const [reply] = since(0, 'reply');
    expect(shown(reply!)).toContain('nicht eingetragen');
    expect(w.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });
});

describe('the referral form as an Adaptive Card', () => {
  async function openForm(): Promise<{ card: any; id: string }> {
    await inChat('vormerken');
    const [reply] = since(0, 'reply');
    return { card: cardOf(reply!), id: reply!.response.id };
  }

  const submit = (formId: string, data: Record<string, unknown>) =>
    w.post(cardAction({ serviceUrl: w.connector.serviceUrl, from: lena(), conversationId: personalChatId(lena().id), conversationType: 'personal', replyToId: formId, verb: FORM_VERB, data }));

  it('opens for a bare "vormerken" with one input per field', async () => {
    const { card } = await openForm();
    const ids = inputs(card).map((i) => String(i.id).split('#')[0]);
    expect(ids).toEqual(expect.arrayContaining([...Object.keys(GOOD_FORM), 'hb']));
    expect(w.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('shows a bad field as an error on the card, keeps what was typed and stores nothing', async () => {
    const { card, id } = await openForm();
    const hb = inputs(card).filter((i) => String(i.id).startsWith('hb#')).map((i) => i.id);
    const response = await submit(id, submitData(card, { ...GOOD_FORM, kunde: 'Erika Muster', [hb[0]]: 'gesundheit,psyche', [hb[1]]: 'sucht' }));
    expect(response.status).toBe(200);
    const answer = response.json();
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const body = answer.value.body as any[];
    const kunde = body.findIndex((e) => e.id === 'kunde');
    expect(body[kunde].value).toBe('Erika Muster');
    expect(body.slice(kunde + 1, kunde + 3).some((e) => e.color === 'Attention' && e.text.includes('Kundennummer'))).toBe(true);
    expect(w.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
    expect(since(0, 'update')).toHaveLength(0);
  });

  it('stores a good submission and puts the confirmation in place of the form', async () => {
    const { card, id } = await openForm();
    const hb = inputs(card).filter((i) => String(i.id).startsWith('hb#')).map((i) => i.id);
    const response = await submit(id, submitData(card, { ...GOOD_FORM, [hb[0]]: 'gesundheit', [hb[1]]: 'sucht,schulden' }));
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json().value)).toContain('FM-2025-0001');
    const [update] = since(0, 'update');
    expect(update).toMatchObject({ conversationId: personalChatId(lena().id), activityId: id });
    expect(shown(update!)).toContain('FM-2025-0001');
    expect(w.store.cases.byCode('FM-2025-0001')).toMatchObject({ clientRef: CLIENT, referringPersonId: 'ifk-lena', needs: ['gesundheit', 'sucht', 'schulden'] });
    expect(w.counts()).toEqual({ cases: 1, audit: 1, outbox: 1 });
  });
});

describe('a single-tenant app', () => {
  it('refuses an activity from another Microsoft 365 tenant: 403, no answer, nothing stored', async () => {
    for (const tenantId of [FOREIGN_TENANT, '']) {
      const activity = personalMessage({ serviceUrl: w.connector.serviceUrl, from: lena(), text: LINE, tenantId });
      const response = await w.post(activity);
      expect(response.status).toBe(403);
    }
    expect(w.connector.calls).toHaveLength(0);
    expect(w.store.conversations.count()).toBe(0);
    expect(w.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
    expect(w.logged.some((l) => l.includes(FOREIGN_TENANT))).toBe(true);
  });
});

describe('conversation references', () => {
  it('keeps them from installation events, answers health checks, and forgets a chat when the app is removed', async () => {
    const tobias = w.sender('fm-tobias');
    expect((await w.post(personalInstall({ serviceUrl: w.connector.serviceUrl, from: tobias }))).status).toBe(200);
    expect((await w.post(teamInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender('tl-fm-ue25'), channelId: FM_UE25_CHANNEL }))).status).toBe(200);
    expect(w.store.conversations.personalOf(tobias.id)?.conversationId).toBe(personalChatId(tobias.id));
    expect(w.store.conversations.byId(FM_UE25_CHANNEL)).toMatchObject({ kind: 'channel', tenantId: TENANT });
    expect(w.store.conversations.byId(FM_UE25_CHANNEL)?.reference.user).toBeUndefined();

    const health = await fetch(w.endpoint.replace('/api/messages', '/healthz'));
    expect(health.status).toBe(200);

    await w.post(personalInstall({ serviceUrl: w.connector.serviceUrl, from: tobias, action: 'remove' }));
    expect(w.store.conversations.personalOf(tobias.id)).toBeUndefined();
    expect(w.connector.calls).toHaveLength(0);
  });
});

describe('a private answer Teams does not take (issue #13 item 9)', () => {
  it('queues it as a direct message when the Bot Connector answers 503, and delivers it once Teams is back', async () => {
    w.connector.failNext('reply', 1, { status: 503 });
    const response = await inChat(`/fm ${LINE}`);
    expect(response.status).toBe(200);
    expect(w.store.cases.byCode('FM-2025-0001')).toBeDefined(); // the referral is stored
    const queued = w.store.outbox.all().filter((i) => i.target.kind === 'direct' && i.target.personId === 'ifk-lena');
    expect(queued).toHaveLength(1);
    expect(queued[0]!.message.text).toContain('FM-2025-0001');

    const mark = w.connector.calls.length;
    await w.flush();
    const delivered = since(mark, 'send').filter((c) => c.conversationId === personalChatId(lena().id));
    expect(delivered).toHaveLength(1);
    expect(shown(delivered[0]!)).toContain(CLIENT); // the person's own answer, with the customer number, only to her
    expect(await w.flush()).toBe(0);
  });
});
