import { describe, expect, it } from 'vitest';
import type { Form } from '../../../src/messaging/reply.js';
import { actions, facts, heading, list, mention, message, text } from '../../../src/messaging/reply.js';
import {
  CARD_VERSION,
  FORM_VERB,
  MAX_CARD_BYTES,
  readCardAction,
  renderCard,
  renderFormCard,
  slackMarkupToMarkdown,
  TeamsLimitError,
} from '../../../src/platforms/teams/render.js';
import { exampleOrg } from '../../support/world.js';
import { OrgIndex } from '../../../src/config/orgIndex.js';

const org = new OrgIndex(exampleOrg());

const FORM: Form = {
  command: 'vormerken',
  title: 'Für das FM vormerken',
  submitLabel: 'Vormerken',
  fields: [
    { kind: 'text', key: 'kunde', label: 'Kundennummer', hint: '3 Ziffern, 1 Buchstabe, 6 Ziffern', required: true, placeholder: '123A456789' },
    { kind: 'select', key: 'gruppe', label: 'Gruppe', required: true, options: [{ value: 'u25', label: 'U25' }, { value: 'ue25', label: 'Ü25' }] },
    {
      kind: 'multiselect',
      key: 'hb',
      label: 'Handlungsbedarfe',
      required: true,
      groups: [
        { label: 'Leistungsfähigkeit', options: [{ value: 'gesundheit', label: 'Gesundheit' }, { value: 'psyche', label: 'Psyche' }] },
        { label: 'Leer', options: [] },
        { label: 'Rahmenbedingungen', options: [{ value: 'sucht', label: 'Sucht' }, { value: 'schulden', label: 'Schulden' }] },
      ],
    },
    { kind: 'text', key: 'notiz', label: 'Notiz', required: false, multiline: true },
  ],
};

/** Every element of a card body, containers and columns included. */
function elements(body: any[]): any[] {
  return body.flatMap((e) => [e, ...elements(e.items ?? []), ...elements((e.columns ?? []).flatMap((c: any) => c.items ?? []))]);
}

describe('messages as Adaptive Cards', () => {
  it('renders headings, facts, lists and buttons in order as an Adaptive Card 1.5 with Action.Execute', () => {
    const card = renderCard(
      message(
        'Zusammenfassung',
        heading('Vormerkung gespeichert'),
        facts(['Fall', 'FM-2025-0001'], ['Übernahme bis', '10.11.2025']),
        { kind: 'divider' },
        list(['erste Zeile', 'zweite\nZeile']),
        actions({ actionId: 'round.confirm', label: 'Vorschlag übernehmen', value: '7', style: 'primary' }),
      ),
    );
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: CARD_VERSION, fallbackText: 'Zusammenfassung' });
    expect(CARD_VERSION).toBe('1.5');
    expect(card.body.map((e) => e.type)).toEqual(['TextBlock', 'FactSet', 'TextBlock', 'ActionSet']);
    expect(card.body[1]).toMatchObject({ facts: [{ title: 'Fall', value: 'FM-2025-0001' }, { title: 'Übernahme bis', value: '10.11.2025' }] });
    expect(card.body[2]).toMatchObject({ separator: true, text: '• erste Zeile\n\n• zweite Zeile' });
    expect(card.body[3]).toMatchObject({
      actions: [{ type: 'Action.Execute', verb: 'round.confirm', title: 'Vorschlag übernehmen', style: 'positive', data: { fm: { kind: 'button', value: '7' } } }],
    });
  });

  it('turns mentions of people on Teams into <at> mentions with entities, and others into names', () => {
    const card = renderCard(message(`Neu für ${mention('fm-tobias')}`, text(`${mention('fm-tobias')} übernimmt von ${mention('unbekannt')}`), facts(['Vorgemerkt von', mention('ifk-lena')])), org);
    expect(card.body[0]).toMatchObject({ text: '<at>Tobias Krüger</at> übernimmt von unbekannt' });
    expect(card.body[1]).toMatchObject({ facts: [{ value: '<at>Lena Schröder</at>' }] });
    expect(card.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Tobias Krüger</at>', mentioned: { id: '29:platzhalter-fm-tobias', name: 'Tobias Krüger' } },
      { type: 'mention', text: '<at>Lena Schröder</at>', mentioned: { id: '29:platzhalter-ifk-lena', name: 'Lena Schröder' } },
    ]);
    expect(card.fallbackText).toBe('Neu für Tobias Krüger');
  });

  it("writes Slack's *bold* as **bold**, drops code quotes and keeps each line a paragraph", () => {
    expect(slackMarkupToMarkdown('*FM-2025-0001* · mit `/fm hilfe` 3*4')).toBe('**FM-2025-0001** · mit /fm hilfe 3*4');
    const card = renderCard(message('x', text('erste\nzweite')));
    expect(card.body[0]).toMatchObject({ text: 'erste\n\nzweite' });
  });

  it('gives each choice row its own input and an "Übernehmen" button that names it', () => {
    const card = renderCard(
      message(
        'Runde',
        { kind: 'select', text: 'FM-2026-0001 · Ü25', actionId: 'round.choose', options: [{ value: '1|FM-2026-0001|fm-tobias', label: 'Tobias Krüger' }, { value: '1|FM-2026-0001|fm-aylin', label: 'Aylin Demir' }], initial: '1|FM-2026-0001|fm-aylin' },
        { kind: 'select', text: 'FM-2026-0002 · Ü25', actionId: 'round.choose', options: [{ value: '1|FM-2026-0002|fm-tobias', label: 'Tobias Krüger' }] },
      ),
    );
    const all = elements(card.body);
    const inputs = all.filter((e) => e.type === 'Input.ChoiceSet');
    expect(inputs.map((i) => [i.id, i.value])).toEqual([['choice-0', '1|FM-2026-0001|fm-aylin'], ['choice-1', undefined]]);
    const buttons = all.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions);
    expect(buttons.map((b: any) => [b.title, b.verb, b.data.fm.input])).toEqual([
      ['Übernehmen', 'round.choose', 'choice-0'],
      ['Übernehmen', 'round.choose', 'choice-1'],
    ]);
    expect(readCardAction('round.choose', { fm: { kind: 'select', input: 'choice-1' }, 'choice-0': '1|FM-2026-0001|fm-aylin', 'choice-1': '1|FM-2026-0002|fm-tobias' })).toEqual({
      kind: 'action',
      actionId: 'round.choose',
      value: '1|FM-2026-0002|fm-tobias',
    });
  });

  it('refuses a card beyond what Teams accepts instead of sending something cut off', () => {
    const huge = message('viel', ...Array.from({ length: 400 }, (_, i) => text(`Zeile ${i} `.repeat(10))));
    expect(() => renderCard(huge)).toThrow(TeamsLimitError);
    expect(MAX_CARD_BYTES).toBeLessThanOrEqual(28_000);
  });
});

