/**
 * `npx fm-lotse …`: operator commands of ../shared/contract.md (org check, db backup, jobs run).
 */
import fs from 'node:fs';
import { ConfigError, loadEnv, parseIsoInstant } from './config/env.js';
import { orgCheck } from './config/load.js';
import { cliTexts } from './i18n/app.js';
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
      if (parseIsoInstant(at) === undefined) return fail(out, cliTexts.badInstant(at));
      out(cliTexts.noJobsYet);
      return 0;
    }
    default:
      out(cliTexts.usage);
      return area === undefined || area === 'hilfe' || area === '--help' ? 0 : 2;
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
