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
import { personalChatId, personalInstall, personalMessage } from './activities.js';
import { createTeamsWorld, type TeamsWorld } from './teamsWorld.js';

const CODE = 'FM-2025-0001';
const TYPED = '*dringend* _bitte_ **fett** __auch fett__ `sofort` ~nicht~ [Formular](https://evil.example)';
/** Every stretch of TYPED that a TextBlock's Markdown (or the renderer's *bold* conversion) would format. */
const FORMATTED = ['*dringend*', '_bitte_', '**fett**', '__auch fett__', '`sofort`', '](https://'];

/** What a person reads: the look-alikes read as the characters typed, the joiner is invisible. */
const asRead = (s: string): string => {
  let out = s.replace(/\u2060/g, '');
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

describe('a decline reason with formatting, typed in Teams (R12, issue #13 item 9)', () => {
  it('reaches the IFK’s personal chat as the characters typed: no bold, italics, code or link; the decliner is still mentioned', async () => {
    for (const person of w.org.org.people) await w.post(personalInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender(person.id) }));
    for (const [personId, line] of [
      ['ifk-lena', referralLine({ kunde: CLIENT })],
      ['fm-tobias', 'runde'],
      ['tl-fm-ue25', 'runde bestaetigen'],
    ] as const) {
      expect(w.bot.handleCommand({ platform: 'console', userId: personId }, line).kind).toBe('message');
    }
    await w.flush();
    const fm = w.store.cases.byCode(CODE)!.assignedFmId!;

    const mark = w.connector.calls.length;
    await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender(fm), text: `/fm ablehnen ${CODE} grund="${TYPED}"` }));
    expect(w.store.cases.byCode(CODE)!.status).toBe('abgelehnt');
    await w.flush();

    const lena = personalChatId(w.sender('ifk-lena').id);
    const [dm] = w.connector.calls.slice(mark).filter((c) => c.conversationId === lena && c.status < 300 && shown(c).includes('dringend'));
    expect(dm).toBeDefined();
    const texts = markdownOf(cardOf(dm!).body);
    const withReason = texts.filter((t) => asRead(t).includes(TYPED));
    expect(withReason.length).toBeGreaterThan(0); // the reason is there, reading as typed
    for (const t of withReason) {
      for (const span of FORMATTED) expect(t).not.toContain(span);
      const reason = t.slice(t.indexOf('„') + 1, t.lastIndexOf('“'));
      expect(reason).not.toMatch(/[*_`]/); // no Markdown emphasis or code marker left in what was typed
    }
    // The bot's own mention of the decliner is still a Teams mention (an <at> tag with its entity).
    expect(cardOf(dm!).msteams.entities.map((e: { mentioned: { id: string } }) => e.mentioned.id)).toContain(w.sender(fm).id);
  });
});
