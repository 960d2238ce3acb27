/**
 * German texts of controlling (R35): the figures of /fm kennzahlen, their labels (also the CSV/JSON export and
 * the charts), /fm bedarf (needs resolved during FM) and the potential a lead enters. Figures only — no text here
 * ever carries a customer number, a case code or anything about a person.
 */
import type { ExitReason } from '../domain/exit.js';
import { declineCodeLabel, extensionCodeLabel, NO_CODE_LABEL, NO_EXTENSION_LABEL } from './reasonCodes.js';

/** MM.JJJJ of a month YYYY-MM. */
export const monthText = (month: string): string => `${month.slice(5, 7)}.${month.slice(0, 4)}`;

const EXIT_LABELS: Record<ExitReason, string> = {
  'ziele-erreicht': 'Ziele erreicht',
  integration: 'Integration in Arbeit',
  'beduerfnisse-reduziert': 'Bedürfnisse reduziert',
  'kein-potenzial': 'kein Potenzial',
  'keine-mitwirkung': 'keine Mitwirkung',
  'angebote-erschoepft': 'Angebote erschöpft',
  'kunde-lehnt-ab': 'Kund:in lehnt ab',
  zustaendigkeit: 'Zuständigkeitswechsel',
  arbeitsbuendnis: 'Arbeitsbündnis nicht tragfähig',
  hoechstdauer: 'Höchstdauer erreicht',
};

const RESULT_LABELS: Record<string, string> = {
  beschaeftigt: 'beschäftigt',
  'nicht-beschaeftigt': 'nicht beschäftigt',
  unbekannt: 'unbekannt',
};

const GROUP_LABELS: Record<string, string> = {
  leistungsfaehigkeit: 'Leistungsfähigkeit',
  rahmenbedingungen: 'Rahmenbedingungen',
  sonstige: 'sonstige',
};

const FIXED_LABELS: Record<string, string> = {
  potenzial: 'Potenzial (R35)',
  'potenzial.r1': 'Potenzial: Vormerkungen mit formalen Kriterien (R1)',
  'potenzial.verbis': 'Potenzial: nicht vorgemerkt, laut VerBIS (von der Teamleitung erfasst)',
  vormerkungen: 'Vormerkungen',
  'vormerkungen.formal': 'Vormerkungen: formaler Zugang (R1)',
  'vormerkungen.einzelfall': 'Vormerkungen: Einzelfall (R2)',
  'vormerkungen.einzelfall.hemmnis': 'Einzelfall: Hemmnis',
  'vormerkungen.einzelfall.akut': 'Einzelfall: akute Krise',
  'vormerkungen.einzelfall.psyche': 'Einzelfall: psychische Belastung',
  uebernahmen: 'Übernahmen (angenommen)',
  'uebernahmen.formal': 'Übernahmen: formaler Zugang',
  'uebernahmen.einzelfall': 'Übernahmen: Einzelfall',
  'uebernahmen.fristgerecht': 'Übernahmen in der Frist (R4)',
  ablehnungen: 'Ablehnungen (R12)',
  'ablehnungen.formal': 'Ablehnungen: formaler Zugang',
  'ablehnungen.einzelfall': 'Ablehnungen: Einzelfall',
  bestand: 'Fallbestand am Monatsende',
  kapazitaet: 'Kapazität (Schlüssel × Stellenanteil, R14)',
  auslastung: 'Auslastung',
  'kontakte.mindestmass': 'Fälle mit Mindestkontakten (R16)',
  pruefungen: 'Sechsmonatsprüfungen (R20)',
  'pruefungen.fristgerecht': 'Sechsmonatsprüfungen fristgerecht',
  'verweildauer.ueber6': 'Verweildauer über 6 Monate',
  'verweildauer.ueber24': 'Verweildauer über 24 Monate',
  verlaengerungen: 'Verlängerungen bewilligt (R19)',
  abgaenge: 'Abgänge (R22)',
  'rueckgaben.widersprochen': 'Rückgaben mit Widerspruch der IFK (R25)',
  'fm.bestand': 'Fallbestand',
  'fm.kapazitaet': 'Kapazität',
  'fm.auslastung': 'Auslastung',
  'fm.kontakte.mindestmass': 'Fälle mit Mindestkontakten (R16)',
};

