/**
 * Microsoft Teams on the Teams SDK v2 (`@microsoft/teams.apps`): its `App` validates each request's Bot
 * Framework token, routes the activity and gives the handlers an API client for the Bot Connector. It is not
 * its own web server here: Express serves POST /api/messages (plus GET /healthz) on the platform's own
 * listener or inside Slack's, and hands each request to the SDK's route handler through a small HTTP server
 * adapter. Translates chat in and out; no business rules here. Single tenant: activities of other Microsoft 365
 * tenants are refused before anything is read or stored.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { PUBLIC } from '@microsoft/teams.api';
import { App, type HttpRouteHandler, type IHttpServerAdapter } from '@microsoft/teams.apps';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { BotApi } from '../../messaging/ports.js';
import type { TeamsEnv } from '../../config/env.js';
import type { OrgIndex } from '../../config/orgIndex.js';
import type { Clock } from '../../domain/time.js';
import { teamsTexts as T } from '../../i18n/teams.js';
import type { Store } from '../../store/ports.js';
import { boundPort, closeServer, healthHandler, metricsHandler, HEALTH_PATH, METRICS_PATH, type HealthCheck } from '../health.js';
import { boltLogger } from '../../app/log.js';
import { metrics } from '../../app/metrics.js';
import { newRequestId, withRequestId } from '../../messaging/trace.js';
import { ConnectorClients } from './connector.js';
import { captureConversation, tenantOf, type IncomingActivity } from './conversations.js';
import { cardActionResponse, onCardAction } from './listeners/cardActions.js';
import { logFailure, tellSender } from './listeners/errors.js';
import { onMessage } from './listeners/messages.js';
import type { Turn } from './privateReply.js';
import { TeamsTransport } from './transport.js';

/** The messaging endpoint registered for the bot (Azure Bot → Configuration). */
export const MESSAGES_PATH = '/api/messages';

/** Activities are small JSON documents; anything far larger is no Teams activity. */
const BODY_LIMIT = '256kb';

/**
 * A Bot Connector call that has not answered by then counts as "no answer" (retryable, like a refused
 * connection): the outbox delivers one message after the other, and a hanging call must not stall the rest.
 */
export const CONNECTOR_TIMEOUT_MS = 15_000;

export type TeamsLogger = Pick<Console, 'info' | 'warn' | 'error'>;

export interface TeamsPlatformOptions {
  auth: TeamsEnv;
  /**
   * The only tenant whose activities are accepted. Defaults to the tenant of a single-tenant `auth`; without
   * authentication (local tests) it may be set to exercise the check.
   */
  tenantId?: string;
  /** 0 picks a free port; see `port()`. Unused when the handler is mounted into another listener. */
  port: number;
  host: string;
  bot: BotApi;
  org: OrgIndex;
  store: Store;
  clock: Clock;
  /** GET /healthz when Teams runs alone: the health report (JSON, 503 when unhealthy) or a yes/no. */
  healthy: HealthCheck;
  /** Defaults to the process's logger (src/app/log.ts), as Bolt's logs. */
  logger?: TeamsLogger;
}

export interface TeamsPlatform {
  /** The Teams SDK application (token validation, routing, the Bot Connector client). */
  app: App;
  transport: TeamsTransport;
  /** POST /api/messages and GET /healthz; a (req, res) handler another HTTP listener can delegate to. */
  handler: Express;
  /** Listens on the configured port and host (when no other listener carries the handler). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The port the own listener is bound to, once started. */
  port(): number | undefined;
}

/**
 * The SDK's HTTP server adapter without a server: `App.initialize()` registers its route for the messaging
 * endpoint here, and the Express route below calls it — after its own checks, with the parsed body.
 */
class MountedRoute implements IHttpServerAdapter {
  private route: HttpRouteHandler | undefined;

  registerRoute(method: string, path: string, handler: HttpRouteHandler): void {
    if (method === 'POST' && path === MESSAGES_PATH) this.route = handler;
  }

