/**
 * The reply model (src/messaging/reply.ts) as Adaptive Cards 1.5 — the schema Teams supports for bot cards and
 * the one that has Action.Execute — and what an Action.Execute sends back into plain values again. Every
 * button, choice and form submit is an Action.Execute: Teams then calls the bot (invoke `adaptiveCard/action`)
 * and lets it answer with a card or a short message on the card.
 */
import { z } from 'zod/v4';
import type { OrgIndex } from '../../config/orgIndex.js';
import { teamsTexts as T } from '../../i18n/teams.js';
import { MENTION_PATTERN, type Block, type Button, type Form, type FormField, type Message } from '../../messaging/reply.js';

export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The verb of every form's submit button; buttons and choices use their action id as verb. */
export const FORM_VERB = 'fm.form';
/** Teams refuses messages above about 28 KB; a card that large is a programming error, not a user's. */
export const MAX_CARD_BYTES = 28_000;

/** An Adaptive Card element or action: a `type` and its properties (https://adaptivecards.io/explorer/). */
export type CardElement = { type: string } & Record<string, unknown>;

/** A mention in a card: `<at>Name</at>` in the text plus this entity, or Teams shows plain text. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof CARD_VERSION;
  fallbackText?: string;
  body: CardElement[];
  msteams: { width: 'Full'; entities?: MentionEntity[] };
}

/** Something the app generated cannot be shown in Teams. */
export class TeamsLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsLimitError';
  }
}

/** Who a mention token (`@{personId}`) stands for. */
export type People = Pick<OrgIndex, 'person'>;

/** Collects the mentions of one card while its texts are rendered. */
class Mentions {
  private readonly entities = new Map<string, MentionEntity>();

  constructor(private readonly people?: People) {}

  /** Markdown for TextBlock and Fact texts: `<at>` mentions for people on Teams, names for everyone else. */
  markdown(text: string): string {
    return slackMarkupToMarkdown(text).replace(MENTION_PATTERN, (_m, id: string) => {
      const person = this.people?.person(id);
      if (!person) return id;
      if (!person.teamsUserId) return person.name;
      const tag = `<at>${person.name}</at>`;
      this.entities.set(person.teamsUserId, { type: 'mention', text: tag, mentioned: { id: person.teamsUserId, name: person.name } });
      return tag;
    });
  }

  /** Plain text (button titles, choices, summaries) cannot mention: names instead. */
  plain(text: string): string {
    return text.replace(MENTION_PATTERN, (_m, id: string) => this.people?.person(id)?.name ?? id);
  }

  list(): MentionEntity[] {
    return [...this.entities.values()];
  }
}

