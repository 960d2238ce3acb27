/**
 * What an incoming Teams activity says about its conversation, its sender and its tenant, and the storage of
 * conversation references: proactive messages (pings, direct messages, channel posts) can only be sent into
 * conversations the bot has seen, so every activity of the own tenant refreshes its conversation's reference.
 */
import type { Account, IActivity } from '@microsoft/teams.api';
import type { Caller } from '../../messaging/ports.js';
import type { OrgIndex } from '../../config/orgIndex.js';
import type { Instant } from '../../domain/time.js';
import type { ConversationKind, ConversationRecord, ConversationRepository } from '../../store/ports.js';
import type { StoredReference } from './connector.js';

/**
 * An incoming activity as this platform reads it: the Bot Framework fields of the SDK's activity model, all
 * optional (the JSON comes from outside), plus those of the activity types it looks at.
 */
export type IncomingActivity = Partial<Omit<IActivity, 'channel' | 'team' | 'meeting' | 'notification' | 'isStreaming'>> & {
  type?: string;
  name?: string;
  text?: string;
  value?: unknown;
  /** installationUpdate: `add`, `remove`, `add-upgrade`, `remove-upgrade`. */
  action?: string;
  /** conversationUpdate */
  membersRemoved?: Array<Pick<Account, 'id'>>;
};

/** Teams addresses a channel thread as `<channel id>;messageid=<id of the thread's first message>`. */
const THREAD_SUFFIX = ';messageid=';

export interface ConversationInfo {
  kind: ConversationKind;
  /** The conversation without a thread: the channel id, or the chat's id. */
  id: string;
  /** In a channel: the id of the first message of the thread the activity belongs to. */
  threadId?: string;
}

export function conversationOf(activity: IncomingActivity): ConversationInfo {
  const raw = activity.conversation?.id ?? '';
  const cut = raw.indexOf(THREAD_SUFFIX);
  const id = cut === -1 ? raw : raw.slice(0, cut);
  const threadId = cut === -1 ? undefined : raw.slice(cut + THREAD_SUFFIX.length) || undefined;
  const type = activity.conversation?.conversationType as string | undefined;
  const channelData = activity.channelData as { channel?: { id?: string } } | undefined;
  const kind: ConversationKind =
    type === 'personal' || type === 'channel' || type === 'groupChat'
      ? type
      : channelData?.channel?.id
        ? 'channel'
        : activity.conversation?.isGroup
          ? 'groupChat'
          : 'personal';
  return threadId === undefined ? { kind, id } : { kind, id, threadId };
}

/** The conversation id of a thread in a channel. */
export function threadConversationId(channelId: string, threadId: string): string {
  return `${channelId}${THREAD_SUFFIX}${threadId}`;
}

/** The Microsoft 365 tenant an activity comes from; Teams puts it in two places. */
export function tenantOf(activity: IncomingActivity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return activity.conversation?.tenantId || fromChannelData || undefined;
}

/**
 * Who is talking. The organisation file may name a person's Teams identity by the Bot Framework user id
 * (`29:…`, `activity.from.id`) or by the Microsoft Entra object id (`from.aadObjectId`, easier to look up
 * for an admin); the caller carries whichever of the two the file knows, the Bot Framework id otherwise.
 */
export function callerOf(activity: IncomingActivity, org: Pick<OrgIndex, 'personByTeamsId'>): Caller {
  const from = activity.from;
  const userId =
    from?.id && org.personByTeamsId(from.id)
      ? from.id
      : from?.aadObjectId && org.personByTeamsId(from.aadObjectId)
        ? from.aadObjectId
        : (from?.id ?? '');
  return { platform: 'teams', userId, channelId: conversationOf(activity).id };
}

/**
 * A reference to the conversation itself: no message id to reply to, no thread. The same fields Bot Framework's
 * ConversationReference has (and botbuilder stored before), so rows of either version work alike.
 */
export function referenceTo(activity: IncomingActivity, conversationId: string): StoredReference {
  const reference: StoredReference = {
    user: activity.from,
    bot: activity.recipient,
    conversation: { ...activity.conversation!, id: conversationId },
    channelId: activity.channelId,
    locale: activity.locale,
    serviceUrl: activity.serviceUrl,
  };
  // JSON drops undefined fields anyway; without them the stored row reads the same as before.
  return Object.fromEntries(Object.entries(reference).filter(([, value]) => value !== undefined)) as StoredReference;
}

function isRemoval(activity: IncomingActivity): boolean {
  if (activity.type === 'installationUpdate') return typeof activity.action === 'string' && activity.action.startsWith('remove');
  const botId = activity.recipient?.id;
  return activity.type === 'conversationUpdate' && botId !== undefined && (activity.membersRemoved ?? []).some((m) => m.id === botId);
}

/**
 * Stores (or refreshes) the reference of the conversation an activity came from, or forgets it when the app
 * was removed there. Channel references keep no user: only personal chats belong to a person.
 */
export function captureConversation(conversations: ConversationRepository, activity: IncomingActivity, now: Instant): void {
  const info = conversationOf(activity);
  if (!info.id || !activity.serviceUrl) return;
  if (isRemoval(activity)) {
    conversations.remove(info.id);
    return;
  }
  const reference = referenceTo(activity, info.id);
  const tenantId = tenantOf(activity);
  const record: ConversationRecord = {
    conversationId: info.id,
    kind: info.kind,
    serviceUrl: activity.serviceUrl,
    reference: info.kind === 'personal' ? { ...reference } : { ...reference, user: undefined },
    updatedAt: now,
    ...(tenantId ? { tenantId } : {}),
  };
  if (info.kind === 'personal') {
    const from = activity.from;
    if (!from?.id) return;
    record.userId = from.id;
    if (from.aadObjectId) record.aadObjectId = from.aadObjectId;
  }
  conversations.save(record);
}

/** Stores a personal chat the bot opened itself (createConversation) for a person. */
export function capturePersonalChat(
  conversations: ConversationRepository,
  chat: { conversationId: string; serviceUrl: string; tenantId?: string; bot: Account; user: Account },
  now: Instant,
): void {
  const reference: StoredReference = {
    bot: chat.bot,
    user: chat.user,
    channelId: 'msteams',
    serviceUrl: chat.serviceUrl,
    conversation: { id: chat.conversationId, conversationType: 'personal', isGroup: false, name: '', ...(chat.tenantId ? { tenantId: chat.tenantId } : {}) },
  };
  conversations.save({
    conversationId: chat.conversationId,
    kind: 'personal',
    userId: chat.user.id,
    ...(chat.user.aadObjectId ? { aadObjectId: chat.user.aadObjectId } : {}),
    ...(chat.tenantId ? { tenantId: chat.tenantId } : {}),
    serviceUrl: chat.serviceUrl,
    reference: { ...reference },
    updatedAt: now,
  });
}
