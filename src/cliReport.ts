/**
 * `npx fm-lotse report --von JJJJ-MM --bis JJJJ-MM [--team …] [--format csv|json] [--out FILE] [--trennzeichen ";"]
 * [--bom]`: the controlling figures of R35 for the controlling office, the same computation as /fm kennzahlen
 * (src/services/controlling/). Loaded by src/cli.ts only for this command.
 */
import fs from 'node:fs';
import { loadEnv } from './config/env.js';
import { loadOrgFileOrThrow } from './config/load.js';
import { OrgIndex } from './config/orgIndex.js';
import { WorkCalendar } from './domain/calendar.js';
import { DEFAULT_NEED_CATALOGUE } from './domain/needs.js';
import { SystemClock } from './domain/time.js';
import { cliTexts } from './i18n/app.js';
import { reportTexts as T } from './i18n/controlling.js';
import { reportCsv, reportJson, reportRows } from './services/controlling/export.js';
import { isMonth, monthSpans } from './services/controlling/figures.js';
import { SqliteStore } from './store/sqlite/store.js';

const MAX_MONTHS = 36;

export function runReport(args: string[], out: (line: string) => void, write: (text: string) => void = (t) => process.stdout.write(t)): number {
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i !== -1 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const fail = (text: string) => {
    out(text);
    out(T.usage);
    return 2;
  };
  const from = option('--von');
  const to = option('--bis');
  if (from === undefined) return fail(T.missing('--von'));
  if (to === undefined) return fail(T.missing('--bis'));
  if (!isMonth(from)) return fail(T.badMonth('--von', from));
  if (!isMonth(to)) return fail(T.badMonth('--bis', to));
  if (from > to) return fail(T.fromAfterTo(from, to));
  const format = option('--format') ?? 'csv';
  if (format !== 'csv' && format !== 'json') return fail(T.badFormat(format));
  const delimiter = option('--trennzeichen') ?? ',';
  if (delimiter !== ',' && delimiter !== ';') return fail(T.badDelimiter(delimiter));

  const env = loadEnv(process.env, { sendOnly: true });
  // A report reads; it never creates a database.
  if (!fs.existsSync(env.dbPath)) return fail(cliTexts.backupNoDatabase(env.dbPath));
  const org = new OrgIndex(loadOrgFileOrThrow(env.orgPath));
  const fmTeams = org.org.teams.filter((t) => t.kind !== 'mi');
  const wanted = option('--team');
  const teams = wanted === undefined ? fmTeams : fmTeams.filter((t) => t.id === wanted);
  if (teams.length === 0) return fail(T.unknownTeam(wanted!, fmTeams.map((t) => t.id)));
  const calendar = new WorkCalendar({ holidayRegion: org.org.jobcenter.holidayRegion });
  if (monthSpans({ calendar }, from, to).length > MAX_MONTHS) return fail(T.tooMany(MAX_MONTHS));

  const store = SqliteStore.open(env.dbPath);
  try {
    const deps = { org, store, clock: new SystemClock(), calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
    const rows = reportRows(deps, teams, from, to);
    const text = format === 'json' ? reportJson(rows, from, to) : reportCsv(rows, { delimiter, bom: args.includes('--bom') });
    const file = option('--out');
    if (file === undefined) write(text);
    else {
      fs.writeFileSync(file, text);
      out(T.written(file, rows.length));
    }
    return 0;
  } finally {
    store.close();
  }
}
