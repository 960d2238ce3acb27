/**
 * The reply model (src/messaging/reply.ts) as Slack Block Kit, and submitted modal values back into plain
 * strings. Human-readable text that is too long for a Block Kit slot is shortened or split; machine data
 * (ids, option values) that does not fit is a programming error and throws SlackLimitError.
 */
import type { types } from '@slack/bolt';
import type { OrgIndex } from '../../config/orgIndex.js';
import { slackTexts } from '../../i18n/slack.js';
import { resolveMentions, type Block, type Button, type FieldOption, type Form, type FormField, type Message } from '../../messaging/reply.js';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
type InputBlock = types.InputBlock;
type PlainTextElement = types.PlainTextElement;
type PlainTextOption = types.PlainTextOption;
type SlackButton = types.Button;

/** Every modal this app opens carries this callback id; its submission is routed back by it. */
export const FORM_CALLBACK_ID = 'fm_form';

/** Block Kit limits (docs.slack.dev, "Block Kit reference"), as far as the renderer produces those pieces. */
export const LIMITS = {
  messageText: 40_000,
  messageBlocks: 50,
  modalBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  hint: 2000,
  placeholder: 150,
  options: 100,
  optionGroups: 100,
  optionText: 75,
  optionValue: 150,
  privateMetadata: 3000,
} as const;

/** Something the app generated cannot be shown in Slack without losing meaning. */
export class SlackLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackLimitError';
  }
}

/** Shortens text to `max` UTF-16 units, marking the cut; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Slack treats &, < and > as control characters in every text field. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Who a mention token (`@{personId}`) stands for; without it, mentions show the bare id. */
export type People = Pick<OrgIndex, 'person'>;

/** Text for mrkdwn fields: escaped, mentions as `<@U…>` (which notifies) or the name when not on Slack. */
export function mrkdwn(text: string, people?: People): string {
  return resolveMentions(escapeMrkdwn(text), (id) => {
    const person = people?.person(id);
    return person?.slackUserId ? `<@${person.slackUserId}>` : escapeMrkdwn(person?.name ?? id);
  });
}

/** Text for plain_text fields, which cannot mention: names instead. */
export function plainText(text: string, people?: People): string {
  return resolveMentions(text, (id) => people?.person(id)?.name ?? id);
}

/** Splits text into pieces of at most `max` units, preferring line breaks. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current !== '') pieces.push(current);
    current = line;
    while (current.length > max) {
      pieces.push(current.slice(0, max));
      current = current.slice(max);
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

const plain = (text: string, max: number): PlainTextElement => ({ type: 'plain_text', text: clip(text, max), emoji: true });

function checkId(kind: string, id: string): string {
  if (id.length === 0 || id.length > LIMITS.id) throw new SlackLimitError(`${kind} "${id.slice(0, 40)}" must have 1–${LIMITS.id} characters`);
  return id;
}

function sections(markdown: string): KnownBlock[] {
  return splitText(markdown, LIMITS.sectionText).map((piece) => ({ type: 'section', text: { type: 'mrkdwn', text: piece } }));
}

function button(b: Button, people?: People): SlackButton {
  if (b.value.length > LIMITS.buttonValue) throw new SlackLimitError(`button value of "${b.actionId}" exceeds ${LIMITS.buttonValue} characters`);
  return {
    type: 'button',
    action_id: checkId('action_id', b.actionId),
    text: plain(plainText(b.label, people), LIMITS.buttonText),
    value: b.value,
    ...(b.style ? { style: b.style } : {}),
  };
}

function renderBlock(block: Block, people?: People): KnownBlock[] {
  switch (block.kind) {
    case 'heading':
      return block.text.trim() === '' ? [] : [{ type: 'header', text: plain(plainText(block.text, people), LIMITS.headerText) }];
    case 'text':
      return block.text.trim() === '' ? [] : sections(mrkdwn(block.text, people));
    case 'facts':
      return chunk(block.facts, LIMITS.sectionFields).map((group) => ({
        type: 'section',
        fields: group.map((f) => ({
          type: 'mrkdwn',
          text: clip(`*${mrkdwn(f.label, people)}*\n${mrkdwn(f.value || '–', people)}`, LIMITS.fieldText),
        })),
      }));
    case 'list':
      return block.items.length === 0 ? [] : sections(block.items.map((item) => `• ${mrkdwn(item, people)}`).join('\n'));
    case 'actions':
      return chunk(block.buttons, LIMITS.actionsElements).map((group) => ({ type: 'actions', elements: group.map((b) => button(b, people)) }));
    case 'select': {
      const choices = options(block.actionId, block.options);
      const initial = choices.find((o) => o.value === block.initial);
      return [
        {
          type: 'section',
          // A section with an accessory cannot be split; its text is kept whole up to the limit.
          text: { type: 'mrkdwn', text: clip(mrkdwn(block.text, people) || '–', LIMITS.sectionText) },
          accessory: {
            type: 'static_select',
            action_id: checkId('action_id', block.actionId),
            placeholder: plain(block.placeholder ?? slackTexts.selectPlaceholder, LIMITS.placeholder),
            options: choices,
            ...(initial ? { initial_option: initial } : {}),
          },
        },
      ];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** The blocks of a message (chat.postMessage / chat.postEphemeral / chat.update). */
