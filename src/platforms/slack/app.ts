/**
 * Slack over HTTP (Bolt's HTTPReceiver on /slack/events for commands, interactivity and events) or over
 * Socket Mode when an app token is given. Translates chat in and out; no business rules here.
 */
import type { IncomingMessage, Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  App,
  AuthorizationError,
  defaultBodyLimit,
  HTTPModuleFunctions,
  HTTPReceiver,
  isRawBodyError,
  SocketModeReceiver,
  type CustomRoute,
  type Logger,
} from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { BotApi, Transport } from '../../messaging/ports.js';
import type { OrgIndex } from '../../config/orgIndex.js';
import { slackTexts } from '../../i18n/slack.js';
import { boundPort, closeServer, healthRoute, metricsRoute, startHealthServer, type HealthCheck } from '../health.js';
import type { SocketModeStatus } from '../healthReport.js';
import { boltLogger } from '../../app/log.js';
import { metrics } from '../../app/metrics.js';
import { newRequestId, withRequestId } from '../../messaging/trace.js';
import type { Clock } from '../../domain/time.js';
import { noteArrival } from './ackFirst.js';
import * as actions from './listeners/actions.js';
import * as command from './listeners/command.js';
import * as errors from './listeners/errors.js';
import * as formSubmission from './listeners/formSubmission.js';
import * as receipts from './listeners/receipts.js';
import * as threadReplies from './listeners/threadReplies.js';
import * as home from './home.js';
import { outboxClient, SlackTransport } from './transport.js';

export { SLASH_COMMAND } from './listeners/command.js';

/** The path Slack posts slash commands, interactivity and events to (manifest.json request URLs). */
export const EVENTS_PATH = '/slack/events';

/**
 * Bot scopes the code uses: commands (/fm), chat:write (ephemeral replies, channel posts, DMs by user id),
 * the history scopes that deliver BOT_EVENTS (decisions typed as replies in an escalation's thread), and
 * files:write with im:write for the charts uploaded into the person's direct conversation (R35).
 */
export const REQUIRED_BOT_SCOPES = ['chat:write', 'commands', 'channels:history', 'groups:history', 'files:write', 'im:write'] as const;

/** Events API subscriptions: messages in public and private channels the bot is in (thread replies); the App Home. */
export const BOT_EVENTS = ['message.channels', 'message.groups', 'app_home_opened'] as const;

export interface SlackPlatformOptions {
  botToken: string;
  /** Required over HTTP; Socket Mode does not sign requests. */
  signingSecret?: string | undefined;
  /** With an app token (xapp-…) the platform connects via Socket Mode instead of listening for HTTP. */
  appToken?: string | undefined;
  /** Base URL of the Web API (tests point it at a fake). */
  apiUrl?: string | undefined;
  /** 0 picks a free port; see `port()`. */
  port: number;
  host: string;
  bot: BotApi;
  org: OrgIndex;
  /** GET /healthz: a yes/no or the full report (src/platforms/healthReport.ts). */
  healthy: HealthCheck;
  logger?: Logger;
  /** Stamps the Socket Mode connection's state changes (/healthz); the system clock by default. */
  clock?: Clock;
  /** More HTTP routes on the same listener (e.g. Microsoft Teams' POST /api/messages), in HTTP and Socket Mode. */
  customRoutes?: CustomRoute[];
}

export interface SlackPlatform {
  app: App;
  transport: Transport;
  /** Verifies the token (auth.test), then listens (HTTP) or connects (Socket Mode) and serves /healthz. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The port /healthz (and over HTTP /slack/events) is bound to, once started. */
  port(): number | undefined;
  /** The Socket Mode connection's state and since when (undefined over HTTP). */
  socketMode(): SocketModeStatus | undefined;
}

/** Bolt's logger for receivers, app and clients: the process's logger (src/app/log.ts), `component` = `name`. */
export function consoleLogger(name = 'fm-lotse:slack'): Logger {
  return boltLogger(name) as unknown as Logger;
}

/**
 * Interactive calls must finish within Slack's 3-second windows (trigger_id, ack), so the client retries
 * at most once, quickly, and never parks its queue for minutes on a rate limit.
 */
function interactiveClientOptions(apiUrl: string | undefined): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 500 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
}

