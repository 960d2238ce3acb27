import { describe, expect, it } from 'vitest';
import { OrgIndex } from '../../../src/config/orgIndex.js';
import { actions, facts, heading, list, mention, message, text, type Block, type Form } from '../../../src/messaging/reply.js';
import {
  clip,
  FORM_CALLBACK_ID,
  formFieldKeys,
  LIMITS,
  modalErrors,
  parseFormMetadata,
  readViewValues,
  renderBlocks,
  renderMessage,
  renderModal,
  SlackLimitError,
  splitText,
} from '../../../src/platforms/slack/render.js';
import { viewState } from '../../support/slackRequests.js';
import { exampleOrg } from '../../support/world.js';

const divider = (): Block => ({ kind: 'divider' });

const form: Form = {
  command: 'vormerken',
  title: 'Für das Fallmanagement vormerken', // longer than Slack's 24 characters
  submitLabel: 'Vormerken',
  fields: [
    { kind: 'text', key: 'kunde', label: 'Kundenreferenz', hint: '3 Ziffern, Buchstabe, 6 Ziffern', required: true, placeholder: '123A456789' },
    {
      kind: 'select',
      key: 'gruppe',
      label: 'Gruppe',
      required: true,
      options: [
        { value: 'ue25', label: 'Ü25' },
        { value: 'u25', label: 'U25' },
      ],
    },
    {
      kind: 'multiselect',
      key: 'hb',
      label: 'Handlungsbedarfe',
      required: true,
      groups: [
        { label: 'Leistungsfähigkeit', options: [{ value: 'gesundheit', label: 'Gesundheit' }] },
        { label: 'Rahmenbedingungen', options: [{ value: 'sucht', label: 'Sucht' }, { value: 'schulden', label: 'Schulden' }] },
        { label: 'Leer', options: [] },
      ],
    },
    { kind: 'text', key: 'u25bis', label: 'Monat des 25. Geburtstags', required: false, multiline: false },
  ],
};

describe('Slack modal from a form', () => {
  const view = renderModal(form, { channelId: 'C0MI1' });

  it('is a modal with our callback id, a title cut to 24 characters, submit and close labels', () => {
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(FORM_CALLBACK_ID);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text.endsWith('…')).toBe(true);
    expect(view.submit?.text).toBe('Vormerken');
    expect(view.close?.text).toBe('Abbrechen');
  });

  it('remembers the command and the channel in private_metadata', () => {
    expect(parseFormMetadata(view.private_metadata!)).toEqual({ command: 'vormerken', channelId: 'C0MI1' });
    expect(parseFormMetadata(renderModal(form).private_metadata!)).toEqual({ command: 'vormerken' });
  });

  it('has one input block per field, block_id and action_id being the field key', () => {
    expect(view.blocks.map((b) => [b.type, b.block_id, (b as any).element.action_id])).toEqual([
      ['input', 'kunde', 'kunde'],
      ['input', 'gruppe', 'gruppe'],
      ['input', 'hb', 'hb'],
      ['input', 'u25bis', 'u25bis'],
    ]);
    expect(formFieldKeys(view as any)).toEqual(['kunde', 'gruppe', 'hb', 'u25bis']);
  });

  it('uses a text input, a static select and a grouped multi-select, marking optional fields', () => {
    const [kunde, gruppe, hb, u25bis] = view.blocks as any[];
    expect(kunde.element).toMatchObject({ type: 'plain_text_input', placeholder: { type: 'plain_text', text: '123A456789' } });
    expect(kunde.hint.text).toBe('3 Ziffern, Buchstabe, 6 Ziffern');
    expect(kunde.optional).toBeUndefined();
    expect(gruppe.element.type).toBe('static_select');
    expect(gruppe.element.options).toEqual([
      { text: { type: 'plain_text', text: 'Ü25', emoji: true }, value: 'ue25' },
      { text: { type: 'plain_text', text: 'U25', emoji: true }, value: 'u25' },
    ]);
    expect(hb.element.type).toBe('multi_static_select');
    expect(hb.element.option_groups.map((g: any) => g.label.text)).toEqual(['Leistungsfähigkeit', 'Rahmenbedingungen']);
    expect(u25bis.optional).toBe(true);
  });

  it('refuses a select with more than 100 options rather than hiding some', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));
    const tooMany: Form = { ...form, fields: [{ kind: 'select', key: 'x', label: 'X', required: true, options: many }] };
    expect(() => renderModal(tooMany)).toThrow(SlackLimitError);
  });

  it('refuses duplicate field keys, which Slack would reject as duplicate block ids', () => {
    const twice: Form = { ...form, fields: [form.fields[0]!, form.fields[0]!] };
    expect(() => renderModal(twice)).toThrow(/kunde/);
  });

  it('keeps every generated text within the Block Kit limits', () => {
    const long = 'x'.repeat(3000);
    const big: Form = {
      command: 'c',
      title: long,
      submitLabel: long,
      fields: [{ kind: 'select', key: 'k', label: long, hint: long, required: true, options: [{ value: 'v', label: long }] }],
    };
    const v = renderModal(big) as any;
    expect(v.title.text.length).toBe(LIMITS.modalTitle);
    expect(v.submit.text.length).toBe(LIMITS.modalButton);
    expect(v.blocks[0].label.text.length).toBe(LIMITS.inputLabel);
    expect(v.blocks[0].hint.text.length).toBe(LIMITS.hint);
    expect(v.blocks[0].element.options[0].text.text.length).toBe(LIMITS.optionText);
  });
});

