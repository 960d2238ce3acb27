/**
 * Free text from people is shown as text on every platform (issue #13 item 9): a decline reason that contains
 * mention, broadcast or link syntax reaches the referring IFK as those characters, not as a mention of the
 * office lead, a ping of the whole channel or a link.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INERT_MARKERS, neutraliseFormatting, neutraliseFreeText } from '../../src/messaging/freeText.js';
import { message, MENTION_PATTERN, text, toPlainText } from '../../src/messaging/reply.js';
import { renderBody } from '../../src/platforms/console/render.js';
import { renderMessage } from '../../src/platforms/slack/render.js';
import { renderCard } from '../../src/platforms/teams/render.js';
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

/** What a person reads: the look-alikes read as the characters typed, joiner and soft hyphen are invisible. */
const asRead = (s: string): string => {
  let out = s.replace(/[\u2060\u00AD]/g, '');
  for (const [typed, inert] of Object.entries(INERT_MARKERS)) out = out.split(inert).join(typed);
  return out;
};
const INLINE = '*dringend* _bitte_ ~nicht~ `sofort` **fett** ```block```';
const BLOCKS = '> zitiert\n＞ auch zitiert\n- Punkt\n+ Punkt\n* Punkt\n1. erstens\n2) zweitens\n# Titel\n===\n---\n    eingerückt';

describe('neutraliseFormatting (issue #13 item 9)', () => {
  it('replaces the inline markers of Slack, Teams and the console by look-alikes: same length, reads as typed', () => {
    const out = neutraliseFormatting(INLINE);
    expect(out).not.toMatch(/[*_~`]/);
    expect(out).toHaveLength(INLINE.length); // limits like "at most 300 characters" count the same
    expect(asRead(out)).toBe(INLINE);
  });

  it('puts an invisible soft hyphen before every line that would become a quote, list, heading, rule or code block', () => {
    const out = neutraliseFormatting(BLOCKS);
    for (const line of out.split('\n')) expect(line.startsWith('\u00AD') || line.startsWith(`${INERT_MARKERS['*']} `)).toBe(true); // `* ` by its look-alike
    expect(asRead(out)).toBe(BLOCKS);
  });

  it('makes Slack’s full-width markers inert too, but leaves the underscores of an emoji code', () => {
    const typed = '＊fett＊ ＿kursiv＿ ｀Code｀ erledigt :white_check_mark: _kursiv_';
    const out = neutraliseFormatting(typed);
    expect(out).not.toMatch(/[*\uFF0A\uFF3F\uFF40]|_kursiv_/);
    expect(out).toContain(':white_check_mark:'); // intraword underscores open no italics, and Slack shows the emoji
    expect(out).toHaveLength(typed.length);
  });

  it('leaves underscores inside words as typed, so ids of the organisation file such as max_mustermann still name their person', () => {
    expect(neutraliseFreeText('max_mustermann')).toBe('max_mustermann');
    expect(neutraliseFreeText('fm_team_2')).toBe('fm_team_2');
    expect(neutraliseFreeText('_kursiv_')).not.toContain('_');
    expect(neutraliseFreeText('Wort _kursiv_ Wort')).not.toContain('_');
  });

  it('leaves dates, negative numbers, sums and single lines without markup untouched, and is idempotent', () => {
    for (const plain of ['12.01.2027', '-5', 'Kunde lehnt ab: 3 > 2, 2-3 Termine', '10 % weniger; #3 der Liste', 'Zeile eins\nZeile zwei']) {
      expect(neutraliseFormatting(plain)).toBe(plain);
    }
    const once = neutraliseFreeText(`${INLINE}\n${BLOCKS}`);
    expect(neutraliseFreeText(once)).toBe(once);
  });

  it('renders as the characters typed on Slack (mrkdwn), Teams (TextBlock Markdown) and the console, while the bot’s own markup still formats', () => {
    const typed = neutraliseFreeText(`${INLINE}\n${BLOCKS}`);
    const msg = message('x', text(`*Grund (R12)*\n${typed}`));

    const slack = (renderMessage(msg).blocks![0] as { text: { text: string } }).text.text;
    expect(slack.startsWith('*Grund (R12)*\n')).toBe(true); // the bot's own bold stays Slack markup
    const slackTyped = slack.slice('*Grund (R12)*\n'.length);
    expect(slackTyped).not.toMatch(/[*_~`]/); // Slack's mrkdwn markers: none left in the typed part
    expect(slackTyped.split('\n').filter((l) => /^\s*(&gt;|>)/.test(l))).toEqual([]); // no line starts a quote
    expect(asRead(slackTyped.replace(/&gt;/g, '>'))).toBe(`${INLINE}\n${BLOCKS}`);

    const teams = (renderCard(msg).body[0] as unknown as { text: string }).text;
    expect(teams.startsWith('**Grund (R12)**')).toBe(true); // converted to Markdown bold on Teams
    const teamsTyped = teams.slice('**Grund (R12)**'.length);
    expect(teamsTyped).not.toMatch(/[*_`]/); // neither emphasis nor code from what was typed
    for (const line of teamsTyped.split('\n').filter(Boolean)) expect(line).not.toMatch(/^\s*([-+*>#=]|\d+[.)])/);
    expect(asRead(teamsTyped.split('\n\n').join('\n'))).toBe(`\n${INLINE}\n${BLOCKS}`);

    const plain = renderBody(msg, { ansi: true }).join('\n');
    expect(plain.match(/\x1b\[1m/g)).toHaveLength(1); // the bot's own *Grund (R12)*, nothing typed
    expect(asRead(plain)).toContain(INLINE);
  });
});
