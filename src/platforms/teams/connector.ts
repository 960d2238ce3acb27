/**
 * The Bot Connector REST calls the platform makes (`/v3/conversations/…` at the conversation's service URL),
 * through the connector client botbuilder authenticates for each turn. Messages are sent with explicit calls
 * rather than `context.sendActivity`, which in a proactive turn would reply to a made-up activity id.
 */
import type { Activity, CloudAdapter, ConversationParameters, ConversationReference, Middleware, TurnContext } from 'botbuilder';
import { DeliveryError } from '../../messaging/ports.js';
import { CARD_CONTENT_TYPE, TeamsLimitError, type AdaptiveCard } from './render.js';

/** The part of botframework-connector's ConnectorClient this platform uses. */
export interface Connector {
  conversations: {
    createConversation(parameters: ConversationParameters): Promise<{ id?: string }>;
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  };
}

export function connectorOf(context: TurnContext): Connector {
  const connector = context.turnState.get<Connector | undefined>(context.adapter.ConnectorClientKey);
  if (!connector) throw new Error('no Bot Connector client in this turn');
  return connector;
}

/** The pipeline of @azure/core-client behind the connector client (a private field of botbuilder's compat layer). */
interface WithPipeline {
  client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } };
}

/**
 * Posting an activity has no idempotency key, so the connector client must not retry on its own (a retry after
 * a lost answer posts twice) nor sleep through a 429's Retry-After inside a request: the outbox keeps the
 * retry state in the database instead. Runs on every turn, incoming and proactive.
 */
export const withoutLibraryRetries: Middleware = {
  async onTurn(context, next) {
    const connector = context.turnState.get<WithPipeline | undefined>(context.adapter.ConnectorClientKey);
    connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
    await next();
  },
};

/** A bot message carrying one card; `summary` is what notifications and screen readers show. */
export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return { type: 'message', summary, attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}

/**
 * Runs `work` in a proactive turn of the conversation `reference` points to. Errors come back to the caller:
 * inside the turn they would otherwise end in the adapter's turn-error handler.
 */
export async function inConversation<T>(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  work: (connector: Connector, context: TurnContext) => Promise<T>,
): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      outcome = { ok: true, value: await work(connectorOf(context), context) };
    } catch (error) {
      outcome = { ok: false, error };
    }
  });
  if (!outcome) throw new Error('the proactive turn did not run');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** An HTTP failure as the connector reports it (RestError of @azure/core-rest-pipeline). */
interface HttpFailure {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** Classifies a connector failure for the outbox: 429, 5xx and network errors come back later. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof TeamsLimitError) return new DeliveryError(`Message does not fit Teams: ${error.message}`, false);
  const failure = (typeof error === 'object' && error !== null ? error : {}) as HttpFailure;
  const message = failure.message ?? String(error);
  if (typeof failure.statusCode === 'number') {
    const status = failure.statusCode;
    const retryable = status === 429 || status >= 500;
    const seconds = Number.parseInt(failure.response?.headers?.get?.('retry-after') ?? '', 10);
    return new DeliveryError(`Teams HTTP ${status}: ${message}`, retryable, retryable && Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  // No HTTP answer at all (refused, reset, timed out): the service may be back later.
  if (failure.code !== undefined || /ECONN|ETIMEDOUT|ENOTFOUND|socket|network/i.test(message)) {
    return new DeliveryError(`Teams unreachable: ${message}`, true);
  }
  return new DeliveryError(message, false);
}
