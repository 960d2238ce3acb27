/**
 * `npx fm-lotse …`: operator commands of docs/interface.md (org check, db backup, jobs run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadEnv, parseIsoInstant } from './config/env.js';
import { orgCheck } from './config/load.js';
import { isEntryPoint, newerSource } from './entryPoint.js';
import { cliTexts } from './i18n/app.js';
import { opsTexts } from './i18n/ops.js';

// Only what `org check` needs is imported up front. The store, the jobs and the chat SDKs (Bolt and the
// Teams SDK take seconds to load) are imported by the commands that use them, so `org check` answers at once.

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [area, action, ...rest] = argv;
  if (area === 'report') return (await import('./cliReport.js')).runReport(argv.slice(1), out);
  switch (`${area ?? ''} ${action ?? ''}`) {
    case 'org check': {
      const file = rest[0] ?? loadEnv().orgPath;
      const result = orgCheck(file);
      out(result.output);
      return result.exitCode;
    }
    case 'db backup': {
      const target = rest.find((arg) => !arg.startsWith('--'));
      const force = rest.includes('--force');
      if (!target) return fail(out, cliTexts.missingArgument('die Zieldatei'));
      const { dbPath } = loadEnv();
      if (!fs.existsSync(dbPath)) return fail(out, cliTexts.backupNoDatabase(dbPath));
      // Not even --force may put a copy in place of the live file (the bot would write on into the old one).
      if (path.resolve(target) === path.resolve(dbPath)) return refuse(out, opsTexts.backupIsDatabase(target));
      if (fs.existsSync(target) && !force) return refuse(out, opsTexts.backupExists(target));
      const { SqliteStore } = await import('./store/sqlite/store.js');
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
      const { runJobsOnce } = await import('./cliJobsRun.js');
      return runJobsOnce(instant, rest.includes('--dry-run'), out);
    }
    default:
      out(opsTexts.usage);
      return area === undefined || area === 'hilfe' || area === '--help' ? 0 : 2;
  }
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index !== -1) return args[index + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** A call that cannot work as typed: the problem, the usage, exit code 2. */
function fail(out: (line: string) => void, text: string): number {
  out(text);
  out(opsTexts.usage);
  return 2;
}

/** A well-formed call that is refused (nothing was changed): the reason, exit code 1. */
function refuse(out: (line: string) => void, text: string): number {
  out(text);
  return 1;
}

/** `npx fm-lotse …` (bin/fm-lotse.js) and `node dist/src/cli.js …`: runs the command and exits with its code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<never> {
  const stale = newerSource(import.meta.url);
  if (stale) console.error(opsTexts.staleBuild(stale));
  try {
    process.exit(await runCli(argv));
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) void main();
