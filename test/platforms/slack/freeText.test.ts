/**
 * Free text from people is shown as text on Slack (issue #13 item 9, R12): an FM declines a referral with a
 * reason full of Slack formatting, typed as a signed slash command over HTTP into the real Bolt app; the
 * referring IFK's direct message, as the fake Slack Web API receives it, carries the reason with every
 * formatting character made inert, reading as typed. The stored reason (what /fm verlauf shows) reads the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INERT_MARKERS } from '../../../src/messaging/freeText.js';
import { toPlainText, type Message } from '../../../src/messaging/reply.js';
import { CLIENT, referralLine } from '../../support/build.js';
import { post, slashCommand } from '../../support/slackRequests.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';

const CODE = 'FM-2025-0001';
const FM_CHANNEL = 'C0FMUE25';
const LENA = 'U0IFKLENA';
const TYPED = '*dringend* _bitte_ ~nicht~ `sofort` **fett** ```Block``` > kein Zitat';
/** Every stretch of TYPED that Slack's mrkdwn would format if it arrived as typed. */
const FORMATTED = ['*dringend*', '_bitte_', '~nicht~', '`sofort`', '**fett**', '```Block```'];

/** What a person reads: the look-alikes read as the characters typed, joiner and soft hyphen are invisible. */
const asRead = (s: string): string => {
  let out = s.replace(/[\u2060\u00AD]/g, '');
  for (const [typed, inert] of Object.entries(INERT_MARKERS)) out = out.split(inert).join(typed);
  return out;
};

/** The `text` of every text object in blocks. */
const textsOf = (node: unknown): string[] =>
  Array.isArray(node)
    ? node.flatMap(textsOf)
    : typeof node === 'object' && node !== null
      ? Object.entries(node).flatMap(([key, value]) => (key === 'text' && typeof value === 'string' ? [value] : textsOf(value)))
      : [];

let slack: SlackWorld;
beforeEach(async () => {
  slack = await startSlackWorld('2025-10-20T09:00:00+02:00');
});
afterEach(() => slack.close());

/** Lena referred a client and the round assigned it to an FM of Ü25 (through the bot directly); the FM. */
async function assignedReferral() {
  const { world, delivery } = slack;
  for (const [personId, line] of [
    ['ifk-lena', referralLine({ kunde: CLIENT })],
    ['fm-tobias', 'runde'],
    ['tl-fm-ue25', 'runde bestaetigen'],
  ] as const) {
    expect(world.bot.handleCommand({ platform: 'console', userId: personId }, line).kind).toBe('message');
  }
  await delivery.flush();
  return world.org.person(world.store.cases.byCode(CODE)!.assignedFmId!)!;
}

describe('a decline reason with formatting, typed in Slack (R12, issue #13 item 9)', () => {
  it('reaches the IFK as the characters typed: no bold, italics, strike-through, code or quote; the bot’s own mention still works', async () => {
    const { world, fake, delivery, events } = slack;
    const fm = await assignedReferral();

    const mark = fake.calls.length;
    const response = await post(events, slashCommand({ text: `ablehnen ${CODE} grund="${TYPED}"`, userId: fm.slackUserId!, channelId: FM_CHANNEL }));
    expect(response.status).toBe(200);
    await fake.waitFor('chat.postEphemeral', fake.calls.slice(0, mark).filter((c) => c.method === 'chat.postEphemeral').length + 1);
    expect(world.store.cases.byCode(CODE)!.status).toBe('abgelehnt');
    await delivery.flush();

    const [dm] = fake.calls.slice(mark).filter((c) => c.method === 'chat.postMessage' && c.params.channel === LENA);
    expect(dm).toBeDefined();
    // Everything Slack renders as mrkdwn: the notification text and the text of every block.
    const mrkdwn = [dm!.params.text as string, ...textsOf(dm!.params.blocks)];
    const withReason = mrkdwn.filter((t) => asRead(t).includes(TYPED.replace('>', '&gt;')));
    expect(withReason.length).toBeGreaterThan(0); // the reason is there, reading as typed
    for (const t of withReason) {
      for (const span of FORMATTED) expect(t).not.toContain(span);
      const reason = t.slice(t.indexOf('„') + 1, t.lastIndexOf('“'));
      expect(reason).not.toMatch(/[*_~`]/); // no mrkdwn marker left in what Lena's FM typed
    }
    expect(JSON.stringify(dm!.params)).toContain(`<@${fm.slackUserId}>`); // the decliner, named by the bot, is a real mention

    // Stored as it reads: the history (/fm verlauf, R12 documents the reason) shows what was typed.
    const history = world.bot.handleCommand({ platform: 'console', userId: fm.id }, `verlauf ${CODE}`);
    expect(history.kind).toBe('message');
    expect(asRead(toPlainText((history as { message: Message }).message))).toContain(TYPED);
  });

  it('starting a line, as in the “Grund (R12)” fact of the FM’s confirmation, it opens no quote; the label stays bold', async () => {
    const { fake, events } = slack;
    const fm = await assignedReferral();
    const quoted = '> Zitat? *Nein*, so getippt';
    const mark = fake.calls.length;
    expect((await post(events, slashCommand({ text: `ablehnen ${CODE} grund="${quoted}"`, userId: fm.slackUserId!, channelId: FM_CHANNEL }))).status).toBe(200);
    await fake.waitFor('chat.postEphemeral', fake.calls.slice(0, mark).filter((c) => c.method === 'chat.postEphemeral').length + 1);
    const [confirmation] = fake.calls.slice(mark).filter((c) => c.method === 'chat.postEphemeral');
    const fact = textsOf(confirmation!.params.blocks).find((t) => asRead(t).includes(quoted.replace('>', '&gt;')));
    expect(fact).toMatch(/^\*Grund \(R12\)\*\n/); // the bot's own label is still Slack bold
    const lines = fact!.split('\n').slice(1);
    expect(lines.filter((l) => /^\s*(&gt;|>|\uFF1E)/.test(l))).toEqual([]); // Slack quotes only at the beginning of a line
    expect(lines.join('\n')).not.toContain('*Nein*');
  });
});
