/**
 * Composition root: config → database → services → platforms → delivery.
 * With no platform credentials it starts the local console chat on the demo organisation.
 */
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import type { CustomRoute } from '@slack/bolt';
import { Bot } from './app/bot.js';
import { Delivery } from './app/delivery.js';
import { Scheduler } from './app/scheduler.js';
import { TimeTravel } from './app/timeTravel.js';
import { JOBS } from '../jobs/index.js';
import { DEFAULT_NEED_CATALOGUE } from './domain/needs.js';
import type { Transport } from './messaging/ports.js';
import { ConfigError, loadEnv, type Env } from './config/env.js';
import { loadOrgFileOrThrow } from './config/load.js';
import { OrgIndex } from './config/orgIndex.js';
import { WorkCalendar } from './domain/calendar.js';
import { formatInTimeZone } from './domain/format.js';
import { SystemClock } from './domain/time.js';
import { isEntryPoint, newerSource } from './entryPoint.js';
import { appTexts } from './i18n/app.js';
import { opsTexts } from './i18n/ops.js';
import { createConsoleTransport, runConsole } from './platforms/console/console.js';
import type { SlackPlatform } from './platforms/slack/app.js';
import type { TeamsPlatform } from './platforms/teams/app.js';
import { teamsTexts } from './i18n/teams.js';
import { SqliteStore } from './store/sqlite/store.js';
import { createLogger, log, useLogger } from './app/log.js';
import { metrics } from './app/metrics.js';
import { healthReport, outboxStats } from './platforms/healthReport.js';

// The chat SDKs (Bolt; the Teams SDK) take seconds to load: imported only when their credentials
// are set, so the console chat starts at once.

/** How often queued messages are sent while a chat platform runs. */
const DELIVERY_INTERVAL_MS = 2_000;

export interface Running {
  stop(): Promise<void>;
  /** Resolves when the console chat ends (immediately resolved for server platforms: they run until stopped). */
  done: Promise<void>;
  slack?: SlackPlatform;
  teams?: TeamsPlatform;
}

export async function start(
  env: Env,
  io: { input: Readable; output: Writable } = { input: process.stdin, output: process.stdout },
): Promise<Running> {
  // JSON lines for a server; in the console chat short readable lines on stderr, beside the chat on stdout.
  // The console chat shows warnings and errors unless LOG_LEVEL=debug asks for everything: info lines (each
  // message sent, …) would crowd the conversation.
  const consoleChat = env.platforms.includes('console');
  useLogger(createLogger({ level: consoleChat && env.logLevel === 'info' ? 'warn' : env.logLevel, format: consoleChat ? 'pretty' : 'json' }));
  const org = new OrgIndex(loadOrgFileOrThrow(env.orgPath));
  const clock = new SystemClock(env.now);
  if (env.now !== undefined) log().warn(appTexts.clockShifted(formatInTimeZone(env.now)));
  const calendar = new WorkCalendar({ holidayRegion: org.org.jobcenter.holidayRegion });
  const store = SqliteStore.open(env.dbPath);
  const deps = { org, store, clock, calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  // What a request queued is sent right after its transaction (Delivery.kick); the timer is the safety net.
  let delivery: Delivery | undefined;
  const bot = new Bot(deps, undefined, () => delivery?.kick());
  // Requests acknowledged before the last stop but never stored: their senders are told (direct message).
  bot.tellInterrupted();

  const transports: Transport[] = [];
  // GET /healthz reports the database, the outbox, the last job runs and Socket Mode; /metrics reads the outbox.
  let slackPlatform: SlackPlatform | undefined;
  const report = () => healthReport({ store, clock, jobs: () => metrics.jobRuns, socketMode: () => slackPlatform?.socketMode() });
  metrics.observeOutbox(() => outboxStats(store, clock.now()));
  let teams: TeamsPlatform | undefined;
  let teamsRoute: CustomRoute | undefined;
  if (env.teams) {
    const { createTeamsPlatform, MESSAGES_PATH } = await import('./platforms/teams/app.js');
    teams = createTeamsPlatform({ auth: env.teams, port: env.port, host: env.host, bot, org, store, clock, healthy: report });
    teamsRoute = { path: MESSAGES_PATH, method: 'POST', handler: teams.handler };
  }
  let slack: SlackPlatform | undefined;
  if (env.slack) {
    const { createSlackPlatform } = await import('./platforms/slack/app.js');
    slack = createSlackPlatform({
      botToken: env.slack.botToken,
      signingSecret: env.slack.signingSecret,
      appToken: env.slack.appToken,
      apiUrl: env.slack.apiUrl,
      port: env.port,
      host: env.host,
      bot,
      org,
      healthy: report,
      clock,
      // Both platforms share the one listener on PORT: Teams' endpoint becomes a route of Slack's.
      ...(teamsRoute ? { customRoutes: [teamsRoute] } : {}),
    });
    transports.push(slack.transport);
    slackPlatform = slack;
  }
  if (teams) transports.push(teams.transport);

  const { input, output } = io;
  const consoleMode = env.platforms.includes('console');
  if (consoleMode) transports.push(createConsoleTransport({ org, output }));
  delivery = new Delivery(store, transports, clock, { calendar });
  const scheduler = new Scheduler(deps, JOBS, () => delivery.flush());

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    scheduler.stop();
    delivery.stop();
    await slack?.stop();
    await teams?.stop();
    await delivery.flush().catch(() => undefined);
    store.close();
  };

  if (slack) {
    await slack.start();
    log().info(env.slack?.mode === 'socket' ? appTexts.slackSocket(slack.port() ?? env.port) : appTexts.slackListening(env.host, slack.port() ?? env.port));
  }
  if (teams) {
    if (slack) log().info(teamsTexts.mounted);
    else await teams.start();
  }
  // The console flushes after every line itself; a timer would print into the middle of the prompt.
  if (slack || teams) {
    delivery.start(DELIVERY_INTERVAL_MS);
    // Jobs missed while the bot was down run now; what is due comes from the database.
    await scheduler.start();
  }
  // Whatever was queued before a restart goes out now, not only on the next tick.
  await delivery.flush();

  const done = consoleMode
    ? runConsole({
        bot,
        org,
        input,
        output,
        flush: () => delivery.flush(),
        nowText: env.now !== undefined ? () => formatInTimeZone(clock.now()) : undefined,
        travel: (arg) => new TimeTravel(deps, JOBS, () => delivery.flush(), (line) => output.write(`\n${line}\n`)).travel(arg),
      }).then(stop)
    : Promise.resolve();
  return { stop, done, slack, teams };
}