/** The German label of a figure key (src/services/controlling/figures.ts). */
export function figureLabel(key: string): string {
  const fixed = FIXED_LABELS[key];
  if (fixed) return fixed;
  let m = /^ablehnungen\.anlass\.(.+)$/.exec(key);
  if (m) return `Ablehnung: ${m[1] === 'ohne-angabe' ? NO_CODE_LABEL : declineCodeLabel(m[1])}`;
  m = /^verweildauer\.ueber24\.(.+)$/.exec(key);
  if (m) {
    const label = m[1] === 'ohne-angabe' ? NO_CODE_LABEL : m[1] === 'ohne-verlaengerung' ? NO_EXTENSION_LABEL : extensionCodeLabel(m[1]);
    return `Über 24 Monate, Anlass der Verlängerung: ${label}`;
  }
  m = /^abgaenge\.(.+)$/.exec(key);
  if (m) return `Abgang: ${EXIT_LABELS[m[1] as ExitReason] ?? m[1]}`;
  m = /^nachhalten\.(\d+)\.(.+)$/.exec(key);
  if (m) return `Nachhalten nach ${m[1]} Monaten (R27): ${RESULT_LABELS[m[2]!] ?? m[2]}`;
  m = /^bedarfe\.(festgestellt|erledigt)\.(.+)$/.exec(key);
  if (m) return `Handlungsbedarfe ${m[1] === 'festgestellt' ? 'festgestellt' : 'erledigt'}: ${GROUP_LABELS[m[2]!] ?? m[2]}`;
  return key;
}

export const controllingTexts = {
  suppressed: '< 3',
  none: '–',
  percent: (value: number) => `${value} %`,
  // /fm kennzahlen
  summary: (teams: string[], from: string, to: string) =>
    `Kennzahlen ${teams.join(', ')}: ${from === to ? monthText(from) : `${monthText(from)} bis ${monthText(to)}`} (R35)`,
  heading: (teamName: string) => `Kennzahlen ${teamName}`,
  columns: (months: string[]) => `Monate: ${months.map(monthText).join(' | ')}`,
  suppressedNote: 'Zahlen, die weniger als 3 Kund:innen beschreiben, stehen als „< 3“ (Datenschutz, R35).',
  fmHeading: (name: string) => `Fachkraft ${name}`,
  fmNote: 'Die Zahlen einzelner Fachkräfte sehen nur ihre Teamleitung und die Geschäftsstellenleitung (R35).',
  notAllowed:
    'Kennzahlen (R35) sehen die Teamleitungen für ihre FM-Teams und die Geschäftsstellenleitung für alle FM-Teams ihrer Geschäftsstelle.',
  unknownTeam: (team: string, allowed: string[]) => `team: „${team}“ ist keines deiner FM-Teams. Möglich: ${allowed.join(', ')} (R35).`,
  badMonth: (key: string, value: string) => `${key}: „${value}“ ist kein Monat. Bitte als MM.JJJJ angeben, z. B. 03.2026 (R35).`,
  fromAfterTo: (from: string, to: string) => `von: ${from} liegt nach bis ${to} (R35).`,
  tooMany: (max: number) => `bis: Höchstens ${max} Monate auf einmal (R35).`,
  tooManyTeams: (max: number, teams: string[]) => `team: Höchstens ${max} FM-Teams auf einmal – bitte eines wählen: ${teams.join(', ')} (R35).`,
  notPast: (month: string) => `bis: ${month} hat noch nicht begonnen (R35).`,
  // potenzial=… monat=…
  badPotential: (value: string) => `potenzial: „${value}“ ist keine Anzahl. Bitte eine ganze Zahl ab 0 angeben (R35).`,
  potentialNeedsMonth: 'monat: Bitte den Monat des Potenzials angeben, z. B. monat=03.2026 (R35).',
  potentialNeedsTeam: (allowed: string[]) => `team: Bitte das FM-Team angeben: ${allowed.join(', ')} (R35).`,
  potentialOnlyWith: (key: string) => `${key}: Nur zusammen mit potenzial=… und monat=… (R35).`,
  potentialNotLead: 'potenzial: Das Potenzial erfasst die Teamleitung des FM-Teams oder die Geschäftsstellenleitung (R35).',
  potentialSaved: (team: string, month: string, value: number, before: number | undefined) =>
    `Potenzial ${team} ${monthText(month)}: ${value}` + (before !== undefined && before !== value ? ` (vorher ${before})` : '') + ' (R35)',
  // charts
  chartsHeading: 'Grafiken',
  chartUtilisation: (team: string, month: string) => `Auslastung je Fachkraft – ${team}, ${monthText(month)}`,
  chartTrend: (team: string) => `Übernahmen, Abgänge und Fallbestand – ${team}, letzte 12 Monate`,
  chartExits: (team: string, from: string, to: string) => `Abgänge nach Grund – ${team}, ${monthText(from)} bis ${monthText(to)}`,
  chartCapacityLine: 'Kapazität 100 %',
  axisUtilisation: 'Auslastung in %',
  axisFm: 'Fachkraft',
  axisMonth: 'Monat',
  axisCount: 'Anzahl',
  axisReason: 'Abgangsgrund',
  seriesIntakes: 'Übernahmen',
  seriesExits: 'Abgänge',
  seriesCaseload: 'Fallbestand',
  seriesLegend: 'Kennzahl',
};

