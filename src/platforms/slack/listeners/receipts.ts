/**
 * Acknowledged means stored, or told it was not (issue #13 item 9). A global middleware, so it runs before any
 * listener acknowledges: each slash command, form submission and click gets a receipt in the database first
 * (BotApi.track), which the request's stored change removes. A process killed between the acknowledgement and
 * the commit leaves the receipt, and the next start tells the sender (Bot.tellInterrupted).
 */
import type { App } from '@slack/bolt';
import { receiptTexts } from '../../../i18n/faults.js';
import type { BotApi, Caller } from '../../../messaging/ports.js';
import { parseFormMetadata } from '../render.js';
import { requester } from './errors.js';

/** A subcommand as people type it; anything else (a customer number, free text) never goes into a receipt. */
const SUBCOMMAND = /^[a-zäöüß-]{1,24}$/i;

/** What the request was, as its sender would recognise it (`/fm vormerken`, „Formular“ …, never what was typed), and the subcommand it names. */
export function receiptLabel(body: unknown): { label: string; command?: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, any>;
  if (typeof b.command === 'string') {
    const sub = String(b.text ?? '').trim().split(/\s+/)[0] ?? '';
    if (sub === '') return { label: b.command, command: '' }; // a bare /fm is /fm hilfe
    return SUBCOMMAND.test(sub) ? { label: `${b.command} ${sub.toLowerCase()}`, command: sub } : { label: b.command };
  }
  if (b.type === 'view_submission') {
    try {
      const { command } = parseFormMetadata(String(b.view?.private_metadata ?? ''));
      return SUBCOMMAND.test(command) ? { label: `/fm ${command}`, command } : { label: receiptTexts.form };
    } catch {
      return { label: receiptTexts.form };
    }
  }
  if (b.type === 'block_actions') return { label: receiptTexts.click };
  return undefined;
}

export function register(app: App, bot: BotApi): void {
  const track = bot.track?.bind(bot);
  if (!track) return;
  app.use(async ({ body, next }) => {
    const who = requester(body);
    const request = receiptLabel(body);
    if (!who || !request) {
      await next();
      return;
    }
    const caller: Caller = { platform: 'slack', userId: who.userId, ...(who.channelId ? { channelId: who.channelId } : {}) };
    await track(caller, request.label, () => next(), request.command);
  });
}