/** The chat texts use Slack's markup (`*bold*`, `` `code` ``); Adaptive Cards know `**bold**` and no code. */
export function slackMarkupToMarkdown(text: string): string {
  return text.replace(/(^|[^*\w])\*([^*\n]+)\*(?![*\w])/g, '$1**$2**').replace(/`([^`\n]+)`/g, '$1');
}

/** Lines become paragraphs: Teams collapses a single line break in a TextBlock. */
const paragraphs = (text: string): string => text.split('\n').join('\n\n');

const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text, wrap: true, ...extra });

function card(body: CardElement[], summary: string, mentions: Mentions): AdaptiveCard {
  const entities = mentions.list();
  const result: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: summary,
    body,
    msteams: entities.length ? { width: 'Full', entities } : { width: 'Full' },
  };
  const size = Buffer.byteLength(JSON.stringify(result));
  if (size > MAX_CARD_BYTES) throw new TeamsLimitError(`a card may have ${MAX_CARD_BYTES} bytes, this one has ${size}`);
  return result;
}

/** What an Action.Execute carries in `data.fm` (besides the values of the card's inputs). */
export type ActionData =
  | { kind: 'button'; value: string }
  /** A choice applied with its button: the value is that of input `input`. */
  | { kind: 'select'; input: string }
  /** A form: the form itself travels along so errors can be shown on it again. */
  | { kind: 'form'; form: Form };

function executeButton(b: Button, mentions: Mentions): CardElement {
  const data: { fm: ActionData } = { fm: { kind: 'button', value: b.value } };
  return {
    type: 'Action.Execute',
    title: mentions.plain(b.label),
    verb: b.actionId,
    data,
    ...(b.style === 'primary' ? { style: 'positive' } : b.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

function renderBlock(block: Block, index: number, mentions: Mentions): CardElement[] {
  switch (block.kind) {
    case 'heading':
      return block.text.trim() === '' ? [] : [textBlock(mentions.markdown(block.text), { size: 'Medium', weight: 'Bolder' })];
    case 'text':
      return block.text.trim() === '' ? [] : [textBlock(paragraphs(mentions.markdown(block.text)))];
    case 'facts':
      return block.facts.length === 0
        ? []
        : [{ type: 'FactSet', facts: block.facts.map((f) => ({ title: mentions.markdown(f.label), value: paragraphs(mentions.markdown(f.value || '–')) })) }];
    case 'list':
      return block.items.length === 0 ? [] : [textBlock(block.items.map((item) => `• ${mentions.markdown(item.replace(/\n/g, ' '))}`).join('\n\n'))];
    case 'actions':
      return block.buttons.length === 0 ? [] : [{ type: 'ActionSet', actions: block.buttons.map((b) => executeButton(b, mentions)) }];
    case 'select': {
      // Inputs are named by position: the action id repeats on every row of a round.
      const input = `choice-${index}`;
      const data: { fm: ActionData } = { fm: { kind: 'select', input } };
      return [
        {
          type: 'Container',
          items: [
            textBlock(mentions.markdown(block.text) || '–'),
            {
              type: 'ColumnSet',
              columns: [
                {
                  type: 'Column',
                  width: 'stretch',
                  items: [
                    {
                      type: 'Input.ChoiceSet',
                      id: input,
                      style: 'compact',
                      placeholder: block.placeholder ?? T.selectPlaceholder,
                      choices: block.options.map((o) => ({ title: mentions.plain(o.label), value: o.value })),
                      ...(block.initial !== undefined ? { value: block.initial } : {}),
                    },
                  ],
                },
                {
                  type: 'Column',
                  width: 'auto',
                  verticalContentAlignment: 'Center',
                  items: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: T.applyChoice, verb: block.actionId, data }] }],
                },
              ],
            },
          ],
        },
      ];
    }
    case 'divider':
      return [];
  }
}

/** A message as one card: headings, texts, fact sets, buttons and choices in their order. */
export function renderCard(message: Message, people?: People): AdaptiveCard {
  const mentions = new Mentions(people);
  const body: CardElement[] = [];
  let separate = false;
  message.blocks.forEach((block, index) => {
    if (block.kind === 'divider') {
      separate = body.length > 0;
      return;
    }
    for (const element of renderBlock(block, index, mentions)) {
      body.push(separate ? { ...element, separator: true, spacing: 'Medium' } : element);
      separate = false;
    }
  });
  if (body.length === 0 && message.text.trim() !== '') body.push(textBlock(paragraphs(mentions.markdown(message.text))));
  return card(body, mentions.plain(message.text), mentions);
}

/** A chart already drawn: its title and alt text (ImagePart) with the PNG. */
export interface DrawnChart {
  title: string;
  alt: string;
  png: Buffer;
}

/**
 * R35: the charts of a reply as one card — per chart its title and the picture as a PNG data URL (Teams shows
 * inline pictures in the personal chat; the card's size check does not apply to them). Only ever sent to the
 * person the reply is for.
 */
export function renderChartCard(charts: readonly DrawnChart[]): AdaptiveCard {
  const body: CardElement[] = charts.flatMap((chart) => [
    textBlock(chart.title, { weight: 'Bolder', separator: true, spacing: 'Medium' }),
    { type: 'Image', url: `data:image/png;base64,${chart.png.toString('base64')}`, altText: chart.alt, size: 'Stretch' },
  ]);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: charts.map((c) => c.title).join(' · '),
    body,
    msteams: { width: 'Full' },
  };
}

/** A refusal shown on a form, next to the fields it names. */
export interface FormErrors {
  text: string;
  fieldErrors: Record<string, string>;
}

/** The input ids of a field: one, or one per option group of a multi-select (Adaptive Cards have no groups). */
function groupInputId(key: string, group: number): string {
  return `${key}#${group}`;
}

function fieldInputs(field: FormField, value: string | undefined): CardElement[] {
  const required = field.required ? { isRequired: true, errorMessage: T.required } : {};
  switch (field.kind) {
    case 'text':
      return [
        {
          type: 'Input.Text',
          id: field.key,
          label: field.label,
          ...(field.placeholder ? { placeholder: field.placeholder } : {}),
          ...(field.multiline ? { isMultiline: true } : {}),
          ...(value !== undefined ? { value } : {}),
          ...required,
        },
      ];
    case 'select': {
      // A form opened from a button names its subject as the only choice (e.g. the escalation): chosen already.
      const preset = value ?? (field.options.length === 1 ? field.options[0]!.value : undefined);
      return [
        {
          type: 'Input.ChoiceSet',
          id: field.key,
          label: field.label,
          style: 'compact',
          placeholder: T.selectPlaceholder,
          choices: field.options.map((o) => ({ title: o.label, value: o.value })),
          ...(preset !== undefined ? { value: preset } : {}),
          ...required,
        },
      ];
    }
    case 'multiselect': {
      const chosen = new Set((value ?? '').split(',').filter(Boolean));
      return [
        textBlock(field.label, { weight: 'Bolder' }),
        ...field.groups.flatMap((g, i) => {
          if (g.options.length === 0) return [];
          const preset = g.options.filter((o) => chosen.has(o.value)).map((o) => o.value);
          return [
            {
              type: 'Input.ChoiceSet',
              id: groupInputId(field.key, i),
              label: g.label,
              isMultiSelect: true,
              style: 'expanded',
              choices: g.options.map((o) => ({ title: o.label, value: o.value })),
              ...(preset.length ? { value: preset.join(',') } : {}),
            },
          ];
        }),
      ];
    }
  }
}

