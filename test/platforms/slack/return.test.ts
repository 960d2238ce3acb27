/**
 * The warm return end to end in Slack (R22–R26): signed slash commands, button clicks in the IFK's direct
 * message and the objection modal over HTTP into the real Bolt app, the real Bot on a temp SQLite file with the
 * demo organisation, the real Delivery and the fake Slack Web API.
 *
 * Tobias Krüger (FM Ü25) plans the exit of a case Lena Schröder (M&I 1) referred. The case stays his until Lena
 * confirms the return talk — or objects, and Andreas Wolf (lead M&I 1) and Michael Brandt (lead FM Ü25) decide.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/messaging/ports.js';
import type { SlackCall } from '../../support/fakeSlack.js';
import { blockActions, post, slashCommand, viewSubmission } from '../../support/slackRequests.js';
import { referralLine } from '../../support/build.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';

const FM_CHANNEL = 'C0FMUE25';
const LENA_DM = 'D0IFKLENA';
const CODE = 'FM-2025-0001';
const CLIENT = '123A456789';
const USER = { lena: 'U0IFKLENA', tobias: 'U0FMTOBIAS', wolf: 'U0TLMI1', brandt: 'U0TLFMUE25' } as const;

let slack: SlackWorld;
beforeEach(async () => {
  slack = await startSlackWorld('2025-10-20T09:00:00+02:00');
});
afterEach(() => slack.close());

const as = (userId: string): Caller => ({ platform: 'console', userId });
const shown = (call: SlackCall): string => JSON.stringify(call.params);
const callsSince = (mark: number, method: string) => slack.fake.calls.slice(mark).filter((c) => c.method === method);
async function waitSince(mark: number, method: string, count = 1): Promise<SlackCall[]> {
  await slack.fake.waitFor(method, slack.fake.calls.slice(0, mark).filter((c) => c.method === method).length + count);
  return callsSince(mark, method);
}

/** Referral, round and intake through the bot; then Tobias plans the exit with the slash command in Slack. */
async function planExit(): Promise<{ ask: SlackCall; mark: number }> {
  const { world } = slack;
  for (const [userId, line] of [
    ['ifk-lena', referralLine({ kunde: CLIENT })],
    ['tl-fm-ue25', 'runde'],
    ['tl-fm-ue25', 'runde bestaetigen'],
  ] as const) {
    expect(world.bot.handleCommand(as(userId), line).kind).toBe('message');
  }
  world.store.cases.transition(CODE, ['zugewiesen'], 'zugewiesen', { assignedFmId: 'fm-tobias' }, world.clock.now());
  expect(world.bot.handleCommand(as('fm-tobias'), `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`).kind).toBe('message');
  await slack.delivery.flush();

  const mark = slack.fake.calls.length;
  const response = await post(slack.events, slashCommand({ text: `abgang ${CODE} grund=ziele-erreicht`, userId: USER.tobias, channelId: FM_CHANNEL }));
  expect(response.status).toBe(200);
  const [reply] = await waitSince(mark, 'chat.postEphemeral');
  expect(shown(reply!)).toContain('Abgang geplant');
  await slack.delivery.flush();
  const ask = callsSince(mark, 'chat.postMessage').find((c) => c.params.channel === USER.lena && shown(c).includes('Rückgabegespräch'))!;
  return { ask, mark: slack.fake.calls.length };
}

function clickInDm(userId: string, actionId: string) {
  return post(slack.events, blockActions({ userId, channelId: LENA_DM, actionId, value: CODE, responseUrl: slack.fake.responseUrl() }));
}

describe('an exit in Slack is a warm return (R22–R26)', () => {
  it('R26: /fm abgang leaves the case open; the IFK gets reason and buttons by DM; „Rückgabegespräch geführt“ ends the case', async () => {
    const { ask, mark } = await planExit();
    expect(slack.world.store.cases.byCode(CODE)!.status).toBe('aktiv');
    expect(shown(ask)).toContain(CLIENT);
    expect(shown(ask)).toContain('Ziele erreicht');
    const buttons = (ask.params.blocks as Array<{ type: string; elements?: Array<{ action_id: string; text: { text: string } }> }>)
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      ['return.confirm', 'Rückgabegespräch geführt'],
      ['return.object', 'Widerspruch'],
    ]);
    // Nothing about it in the team channel: the plan is a matter of FM and IFK.
    expect(callsSince(0, 'chat.postMessage').filter((c) => c.params.channel === FM_CHANNEL && shown(c).includes(CLIENT))).toEqual([]);

    // Someone else's click is refused and changes nothing.
    const refusedMark = slack.fake.calls.length;
    await clickInDm(USER.tobias, 'return.confirm');
    const [refusal] = await waitSince(refusedMark, 'chat.postEphemeral');
    expect(refusal!.params.user).toBe(USER.tobias);
    expect(shown(refusal!)).toContain('kann nur');
    expect(slack.world.store.cases.byCode(CODE)!.status).toBe('aktiv');

    const confirmMark = slack.fake.calls.length;
    await clickInDm(USER.lena, 'return.confirm');
    const [confirmation] = await waitSince(confirmMark, 'chat.postEphemeral');
    expect(shown(confirmation!)).toContain('Rückgabegespräch bestätigt');
    expect(slack.world.store.cases.byCode(CODE)).toMatchObject({ status: 'beendet', endReason: 'ziele-erreicht', exitSuccessful: true });
    await slack.delivery.flush();
    const toTobias = callsSince(mark, 'chat.postMessage').find((c) => c.params.channel === USER.tobias && shown(c).includes('bestätigt'))!;
    expect(shown(toTobias)).toContain('VerBIS');
  });

  it('R25: „Widerspruch“ opens a modal; submitted, the objection reaches both leads in the escalation thread and by DM', async () => {
    const { mark } = await planExit();
    await clickInDm(USER.lena, 'return.object');
    const [open] = await waitSince(mark, 'views.open');
    const view = open!.params.view;
    expect(JSON.parse(view.private_metadata)).toMatchObject({ command: 'rueckgabe' });

    const empty = await post(slack.events, viewSubmission({ userId: USER.lena, view, values: { fall: CODE, antwort: 'widerspruch' } }));
    expect(empty.json()).toMatchObject({ response_action: 'errors', errors: { grund: expect.stringContaining('(R25)') } });
    expect(slack.world.store.escalations.count()).toBe(0);

    const submitted = await post(slack.events, viewSubmission({ userId: USER.lena, view, values: { fall: CODE, antwort: 'widerspruch', grund: 'Therapie hat gerade begonnen' } }));
    expect(submitted.status).toBe(200);
    expect(slack.world.store.cases.byCode(CODE)!.status).toBe('aktiv');
    const flushMark = slack.fake.calls.length;
    await slack.delivery.flush();
    const posts = callsSince(flushMark, 'chat.postMessage');
    const parent = posts.find((c) => c.params.channel === FM_CHANNEL && !c.params.thread_ts)!;
    expect(shown(parent)).toContain(`Eskalation ${CODE}`);
    expect(shown(parent)).not.toContain(CLIENT);
    const thread = posts.find((c) => c.params.thread_ts !== undefined && c.params.channel === FM_CHANNEL)!;
    expect(thread.params.text).toContain(`<@${USER.wolf}>`);
    expect(thread.params.text).toContain(`<@${USER.brandt}>`);
    for (const lead of [USER.wolf, USER.brandt]) {
      const dm = posts.find((c) => c.params.channel === lead && shown(c).includes('Therapie hat gerade begonnen'));
      expect(dm, lead).toBeDefined();
    }
  });
});
