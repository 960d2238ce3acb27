/**
 * Renders platform-neutral messages as terminal text. ANSI styling only when the output is a terminal,
 * so piped transcripts (tests, logs) stay plain.
 */
import type { OrgIndex } from '../../config/orgIndex.js';
import { consoleTexts as t } from '../../i18n/console.js';
import { resolveMentions, type FormField, type Message, type Target } from '../../messaging/reply.js';

export interface RenderOptions {
  ansi: boolean;
  /** Resolves person mentions (`@{id}`) to names; without it the id is shown. */
  org?: OrgIndex;
}

const INDENT = '  ';

const bold = (s: string, o: RenderOptions): string => (o.ansi ? `\x1b[1m${s}\x1b[0m` : s);
const boldUnderline = (s: string, o: RenderOptions): string => (o.ansi ? `\x1b[1;4m${s}\x1b[0m` : s);

/** The lines of a message body, without any header. */
export function renderBody(msg: Message, opts: RenderOptions): string[] {
  const lines: string[] = [];
  for (const block of msg.blocks) {
    switch (block.kind) {
      case 'heading':
        lines.push(boldUnderline(block.text, opts));
        break;
      case 'text':
        lines.push(...block.text.split('\n'));
        break;
      case 'facts': {
        const width = Math.max(...block.facts.map((f) => f.label.length)) + 1;
        for (const f of block.facts) {
          const [first = '', ...rest] = f.value.split('\n');
          lines.push(`${`${f.label}:`.padEnd(width)} ${first}`);
          // Continuation lines of a multi-line value stay under the value column.
          for (const more of rest) lines.push(`${' '.repeat(width)} ${more}`);
        }
        break;
      }
      case 'list':
        for (const item of block.items) lines.push(`• ${item}`);
        break;
      case 'actions':
        lines.push(block.buttons.map((b) => `[${b.label}]`).join(' '), t.buttonsHint);
        break;
      case 'select': {
        const chosen = block.options.find((o) => o.value === block.initial)?.label ?? t.noChoice;
        lines.push(`${block.text} → ${chosen}`);
        break;
      }
      case 'divider':
        lines.push('─'.repeat(40));
        break;
    }
  }
  const body = lines.length ? lines : msg.text.split('\n');
  // Chat markup: *bold* becomes terminal bold (or plain), mentions become names.
  return body.map((line) =>
    resolveMentions(line, (id) => opts.org?.person(id)?.name ?? id).replace(/\*([^*\n]+)\*/g, (_m, inner: string) => bold(inner, opts)),
  );
}

function framed(header: string, body: string[], opts: RenderOptions): string {
  return ['', bold(header, opts), ...body.map((l) => (l ? INDENT + l : l))].join('\n') + '\n';
}

/** A reply only the caller sees (Slack: ephemeral). */
export function renderPrivate(msg: Message, opts: RenderOptions): string {
  return framed(t.privateHeader, renderBody(msg, opts), opts);
}

/** A refusal, with per-field messages; `labels` maps field keys to their form labels where known. */
export function renderError(
  text: string,
  fieldErrors: Record<string, string>,
  opts: RenderOptions,
  labels: Record<string, string> = {},
): string {
  const body = `${t.errorPrefix} ${text}`.split('\n');
  for (const [key, error] of Object.entries(fieldErrors)) {
    // The summary often already contains the field errors word for word; show each once.
    if (!text.includes(error)) body.push(`• ${t.fieldError(labels[key] ?? key, key, error)}`);
  }
  return framed(t.privateHeader, body, opts);
}

/** An outgoing channel message or direct message, headed so it cannot be mistaken for a private reply. */
export function renderDelivered(
  target: Target,
  msg: Message,
  org: OrgIndex,
  opts: RenderOptions,
  how?: 'thread' | 'update',
): string {
  const base =
    target.kind === 'channel'
      ? t.channelHeader(target.teamId)
      : t.directHeader(org.person(target.personId)?.name ?? target.personId, target.personId);
  const header = how === 'thread' ? t.threadHeader(base) : how === 'update' ? t.updateHeader(base) : base;
  return framed(header, renderBody(msg, opts), opts);
}

/** What the console prints before asking for one form field. */
export function renderFieldIntro(field: FormField, opts: RenderOptions): string {
  const lines = [bold(t.fieldHeading(field.label, field.required), opts)];
  if (field.hint) lines.push(INDENT + field.hint);
  if (field.kind === 'select') {
    // Options that are their own label (ja/nein) fit on one line.
    if (field.options.every((o) => o.label === o.value)) {
      lines.push(`${INDENT}${t.allowedValues} ${field.options.map((o) => o.value).join(', ')}`);
    } else {
      lines.push(INDENT + t.allowedValues);
      for (const o of field.options) lines.push(`${INDENT}  ${o.value}${o.label !== o.value ? ` – ${o.label}` : ''}`);
    }
  } else if (field.kind === 'multiselect') {
    lines.push(INDENT + t.allowedValues);
    for (const g of field.groups) {
      lines.push(`${INDENT}  ${g.label}: ${g.options.map((o) => o.value).join(', ')}`);
    }
    const sample = field.groups.flatMap((g) => g.options.map((o) => o.value)).slice(0, 3);
    lines.push(`${INDENT}${t.multiHint} ${sample.join(',')}`);
  }
  return lines.join('\n') + '\n';
}
