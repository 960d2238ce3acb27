/**
 * Signed requests as Slack sends them to /slack/events: slash commands, view submissions and button
 * clicks. Bodies are strings with content type exactly `application/x-www-form-urlencoded` (Bolt answers
 * 400 to `; charset=utf-8`), signed `v0=` HMAC-SHA256 over `v0:{timestamp}:{body}`.
 */
import { createHmac } from 'node:crypto';

export const TEST_SIGNING_SECRET = 'test-signing-secret';
export const TEST_TEAM = { id: 'T0TEST', domain: 'fm-lotse-test' };

export function sign(secret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature (forgeries). */
  signature?: string;
  headers?: Record<string, string>;
}

export interface PostResult {
  status: number;
  text: string;
  json(): any;
}

/** POSTs a signed form body. */
export async function post(url: string, body: string, opts: PostOptions = {}): Promise<PostResult> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? sign(opts.secret ?? TEST_SIGNING_SECRET, timestamp, body),
      ...opts.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

let triggerCounter = 0;
const nextTrigger = (): string => `${Date.now()}.${++triggerCounter}.trigger`;

export function slashCommand(opts: {
  text: string;
  userId: string;
  channelId: string;
  command?: string;
  triggerId?: string;
  responseUrl?: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEST_TEAM.id,
    team_domain: TEST_TEAM.domain,
    channel_id: opts.channelId,
    channel_name: 'fm-test',
    user_id: opts.userId,
    user_name: opts.userId.toLowerCase(),
    command: opts.command ?? '/fm',
    text: opts.text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: opts.responseUrl ?? 'https://example.invalid/commands/T0TEST/1/abc',
    trigger_id: opts.triggerId ?? nextTrigger(),
  }).toString();
}

interface ViewBlock {
  type: string;
  block_id?: string;
  element?: {
    type: string;
    action_id: string;
    options?: Array<{ text: unknown; value: string }>;
    option_groups?: Array<{ options: Array<{ text: unknown; value: string }> }>;
  };
}

/** The `state.values` Slack sends for a modal whose inputs hold `values` (multi-selects comma-separated). */
export function viewState(view: { blocks: ViewBlock[] }, values: Record<string, string>): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const { type, action_id, options = [], option_groups = [] } = block.element;
    const given = values[block.block_id];
    const known = [...options, ...option_groups.flatMap((g) => g.options)];
    const asOption = (value: string) => known.find((o) => o.value === value) ?? { text: { type: 'plain_text', text: value }, value };
    let entry: Record<string, unknown>;
    if (type === 'static_select') entry = { type, selected_option: given ? asOption(given) : null };
    else if (type === 'multi_static_select') entry = { type, selected_options: given ? given.split(',').map(asOption) : [] };
    else entry = { type, value: given ?? null };
    state[block.block_id] = { [action_id]: entry };
  }
  return state;
}

/** A view_submission for a modal as it was sent to views.open, filled with `values`. */
export function viewSubmission(opts: { userId: string; view: Record<string, any>; values: Record<string, string> }): string {
  const payload = {
    type: 'view_submission',
    team: TEST_TEAM,
    user: { id: opts.userId, username: opts.userId.toLowerCase(), name: opts.userId.toLowerCase(), team_id: TEST_TEAM.id },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    trigger_id: nextTrigger(),
    view: {
      id: 'V0TEST',
      team_id: TEST_TEAM.id,
      app_id: 'A0TEST',
      app_installed_team_id: TEST_TEAM.id,
      bot_id: 'B0BOT',
      hash: '1700000000.abcdef',
      root_view_id: 'V0TEST',
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      external_id: '',
      ...opts.view,
      state: { values: viewState(opts.view as { blocks: ViewBlock[] }, opts.values) },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A click on a button, or a choice in a select, in one of the bot's messages. */
export function blockActions(opts: {
  userId: string;
  channelId: string;
  actionId: string;
  value: string;
  /** `static_select` sends the chosen option instead of a button value. */
  element?: 'button' | 'static_select';
  blockId?: string;
  messageTs?: string;
  /** A click in an ephemeral message (which chat.update cannot address). */
  ephemeral?: boolean;
  responseUrl?: string;
}): string {
  const messageTs = opts.messageTs ?? '1700000000.000100';
  const element = opts.element ?? 'button';
  const action =
    element === 'button'
      ? { type: 'button', text: { type: 'plain_text', text: opts.actionId }, value: opts.value }
      : {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: opts.value }, value: opts.value },
          placeholder: { type: 'plain_text', text: 'Bitte auswählen' },
        };
  const payload = {
    type: 'block_actions',
    team: TEST_TEAM,
    user: { id: opts.userId, username: opts.userId.toLowerCase(), name: opts.userId.toLowerCase(), team_id: TEST_TEAM.id },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: opts.channelId, is_ephemeral: opts.ephemeral ?? false },
    trigger_id: nextTrigger(),
    channel: { id: opts.channelId, name: 'fm-test' },
    // Slack leaves the message out for ephemeral ones.
    ...(opts.ephemeral ? {} : { message: { type: 'message', ts: messageTs, text: '', bot_id: 'B0BOT' } }),
    response_url: opts.responseUrl ?? 'https://example.invalid/actions/T0TEST/1/abc',
    actions: [{ ...action, action_id: opts.actionId, block_id: opts.blockId ?? 'b1', action_ts: '1700000001.000200' }],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