describe('values read back from a submitted modal', () => {
  const view = renderModal(form) as any;

  it('gives text, the selected option and multi-select values joined with ","', () => {
    const state = viewState(view, { kunde: ' 123A456789 ', gruppe: 'ue25', hb: 'gesundheit,sucht,schulden' });
    expect(readViewValues({ blocks: view.blocks, state: { values: state as any } })).toEqual({
      kunde: '123A456789',
      gruppe: 'ue25',
      hb: 'gesundheit,sucht,schulden',
    });
  });

  it('leaves out fields the user left empty', () => {
    const state = viewState(view, { kunde: '123A456789' });
    expect(readViewValues({ state: { values: state as any } })).toEqual({ kunde: '123A456789' });
  });
});

describe('form errors next to the fields', () => {
  const keys = ['kunde', 'gruppe', 'hb'];

  it('puts each field error on its field', () => {
    expect(modalErrors(keys, 'Zwei Probleme', { hb: 'zu wenige', kunde: 'Format' })).toEqual({ hb: 'zu wenige', kunde: 'Format' });
  });

  it('puts errors without a field of this form, or the general text, on the first field', () => {
    expect(modalErrors(keys, 'Nur IFK dürfen vormerken.', {})).toEqual({ kunde: 'Nur IFK dürfen vormerken.' });
    expect(modalErrors(keys, 'x', { kunde: 'Format', unbekannt: 'Etwas anderes' })).toEqual({ kunde: 'Format\nEtwas anderes' });
    // A refusal with field problems and one without a field: nothing is lost.
    const text = 'Das hat nicht geklappt:\n• hb: zu wenige\n• Nur bis 1000 Zeichen.';
    expect(modalErrors(keys, text, { hb: 'hb: zu wenige' }, ['Nur bis 1000 Zeichen.'])).toEqual({ kunde: 'Nur bis 1000 Zeichen.', hb: 'hb: zu wenige' });
  });
});