  handle(body: unknown, headers: IncomingHttpHeaders): ReturnType<HttpRouteHandler> {
    if (!this.route) throw new Error('the Teams SDK registered no route for ' + MESSAGES_PATH);
    const plain: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) plain[name] = value;
    return this.route({ body, headers: plain });
  }
}

/** What the SDK logs, as one line each: texts and error messages only, never an activity or its body. */
function sdkLogger(logger: TeamsLogger) {
  const line = (parts: unknown[]): string =>
    'Teams SDK: ' +
    parts
      .map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part) : part instanceof Error ? `${part.name}: ${part.message}` : '[…]'))
      .join(' ');
  const sdk = {
    debug() {},
    trace() {},
    info: (...parts: unknown[]) => logger.info(line(parts)),
    warn: (...parts: unknown[]) => logger.warn(line(parts)),
    error: (...parts: unknown[]) => logger.error(line(parts)),
    log(level: string, ...parts: unknown[]) {
      if (level === 'error') sdk.error(...parts);
      else if (level === 'warn') sdk.warn(...parts);
      else if (level === 'info') sdk.info(...parts);
    },
    child: () => sdk,
  };
  return sdk;
}

/**
 * The SDK's application with the credentials of `auth` — and only those: empty values keep the SDK from
 * falling back to CLIENT_ID / CLIENT_SECRET / TENANT_ID from the environment, and authentication is off
 * exactly when `auth` says so (never by DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS).
 */
function sdkApp(auth: TeamsEnv, logger: TeamsLogger, route: MountedRoute): App {
  const credentials = auth.auth === 'none' ? { clientId: '', clientSecret: '', tenantId: '' } : { clientId: auth.appId, clientSecret: auth.appPassword, tenantId: auth.tenantId };
  return new App({
    ...credentials,
    dangerouslyAllowUnauthenticatedRequests: auth.auth === 'none',
    cloud: PUBLIC,
    httpServerAdapter: route,
    messagingEndpoint: MESSAGES_PATH,
    logger: sdkLogger(logger),
    client: { timeout: CONNECTOR_TIMEOUT_MS },
  });
}

/**
 * Only the outbox transport, without a listener: for a process that delivers queued messages but receives
 * none (e.g. `fm-lotse jobs run`). It reaches the conversations stored by the running bot.
 */
export function createTeamsTransport(opts: Pick<TeamsPlatformOptions, 'auth' | 'org' | 'store' | 'clock'> & { logger?: TeamsLogger }): TeamsTransport {
  const app = sdkApp(opts.auth, opts.logger ?? boltLogger('fm-lotse:teams'), new MountedRoute());
  return new TeamsTransport({ connectors: new ConnectorClients(app.api.http), org: opts.org, store: opts.store, clock: opts.clock });
}

/** What the SDK needs to look at a request at all: a JSON object with an activity type. */
function isActivity(body: unknown): body is IncomingActivity & { type: string } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string';
}

/**
 * The last handler of the Teams endpoint, on its own listener and inside Slack's: Express's default would
 * answer with an HTML page holding the stack trace and the absolute paths of the installation. The caller
 * gets the status and a short code instead; the log gets the kind of error, never its message (a JSON parse
 * error quotes the body, and with it what someone wrote).
 */
function httpErrors(logger: TeamsLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const { status: given, type } = (error ?? {}) as { status?: unknown; type?: unknown };
    const status = typeof given === 'number' && given >= 400 && given < 600 ? given : 500;
    const kind = typeof type === 'string' ? type : error instanceof Error ? error.name : typeof error;
    const line = `Teams: answered ${status} to ${req.method} ${req.path} (${kind})`;
    if (status >= 500) logger.error(line);
    else logger.warn(line);
    // Too late for an answer of our own: Express ends the connection.
    if (res.headersSent) return next(error);
    res.status(status).json({ error: ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request') });
  };
}

const ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  500: 'internal_error',
};