export function renderBlocks(blocks: readonly Block[], people?: People): KnownBlock[] {
  const rendered = blocks.flatMap((b) => renderBlock(b, people));
  if (rendered.length > LIMITS.messageBlocks) {
    throw new SlackLimitError(`a message may have ${LIMITS.messageBlocks} blocks, this one has ${rendered.length}`);
  }
  return rendered;
}

/** Arguments for chat.postMessage / chat.postEphemeral / chat.update: the summary doubles as notification text. */
export function renderMessage(message: Message, people?: People): { text: string; blocks: KnownBlock[] } {
  return { text: clip(mrkdwn(message.text, people), LIMITS.messageText), blocks: renderBlocks(message.blocks, people) };
}

/** What a modal remembers between views.open and its submission. */
export interface FormMetadata {
  command: string;
  /** The channel the command came from; the confirmation goes there privately. */
  channelId?: string;
}

export function parseFormMetadata(text: string): FormMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('private_metadata of the submitted view is not JSON');
  }
  const { command, channelId } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof command !== 'string' || command === '') throw new Error('private_metadata names no command');
  return typeof channelId === 'string' && channelId !== '' ? { command, channelId } : { command };
}

function option(o: FieldOption): PlainTextOption {
  if (o.value.length === 0 || o.value.length > LIMITS.optionValue) {
    throw new SlackLimitError(`option value "${o.value.slice(0, 40)}" must have 1–${LIMITS.optionValue} characters`);
  }
  return { text: plain(o.label, LIMITS.optionText), value: o.value };
}

function options(key: string, list: readonly FieldOption[]): PlainTextOption[] {
  if (list.length === 0 || list.length > LIMITS.options) {
    throw new SlackLimitError(`field "${key}" needs 1–${LIMITS.options} options, has ${list.length}`);
  }
  return list.map(option);
}

function inputElement(field: FormField): InputBlock['element'] {
  const action_id = checkId('action_id', field.key);
  switch (field.kind) {
    case 'text':
      return {
        type: 'plain_text_input',
        action_id,
        ...(field.multiline ? { multiline: true } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, LIMITS.placeholder) } : {}),
      };
    case 'select':
      return {
        type: 'static_select',
        action_id,
        placeholder: plain(slackTexts.selectPlaceholder, LIMITS.placeholder),
        options: options(field.key, field.options),
      };
    case 'multiselect': {
      const groups = field.groups.filter((g) => g.options.length > 0);
      if (groups.length === 0 || groups.length > LIMITS.optionGroups) {
        throw new SlackLimitError(`field "${field.key}" needs 1–${LIMITS.optionGroups} option groups, has ${groups.length}`);
      }
      return {
        type: 'multi_static_select',
        action_id,
        placeholder: plain(slackTexts.selectPlaceholder, LIMITS.placeholder),
        option_groups: groups.map((g) => ({ label: plain(g.label, LIMITS.optionText), options: options(field.key, g.options) })),
      };
    }
  }
}

