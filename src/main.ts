/**
 * Composition root: config → database → services → platforms → delivery.
 * With no platform credentials it starts the local console chat on the demo organisation.
 */
import type { Readable, Writable } from 'node:stream';
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
import { appTexts } from './i18n/app.js';
import { createConsoleTransport, runConsole } from './platforms/console/console.js';
import { createSlackPlatform, type SlackPlatform } from './platforms/slack/app.js';
import { createTeamsPlatform, MESSAGES_PATH, type TeamsPlatform } from './platforms/teams/app.js';
import { teamsTexts } from './i18n/teams.js';
import { SqliteStore } from './store/sqlite/store.js';

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
  const org = new OrgIndex(loadOrgFileOrThrow(env.orgPath));
  const clock = new SystemClock(env.now);
  if (env.now !== undefined) console.warn(appTexts.clockShifted(formatInTimeZone(env.now)));
  const calendar = new WorkCalendar({ holidayRegion: org.org.jobcenter.holidayRegion });
  const store = SqliteStore.open(env.dbPath);
  const deps = { org, store, clock, calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  const bot = new Bot(deps);

  const transports: Transport[] = [];
  const healthy = (): boolean => store.isHealthy();
  const teams = env.teams
    ? createTeamsPlatform({ auth: env.teams, port: env.port, host: env.host, bot, org, store, clock, healthy })
    : undefined;
  let slack: SlackPlatform | undefined;
  if (env.slack) {
    slack = createSlackPlatform({
      botToken: env.slack.botToken,
      signingSecret: env.slack.signingSecret,
      appToken: env.slack.appToken,
      apiUrl: env.slack.apiUrl,
      port: env.port,
      host: env.host,
      bot,
      org,
      healthy,
      // Both platforms share the one listener on PORT: Teams' endpoint becomes a route of Slack's.
      ...(teams ? { customRoutes: [{ path: MESSAGES_PATH, method: 'POST', handler: teams.handler }] } : {}),
    });
    transports.push(slack.transport);
  }
  if (teams) transports.push(teams.transport);

  const { input, output } = io;
  const consoleMode = env.platforms.includes('console');
  if (consoleMode) transports.push(createConsoleTransport({ org, output }));
  const delivery = new Delivery(store, transports, clock, { calendar });
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
    console.info(env.slack?.mode === 'socket' ? appTexts.slackSocket(slack.port() ?? env.port) : appTexts.slackListening(env.host, slack.port() ?? env.port));
  }
  if (teams) {
    if (slack) console.info(teamsTexts.mounted);
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

async function main(): Promise<void> {
  let running: Running;
  try {
    running = await start(loadEnv());
  } catch (error) {
    console.error(appTexts.startFailed);
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const shutdown = (): void => {
    console.info(appTexts.stopping);
    running.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await running.done;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void main();
}
