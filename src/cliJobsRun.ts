/**
 * `npx fm-lotse jobs run --at … [--dry-run]`: every job once at that instant, then delivery through every
 * platform whose credentials are set (the console when there are none). Delivery waits out rate limits
 * (Retry-After) and short backoffs, so everything due is sent before the command exits. Loaded by src/cli.ts
 * only for this command; the chat SDKs only when their credentials are set.
 */
import { JOBS } from '../jobs/index.js';
import { Delivery } from './app/delivery.js';
import { boltLogger, createLogger, useLogger } from './app/log.js';
import { runJobs } from './app/scheduler.js';
import { loadEnv } from './config/env.js';
import { loadOrgFileOrThrow } from './config/load.js';
import { OrgIndex } from './config/orgIndex.js';
import { WorkCalendar } from './domain/calendar.js';
import { DEFAULT_NEED_CATALOGUE } from './domain/needs.js';
import { SystemClock, type Instant } from './domain/time.js';
import { cliTexts } from './i18n/app.js';
import { faultTexts } from './i18n/faults.js';
import type { Transport } from './messaging/ports.js';
import { toPlainText } from './messaging/reply.js';
import { createConsoleTransport } from './platforms/console/console.js';
import { SqliteStore } from './store/sqlite/store.js';

/**
 * The longest single wait for a message that is not due yet (a Retry-After, a backoff after a server error)
 * before `jobs run` exits and leaves it to the running bot or the next run.
 */
const MAX_DELIVERY_WAIT_MS = 2 * 60_000;

/** Rolls a dry run back after reading what it queued. */
class DryRun extends Error {}

export async function runJobsOnce(at: Instant, dryRun: boolean, out: (line: string) => void): Promise<number> {
  const env = loadEnv(process.env, { sendOnly: true });
  // The operator reads stdout: log lines go to stderr, readable, warnings and errors unless LOG_LEVEL=debug.
  useLogger(createLogger({ level: env.logLevel === 'info' ? 'warn' : env.logLevel, format: 'pretty' }));
  const org = new OrgIndex(loadOrgFileOrThrow(env.orgPath));
  const store = SqliteStore.open(env.dbPath);
  // Starts at `at` and runs on, so Retry-After and backoff waits end while the command waits for them.
  const clock = new SystemClock(at);
  const deps = { org, store, clock, calendar: new WorkCalendar({ holidayRegion: org.org.jobcenter.holidayRegion }), needCatalogue: DEFAULT_NEED_CATALOGUE };
  try {
    if (dryRun) {
      const known = new Set(store.outbox.all().map((i) => i.id));
      try {
        store.transaction(() => {
          runJobs(deps, JOBS, at);
          const queued = store.outbox.all().filter((i) => !known.has(i.id));
          out(cliTexts.dryRunHeading(queued.length));
          for (const item of queued) {
            const to = item.target.kind === 'channel' ? `#${item.target.teamId}` : `@${item.target.personId}`;
            out(`— ${to} [${item.dedupeKey}]\n${toPlainText(item.message)}`);
          }
          throw new DryRun();
        });
      } catch (error) {
        if (!(error instanceof DryRun)) throw error;
      }
      return 0;
    }
    const outcomes = runJobs(deps, JOBS, at);
    const transports: Transport[] = [];
    if (env.slack) {
      const { outboxClient, SlackTransport } = await import('./platforms/slack/transport.js');
      transports.push(new SlackTransport(outboxClient(env.slack.botToken, { apiUrl: env.slack.apiUrl, logger: boltLogger('fm-lotse:slack') as never }), org));
    }
    if (env.teams) {
      const { createTeamsTransport } = await import('./platforms/teams/app.js');
      transports.push(createTeamsTransport({ auth: env.teams, org, store, clock }));
    }
    if (transports.length === 0) transports.push(createConsoleTransport({ org, output: process.stdout, ansi: false }));
    const delivery = new Delivery(store, transports, clock, { calendar: deps.calendar });
    const { sent, pending } = await delivery.drain({ maxWaitMs: MAX_DELIVERY_WAIT_MS });
    for (const o of outcomes) out(cliTexts.jobOutcome(o.job, o.queued, o.error));
    out(cliTexts.jobsSent(sent));
    if (pending > 0) out(faultTexts.jobsPending(pending));
    return outcomes.some((o) => o.error) ? 1 : 0;
  } finally {
    store.close();
  }
}