describe('forms as Adaptive Cards', () => {
  it('renders one input per field, a checkbox group per option group and a submit that carries the form', () => {
    const card = renderFormCard(FORM);
    const inputs = card.body.filter((e) => e.type.startsWith('Input.'));
    expect(inputs.map((i) => [i.type, i.id, i.isRequired ?? false])).toEqual([
      ['Input.Text', 'kunde', true],
      ['Input.ChoiceSet', 'gruppe', true],
      ['Input.ChoiceSet', 'hb#0', false],
      ['Input.ChoiceSet', 'hb#2', false],
      ['Input.Text', 'notiz', false],
    ]);
    expect(inputs[2]).toMatchObject({ label: 'Leistungsfähigkeit', isMultiSelect: true, style: 'expanded' });
    expect(inputs[4]).toMatchObject({ isMultiline: true });
    const submit = card.body.at(-1) as any;
    expect(submit.actions[0]).toMatchObject({ type: 'Action.Execute', verb: FORM_VERB, title: 'Vormerken', data: { fm: { kind: 'form', form: FORM } } });
  });

  it('reads submitted values back by field key, joining the checkbox groups and leaving out empty fields', () => {
    const data = { fm: { kind: 'form', form: FORM }, kunde: ' 123A456789 ', gruppe: 'ue25', 'hb#0': 'gesundheit,psyche', 'hb#2': 'sucht', notiz: '' };
    expect(readCardAction(FORM_VERB, data)).toEqual({
      kind: 'form',
      form: FORM,
      values: { kunde: '123A456789', gruppe: 'ue25', hb: 'gesundheit,psyche,sucht' },
    });
  });

  it('shows the form again with the values kept and each error next to its field', () => {
    const card = renderFormCard(FORM, {
      values: { kunde: 'Erika Muster', hb: 'psyche,sucht' },
      errors: { text: 'Das hat nicht geklappt:', fieldErrors: { kunde: 'kunde: Bitte die Kundennummer angeben.', gruppe_x: 'Unbekannt' } },
    });
    const index = card.body.findIndex((e) => e.id === 'kunde');
    expect(card.body[index]).toMatchObject({ value: 'Erika Muster' });
    expect(card.body[index + 2]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: 'kunde: Bitte die Kundennummer angeben.' });
    expect(card.body[1]).toMatchObject({ type: 'Container', style: 'attention' });
    expect(JSON.stringify(card.body[1])).toContain('Unbekannt');
    expect(card.body.filter((e) => e.type === 'Input.ChoiceSet' && String(e.id).startsWith('hb#')).map((e) => e.value)).toEqual(['psyche', 'sucht']);
  });

  it('ignores card actions it did not render', () => {
    expect(readCardAction('round.confirm', { something: 'else' })).toBeUndefined();
    expect(readCardAction('round.confirm', { fm: { kind: 'button' } })).toBeUndefined();
    expect(readCardAction('other.verb', { fm: { kind: 'form', form: FORM } })).toBeUndefined();
    expect(readCardAction('round.choose', { fm: { kind: 'select', input: 'choice-9' } })).toBeUndefined();
  });
});
