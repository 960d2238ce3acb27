/** Outbox messages into Slack: team channels and direct messages via chat.postMessage. */
import type { Logger } from '@slack/bolt';
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { DeliveryError, type PostedMessage, type Transport } from '../../messaging/ports.js';
import type { OrgIndex } from '../../config/orgIndex.js';
import type { Message, Target } from '../../messaging/reply.js';
import { renderMessage, SlackLimitError } from './render.js';

/** Platform errors Slack documents as temporary ("try again"); every other `ok: false` is final. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/** Classifies a Web API failure for the outbox: rate limits, 5xx and network errors come back later. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof WebAPIRateLimitedError) {
    return new DeliveryError(`Slack rate limit, retry after ${error.retryAfter}s`, true, error.retryAfter * 1000);
  }
  if (error instanceof WebAPIHTTPError) {
    const retryAfter = Number.parseInt(error.headers['retry-after'] ?? '', 10);
    const retryable = error.statusCode >= 500 || error.statusCode === 429;
    return new DeliveryError(
      `Slack HTTP ${error.statusCode} ${error.statusMessage}`,
      retryable,
      retryable && Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
    );
  }
  if (error instanceof WebAPIRequestError) return new DeliveryError(`Slack unreachable: ${error.original.message}`, true);
  if (error instanceof WebAPIPlatformError) {
    return new DeliveryError(`Slack refused: ${error.data.error}`, TRANSIENT_PLATFORM_ERRORS.has(error.data.error));
  }
  if (error instanceof SlackLimitError) return new DeliveryError(`Message does not fit Slack: ${error.message}`, false);
  return new DeliveryError(error instanceof Error ? error.message : String(error), false);
}

/**
 * A Web API client for outbox sends. chat.postMessage has no idempotency key, so the library must not
 * retry on its own (a retry can post twice) nor park its whole queue on a 429: the outbox keeps the
 * retry state in the database instead.
 */
export function outboxClient(botToken: string, opts: { apiUrl?: string; logger?: Logger }): WebClient {
  return new WebClient(botToken, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  });
}

export class SlackTransport implements Transport {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: WebClient,
    private readonly org: OrgIndex,
  ) {}

  address(target: Target): string | undefined {
    return target.kind === 'channel' ? this.org.team(target.teamId)?.slackChannel : this.org.person(target.personId)?.slackUserId;
  }

  /** A user id as channel posts into the app's direct conversation with that person (chat:write is enough). */
  async send(address: string, _target: Target, message: Message, thread?: PostedMessage): Promise<PostedMessage> {
    try {
      const result = await this.client.chat.postMessage({
        channel: address,
        ...renderMessage(message, this.org),
        ...(thread ? { thread_ts: thread.messageId } : {}),
      });
      // Slack answers a DM by user id with the conversation's id (D…): updates must use that one.
      return { channelId: result.channel ?? address, messageId: result.ts ?? '' };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async update(posted: PostedMessage, message: Message): Promise<void> {
    try {
      await this.client.chat.update({ channel: posted.channelId, ts: posted.messageId, ...renderMessage(message, this.org) });
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
