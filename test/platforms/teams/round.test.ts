/**
 * The weekly assignment round (R9) end to end in Teams: chat messages and Action.Execute invokes posted
 * over HTTP into the real Teams SDK application, the real Bot and Delivery, and the fake Bot Connector.
 *
 * Monday 21.12.2026 six IFKs refer clients to FM Ü25 from their personal chats; on Tuesday 22.12.2026 09:00
 * the team meets. Katrin is absent from 21.12.2026 to 04.01.2027; Aylin works half time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referralLine } from '../../support/build.js';
import { cardOf, shown, type ConnectorCall } from '../../support/fakeBotConnector.js';
import { cardAction, personalChatId, personalInstall, personalMessage, teamInstall } from './activities.js';
import { createTeamsWorld, type TeamsWorld } from './teamsWorld.js';

const CHANNEL = '19:platzhalter-fm-ue25@thread.tacv2';
const TEAM = 'fm-ue25';
const TUESDAY_MEETING = Date.parse('2026-12-22T09:00:00+01:00');
const REFERRALS = [
  ['ifk-lena', '100A000000'],
  ['ifk-murat', '100A000001'],
  ['ifk-felix', '100A000002'],
  ['ifk-anna', '100A000003'],
  ['ifk-sabine', '100A000004'],
  ['ifk-lena', '100A000005'],
] as const;
const FMS = ['fm-tobias', 'fm-aylin', 'fm-katrin', 'fm-stefan'];
const CLIENT_REF = /\d{3}[A-Z]\d{6}/;

let w: TeamsWorld;

beforeEach(async () => {
  w = await createTeamsWorld('2026-12-21T09:00:00+01:00');
});

afterEach(async () => {
  await w.shutdown();
});

const since = (mark: number, ...kinds: ConnectorCall['kind'][]) => w.connector.calls.slice(mark).filter((c) => kinds.includes(c.kind) && c.status < 300);

function elements(card: any): any[] {
  const walk = (items: any[]): any[] => items.flatMap((e) => [e, ...walk(e.items ?? []), ...walk((e.columns ?? []).flatMap((c: any) => c.items ?? []))]);
  return walk(card.body);
}

/** Case code → FM id as the proposal's choices show them. */
function proposedRows(card: any): Map<string, string> {
  return new Map(
    elements(card)
      .filter((e) => e.type === 'Input.ChoiceSet' && e.value)
      .map((e) => {
        const [, code = '', fm = ''] = String(e.value).split('|');
        return [code, fm];
      }),
  );
}

function buttons(card: any): any[] {
  return elements(card).filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions);
}

/** The FM team installed the app in its channel; the FMs and the lead have it in their personal scope. */
async function install(): Promise<void> {
  await w.post(teamInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender('tl-fm-ue25'), channelId: CHANNEL }));
  for (const id of [...FMS, 'tl-fm-ue25', 'fm-jonas']) await w.post(personalInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender(id) }));
}

async function proposeRound(): Promise<{ posted: ConnectorCall; card: any; roundId: number }> {
  await install();
  for (const [ifk, client] of REFERRALS) {
    const line = referralLine({ kunde: client });
    expect((await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender(ifk), text: line }))).status).toBe(200);
  }
  expect(await w.flush()).toBe(REFERRALS.length);
  w.clock.set(TUESDAY_MEETING);
  const mark = w.connector.calls.length;
  await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender('fm-tobias'), text: '/fm runde' }));
  const [confirmation] = since(mark, 'reply');
  expect(confirmation!.conversationId).toBe(personalChatId(w.sender('fm-tobias').id));
  expect(shown(confirmation!)).toContain('6 Vormerkungen');
  expect(await w.flush()).toBe(1);
  const [posted] = since(mark, 'send');
  expect(posted!.conversationId).toBe(CHANNEL);
  return { posted: posted!, card: cardOf(posted!), roundId: w.store.rounds.currentProposal(TEAM)!.id };
}

/** An Action.Execute on the round's channel post (it started its own thread). */
function click(posted: ConnectorCall, personId: string, verb: string, data: Record<string, unknown>) {
  const root = posted.response.id as string;
  return w.post(
    cardAction({ serviceUrl: w.connector.serviceUrl, from: w.sender(personId), conversationId: `${CHANNEL};messageid=${root}`, conversationType: 'channel', replyToId: root, verb, data }),
  );
}

function confirmClick(posted: ConnectorCall, card: any, personId: string) {
  const confirm = buttons(card).find((b) => b.verb === 'round.confirm');
  return click(posted, personId, confirm.verb, confirm.data);
}

function snapshot(roundId: number) {
  return { ...w.counts(), round: w.store.rounds.byId(roundId), assigned: w.store.cases.list({ statuses: ['zugewiesen'] }).length };
}

