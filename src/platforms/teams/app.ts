/**
 * Microsoft Teams: a teams-ai `Application` on botbuilder's adapter, served by Express at POST /api/messages
 * (plus GET /healthz). Translates chat in and out; no business rules here. Single tenant: activities of other
 * Microsoft 365 tenants are refused before anything is read or stored.
 */
import { createServer, type Server } from 'node:http';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { BotApi } from '../../messaging/ports.js';
import type { TeamsEnv } from '../../config/env.js';
import type { OrgIndex } from '../../config/orgIndex.js';
import type { Clock } from '../../domain/time.js';
import { teamsTexts as T } from '../../i18n/teams.js';
import type { Store } from '../../store/ports.js';
import { boundPort, closeServer, healthHandler, HEALTH_PATH } from '../health.js';
import { withoutLibraryRetries } from './connector.js';
import { captureConversation, tenantOf } from './conversations.js';
import * as cardActions from './listeners/cardActions.js';
import * as errors from './listeners/errors.js';
import * as messages from './listeners/messages.js';
import { TeamsTransport } from './transport.js';

/** The messaging endpoint registered for the bot (Azure Bot → Configuration). */
export const MESSAGES_PATH = '/api/messages';

/** Activities are small JSON documents; anything far larger is no Teams activity. */
const BODY_LIMIT = '256kb';

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
  healthy: () => boolean;
  logger?: TeamsLogger;
}

export interface TeamsPlatform {
  app: Application;
  adapter: TeamsAdapter;
  transport: TeamsTransport;
  /** POST /api/messages and GET /healthz; a (req, res) handler another HTTP listener can delegate to. */
  handler: Express;
  /** Listens on the configured port and host (when no other listener carries the handler). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The port the own listener is bound to, once started. */
  port(): number | undefined;
}

function adapterFor(auth: TeamsEnv): TeamsAdapter {
  const adapter =
    auth.auth === 'none'
      ? new TeamsAdapter({})
      : new TeamsAdapter({
          MicrosoftAppId: auth.appId,
          MicrosoftAppPassword: auth.appPassword,
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppTenantId: auth.tenantId,
        });
  adapter.use(withoutLibraryRetries);
  return adapter;
}

const appIdOf = (auth: TeamsEnv): string => (auth.auth === 'none' ? '' : auth.appId);

/**
 * Only the outbox transport, without a listener: for a process that delivers queued messages but receives
 * none (e.g. `fm-lotse jobs run`). It reaches the conversations stored by the running bot.
 */
export function createTeamsTransport(opts: Pick<TeamsPlatformOptions, 'auth' | 'org' | 'store' | 'clock'>): TeamsTransport {
  return new TeamsTransport({ adapter: adapterFor(opts.auth), appId: appIdOf(opts.auth), org: opts.org, store: opts.store, clock: opts.clock });
}

/** What the adapter needs to look at a request at all: a JSON object with an activity type. */
function isActivity(body: unknown): body is Partial<Activity> & { type: string } {
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
  const logger = opts.logger ?? console;
  // An empty app id switches authentication off entirely (README, "Microsoft Teams"): never outside loopback.
  if (opts.auth.auth === 'none') {
    if (opts.host !== '127.0.0.1') throw new Error(T.noAuthOnlyLoopback(opts.host));
    logger.warn(T.noAuthWarning);
  }
  const appId = appIdOf(opts.auth);
  const tenantId = opts.tenantId ?? (opts.auth.auth === 'single-tenant' ? opts.auth.tenantId : undefined);

  const adapter = adapterFor(opts.auth);
  const app = new Application({
    adapter,
    botAppId: appId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    adaptiveCards: { actionExecuteResponseType: cardActions.ACTION_RESPONSE_TYPE },
  });
  const replyDeps = { people: opts.org, conversations: opts.store.conversations, clock: opts.clock };
  messages.register(app, opts.bot, opts.org, replyDeps);
  cardActions.register(app, opts.bot, opts.org);
  errors.register(app, logger);

  const handler = express();
  handler.disable('x-powered-by');
  const health = healthHandler(opts.healthy);
  handler.get(HEALTH_PATH, (req, res) => health(req, res));
  handler.post(MESSAGES_PATH, express.json({ limit: BODY_LIMIT }), async (req, res) => {
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
    await adapter.process(req, res, async (context) => {
      captureConversation(opts.store.conversations, context.activity, opts.clock.now());
      await app.run(context);
    });
  });

  handler.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  handler.use(httpErrors(logger));

  const transport = new TeamsTransport({ adapter, appId, org: opts.org, store: opts.store, clock: opts.clock });
  let server: Server | undefined;

  return {
    app,
    adapter,
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
