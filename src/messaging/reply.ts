/**
 * The platform-neutral reply model. Commands and jobs build these; Slack, Teams and the console each
 * render them. Nothing here knows a platform.
 */

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'facts'; facts: Fact[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'actions'; buttons: Button[] }
  /** A line with a choice next to it (Slack: section with a static_select accessory). */
  | { kind: 'select'; text: string; actionId: string; options: FieldOption[]; initial?: string; placeholder?: string }
  | { kind: 'divider' };

export interface Fact {
  label: string;
  value: string;
}

export interface Button {
  /** Stable action id the platform sends back (e.g. "round.confirm"). */
  actionId: string;
  label: string;
  /** Opaque value returned with the click (e.g. a case code). */
  value: string;
  style?: 'primary' | 'danger';
}

/** A message: blocks plus a plain-text summary for notifications and screen readers. */
export interface Message {
  text: string;
  blocks: Block[];
  /** Pictures sent with it (charts); each platform renders them to PNG (src/platforms/charts.ts). */
  images?: ImagePart[];
}

/**
 * A chart: a Vega-Lite specification with its data inline, rendered to a PNG by the platform. Like the message, it
 * goes only to the person the message is for.
 */
export interface ImagePart {
  kind: 'chart';
  /** Shown above or with the picture, and its file name's stem. */
  title: string;
  /** What the picture shows, for screen readers (Slack alt_text, Adaptive Card altText). */
  alt: string;
  /** File name of the PNG, e.g. `auslastung-fm-ue25-2026-03.png`. */
  fileName: string;
  /** Vega-Lite (v5) specification; `data.values` holds the figures drawn. */
  spec: Record<string, unknown>;
}

export type FieldOption = { value: string; label: string };
export type OptionGroup = { label: string; options: FieldOption[] };

export type FormField =
  | { kind: 'text'; key: string; label: string; hint?: string; required: boolean; placeholder?: string; multiline?: boolean }
  | { kind: 'select'; key: string; label: string; hint?: string; required: boolean; options: FieldOption[] }
  | { kind: 'multiselect'; key: string; label: string; hint?: string; required: boolean; groups: OptionGroup[] };

/** A form the platform opens (Slack modal, Adaptive Card, console prompt list). */
export interface Form {
  /** The subcommand the submitted values are fed back into (e.g. "vormerken"). */
  command: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
}

/** Where an outgoing message goes. Client references may only travel to `direct` targets. */
export type Target =
  | {
      kind: 'channel';
      teamId: string;
      /** Post as a reply in the thread of the message queued under this dedupe key. */
      threadOf?: string;
      /** Replace (update in place) the message queued under this dedupe key instead of posting. */
      replaces?: string;
    }
  | { kind: 'direct'; personId: string };

/**
 * A person mentioned inside a text. Renderers replace the token: Slack by `<@U…>`, the console by the
 * person's name, so the same message notifies on each platform.
 */
export const mention = (personId: string): string => `@{${personId}}`;
export const MENTION_PATTERN = /@\{([A-Za-z0-9._:-]+)\}/g;

/** Replaces every mention token using `resolve` (person id → platform text). */
export function resolveMentions(text: string, resolve: (personId: string) => string): string {
  return text.replace(MENTION_PATTERN, (_m, id: string) => resolve(id));
}

export const heading = (text: string): Block => ({ kind: 'heading', text });
export const text = (value: string): Block => ({ kind: 'text', text: value });
export const facts = (...items: Array<[string, string]>): Block => ({
  kind: 'facts',
  facts: items.map(([label, value]) => ({ label, value })),
});
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const actions = (...buttons: Button[]): Block => ({ kind: 'actions', buttons });

export function message(summary: string, ...blocks: Block[]): Message {
  return { text: summary, blocks };
}

/** Plain text of a message, used by the console and as a notification fallback. */
export function toPlainText(msg: Message): string {
  const lines: string[] = [];
  for (const block of msg.blocks) {
    switch (block.kind) {
      case 'heading':
        lines.push(`*${block.text}*`);
        break;
      case 'text':
        lines.push(block.text);
        break;
      case 'facts':
        for (const f of block.facts) lines.push(`${f.label}: ${f.value}`);
        break;
      case 'list':
        for (const item of block.items) lines.push(`• ${item}`);
        break;
      case 'actions':
        lines.push(block.buttons.map((b) => `[${b.label}]`).join(' '));
        break;
      case 'select':
        lines.push(`${block.text} [${block.options.find((o) => o.value === block.initial)?.label ?? '…'}]`);
        break;
      case 'divider':
        lines.push('—');
        break;
    }
  }
  return lines.length ? lines.join('\n') : msg.text;
}