/**
 * Bolt's HTTPReceiver reads `body.ssl_check` of whatever a verified body parses to, outside any try: a signed
 * body that parses to `null` (`payload=null`, or JSON `null`) rejects a promise nobody handles, which would
 * end the process. So requests to the events path are read and looked at first: a body that is no JSON object
 * is answered 400 when correctly signed and 401 when not (as Bolt answers a bad signature). Every other
 * request goes on to Bolt unchanged; Bolt reuses the body read here and checks the signature itself.
 */
function guardEventBodies(receiver: HTTPReceiver, signingSecret: string, logger: Logger): void {
  const dispatch = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || pathOf(req) !== EVENTS_PATH) return dispatch(req, res);
    noteArrival(); // the work of earlier requests waits while requests come in (ackFirst.ts)
    // fm_lotse_ack_latency_seconds: from the request's arrival to its answer written (the ack, or a refusal).
    const arrived = performance.now();
    res.once('finish', () => metrics.ackLatency.observe({ platform: 'slack' }, (performance.now() - arrived) / 1000));
    refusal(req, signingSecret).then(
      ({ status, body }) => {
        if (status === undefined) {
          // One id per request (Slack envelope): every log line, audit entry and outbox row it causes carries it.
          return withRequestId(newRequestId(), () => {
            logger.debug(`Slack request ${requestKind(body)}`);
            return dispatch(req, res);
          });
        }
        if (status === 400) logger.warn(`Slack: answered 400 to a signed request to ${EVENTS_PATH} whose body is no JSON object`);
        res.writeHead(status).end();
      },
      (error: unknown) => {
        logger.error(`Slack: could not read a request to ${EVENTS_PATH}: ${error instanceof Error ? error.name : typeof error}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  };
}

/**
 * What becomes of a request to the events path: a status it is refused with before it reaches Bolt, or none
 * (pass it on), with its body as far as it could be parsed (for the log line).
 */
async function refusal(req: IncomingMessage, signingSecret: string): Promise<{ status?: number; body?: unknown }> {
  let buffered;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit);
  } catch (error) {
    return { status: isRawBodyError(error) && (error as { statusCode: number }).statusCode === 413 ? 413 : 400 };
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return {}; // Bolt answers a body it cannot parse (401 unsigned, 400 signed) without failing
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return { body };
  try {
    await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret, bodyLimit: defaultBodyLimit }, buffered);
  } catch {
    return { status: 401 };
  }
  return { status: 400 };
}

/** What kind of request a body is (slash command, block_actions, view_submission, event type), for the log. */
function requestKind(body: unknown): string {
  const b = (body ?? {}) as { command?: unknown; type?: unknown; event?: { type?: unknown } };
  if (typeof b.command === 'string') return `command ${b.command}`;
  if (b.type === 'event_callback' && typeof b.event?.type === 'string') return `event ${b.event.type}`;
  return typeof b.type === 'string' ? b.type : 'unknown';
}

function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

export function createSlackPlatform(opts: SlackPlatformOptions): SlackPlatform {
  const logger = opts.logger ?? consoleLogger();
  const socketMode = opts.appToken !== undefined && opts.appToken !== '';
  const clientOptions = interactiveClientOptions(opts.apiUrl);

  let httpReceiver: HTTPReceiver | undefined;
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (socketMode) {
    receiver = new SocketModeReceiver({
      appToken: opts.appToken as string,
      logger,
      // Only the URL: the socket client keeps its own generous retries for reconnecting.
      installerOptions: { clientOptions: opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {} },
      // app.error has logged it already; an authorization failure is acked so Slack stops redelivering.
      processEventErrorHandler: async ({ error }) => error instanceof AuthorizationError,
    });
  } else {
    if (!opts.signingSecret) throw new Error(slackTexts.signingSecretMissing);
    receiver = httpReceiver = new HTTPReceiver({
      signingSecret: opts.signingSecret,
      endpoints: EVENTS_PATH,
      customRoutes: [healthRoute(opts.healthy), metricsRoute(), ...(opts.customRoutes ?? [])],
      logger,
      // app.error has logged it already; only finish a request nobody acknowledged.
      processEventErrorHandler: async ({ error, response }) => {
        if (response.headersSent) return false;
        response.writeHead(error instanceof AuthorizationError ? 401 : 500).end();
        return true;
      },
    });
  }

  if (httpReceiver) guardEventBodies(httpReceiver, opts.signingSecret as string, logger);

  // Socket Mode's connection for /healthz: a lost connection is "disconnected" from its close until it is back.
  const now = (): number => opts.clock?.now() ?? Date.now();
  let socketStatus: SocketModeStatus | undefined;
  if (receiver instanceof SocketModeReceiver) {
    socketStatus = { state: 'connecting', since: now() };
    const client = receiver.client;
    const notConnected = (state: 'connecting' | 'disconnected') => (): void => {
      socketStatus = { state, since: socketStatus?.state === 'connected' ? now() : (socketStatus?.since ?? now()) };
    };
    client.on('connected', () => {
      socketStatus = { state: 'connected', since: now() };
    });
    client.on('close', notConnected('disconnected'));
    client.on('disconnected', notConnected('disconnected'));
    client.on('reconnecting', notConnected('connecting'));
    // fm_lotse_ack_latency_seconds over the socket: from an envelope's arrival to its acknowledgement sent.
    const arrivals = new Map<string, number>();
    client.on('slack_event', ({ envelope_id: id }: { envelope_id?: string }) => {
      if (typeof id !== 'string') return;
      arrivals.set(id, performance.now());
      // An envelope never acknowledged (the process was stopping) must not stay forever.
      if (arrivals.size > 1_000) arrivals.delete(arrivals.keys().next().value as string);
    });
    client.on('outgoing_message', ({ envelope_id: id }: { envelope_id?: string }) => {
      const arrived = typeof id === 'string' ? arrivals.get(id) : undefined;
      if (arrived === undefined) return;
      arrivals.delete(id!);
      metrics.ackLatency.observe({ platform: 'slack' }, (performance.now() - arrived) / 1000);
    });
  }

  const app = new App({
    receiver,
    token: opts.botToken,
    logger,
    clientOptions,
    extendedErrorHandler: true,
    // auth.test runs in start(), where a failure can stop the process with a clear message.
    deferInitialization: true,
    convoStore: false,
  });
  // One id per request (Slack envelope): every log line, audit entry and outbox row it causes carries it. Over
  // HTTP it is given where the request arrives (guardEventBodies), before Bolt reads it; over the socket here.
  if (!httpReceiver) {
    app.use(async ({ body, next, logger: requestLogger }) => {
      await withRequestId(newRequestId(), async () => {
        requestLogger.debug(`Slack request ${requestKind(body)}`);
        await next();
      });
    });
  }
  // First: a receipt is written before any listener acknowledges (acknowledged = stored, or the sender told).
  receipts.register(app, opts.bot);
  command.register(app, opts.bot, opts.org);
  formSubmission.register(app, opts.bot, opts.org);
  actions.register(app, opts.bot, opts.org);
  threadReplies.register(app, opts.bot, opts.org);
  home.register(app, opts.bot, opts.org);
  errors.register(app);

  const transport = new SlackTransport(outboxClient(opts.botToken, { apiUrl: opts.apiUrl, logger }), opts.org);
  let server: Server | undefined;

  return {
    app,
    transport,
    async start() {
      try {
        await app.init();
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new Error(slackTexts.authFailed(detail), { cause: error });
      }
      if (httpReceiver) {
        server = await httpReceiver.start({ port: opts.port, host: opts.host });
      } else {
        // Claim the port first: a busy port should fail before a connection to Slack exists.
        const health = await startHealthServer(opts.port, opts.host, opts.healthy, opts.customRoutes);
        try {
          await app.start();
        } catch (error) {
          await closeServer(health);
          throw error;
        }
        server = health;
      }
      logger.info(`Slack ${socketMode ? 'Socket Mode' : `HTTP on ${opts.host}:${boundPort(server)}${EVENTS_PATH}`} ready`);
    },
    async stop() {
      if (!server) return;
      if (httpReceiver) {
        await httpReceiver.stop();
      } else {
        await app.stop();
        await closeServer(server);
      }
      server = undefined;
    },
    port: () => (server ? boundPort(server) : undefined),
    socketMode: () => socketStatus && { ...socketStatus },
  };
}