/**
 * A form as a card with one input per field (a multi-select: one checkbox group per option group) and a
 * submit button. With `errors`, the submitted `values` stay filled in and each message stands next to its field.
 */
export function renderFormCard(form: Form, state: { values?: Record<string, string>; errors?: FormErrors } = {}): AdaptiveCard {
  const keys = form.fields.map((f) => f.key);
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate !== undefined) throw new TeamsLimitError(`field key "${duplicate}" appears twice in form "${form.command}"`);
  if (keys.includes('fm')) throw new TeamsLimitError('the field key "fm" is reserved for the card action data');

  const mentions = new Mentions();
  const { values = {}, errors } = state;
  const body: CardElement[] = [textBlock(form.title, { size: 'Large', weight: 'Bolder' })];
  if (errors) {
    const stray = Object.entries(errors.fieldErrors).filter(([key, msg]) => !keys.includes(key) && !errors.text.includes(msg)).map(([, msg]) => msg);
    body.push({
      type: 'Container',
      style: 'attention',
      items: [textBlock(paragraphs(slackMarkupToMarkdown(errors.text)), { color: 'Attention' }), ...stray.map((msg) => textBlock(msg, { color: 'Attention', size: 'Small' }))],
    });
  }
  for (const field of form.fields) {
    body.push(...fieldInputs(field, values[field.key]));
    if (field.hint) body.push(textBlock(field.hint, { size: 'Small', isSubtle: true, spacing: 'None' }));
    const problem = errors?.fieldErrors[field.key];
    if (problem) body.push(textBlock(slackMarkupToMarkdown(problem), { size: 'Small', color: 'Attention', spacing: 'None' }));
  }
  const data: { fm: ActionData } = { fm: { kind: 'form', form } };
  body.push({ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: form.submitLabel, verb: FORM_VERB, style: 'positive', data }] });
  return card(body, form.title, mentions);
}

const optionSchema = z.object({ value: z.string(), label: z.string() });
const fieldSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), key: z.string().min(1), label: z.string(), hint: z.string().optional(), required: z.boolean(), placeholder: z.string().optional(), multiline: z.boolean().optional() }),
  z.object({ kind: z.literal('select'), key: z.string().min(1), label: z.string(), hint: z.string().optional(), required: z.boolean(), options: z.array(optionSchema) }),
  z.object({
    kind: z.literal('multiselect'),
    key: z.string().min(1),
    label: z.string(),
    hint: z.string().optional(),
    required: z.boolean(),
    groups: z.array(z.object({ label: z.string(), options: z.array(optionSchema) })),
  }),
]);
const actionDataSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('button'), value: z.string() }),
  z.object({ kind: z.literal('select'), input: z.string().min(1) }),
  z.object({
    kind: z.literal('form'),
    form: z.object({ command: z.string().min(1), title: z.string(), submitLabel: z.string(), fields: z.array(fieldSchema) }),
  }),
]);

/** What a card action asks the bot to do. */
export type CardAction =
  | { kind: 'action'; actionId: string; value: string }
  | { kind: 'form'; form: Form; values: Record<string, string> };

/**
 * Reads an Action.Execute (its verb and data, the inputs' values merged in) back into a button click, an
 * applied choice or submitted form values; undefined for anything this app did not render.
 */
export function readCardAction(verb: string, data: unknown): CardAction | undefined {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const parsed = actionDataSchema.safeParse(record.fm);
  if (!parsed.success) return undefined;
  const fm = parsed.data;
  switch (fm.kind) {
    case 'button':
      return { kind: 'action', actionId: verb, value: fm.value };
    case 'select': {
      const value = record[fm.input];
      return typeof value === 'string' && value !== '' ? { kind: 'action', actionId: verb, value } : undefined;
    }
    case 'form':
      return verb === FORM_VERB ? { kind: 'form', form: fm.form, values: readFormValues(fm.form, record) } : undefined;
  }
}

/** Values by field key as BotApi.submitForm expects them; a multi-select's values joined with ",", empty ones left out. */
export function readFormValues(form: Form, data: Record<string, unknown>): Record<string, string> {
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const values: Record<string, string> = {};
  for (const field of form.fields) {
    const value =
      field.kind === 'multiselect'
        ? field.groups
            .flatMap((_g, i) => text(data[groupInputId(field.key, i)]).split(','))
            .map((v) => v.trim())
            .filter(Boolean)
            .join(',')
        : text(data[field.key]);
    if (value) values[field.key] = value;
  }
  return values;
}