/** /fm bedarf FM-… erledigt=… — needs found at referral that were resolved during FM (R35). */
export const needsTexts = {
  doing: (code: string) => `erledigte Handlungsbedarfe für ${code} erfassen`,
  missing: (found: string[]) => `erledigt: Bitte die erledigten Handlungsbedarfe angeben, z. B. erledigt=${found.slice(0, 2).join(',')} (R35).`,
  notFound: (codes: string[], found: string[]) =>
    `erledigt: ${codes.map((c) => `„${c}“`).join(', ')} ${codes.length === 1 ? 'wurde' : 'wurden'} bei der Vormerkung nicht festgestellt. ` +
    `Festgestellt: ${found.join(', ')} (R35).`,
  allDone: (codes: string[]) => `erledigt: ${codes.join(', ')} ${codes.length === 1 ? 'ist' : 'sind'} schon als erledigt erfasst (R35).`,
  savedHeading: 'Erledigte Handlungsbedarfe erfasst',
  savedSummary: (code: string, needs: string[]) => `${code}: erledigt ${needs.join(', ')} (R35)`,
  factCase: 'Fall',
  factNew: 'Neu erledigt',
  factAlready: 'Schon erfasst',
  factOpen: 'Noch offen',
  nothingOpen: 'keiner mehr',
  formTitle: 'Handlungsbedarf erledigt',
  formSubmit: 'Erfassen',
  formWhat: 'Welcher Fall?',
  fieldErledigt: 'Erledigte Handlungsbedarfe (Codes, mit Komma getrennt)',
  fieldAtReview: 'Seit der Vormerkung erledigte Handlungsbedarfe (optional)',
  hintAtReview: 'Codes mit Komma getrennt, z. B. sucht,schulden – nur bei der Vormerkung festgestellte (R35).',
  /** At the six-monthly review (R20): which needs are still open, and how to record the resolved ones. */
  atReview: (code: string, open: string[]) =>
    open.length === 0
      ? 'Alle bei der Vormerkung festgestellten Handlungsbedarfe sind als erledigt erfasst (R35).'
      : `Noch offene Handlungsbedarfe: ${open.join(', ')}. Erledigte bitte erfassen: \`/fm bedarf ${code} erledigt=${open[0]}\` ` +
        `oder bei der Prüfung mit \`erledigt=…\` (R35).`,
};