/** What is logged of an error nobody handled: its kind, code and where it came from, never its message. */
export function describeUnhandled(error: unknown): string {
  if (!(error instanceof Error)) return `(${error === null ? 'null' : typeof error})`;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}${typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''}`, ...frames.slice(0, 10)].join('\n');
}

/**
 * The last line of defence for the running bot (requests are guarded where they arrive: platforms/…/app.ts).
 * A rejected promise nobody awaited belongs to one request or job; the database is synchronous and every
 * change a transaction, so nothing is left half-written and the bot keeps serving. An exception thrown out of
 * synchronous code may have stopped it halfway; the bot stops cleanly and exits 1 so its supervisor restarts
 * it. Logged without the error's message: that may quote a message text or a customer number.
 */
export function installProcessGuards(stop: () => Promise<void>, logLine: (line: string) => void = (line) => log().error(line)): void {
  process.on('unhandledRejection', (reason) => {
    logLine(opsTexts.unhandledRejection(randomBytes(4).toString('hex'), describeUnhandled(reason)));
  });
  let exiting = false;
  process.on('uncaughtException', (error) => {
    logLine(opsTexts.uncaughtException(randomBytes(4).toString('hex'), describeUnhandled(error)));
    if (exiting) return;
    exiting = true;
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    stop().finally(() => process.exit(1));
  });
}

async function main(): Promise<void> {
  const stale = newerSource(import.meta.url);
  if (stale) console.warn(opsTexts.staleBuild(stale));
  // A stop asked for while starting (the jobs missed while down can take a while after the platform listens)
  // waits until the start is complete, then stops cleanly: it must not kill the process in the middle of it.
  let running: Running | undefined;
  let stopAsked = false;
  const shutdown = (): void => {
    log().info(appTexts.stopping);
    if (running) running.stop().finally(() => process.exit(0));
    else stopAsked = true;
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  try {
    running = await start(loadEnv());
  } catch (error) {
    console.error(appTexts.startFailed);
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const started = running;
  installProcessGuards(() => started.stop());
  if (stopAsked) {
    await started.stop();
    process.exit(0);
  }
  await started.done;
}

if (isEntryPoint(import.meta.url)) void main();
