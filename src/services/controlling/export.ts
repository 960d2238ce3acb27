/**
 * R35: the figures for the controlling office — `npx fm-lotse report` — as CSV (RFC 4180 by csv-stringify; UTF-8,
 * optionally with BOM and `;` for German spreadsheet programs) or JSON. One row per team, month and figure, the same
 * computation as /fm kennzahlen. The export leaves the team leads' view: individual FM figures stay out, and a
 * figure describing fewer than 3 clients is written as "< 3" (audience.ts).
 */
import { stringify } from 'csv-stringify/sync';
import type { Team } from '../../config/org.js';
import { controllingTexts as T, figureLabel } from '../../i18n/controlling.js';
import type { CommandDeps } from '../context.js';
import { isSuppressed } from './audience.js';
import { computeFigures, TEAM_FIGURES } from './figures.js';

/** The German column headers (documented in the README). */
export const REPORT_COLUMNS = ['Team', 'Teamname', 'Monat', 'Kennzahl', 'Bezeichnung', 'Einheit', 'Wert'] as const;

export interface ReportRow {
  Team: string;
  Teamname: string;
  /** JJJJ-MM */
  Monat: string;
  Kennzahl: string;
  Bezeichnung: string;
  /** `Anzahl` or `Prozent` */
  Einheit: string;
  /** A whole number, "< 3", or null for a share of nothing. */
  Wert: number | string | null;
}

const UNIT: Record<string, string> = { anzahl: 'Anzahl', prozent: 'Prozent' };

export function reportRows(deps: CommandDeps, teams: readonly Team[], from: string, to: string): ReportRow[] {
  const order = new Map<string, number>(TEAM_FIGURES.map((key, i) => [key, i]));
  return computeFigures(deps, teams, from, to)
    .filter((f) => f.fmId === undefined)
    .sort((a, b) => a.teamId.localeCompare(b.teamId) || a.month.localeCompare(b.month) || order.get(a.key)! - order.get(b.key)!)
    .map((f) => ({
      Team: f.teamId,
      Teamname: deps.org.team(f.teamId)?.name ?? f.teamId,
      Monat: f.month,
      Kennzahl: f.key,
      Bezeichnung: figureLabel(f.key),
      Einheit: UNIT[f.unit]!,
      Wert: f.value === undefined ? null : isSuppressed(f) ? T.suppressed : f.value,
    }));
}

export interface CsvOptions {
  delimiter?: ',' | ';';
  /** UTF-8 byte order mark, so spreadsheet programs read the umlauts right. */
  bom?: boolean;
}

export function reportCsv(rows: readonly ReportRow[], options: CsvOptions = {}): string {
  return stringify(
    rows.map((r) => REPORT_COLUMNS.map((c) => (r[c] === null ? '' : String(r[c])))),
    { header: true, columns: [...REPORT_COLUMNS], delimiter: options.delimiter ?? ',', bom: options.bom ?? false, record_delimiter: 'windows' },
  );
}

export function reportJson(rows: readonly ReportRow[], from: string, to: string): string {
  return JSON.stringify({ von: from, bis: to, zeilen: rows }, null, 2) + '\n';
}