/** `npx fm-lotse report` (src/cliReport.ts). */
export const reportTexts = {
  usage:
    'fm-lotse report --von JJJJ-MM --bis JJJJ-MM [--team <id>] [--format csv|json] [--out <datei>] [--trennzeichen ";"] [--bom]',
  missing: (option: string) => `${option} fehlt.`,
  badMonth: (option: string, value: string) => `${option}: „${value}“ ist kein Monat; bitte JJJJ-MM, z. B. 2026-01.`,
  fromAfterTo: (from: string, to: string) => `--von ${from} liegt nach --bis ${to}.`,
  tooMany: (max: number) => `Höchstens ${max} Monate auf einmal.`,
  badFormat: (value: string) => `--format: „${value}“ gibt es nicht; csv oder json.`,
  badDelimiter: (value: string) => `--trennzeichen: „${value}“ geht nicht; „,“ (Standard) oder „;“.`,
  unknownTeam: (team: string, known: string[]) => `--team: „${team}“ ist kein FM-Team. Möglich: ${known.join(', ')}.`,
  written: (file: string, rows: number) => `${rows} Zeilen in ${file} geschrieben.`,
};

/** The Slack App Home (src/app/home.ts): each person's own view. */
export const homeTexts = {
  summary: (name: string) => `FM-Lotse – Übersicht für ${name}`,
  heading: (name: string, date: string) => `FM-Lotse – ${name}, Stand ${date}`,
  // FM
  dueHeading: 'Heute und diese Woche fällig',
  nothingDue: 'Heute und diese Woche ist nichts fällig.',
  caseloadHeading: 'Fallbestand und Kapazität',
  caseload: (load: number, capacity: string, utilisation: string) => `${load} Fälle bei einer Kapazität von ${capacity} (${utilisation}, R13/R14)`,
  // team lead
  teamHeading: (team: string, month: string) => `${team} – Kennzahlen ${monthText(month)} (R35)`,
  escalationsHeading: 'Offene Eskalationen',
  escalation: (code: string, kind: string, since: string) => `${code} – ${kind}, seit ${since}`,
  noEscalations: 'Keine offenen Eskalationen.',
  deadlinesHeading: 'Übernahmefristen in Gefahr (R4)',
  deadline: (code: string, date: string, overdue: boolean) => `${code} – Frist ${date}${overdue ? ' – überschritten' : ''}`,
  noDeadlines: 'Keine Übernahmefrist in den nächsten 3 Arbeitstagen.',
  returnsHeading: 'Geplante Abgänge (Rückgabe, R25/R26)',
  noReturns: 'Keine geplanten Abgänge.',
  pendingReturn: (code: string, since: string, objected: boolean) =>
    objected
      ? `${code} – Widerspruch der IFK, die Teamleitungen entscheiden (R25); geplant am ${since}`
      : `${code} – wartet auf das Rückgabegespräch (R26); geplant am ${since}`,
  more: (n: number) => `… und ${n} weitere`,
  // IFK
  referralsHeading: 'Deine Vormerkungen',
  referral: (code: string, status: string, detail: string) => `${code} – ${status}${detail ? ` (${detail})` : ''}`,
  deadlineDetail: (date: string) => `Übernahme bis ${date}`,
  intakeDetail: (date: string) => `übernommen am ${date}`,
  noReferrals: 'Keine offenen Vormerkungen.',
  // anyone else
  other: 'Mit `/fm hilfe` siehst du alle Befehle.',
  escalationKinds: { zugang: 'Zugang (R7)', abgang: 'Rückgabe (R25)', verlaengerung: 'Verlängerung (R19)', kapazitaet: 'Kapazität (R4)' } as Record<string, string>,
};
