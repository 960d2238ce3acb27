/**
 * Slack end to end: signed requests over HTTP into Bolt, the real Bot on a temp SQLite file with the demo
 * organisation, the real Delivery, and a fake Slack Web API recording what users would see.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/app/delivery.js';
import type { SlackPlatform } from '../../../src/platforms/slack/app.js';
import type { FakeSlack } from '../../support/fakeSlack.js';
import { post, slashCommand, viewSubmission } from '../../support/slackRequests.js';
import { CLIENT, referralForm, referralLine } from '../../support/build.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';
import type { World } from '../../support/world.js';

const LENA = 'U0IFKLENA'; // IFK in team mi-1 of the demo organisation
const MI1_CHANNEL = 'C0MI1';
const FM_UE25_CHANNEL = 'C0FMUE25';
const FULL = referralLine({ kunde: CLIENT });
const GOOD_FORM = referralForm({ kunde: CLIENT });

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

const command = (text: string, userId = LENA) => post(events, slashCommand({ text, userId, channelId: MI1_CHANNEL }));

async function openForm(): Promise<Record<string, any>> {
  await command('vormerken');
  const [call] = await fake.waitFor('views.open');
  return call!.params.view;
}

describe('a referral typed as one line', () => {
  it('confirms privately to the IFK with case code, client reference and the German deadline (R4)', async () => {
    const response = await command(FULL);
    expect(response.status).toBe(200);
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(reply!.params).toMatchObject({ channel: MI1_CHANNEL, user: LENA });
    const shown = JSON.stringify(reply!.params);
    expect(shown).toContain('FM-2025-0001');
    expect(shown).toContain('10.11.2025'); // 14 working days, 31.10. is a holiday in Bremen
    expect(shown).toContain(CLIENT);
  });

  it("tells the FM team's channel after delivery, without the client reference", async () => {
    await command(FULL);
    await fake.waitFor('chat.postEphemeral');
    expect(await delivery.flush()).toBe(1);
    const [notice] = fake.callsTo('chat.postMessage');
    expect(notice!.params.channel).toBe(FM_UE25_CHANNEL);
    const shown = JSON.stringify(notice!.params);
    expect(shown).toContain('FM-2025-0001');
    expect(shown).toContain('10.11.2025');
    expect(shown).not.toContain(CLIENT);
    expect(await delivery.flush()).toBe(0);
  });

  it('keeps the channel notice queued while Slack is rate limited and sends it after Retry-After', async () => {
    await command(FULL);
    await fake.waitFor('chat.postEphemeral');
    fake.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 30 });
    expect(await delivery.flush()).toBe(0);
    expect(world.store.outbox.all()[0]).toMatchObject({ status: 'pending', attempts: 0 }); // a rate limit waits without counting an attempt
    expect(await delivery.flush()).toBe(0); // not due before Retry-After has passed
    world.clock.advance(30_000);
    expect(await delivery.flush()).toBe(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });
});

describe('the referral form', () => {
  it('opens as a modal for a bare /fm vormerken', async () => {
    const view = await openForm();
    expect(view).toMatchObject({ type: 'modal', callback_id: 'fm_form' });
    const keys = view.blocks.map((b: any) => b.block_id);
    expect(keys).toEqual(expect.arrayContaining(Object.keys(GOOD_FORM)));
    expect(view.blocks.find((b: any) => b.block_id === 'hb').element.type).toBe('multi_static_select');
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('refuses a bad field next to that field and stores nothing', async () => {
    const view = await openForm();
    const response = await post(events, viewSubmission({ userId: LENA, view, values: { ...GOOD_FORM, kunde: 'Erika Muster' } }));
    expect(response.status).toBe(200);
    const answer = response.json();
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual(['kunde']);
    expect(answer.errors.kunde).toContain('Kundennummer');
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('stores a good submission and confirms it privately in the channel the command came from', async () => {
    const view = await openForm();
    const response = await post(events, viewSubmission({ userId: LENA, view, values: GOOD_FORM }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(reply!.params).toMatchObject({ channel: MI1_CHANNEL, user: LENA });
    expect(JSON.stringify(reply!.params)).toContain('FM-2025-0001');
    expect(world.store.cases.byCode('FM-2025-0001')).toMatchObject({ clientRef: CLIENT, referringPersonId: 'ifk-lena' });
    expect(world.counts()).toEqual({ cases: 1, audit: 1, outbox: 1 });
  });
});

describe('other commands', () => {
  it('tells an unknown Slack user privately that they are not registered', async () => {
    await command('hilfe', 'U0STRANGER');
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(reply!.params.user).toBe('U0STRANGER');
    expect(reply!.params.text).toContain('nicht eingetragen');
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('lists the subcommands for /fm hilfe', async () => {
    await command('hilfe');
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(JSON.stringify(reply!.params.blocks)).toContain('vormerken');
  });
});