describe('messages as Block Kit', () => {
  it('turns heading, text, facts, list, buttons and divider into header, sections, actions and divider', () => {
    const blocks = renderBlocks([
      heading('Vormerkung gespeichert'),
      text('Die Übernahme ist fällig.'),
      facts(['Fall', 'FM-2025-0001'], ['Übernahme bis', '10.11.2025']),
      list(['eins', 'zwei']),
      actions({ actionId: 'round.confirm', label: 'Bestätigen', value: 'FM-2025-0001', style: 'primary' }),
      divider(),
    ]) as any[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'actions', 'divider']);
    expect(blocks[0].text).toEqual({ type: 'plain_text', text: 'Vormerkung gespeichert', emoji: true });
    expect(blocks[2].fields).toEqual([
      { type: 'mrkdwn', text: '*Fall*\nFM-2025-0001' },
      { type: 'mrkdwn', text: '*Übernahme bis*\n10.11.2025' },
    ]);
    expect(blocks[3].text.text).toBe('• eins\n• zwei');
    expect(blocks[4].elements[0]).toEqual({
      type: 'button',
      action_id: 'round.confirm',
      text: { type: 'plain_text', text: 'Bestätigen', emoji: true },
      value: 'FM-2025-0001',
      style: 'primary',
    });
  });

  it('splits more than 10 facts over several sections', () => {
    const many = Array.from({ length: 23 }, (_, i): [string, string] => [`L${i}`, `V${i}`]);
    const blocks = renderBlocks([facts(...many)]) as any[];
    expect(blocks.map((b) => b.fields.length)).toEqual([10, 10, 3]);
  });

  it('splits long text into sections of at most 3000 characters at line breaks', () => {
    const long = Array.from({ length: 100 }, (_, i) => `Zeile ${i} `.padEnd(60, '.')).join('\n');
    const blocks = renderBlocks([text(long)]) as any[];
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(blocks.map((b) => b.text.text).join('\n')).toBe(long);
  });

  it('escapes the characters Slack reserves for links and mentions', () => {
    const { text: summary, blocks } = renderMessage(message('A & B <C>', text('<!channel> & co')));
    expect(summary).toBe('A &amp; B &lt;C&gt;');
    expect((blocks[0] as any).text.text).toBe('&lt;!channel&gt; &amp; co');
  });

  it('refuses a message of more than 50 blocks', () => {
    expect(() => renderBlocks(Array.from({ length: 51 }, () => divider()))).toThrow(SlackLimitError);
  });
});

describe('mentions and choices in messages', () => {
  const org = new OrgIndex(exampleOrg());
  const tobias = org.person('fm-tobias')!;

  it('turns a mention into a Slack mention that notifies, and into the name where Slack cannot mention', () => {
    const { text: summary, blocks } = renderMessage(message(`Fall für ${mention('fm-tobias')}`, heading(`Für ${mention('fm-tobias')}`), text(`Bitte ${mention('fm-tobias')} & Team`)), org);
    expect(summary).toBe('Fall für <@U0FMTOBIAS>');
    expect((blocks[0] as any).text.text).toBe(`Für ${tobias.name}`);
    expect((blocks[1] as any).text.text).toBe('Bitte <@U0FMTOBIAS> &amp; Team');
  });

  it('shows the bare id of a person it does not know', () => {
    expect(renderMessage(message(`an ${mention('p-unbekannt')}`)).text).toBe('an p-unbekannt');
  });

  it('renders a choice as a section with a select, preselecting the initial option', () => {
    const [block] = renderBlocks([
      { kind: 'select', text: 'FM-2025-0001 (Ü25)', actionId: 'round.assign', options: [{ value: 'fm-tobias', label: 'Tobias' }, { value: 'fm-aylin', label: 'Aylin' }], initial: 'fm-aylin' },
    ]) as any[];
    expect(block.type).toBe('section');
    expect(block.text).toEqual({ type: 'mrkdwn', text: 'FM-2025-0001 (Ü25)' });
    expect(block.accessory).toMatchObject({ type: 'static_select', action_id: 'round.assign', initial_option: { value: 'fm-aylin' } });
    expect(block.accessory.options).toHaveLength(2);
  });
});

describe('text helpers', () => {
  it('clips without splitting an emoji', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('kurz', 24)).toBe('kurz');
  });

  it('splits a line longer than the limit hard', () => {
    expect(splitText('a'.repeat(7), 3)).toEqual(['aaa', 'aaa', 'a']);
  });
});