function inputBlock(field: FormField): InputBlock {
  return {
    type: 'input',
    block_id: checkId('block_id', field.key),
    label: plain(field.label, LIMITS.inputLabel),
    element: inputElement(field),
    ...(field.hint ? { hint: plain(field.hint, LIMITS.hint) } : {}),
    ...(field.required ? {} : { optional: true }),
  };
}

/** A form as a modal for views.open: one input block per field, block_id = action_id = field key. */
export function renderModal(form: Form, context: { channelId?: string } = {}): ModalView {
  const keys = form.fields.map((f) => f.key);
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate !== undefined) throw new SlackLimitError(`field key "${duplicate}" appears twice in form "${form.command}"`);
  if (form.fields.length > LIMITS.modalBlocks) throw new SlackLimitError(`a modal may have ${LIMITS.modalBlocks} blocks`);

  const metadata: FormMetadata = context.channelId ? { command: form.command, channelId: context.channelId } : { command: form.command };
  const private_metadata = JSON.stringify(metadata);
  if (private_metadata.length > LIMITS.privateMetadata) throw new SlackLimitError('private_metadata exceeds 3000 characters');

  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalButton),
    close: plain(slackTexts.modalClose, LIMITS.modalButton),
    private_metadata,
    blocks: form.fields.map(inputBlock),
  };
}

/** The parts of a submitted view this module reads (Bolt's ViewOutput has them). */
export interface SubmittedView {
  blocks?: ReadonlyArray<{ type: string; block_id?: string }>;
  state: {
    values: Record<
      string,
      Record<
        string,
        {
          type: string;
          value?: string | null;
          selected_option?: { value: string } | null;
          selected_options?: ReadonlyArray<{ value: string }>;
        }
      >
    >;
  };
}

/**
 * Values by field key as BotApi.submitForm expects them: text trimmed, a multi-select's values joined
 * with ","; fields left empty are omitted.
 */
export function readViewValues(view: SubmittedView): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, elements] of Object.entries(view.state.values)) {
    const element = elements[blockId] ?? Object.values(elements)[0];
    if (!element) continue;
    let value: string | undefined;
    if (element.selected_options !== undefined) value = element.selected_options.map((o) => o.value).join(',');
    else if (element.selected_option !== undefined) value = element.selected_option?.value;
    else value = element.value?.trim();
    if (value) values[blockId] = value;
  }
  return values;
}

/** The field keys of a rendered modal, in display order. */
export function formFieldKeys(view: SubmittedView): string[] {
  return (view.blocks ?? []).filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id as string);
}

/**
 * The `errors` of a `response_action: 'errors'` ack. Messages for keys the modal does not have, or the
 * general text when no field is named, go on the first field so the user sees them next to the form.
 */
export function modalErrors(
  fieldKeys: readonly string[],
  text: string,
  fieldErrors: Record<string, string>,
  general: readonly string[] = [],
): Record<string, string> | undefined {
  const first = fieldKeys[0];
  if (first === undefined) return undefined;
  const errors: Record<string, string> = {};
  const stray: string[] = [];
  for (const [key, msg] of Object.entries(fieldErrors)) {
    if (fieldKeys.includes(key)) errors[key] = errors[key] ? `${errors[key]}\n${msg}` : msg;
    else stray.push(msg);
  }
  // A refusal may name problems that belong to no field next to field problems: none is lost.
  stray.push(...general);
  if (Object.keys(errors).length === 0 && stray.length === 0) stray.push(text);
  if (stray.length > 0) errors[first] = [errors[first], ...stray].filter(Boolean).join('\n');
  return errors;
}
