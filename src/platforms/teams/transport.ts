/**
 * Outbox messages into Microsoft Teams: team channels (a new post starts a thread; replies go into the
 * thread), personal chats for direct messages, in-place updates. Teams only accepts proactive messages into
 * conversations whose reference the bot stored; a person without a personal chat yet is reported to their
 * team lead once, and the message waits for them: the outbox retries it with its usual backoff (a few hours
 * in all) and delivers it once the person has written to the bot or installed the app.
 */
import { DeliveryError, type PostedMessage, type Transport } from '../../messaging/ports.js';
import type { OrgIndex } from '../../config/orgIndex.js';
import type { Clock } from '../../domain/time.js';
import { teamsTexts as T } from '../../i18n/teams.js';
import { message as buildMessage, text, type Message, type Target } from '../../messaging/reply.js';
import type { Store } from '../../store/ports.js';
import { cardActivity, toDeliveryError, toWire, type ConnectorClients, type StoredReference } from './connector.js';
import { threadConversationId } from './conversations.js';
import { renderCard } from './render.js';

/** Outbox key prefix of the one notice to a lead that a person cannot be reached in Teams. */
export const UNREACHABLE_KEY_PREFIX = 'teams.noref:';

export interface TeamsTransportDeps {
  /** The Bot Connector clients of the Teams SDK, one per service URL. */
  connectors: ConnectorClients;
  org: OrgIndex;
  store: Pick<Store, 'conversations' | 'outbox' | 'transaction'>;
  clock: Clock;
}

export class TeamsTransport implements Transport {
  readonly platform = 'teams' as const;

  constructor(private readonly deps: TeamsTransportDeps) {}

  address(target: Target): string | undefined {
    const { org } = this.deps;
    return target.kind === 'channel' ? org.team(target.teamId)?.teamsChannel : org.person(target.personId)?.teamsUserId;
  }

  async send(address: string, target: Target, msg: Message, thread?: PostedMessage): Promise<PostedMessage> {
    if (thread) {
      const id = await this.post(this.channelReference(thread.channelId), threadConversationId(thread.channelId, thread.messageId), msg);
      return { channelId: thread.channelId, messageId: id };
    }
    if (target.kind === 'channel') {
      return { channelId: address, messageId: await this.post(this.channelReference(address), address, msg) };
    }
    const chat = this.deps.store.conversations.personalOf(address);
    if (!chat) {
      this.reportUnreachable(target.personId);
      // Retryable without Retry-After: a missing chat is no rate limit, and each try counts towards giving up.
      throw new DeliveryError(`${target.personId} has no personal chat with the Teams bot yet`, true);
    }
    return { channelId: chat.conversationId, messageId: await this.post({ serviceUrl: chat.serviceUrl, ...(chat.reference as StoredReference) }, chat.conversationId, msg) };
  }

  async update(posted: PostedMessage, msg: Message): Promise<void> {
    try {
      const stored = this.deps.store.conversations.byId(posted.channelId);
      const reference = stored ? { serviceUrl: stored.serviceUrl, ...(stored.reference as StoredReference) } : this.channelReference(posted.channelId);
      const activity = cardActivity(renderCard(msg, this.deps.org), msg.text);
      await this.connectorFor(reference).conversations.updateActivity(posted.channelId, posted.messageId, toWire({ ...activity, id: posted.messageId, ...this.sender(reference) }));
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private async post(reference: StoredReference, conversationId: string, msg: Message): Promise<string> {
    try {
      const activity = cardActivity(renderCard(msg, this.deps.org), msg.text);
      const sent = await this.connectorFor(reference).conversations.createActivity(
        conversationId,
        toWire({ ...activity, ...this.sender(reference), conversation: { ...reference.conversation, id: conversationId } }),
      );
      if (!sent.id) throw new DeliveryError('Teams accepted the message but returned no activity id', false);
      return sent.id;
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** The Bot Connector at the reference's service URL. */
  private connectorFor(reference: StoredReference) {
    if (!reference.serviceUrl) throw new DeliveryError('the stored Teams conversation has no service URL', false);
    return this.deps.connectors.for(reference.serviceUrl);
  }

  /** The bot as the sender, as the reference names it (the recipient of the activity it was taken from). */
  private sender(reference: StoredReference): { from?: NonNullable<StoredReference['bot']> } {
    return reference.bot ? { from: reference.bot } : {};
  }

  /**
   * A channel's stored reference, or one built from the newest conversation the bot knows: channels of the
   * tenant share its service URL, so a team channel is reachable once the app is installed anywhere there.
   */
  private channelReference(channelId: string): StoredReference {
    const { conversations } = this.deps.store;
    const stored = conversations.byId(channelId);
    if (stored) return { serviceUrl: stored.serviceUrl, ...(stored.reference as StoredReference) };
    const known = conversations.newest();
    if (!known) throw new DeliveryError(`no Teams conversation is known yet, so channel ${channelId} cannot be reached`, true);
    const { user: _user, ...reference } = known.reference as StoredReference;
    return {
      ...reference,
      serviceUrl: known.serviceUrl,
      conversation: { id: channelId, isGroup: true, conversationType: 'channel', name: '', ...(known.tenantId ? { tenantId: known.tenantId } : {}) },
    };
  }

  /** Tells the person's team lead(s) once — or, for someone without a team lead, the admins. */
  private reportUnreachable(personId: string): void {
    const { org, store, clock } = this.deps;
    const person = org.person(personId);
    if (!person) return;
    const team = person.team ? org.team(person.team) : undefined;
    const leads = (team ? org.leadsOf(team) : []).filter((p) => p.id !== personId);
    const recipients = leads.length > 0 ? leads : org.admins().filter((p) => p.id !== personId);
    const notice = buildMessage(T.unreachableSummary(person.name), text(T.unreachableText(person.name)));
    store.transaction(() => {
      for (const lead of recipients) {
        store.outbox.enqueue({
          dedupeKey: `${UNREACHABLE_KEY_PREFIX}${personId}:${lead.id}`,
          target: { kind: 'direct', personId: lead.id },
          message: notice,
          createdAt: clock.now(),
        });
      }
    });
  }
}
