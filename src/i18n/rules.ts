/** German texts of the rulebook: Handlungsbedarfe, key groups and the access violations (R1–R3, R8, R10). */
import type { AccessViolationCode, Violation } from '../domain/access.js';
import type { KeyGroup } from '../domain/needs.js';

const NEED_LABELS: Record<string, string> = {
  gesundheit: 'Körperliche Gesundheit',
  psyche: 'Psychische Gesundheit',
  belastbarkeit: 'Belastbarkeit',
  sucht: 'Sucht',
  schulden: 'Schulden',
  familie: 'Familiäre Schwierigkeiten',
  wohnen: 'Wohnsituation / Wohnungslosigkeit',
  tagesstruktur: 'Fehlende Tagesstruktur',
  betreuung: 'Kinderbetreuung / Pflege von Angehörigen',
  umfeld: 'Schwieriges soziales Umfeld / häusliche Gewalt',
  justiz: 'Straffälligkeit / Geldstrafen',
  mobilitaet: 'Mobilität',
  qualifikation: 'Qualifikation',
  sprache: 'Sprachkenntnisse',
  motivation: 'Motivation',
};

const KEY_GROUP_LABELS: Record<KeyGroup, string> = {
  leistungsfaehigkeit: 'Leistungsfähigkeit',
  rahmenbedingungen: 'Rahmenbedingungen',
  sonstige: 'Sonstige',
};

/** A jobcenter may add its own codes to the catalogue; those show as the code itself. */
export function needLabel(code: string): string {
  return NEED_LABELS[code] ?? code;
}

export function keyGroupLabel(group: KeyGroup): string {
  return KEY_GROUP_LABELS[group];
}

const NUMBER_WORDS = ['keinen', 'einen', 'zwei', 'drei', 'vier', 'fünf', 'sechs'];

const param = (v: Violation, name: string): string => String(v.params?.[name] ?? '');
const count = (v: Violation, name: string): string => {
  const n = v.params?.[name];
  return (typeof n === 'number' ? NUMBER_WORDS[n] : undefined) ?? String(n ?? '');
};
/** "2027-04" → "04.2027", the month form German forms use. */
const month = (value: string): string => value.split('-').reverse().join('.');

const SENTENCES: Record<AccessViolationCode, (v: Violation) => string> = {
  'prognose-marktnah': () =>
    'Der formale Zugang setzt die Integrationsprognose „nicht marktnah“ voraus. ' +
    'Bei einer akuten Problemlage einer eigentlich marktnahen Person ist eine Einzelfallentscheidung möglich (zugang=einzelfall).',
  'hb-key-groups': (v) =>
    `Für den formalen Zugang braucht es mindestens ${count(v, 'required')} Handlungsbedarfe in „Leistungsfähigkeit“ ` +
    `oder „Rahmenbedingungen“ (gezählt: ${param(v, 'counted')}).`,
  'integration12-ja': () =>
    'Der formale Zugang setzt voraus, dass eine Integration innerhalb von 12 Monaten voraussichtlich nicht möglich ist (integration12=nein).',
  'einschaetzung-nein': () =>
    'Für den formalen Zugang braucht es deine Einschätzung, dass das Fallmanagement zu konkreten Integrationsfortschritten führt (einschaetzung=ja).',
  'grund-missing': () =>
    'Eine Einzelfallentscheidung braucht einen Grund: „hemmnis“ (schwerwiegendes Hemmnis), „akut“ (akute Problemlage) ' +
    'oder „psyche“ (akute psychische Problemlage).',
  'grund-formal': () =>
    'Ein Grund gehört nur zur Einzelfallentscheidung (zugang=einzelfall). Beim formalen Zugang bitte „grund“ weglassen.',
  'hb-missing': () => 'Bitte gib mindestens einen Handlungsbedarf an – auch eine Einzelfallentscheidung braucht einen.',
  'hb-unknown': (v) =>
    `Diese Handlungsbedarfe kenne ich nicht: ${param(v, 'codes')}. Welche es gibt, zeigt \`/fm hilfe\`.`,
  'zustimmung-nein': () =>
    'Das Fallmanagement ist freiwillig: Ohne Zustimmung der Kund:in ist keine Vormerkung möglich (zustimmung=ja).',
  'informiert-nein': () =>
    'Bitte informiere die Kund:in vorher über das Fallmanagement und seine Vorteile; danach ist die Vormerkung möglich (informiert=ja).',
  'verbis-nein': () =>
    'Bitte merke die Kund:in zuerst in VerBIS vor (Kundenhistorie und Profiling, Schaltfläche „Kunden für das Fallmanagement vormerken“) ' +
    'und bestätige das hier mit verbis=ja.',
  'u25bis-missing': () =>
    'Für die Gruppe U25 fehlt der Monat des 25. Geburtstags (JJJJ-MM, z. B. 2027-04). Er bestimmt, wann der Übergang ins Ü25-Fallmanagement ansteht.',
  'u25bis-invalid': (v) => `„${param(v, 'value')}“ ist kein Monat. Bitte als JJJJ-MM angeben, z. B. 2027-04.`,
  'u25bis-past': (v) =>
    `Der 25. Geburtstag (${month(param(v, 'value'))}) liegt schon zurück. Dann gehört die Vormerkung zur Gruppe Ü25 (gruppe=ue25, ohne u25bis).`,
  'u25bis-ue25': () => 'Der Monat des 25. Geburtstags gehört nur zu Vormerkungen der Gruppe U25. Bei gruppe=ue25 bitte weglassen.',
};

/** One friendly German sentence per violation, naming the field first and the rule last. */
export function violationText(v: Violation): string {
  const sentence = Object.hasOwn(SENTENCES, v.code)
    ? SENTENCES[v.code as AccessViolationCode](v)
    : 'Diese Angabe passt nicht zu den Regeln für die Vormerkung.';
  return `${v.field}: ${sentence} (${v.rule})`;
}
