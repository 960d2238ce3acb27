/**
 * `npx fm-lotse …`: operator commands of docs/interface.md (org check, db backup, jobs run).
 */
import fs from 'node:fs';
import { JOBS } from '../jobs/index.js';
import { Delivery } from './app/delivery.js';
import type { Transport } from './messaging/ports.js';
import { runJobs } from './app/scheduler.js';
import { ConfigError, loadEnv, parseIsoInstant } from './config/env.js';
import { loadOrgFileOrThrow, orgCheck } from './config/load.js';
import { OrgIndex } from './config/orgIndex.js';
import { WorkCalendar } from './domain/calendar.js';
import { DEFAULT_NEED_CATALOGUE } from './domain/needs.js';
import { ManualClock, type Instant } from './domain/time.js';
import { cliTexts } from './i18n/app.js';
import { toPlainText } from './messaging/reply.js';
import { createConsoleTransport } from './platforms/console/console.js';
import { outboxClient, SlackTransport } from './platforms/slack/transport.js';
import { createTeamsTransport } from './platforms/teams/app.js';
import { SqliteStore } from './store/sqlite/store.js';

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [area, action, ...rest] = argv;
  switch (`${area ?? ''} ${action ?? ''}`) {
    case 'org check': {
      const file = rest[0] ?? loadEnv().orgPath;
      const result = orgCheck(file);
      out(result.output);
      return result.exitCode;
    }
    case 'db backup': {
      const target = rest[0];
      if (!target) return fail(out, cliTexts.missingArgument('die Zieldatei'));
      const { dbPath } = loadEnv();
      if (!fs.existsSync(dbPath)) return fail(out, cliTexts.backupNoDatabase(dbPath));
      const store = SqliteStore.open(dbPath);
      try {
        await store.backup(target);
      } finally {
        store.close();
      }
      out(cliTexts.backupWritten(target));
      return 0;
    }
    case 'jobs run': {
      const at = option(rest, '--at');
      if (at === undefined) return fail(out, cliTexts.missingArgument('--at <ISO-8601>'));
      const instant = parseIsoInstant(at);
      if (instant === undefined) return fail(out, cliTexts.badInstant(at));
      return runJobsOnce(instant, rest.includes('--dry-run'), out);
    }
    default:
      out(cliTexts.usage);
      return area === undefined || area === 'hilfe' || area === '--help' ? 0 : 2;
  }
}

/** Rolls a dry run back after reading what it queued. */
class DryRun extends Error {}

async function runJobsOnce(at: Instant, dryRun: boolean, out: (line: string) => void): Promise<number> {
  const env = loadEnv(process.env, { sendOnly: true });
  const org = new OrgIndex(loadOrgFileOrThrow(env.orgPath));
  const store = SqliteStore.open(env.dbPath);
  const clock = new ManualClock(at);
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
    if (env.slack) transports.push(new SlackTransport(outboxClient(env.slack.botToken, { apiUrl: env.slack.apiUrl }), org));
    if (env.teams) transports.push(createTeamsTransport({ auth: env.teams, org, store, clock }));
    if (transports.length === 0) transports.push(createConsoleTransport({ org, output: process.stdout, ansi: false }));
    const sent = await new Delivery(store, transports, clock, { calendar: deps.calendar }).flush();
    for (const o of outcomes) out(cliTexts.jobOutcome(o.job, o.queued, o.error));
    out(cliTexts.jobsSent(sent));
    return outcomes.some((o) => o.error) ? 1 : 0;
  } finally {
    store.close();
  }
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index !== -1) return args[index + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function fail(out: (line: string) => void, text: string): number {
  out(text);
  out(cliTexts.usage);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    });
}
