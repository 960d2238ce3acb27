/**
 * Free text from people is shown as text on Teams (issue #13 item 9, R12): an FM declines a referral in the
 * personal chat with a reason full of Markdown and Slack markup; the card the fake Bot Connector receives for
 * the referring IFK shows the reason with every formatting character made inert, reading as typed — the
 * Teams renderer turns the bot's own `*bold*` into `**bold**`, but nothing of what was typed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INERT_MARKERS } from '../../../src/messaging/freeText.js';
import { CLIENT, referralLine } from '../../support/build.js';
import { cardOf, shown } from '../../support/fakeBotConnector.js';
import { FORM_VERB } from '../../../src/platforms/teams/render.js';
import { cardAction, personalChatId, personalInstall, personalMessage } from './activities.js';
import { createTeamsWorld, type TeamsWorld } from './teamsWorld.js';

const CODE = 'FM-2025-0001';
const TYPED = '*dringend* _bitte_ **fett** __auch fett__ `sofort` ~nicht~ [Formular](https://evil.example)';
/** Every stretch of TYPED that a TextBlock's Markdown (or the renderer's *bold* conversion) would format. */
const FORMATTED = ['*dringend*', '_bitte_', '**fett**', '__auch fett__', '`sofort`', '](https://'];

/** What a person reads: the look-alikes read as the characters typed, joiner and soft hyphen are invisible. */
const asRead = (s: string): string => {
  let out = s.replace(/[\u2060\u00AD]/g, '');
  for (const [typed, inert] of Object.entries(INERT_MARKERS)) out = out.split(inert).join(typed);
  return out;
};

/** The Markdown texts of a card: TextBlocks and facts (Teams formats exactly these). */
const markdownOf = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(markdownOf);
  if (typeof node !== 'object' || node === null) return [];
  const element = node as Record<string, unknown>;
  const own = element.type === 'TextBlock' ? [element.text as string] : 'title' in element && 'value' in element && !('type' in element) ? [element.title as string, element.value as string] : [];
  return [...own, ...Object.values(element).flatMap(markdownOf)];
};

let w: TeamsWorld;
beforeEach(async () => {
  w = await createTeamsWorld('2025-10-20T09:00:00+02:00');
});
afterEach(async () => {
  await w.shutdown();
});

/** Lena referred a client, the round assigned it to an FM of Ü25; everyone has the app. Returns the FM's id. */
async function assignedReferral(): Promise<string> {
  for (const person of w.org.org.people) await w.post(personalInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender(person.id) }));
  for (const [personId, line] of [
    ['ifk-lena', referralLine({ kunde: CLIENT })],
    ['fm-tobias', 'runde'],
    ['tl-fm-ue25', 'runde bestaetigen'],
  ] as const) {
    expect(w.bot.handleCommand({ platform: 'console', userId: personId }, line).kind).toBe('message');
  }
  await w.flush();
  return w.store.cases.byCode(CODE)!.assignedFmId!;
}

/** After the decline: the card in Lena's personal chat shows the reason as typed, nothing of it formatted. */
async function expectInertAtLena(mark: number, fm: string): Promise<void> {
  expect(w.store.cases.byCode(CODE)!.status).toBe('abgelehnt');
  await w.flush();
  const lena = personalChatId(w.sender('ifk-lena').id);
  const [dm] = w.connector.calls.slice(mark).filter((c) => c.conversationId === lena && c.status < 300 && shown(c).includes('dringend'));
  expect(dm).toBeDefined();
  const withReason = markdownOf(cardOf(dm!).body).filter((t) => asRead(t).includes(TYPED));
  expect(withReason.length).toBeGreaterThan(0); // the reason is there, reading as typed
  for (const t of withReason) {
    for (const span of FORMATTED) expect(t).not.toContain(span);
    const reason = t.slice(t.indexOf('„') + 1, t.lastIndexOf('“'));
    expect(reason).not.toMatch(/[*_`]/); // no Markdown emphasis or code marker left in what was typed
  }
  // The bot's own mention of the decliner is still a Teams mention (an <at> tag with its entity).
  expect(cardOf(dm!).msteams.entities.map((e: { mentioned: { id: string } }) => e.mentioned.id)).toContain(w.sender(fm).id);
}

describe('a decline reason with formatting, typed in Teams (R12, issue #13 item 9)', () => {
  it('typed in the personal chat, it reaches the IFK as the characters typed: no bold, italics, code or link; the decliner is still mentioned', async () => {
    const fm = await assignedReferral();
    const mark = w.connector.calls.length;
    await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender(fm), text: `/fm ablehnen ${CODE} grund="${TYPED}"` }));
    await expectInertAtLena(mark, fm);
  });

  it('entered in the decline form on the card, it reaches the IFK just as inert', async () => {
    const fm = await assignedReferral();
    const chat = personalChatId(w.sender(fm).id);
    let mark = w.connector.calls.length;
    await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender(fm), text: '/fm ablehnen' }));
    const [opened] = w.connector.calls.slice(mark).filter((c) => c.kind === 'reply' && c.status < 300);
    const form = cardOf(opened!);
    const submit = form.body.find((e: { type: string }) => e.type === 'ActionSet').actions[0];
    expect(submit.verb).toBe(FORM_VERB);

    mark = w.connector.calls.length;
    await w.post(
      cardAction({ serviceUrl: w.connector.serviceUrl, from: w.sender(fm), conversationId: chat, conversationType: 'personal', replyToId: opened!.response.id, verb: FORM_VERB, data: { ...submit.data, fall: CODE, grund: TYPED } }),
    );
    await expectInertAtLena(mark, fm);
  });

  it('starting a line, as in the “Grund (R12)” fact of the FM’s confirmation card, it makes no list; the card is the reply Teams receives', async () => {
    const fm = await assignedReferral();
    const listed = '- kein Punkt, *nicht* fett';
    const mark = w.connector.calls.length;
    await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender(fm), text: `/fm ablehnen ${CODE} grund="${listed}"` }));
    const [reply] = w.connector.calls.slice(mark).filter((c) => c.kind === 'reply' && c.status < 300);
    const value = markdownOf(cardOf(reply!).body).find((t) => asRead(t) === listed);
    expect(value).toBeDefined(); // the fact value, reading as typed
    expect(value).not.toMatch(/^\s*[-+*]\s/); // a Markdown list item only at the very start of a line
    expect(value).not.toContain('*nicht*');
  });
});
