/**
 * Activities as Teams sends them to a bot's messaging endpoint (Bot Framework schema, channel `msteams`), and
 * a small client that posts them to `/api/messages` — in tests with no Microsoft credentials (empty app id),
 * so no Authorization header is needed.
 */
import { randomUUID } from 'node:crypto';

export const TENANT = '5f1b0c2e-7a41-4c59-9d3e-0a6b2f8c1d11';
export const FOREIGN_TENANT = '0d7e5c44-1111-4f2a-8b3c-9e8d7c6b5a40';
export const BOT = { id: '28:fm-lotse', name: 'FM-Lotse' };

export interface Sender {
  /** Bot Framework user id (`29:…`), as in the organisation file. */
  id: string;
  name: string;
  aadObjectId?: string;
}

interface Common {
  serviceUrl: string;
  from: Sender;
  tenantId?: string;
}

function base(opts: Common, conversation: Record<string, unknown>) {
  const tenantId = opts.tenantId ?? TENANT;
  return {
    id: `msg-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'de-DE',
    from: opts.from,
    recipient: BOT,
    conversation: { tenantId, ...conversation },
    channelData: { tenant: { id: tenantId } },
  };
}

/** The conversation id of a person's personal chat with the bot, as the fake connector names it too. */
export const personalChatId = (userId: string): string => `a:chat-${userId}`;

export function personalMessage(opts: Common & { text: string }) {
  return {
    ...base(opts, { id: personalChatId(opts.from.id), conversationType: 'personal', isGroup: false }),
    type: 'message',
    text: opts.text,
    textFormat: 'plain',
  };
}

/**
 * A message in a team channel that @mentions the bot: a new post (its id starts the thread) or, with
 * `threadId`, a reply in that thread.
 */
export function channelMessage(opts: Common & { channelId: string; text: string; threadId?: string; teamId?: string }) {
  const id = `msg-${randomUUID()}`;
  const thread = opts.threadId ?? id;
  const mention = `<at>${BOT.name}</at>`;
  const activity = base(opts, { id: `${opts.channelId};messageid=${thread}`, conversationType: 'channel', isGroup: true });
  return {
    ...activity,
    id,
    type: 'message',
    text: `${mention} ${opts.text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
    channelData: { ...activity.channelData, team: { id: opts.teamId ?? opts.channelId }, channel: { id: opts.channelId } },
  };
}

/** A click on an Action.Execute of a card the bot posted (`replyToId`) in a conversation (raw id, thread included). */
export function cardAction(opts: Common & { conversationId: string; conversationType: 'personal' | 'channel'; replyToId: string; verb: string; data: unknown }) {
  return {
    ...base(opts, { id: opts.conversationId, conversationType: opts.conversationType, isGroup: opts.conversationType !== 'personal' }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: opts.replyToId,
    value: { action: { type: 'Action.Execute', verb: opts.verb, data: opts.data }, trigger: 'manual' },
  };
}

/** The app was added for a person (personal scope) — Teams tells the bot with an installationUpdate. */
export function personalInstall(opts: Common & { action?: 'add' | 'remove' }) {
  return {
    ...base(opts, { id: personalChatId(opts.from.id), conversationType: 'personal', isGroup: false }),
    type: 'installationUpdate',
    action: opts.action ?? 'add',
  };
}

/** The app was added to a team: a conversationUpdate in the team's General channel with the bot as new member. */
export function teamInstall(opts: Common & { channelId: string }) {
  const activity = base(opts, { id: opts.channelId, conversationType: 'channel', isGroup: true });
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    channelData: { ...activity.channelData, team: { id: opts.channelId }, eventType: 'teamMemberAdded' },
  };
}

export interface Posted {
  status: number;
  text: string;
  json(): any;
}

export async function postActivity(endpoint: string, activity: unknown): Promise<Posted> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}