export function createTeamsPlatform(opts: TeamsPlatformOptions): TeamsPlatform {
  const logger = opts.logger ?? boltLogger('fm-lotse:teams');
  // Without credentials the SDK accepts every request unauthenticated (README, "Microsoft Teams"): never outside loopback.
  if (opts.auth.auth === 'none') {
    if (opts.host !== '127.0.0.1') throw new Error(T.noAuthOnlyLoopback(opts.host));
    logger.warn(T.noAuthWarning);
  }
  const tenantId = opts.tenantId ?? (opts.auth.auth === 'single-tenant' ? opts.auth.tenantId : undefined);

  const route = new MountedRoute();
  const app = sdkApp(opts.auth, logger, route);
  const replyDeps = { people: opts.org, conversations: opts.store.conversations, clock: opts.clock };
  const turnOf = (ctx: { activity: unknown; api: Turn['api'] }): Turn => ({ activity: ctx.activity as IncomingActivity, api: ctx.api });

  // Runs first for every activity the SDK accepted (token valid): proactive messages need the reference.
  app.use(async (ctx) => {
    try {
      captureConversation(opts.store.conversations, ctx.activity as IncomingActivity, opts.clock.now());
    } catch (error) {
      // The activity is still answered; a later one stores the reference again.
      logFailure(turnOf(ctx), error, logger);
    }
    return ctx.next();
  });
  app.on('message', async (ctx) => {
    const turn = turnOf(ctx);
    try {
      await onMessage(turn, opts.bot, opts.org, replyDeps);
    } catch (error) {
      await tellSender(turn, error, logger);
    }
  });
  app.on('card.action', async (ctx) => {
    const turn = turnOf(ctx);
    try {
      return { status: 200, body: cardActionResponse(await onCardAction(turn, opts.bot, opts.org)) };
    } catch (error) {
      // On the card, with the error id: Teams shows the invoke's answer to the person who clicked.
      return { status: 200, body: cardActionResponse(logFailure(turn, error, logger).notice) };
    }
  });
  const ready = app.initialize();
  // Awaited by each request (which then answers 500 should it have failed); never an unhandled rejection.
  ready.catch(() => undefined);

  const handler = express();
  handler.disable('x-powered-by');
  const health = healthHandler(opts.healthy);
  handler.get(HEALTH_PATH, (req, res) => health(req, res));
  const scrape = metricsHandler();
  handler.get(METRICS_PATH, (req, res) => scrape(req, res));
  handler.post(MESSAGES_PATH, express.json({ limit: BODY_LIMIT }), async (req, res) => {
    // /metrics: from the request's arrival to its answer (Teams acknowledges an activity with the answer).
    const arrived = performance.now();
    res.once('finish', () => metrics.ackLatency.observe({ platform: 'teams' }, (performance.now() - arrived) / 1000));
    if (!isActivity(req.body)) {
      logger.warn(`Teams: answered 400 to a request to ${MESSAGES_PATH} that is no activity`);
      res.status(400).json({ error: 'bad_request' });
      return;
    }
    const activity = req.body;
    const from = tenantOf(activity);
    if (tenantId !== undefined && from !== tenantId) {
      logger.warn(`Teams: refused a ${String(activity.type)} activity from tenant ${from ?? '(none)'}`);
      res.status(403).type('text/plain').send(T.foreignTenant);
      return;
    }
    await ready;
    // One id per activity: every log line, audit entry and outbox row it causes carries it (as a Slack envelope's).
    const requestId = typeof activity.id === 'string' && activity.id !== '' ? activity.id : newRequestId();
    const answer = await withRequestId(requestId, () => route.handle(activity, req.headers));
    if (answer.body === undefined) res.status(answer.status).end();
    else res.status(answer.status).json(answer.body);
  });

  handler.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  handler.use(httpErrors(logger));

  const transport = new TeamsTransport({ connectors: new ConnectorClients(app.api.http), org: opts.org, store: opts.store, clock: opts.clock });
  let server: Server | undefined;

  return {
    app,
    transport,
    handler,
    async start() {
      const listening = createServer(handler);
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen({ port: opts.port, host: opts.host }, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      logger.info(T.listening(opts.host, boundPort(listening)));
    },
    async stop() {
      if (!server) return;
      const closing = server;
      server = undefined;
      closing.closeAllConnections();
      await closeServer(closing);
    },
    port: () => (server ? boundPort(server) : undefined),
  };
}