describe('the weekly assignment round in Teams (R9)', () => {
  it('posts the proposal into the team channel with an FM choice per referral and no client reference (R14)', async () => {
    const { card, roundId } = await proposeRound();
    const choices = elements(card).filter((e) => e.type === 'Input.ChoiceSet');
    expect(choices).toHaveLength(6);
    for (const c of choices) {
      expect(c.choices.map((o: any) => o.title)).toEqual(['Tobias Krüger', 'Aylin Demir', 'Katrin Vogel (abwesend)', 'Stefan Meyer']);
      expect(c.choices.every((o: any) => String(o.value).startsWith(`${roundId}|FM-2026-000`))).toBe(true);
    }
    const perFm = [...proposedRows(card).values()];
    expect(perFm.filter((fm) => fm === 'fm-aylin')).toHaveLength(1);
    expect(perFm).not.toContain('fm-katrin');
    expect(buttons(card).filter((b) => b.verb.startsWith('round.') && b.verb !== 'round.choose').map((b) => b.title)).toEqual(['Vorschlag übernehmen', 'Neu berechnen']);
    expect(JSON.stringify(card)).not.toMatch(CLIENT_REF);
  });

  it('updates the channel post for everyone when a team member applies another FM for a row', async () => {
    const { posted, card, roundId } = await proposeRound();
    const row = elements(card).find((e) => e.type === 'Input.ChoiceSet' && !String(e.value).endsWith('|fm-stefan'));
    const [, caseCode] = String(row.value).split('|');
    const apply = buttons(card).find((b) => b.verb === 'round.choose' && b.data.fm.input === row.id);

    const mark = w.connector.calls.length;
    const response = await click(posted, 'fm-stefan', 'round.choose', { ...apply.data, [row.id]: `${roundId}|${caseCode}|fm-stefan` });
    expect(response.status).toBe(200);
    const [update] = since(mark, 'update');
    expect(update).toMatchObject({ baseConversationId: CHANNEL, activityId: posted.response.id });
    expect(proposedRows(cardOf(update!)).get(caseCode!)).toBe('fm-stefan');
    expect(response.json()).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    expect(w.store.rounds.byId(roundId)!.rows.find((r) => r.caseCode === caseCode)?.fmId).toBe('fm-stefan');
  });

  it('refuses the confirm button on the card to someone outside the team, changing nothing', async () => {
    const { posted, card, roundId } = await proposeRound();
    const before = snapshot(roundId);
    const mark = w.connector.calls.length;
    const response = await confirmClick(posted, card, 'fm-jonas');
    expect(response.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(response.json().value).toContain('Nur Mitglieder und Leitungen von Fallmanagement Ü25');
    expect(snapshot(roundId)).toEqual(before);
    expect(since(mark, 'update', 'send', 'reply')).toHaveLength(0);
  });

  it("confirms on the lead's click: the post shows the final distribution, the lead a note, every FM and IFK a direct message", async () => {
    const { posted, card } = await proposeRound();
    const rows = proposedRows(card);

    const mark = w.connector.calls.length;
    const response = await confirmClick(posted, card, 'tl-fm-ue25');
    expect(response.json()).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(response.json().value).toContain('6 Fälle zugewiesen');
    const [update] = since(mark, 'update');
    expect(update!.activityId).toBe(posted.response.id);
    expect(shown(update!)).toContain('✅ bestätigt');
    expect(shown(update!)).toContain('Bestätigt von Michael Brandt am 22.12.2026 09:00');
    expect(elements(cardOf(update!)).filter((e) => e.type === 'Input.ChoiceSet')).toHaveLength(0);
    expect(shown(update!)).not.toMatch(CLIENT_REF);
    for (const [code, fmId] of rows) expect(w.store.cases.byCode(code)).toMatchObject({ status: 'zugewiesen', assignedFmId: fmId });

    const flushMark = w.connector.calls.length;
    expect(await w.flush()).toBe(12);
    const dms = since(flushMark, 'send');
    expect(dms.some((d) => d.conversationId === CHANNEL)).toBe(false);
    for (const [code, fmId] of rows) {
      const kase = w.store.cases.byCode(code)!;
      const ifk = w.sender(kase.referringPersonId);
      const toFm = dms.filter((d) => d.conversationId === personalChatId(w.sender(fmId).id) && shown(d).includes(code));
      expect(toFm).toHaveLength(1);
      expect(shown(toFm[0]!)).toContain(kase.clientRef);
      expect(cardOf(toFm[0]!).msteams.entities).toContainEqual({ type: 'mention', text: `<at>${ifk.name}</at>`, mentioned: ifk });
      expect(dms.filter((d) => d.conversationId === personalChatId(ifk.id) && shown(d).includes(code))).toHaveLength(1);
    }
  });

  it('tells a second click privately that the round is confirmed already and changes nothing', async () => {
    const { posted, card, roundId } = await proposeRound();
    await confirmClick(posted, card, 'tl-fm-ue25');
    expect(await w.flush()).toBe(12);
    const before = snapshot(roundId);
    const response = await confirmClick(posted, card, 'tl-fm-ue25');
    expect(response.json().value).toMatch(/bereits von Michael Brandt am 22\.12\.2026 09:00 bestätigt/);
    expect(snapshot(roundId)).toEqual(before);
    expect(await w.flush()).toBe(0);
  });
});
