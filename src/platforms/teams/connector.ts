/**
 * The Bot Connector REST calls the platform makes (`/v3/conversations/…` at a conversation's service URL),
 * through the API client of the Teams SDK (`@microsoft/teams.api`). One HTTP client carries the bot's token
 * (none without authentication) for every service URL. Messages are sent with explicit calls — send, reply,
 * update, create a personal chat — so the outbox and the listeners decide what goes where.
 */
import { Client as ApiClient, type Account, type ConversationAccount, type ConversationReference, type IMessageActivityInput } from '@microsoft/teams.api';
import { DeliveryError } from '../../messaging/ports.js';
import { CARD_CONTENT_TYPE, TeamsLimitError, type AdaptiveCard } from './render.js';

/** The authenticated HTTP client of the Teams SDK (axios inside, without any retry policy of its own). */
export type ConnectorHttp = ApiClient['http'];

/**
 * A message as it goes over the wire: the SDK's message input plus what the Bot Framework schema also knows
 * and Teams reads (the sender, the conversation, the notification summary).
 */
export type OutgoingActivity = IMessageActivityInput & {
  summary?: string;
  from?: Account;
  conversation?: Partial<ConversationAccount>;
};

/**
 * A conversation reference as stored in `teams_conversations.reference` — Bot Framework's
 * ConversationReference (the shape botbuilder wrote and the Teams SDK uses), everything optional because
 * rows written by earlier versions may lack a field.
 */
export type StoredReference = Partial<ConversationReference>;

/** The part of the SDK's API client this platform uses, so the transport can be handed one per service URL. */
export type Connector = Pick<ApiClient, 'conversations' | 'serviceUrl'>;

/** Bot Connector clients by service URL, all on the one authenticated HTTP client. */
export class ConnectorClients {
  private readonly clients = new Map<string, ApiClient>();

  constructor(private readonly http: ConnectorHttp) {}

  /** The client for a service URL (Teams sends it with a trailing slash; the SDK's paths start with one). */
  for(serviceUrl: string): Connector {
    const base = serviceUrl.replace(/\/+$/, '');
    let client = this.clients.get(base);
    if (!client) {
      client = new ApiClient(base, this.http);
      this.clients.set(base, client);
    }
    return client;
  }
}

/**
 * The activity as the SDK's client takes it. Its input type leaves out the Bot Framework fields the sender
 * fills in (`from`, `conversation`); the client posts whatever the object holds, so they go over the wire.
 */
export function toWire(activity: OutgoingActivity): IMessageActivityInput {
  return activity;
}

/** A bot message carrying one card; `summary` is what notifications and screen readers show. */
export function cardActivity(card: AdaptiveCard, summary: string): OutgoingActivity {
  return { type: 'message', summary, attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}

/** An HTTP failure as the SDK's HTTP client reports it (an AxiosError), read structurally. */
interface HttpFailure {
  response?: { status?: unknown; headers?: Record<string, unknown> & { get?(name: string): unknown } };
  code?: unknown;
  message?: unknown;
}

function headerOf(failure: HttpFailure, name: string): string | undefined {
  const headers = failure.response?.headers;
  if (!headers) return undefined;
  const value = typeof headers.get === 'function' ? headers.get(name) : headers[name];
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * Classifies a connector failure for the outbox: 429 (with its Retry-After), 5xx and network errors come back
 * later; any other answer (403: the bot is not in that team, 404, 400) is final. The SDK's HTTP client never
 * retries by itself — posting an activity has no idempotency key, so a retry after a lost answer would post
 * twice — and never sleeps through a Retry-After: the outbox keeps that state in the database.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof TeamsLimitError) return new DeliveryError(`Message does not fit Teams: ${error.message}`, false);
  const failure = (typeof error === 'object' && error !== null ? error : {}) as HttpFailure;
  // Only the error's own message (e.g. "Request failed with status code 503"): the request it carries holds the
  // Authorization header and the message body.
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  const status = failure.response?.status;
  if (typeof status === 'number') {
    const retryable = status === 429 || status >= 500;
    const seconds = Number.parseInt(headerOf(failure, 'retry-after') ?? '', 10);
    return new DeliveryError(`Teams HTTP ${status}: ${message}`, retryable, retryable && Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  // No HTTP answer at all (refused, reset, timed out): the service may be back later.
  if (typeof failure.code === 'string' || /ECONN|ETIMEDOUT|ENOTFOUND|socket|network|timeout/i.test(message)) {
    return new DeliveryError(`Teams unreachable: ${message}`, true);
  }
  return new DeliveryError(message, false);
}
