/**
 * R35: the controlling figures as charts — Vega-Lite specifications with the figures inline, drawn by the platforms
 * (src/platforms/charts.ts → PNG). Per team: utilisation per FM in the last month shown (bars, capacity line at
 * 100 %), intakes, exits and caseload over the 12 months up to it (lines), exits by reason over the months shown
 * (bars). The same numbers as /fm kennzahlen; outside the team lead's own view a value of fewer than 3 clients is left
 * out of the picture, as the table shows it as "< 3".
 */
import { EXIT_REASONS } from '../../domain/exit.js';
import { controllingTexts as T, figureLabel, monthText } from '../../i18n/controlling.js';
import type { ImagePart } from '../../messaging/reply.js';
import type { CommandDeps } from '../context.js';
import { isSuppressed, type TeamView } from './audience.js';
import { computeFigures, monthOf, type Figure } from './figures.js';

/** One font for every picture, shipped through npm (dejavu-fonts-ttf), so it looks the same everywhere. */
export const CHART_FONT = 'DejaVu Sans';

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  width: 560,
  height: 280,
  background: 'white',
  config: { font: CHART_FONT, title: { fontSize: 15 }, axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12 } },
};

/** The values drawn: null where the viewer may not see it (fewer than 3 clients outside the team lead's view). */
function visible(figure: Figure | undefined, mask: boolean): number | null {
  if (figure?.value === undefined) return null;
  return mask && isSuppressed(figure) ? null : figure.value;
}

export function controllingCharts(deps: CommandDeps, views: readonly TeamView[], from: string, to: string): ImagePart[] {
  const trendFrom = monthOf(`${to}-01`, -11);
  const first = from < trendFrom ? from : trendFrom;
  const figures = computeFigures(deps, views.map((v) => v.team), first, to);
  return views.flatMap((view) => {
    const mine = figures.filter((f) => f.teamId === view.team.id);
    return [utilisationChart(deps, view, mine, to), trendChart(view, mine, trendFrom, to), exitsChart(view, mine, from, to)];
  });
}

function utilisationChart(deps: CommandDeps, view: TeamView, figures: Figure[], month: string): ImagePart {
  const mask = !view.ownLead;
  const values = figures
    .filter((f) => f.key === 'fm.auslastung' && f.month === month)
    .map((f) => ({ fachkraft: deps.org.person(f.fmId!)?.name ?? f.fmId!, auslastung: visible(f, mask) }))
    .filter((v) => v.auslastung !== null);
  const title = T.chartUtilisation(view.team.name, month);
  return {
    kind: 'chart',
    title,
    alt: `${title}: ${values.map((v) => `${v.fachkraft} ${v.auslastung} %`).join(', ')}`,
    fileName: `auslastung-${view.team.id}-${month}.png`,
    spec: {
      ...BASE,
      title,
      data: { values },
      layer: [
        {
          mark: { type: 'bar', color: '#4c78a8' },
          encoding: {
            x: { field: 'fachkraft', type: 'nominal', title: T.axisFm, sort: null, axis: { labelAngle: 0 } },
            y: { field: 'auslastung', type: 'quantitative', title: T.axisUtilisation, scale: { domainMin: 0, nice: true } },
          },
        },
        { mark: { type: 'rule', color: '#e45756', strokeWidth: 2, strokeDash: [6, 4] }, encoding: { y: { datum: 100 } } },
        {
          mark: { type: 'text', align: 'left', dx: 4, dy: -8, color: '#e45756' },
          encoding: { y: { datum: 100 }, x: { value: 0 }, text: { value: T.chartCapacityLine } },
        },
      ],
    },
  };
}

const TREND: Array<[key: Figure['key'], series: string]> = [
  ['uebernahmen', T.seriesIntakes],
  ['abgaenge', T.seriesExits],
  ['bestand', T.seriesCaseload],
];

function trendChart(view: TeamView, figures: Figure[], from: string, to: string): ImagePart {
  const mask = !view.ownLead;
  const values = figures
    .filter((f) => f.fmId === undefined && f.month >= from && f.month <= to && TREND.some(([key]) => key === f.key))
    .map((f) => ({ monat: monthText(f.month), kennzahl: TREND.find(([key]) => key === f.key)![1], anzahl: visible(f, mask) }))
    .filter((v) => v.anzahl !== null);
  const title = T.chartTrend(view.team.name);
  return {
    kind: 'chart',
    title,
    alt: title,
    fileName: `verlauf-${view.team.id}-${to}.png`,
    spec: {
      ...BASE,
      title,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'monat', type: 'ordinal', title: T.axisMonth, sort: null },
        y: { field: 'anzahl', type: 'quantitative', title: T.axisCount },
        color: { field: 'kennzahl', type: 'nominal', title: T.seriesLegend, sort: TREND.map(([, s]) => s) },
      },
    },
  };
}

function exitsChart(view: TeamView, figures: Figure[], from: string, to: string): ImagePart {
  const mask = !view.ownLead;
  const values = EXIT_REASONS.map((reason) => {
    const key = `abgaenge.${reason}` as const;
    const inRange = figures.filter((f) => f.key === key && f.month >= from && f.month <= to);
    const sum = inRange.reduce((a, f) => a + (f.value ?? 0), 0);
    const shown = visible({ ...inRange[0]!, value: sum, clients: sum }, mask);
    return { grund: figureLabel(key).replace(/^Abgang: /, ''), anzahl: shown };
  }).filter((v) => v.anzahl !== null && v.anzahl > 0);
  const title = T.chartExits(view.team.name, from, to);
  return {
    kind: 'chart',
    title,
    alt: `${title}: ${values.map((v) => `${v.grund} ${v.anzahl}`).join(', ') || '0'}`,
    fileName: `abgaenge-${view.team.id}-${from}-${to}.png`,
    spec: {
      ...BASE,
      title,
      data: { values },
      mark: { type: 'bar', color: '#72b7b2' },
      encoding: {
        y: { field: 'grund', type: 'nominal', title: T.axisReason, sort: '-x' },
        x: { field: 'anzahl', type: 'quantitative', title: T.axisCount, axis: { tickMinStep: 1 } },
      },
    },
  };
}
