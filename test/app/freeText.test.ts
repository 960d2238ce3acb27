/**
 * Free text from people is shown as text on every platform (issue #13 item 9): a decline reason that contains
 * mention, broadcast or link syntax reaches the referring IFK as those characters, not as a mention of the
 * office lead, a ping of the whole channel or a link.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { neutraliseFreeText } from '../../src/messaging/freeText.js';
import { MENTION_PATTERN, toPlainText } from '../../src/messaging/reply.js';
import { renderMessage } from '../../src/platforms/slack/render.js';
import { harness, type Harness } from '../commands/lifecycle.support.js';

const CODE = 'FM-2025-0001';
const HOSTILE = '@{gl-mitte} <@U0GLMITTE> <!channel> [Formular](https://evil.example/x) siehe https://evil.example';
const visible = (s: string) => s.replace(/\u2060/g, '');

describe('neutraliseFreeText', () => {
  it('breaks mention tokens, Slack and Teams mention syntax, Markdown links and bare URLs, invisibly', () => {
    const out = neutraliseFreeText(`${HOSTILE} <at>Lena</at>`);
    expect(out.match(MENTION_PATTERN)).toBeNull();
    expect(out).not.toMatch(/<[@!#]|<at>|\]\(|:\/\//);
    expect(visible(out)).toBe(`${HOSTILE} <at>Lena</at>`); // reads as typed
  });

  it('leaves ordinary text alone and is idempotent', () => {
    expect(neutraliseFreeText('Kunde lehnt ab: 3 > 2, Mail an a@b.de (später)')).toBe('Kunde lehnt ab: 3 > 2, Mail an a@b.de (später)');
    expect(neutraliseFreeText(neutraliseFreeText(HOSTILE))).toBe(neutraliseFreeText(HOSTILE));
  });
});

describe('a decline reason full of syntax (R12)', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.close());

  it('reaches the IFK as text: no mention of the office lead, no channel ping, no link; the bot’s own mention still works', () => {
    h.assignedCase();
    expect(h.run('fm-tobias', `ablehnen ${CODE} grund="${HOSTILE.replace(/"/g, '')}"`).kind).toBe('message');
    const [dm] = h.outboxTo('direct', 'ifk-lena');
    expect(visible(toPlainText(dm!.message))).toContain(HOSTILE); // every character is still there

    const slack = JSON.stringify(renderMessage(dm!.message, h.world.org));
    expect(slack).not.toContain('<@U0GLMITTE>'); // neither from the token nor from the typed Slack syntax
    expect(slack).not.toContain('<!channel>');
    expect(slack).not.toMatch(/\]\(https?:|https:\/\/evil/);
    expect(slack).toContain('<@U0FMTOBIAS>'); // the decliner, named by the bot, is a real mention
    // Teams and the console resolve the same mention tokens (reply.ts): none comes from the reason.
    const tokens = [...toPlainText(dm!.message).matchAll(MENTION_PATTERN)].map((m) => m[1]);
    expect(tokens).not.toContain('gl-mitte');
  });
});
