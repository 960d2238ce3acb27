/**
 * German texts of the case commands after assignment: intake (/fm uebernahme), decline (/fm ablehnen),
 * U25 → Ü25 transfer (/fm uebergang) and the team overview (/fm team). Direct messages may carry the client
 * reference; texts for team leads and channels carry case codes only.
 */
import type { CaseStatus } from '../domain/vocabulary.js';

const STATUS_LABELS: Record<CaseStatus, string> = {
  vorgemerkt: 'vorgemerkt',
  zugewiesen: 'zugewiesen',
  aktiv: 'aktiv',
  abgelehnt: 'abgelehnt',
  strittig: 'strittig',
  beendet: 'beendet',
};

/** The state of a case as lists and refusals show it. */
export function statusLabel(status: CaseStatus): string {
  return STATUS_LABELS[status];
}

const yesNo = (value: boolean): string => (value ? 'ja' : 'nein');

/** Finding a case by its code and checking who may act on it. */
export const caseTexts = {
  missing: (command: string) => `fall: Bitte den Fall angeben, z. B. \`/fm ${command} FM-2025-0001 …\`.`,
  format: (value: string) => `fall: „${value}“ ist kein Fallzeichen. Fallzeichen sehen so aus: FM-2025-0001.`,
  twice: 'fall: Bitte den Fall nur einmal angeben.',
  unknown: (code: string) => `fall: Den Fall ${code} gibt es nicht. Bitte das Fallzeichen prüfen.`,
  notAllowed: (doing: string, fmName: string | undefined, teamName: string) =>
    `Nur ${fmName ? `die zuständige Fachkraft (${fmName})` : 'die zuständige Fachkraft'} oder die Teamleitung von „${teamName}“ ` +
    `kann ${doing}.`,
  wrongStatus: (code: string, status: CaseStatus, allowed: string) =>
    `Der Fall ${code} ist ${statusLabel(status)}. Das geht nur bei Fällen, die ${allowed} sind.`,
  changedMeanwhile: (code: string) =>
    `Der Fall ${code} wurde gerade von jemand anderem geändert. Bitte den Befehl noch einmal aufrufen.`,
  reasonTooLong: (length: number, max: number) =>
    `grund: Bitte kürzer fassen (${length} Zeichen, höchstens ${max}). Einzelheiten über die Person gehören in VerBIS, nicht in den Chat.`,
  noCasesForForm: (what: string) => `Du hast zurzeit keine Fälle, die du ${what} kannst.`,
  fieldFall: 'Fall',
  optionLine: (code: string, client: string, extra: string) => `${code} · ${client} · ${extra}`,
  factCase: 'Fall',
  factClient: 'Kundenreferenz',
};

export const intakeTexts = {
  doing: (code: string) => `die Übernahme von ${code} erfassen`,
  allowedStatus: 'zugewiesen',
  dateFormat: 'datum: Bitte das Datum des Übernahmegesprächs als TT.MM.JJJJ angeben, z. B. 03.11.2025.',
  dateFuture: (date: string) =>
    `datum: Der ${date} liegt in der Zukunft. Die Übernahme wird erfasst, wenn das Gespräch stattgefunden hat.`,
  dateBeforeFlag: (date: string, flagged: string) =>
    `datum: Der ${date} liegt vor der Vormerkung am ${flagged}. Bitte das Datum prüfen.`,
  warmNeedsReason:
    'grund: Ohne warme Übergabe (Dreiergespräch) bitte kurz den Grund angeben, z. B. grund="keine FM-Teilnahme am Jour fixe möglich". (R11)',
  savedHeading: 'Übernahme erfasst',
  savedSummary: (code: string, date: string) => `Übernahme ${code} am ${date} erfasst – der Fall ist aktiv.`,
  factDate: 'Übernahme am',
  factWarm: 'Warme Übergabe (R5)',
  factGoals: 'Ziele gemeinsam formuliert (R6)',
  factNote: 'Grund',
  factDeadline: 'Frist (R4)',
  yesNo,
  deadlineValue: (deadline: string, late: boolean) => (late ? `${deadline} – verspätet` : `${deadline} – eingehalten`),
  lateNote: (teamName: string) =>
    `Die Übernahme lag nach der Frist von 14 Arbeitstagen (R4). Die Teamleitung von „${teamName}“ ist informiert.`,
  goalsReminder: 'Bitte die Ziele bald gemeinsam mit der Kundin oder dem Kunden formulieren (R6).',
  transferEnded: (u25Code: string) => `Der U25-Fall ${u25Code} ist mit dieser Übernahme beendet (Übergang, R10).`,
  referrerNotified: 'Die vormerkende Fachkraft bekommt eine Direktnachricht.',
  // Direct message to the referring IFK
  referrerSummary: (code: string) => `Übernahme ${code} hat stattgefunden.`,
  referrerText: (code: string, client: string, date: string, fm: string, warm: boolean) =>
    `Die Übernahme von ${code} (Kundenreferenz ${client}) hat am ${date} stattgefunden; zuständig ist ${fm}. ` +
    (warm ? 'Danke für die warme Übergabe (R5)!' : 'Die Übergabe fand ohne Dreiergespräch statt (R11).'),
  // Direct message to the FM team's lead(s): case code only
  lateSummary: (code: string) => `Verspätete Übernahme ${code}`,
  lateText: (code: string, date: string, deadline: string, fm: string) =>
    `Die Übernahme von ${code} war am ${date}, die Frist endete am ${deadline} (14 Arbeitstage, R4). Zuständig: ${fm}. ` +
    'Sie zählt in `/fm team` zu den verspäteten Übernahmen.',
  // Direct message to the U25 FM when the Ü25 intake ends the U25 case
  transferEndSummary: (u25Code: string) => `U25-Fall ${u25Code} an das Ü25-FM übergeben`,
  transferEndText: (u25Code: string, ue25Code: string, client: string, date: string, fm: string) =>
    `${fm} hat am ${date} den Fall ${ue25Code} (Kundenreferenz ${client}) übernommen. ` +
    `Der U25-Fall ${u25Code} ist damit beendet (Übergang in das Ü25-FM, R10).`,
  // Form
  formTitle: 'Übernahme erfassen',
  formSubmit: 'Erfassen',
  formWhat: 'als Übernahme erfassen',
  fieldDatum: 'Datum des Übernahmegesprächs (TT.MM.JJJJ)',
  fieldWarm: 'Warme Übergabe im Dreiergespräch? (R5)',
  fieldZiele: 'Ziele gemeinsam formuliert? (R6)',
  fieldGrund: 'Grund ohne warme Übergabe (R11)',
  hintGrund: 'Nur bei „nein“ nötig. Keine Einzelheiten über die Person.',
  optionDeadline: (deadline: string) => `Frist ${deadline}`,
};

export const declineTexts = {
  doing: (code: string) => `die Vormerkung ${code} ablehnen`,
  allowedStatus: 'zugewiesen',
  reasonMissing:
    'grund: Bitte den Grund der Ablehnung angeben, z. B. grund="Kunde lehnt Teilnahme ab". Er wird dokumentiert und der vormerkenden Fachkraft mitgeteilt. (R12)',
  savedHeading: 'Vormerkung abgelehnt',
  savedSummary: (code: string) => `Vormerkung ${code} abgelehnt.`,
  factReason: 'Grund (R12)',
  savedNext: 'Die vormerkende Fachkraft bekommt den Grund per Direktnachricht.',
  // Direct message to the referring IFK
  referrerSummary: (code: string) => `Vormerkung ${code} abgelehnt`,
  referrerText: (code: string, client: string, fm: string, reason: string) =>
    `${fm} hat die Vormerkung ${code} (Kundenreferenz ${client}) abgelehnt. Grund: „${reason}“. ` +
    'Bei Uneinigkeit entscheiden die Teamleitungen gemeinsam (R7).',
  // Form
  formTitle: 'Vormerkung ablehnen',
  formSubmit: 'Ablehnen',
  formWhat: 'ablehnen',
  fieldGrund: 'Grund der Ablehnung (R12)',
  hintGrund: 'Höchstens 300 Zeichen, keine Einzelheiten über die Person.',
};

export const transferTexts = {
  doing: (code: string) => `den Fall ${code} in das Ü25-FM übergeben`,
  allowedStatus: 'zugewiesen oder aktiv',
  notU25: (code: string) => `Der Fall ${code} ist kein U25-Fall. Ein Übergang in das Ü25-FM geht nur aus U25 (R10).`,
  noU25Until: (code: string) =>
    `Beim Fall ${code} fehlt der Monat des 25. Geburtstags, deshalb lässt sich der Übergang nicht planen (R10).`,
  openTransfer: (code: string, open: string, status: CaseStatus) =>
    `Für den Fall ${code} läuft schon ein Übergang: ${open} (${statusLabel(status)}).`,
  openUe25Case: (open: string, status: CaseStatus) =>
    `Für diese Kundenreferenz gibt es schon eine offene Ü25-Vormerkung oder einen Ü25-Fall: ${open} (${statusLabel(status)}).`,
  noReceivingTeam: 'Es ist kein Ü25-FM-Team eingerichtet. Bitte wende dich an die Administration.',
  savedHeading: 'Übergang in das Ü25-FM vorgemerkt',
  savedSummary: (code: string, deadline: string) => `Übergang vorgemerkt: ${code} – Übernahme bis ${deadline}.`,
  factFrom: 'Aus U25-Fall',
  factDeadline: 'Übernahme bis (R4)',
  factFlagBy: 'Vormerken spätestens (R10)',
  factReceiving: 'Ü25-Team',
  flagByValue: (date: string, late: boolean) => (late ? `${date} – verspätet` : `${date} – eingehalten`),
  lateNote: (teamName: string) =>
    `Der Übergang ist später als drei Monate vor dem Monat des 25. Geburtstags vorgemerkt (R10). Die Teamleitung von „${teamName}“ ist informiert.`,
  savedNext: (teamName: string, u25Code: string) =>
    `„${teamName}“ ist informiert (ohne Kundenreferenz). Die Übergabe findet im letzten U25-Gespräch statt; ` +
    `mit der Übernahme im Ü25-FM endet der U25-Fall ${u25Code} (R10).`,
  // Channel notice: case codes only
  channelHeading: (code: string) => `Neue Vormerkung ${code} (Übergang aus U25)`,
  channelSummary: (code: string, deadline: string) => `Neue Vormerkung ${code} (Übergang aus U25) – Übernahme bis ${deadline}.`,
  factGroup: 'Gruppe',
  groupUe25: 'Ü25',
  factNeeds: 'Handlungsbedarfe (R1 gezählt)',
  factReferringTeam: 'Vorgemerkt aus',
  channelLate: 'später als drei Monate vor dem 25. Geburtstag vorgemerkt (R10)',
  factNote: 'Hinweis',
  // Direct message to the U25 team lead(s): case codes only
  leadSummary: (code: string) => `Verspäteter Übergang ${code}`,
  leadText: (u25Code: string, ue25Code: string, flagBy: string, fm: string) =>
    `Der Übergang aus dem U25-Fall ${u25Code} in das Ü25-FM (${ue25Code}) wurde erst nach dem ${flagBy} vorgemerkt, ` +
    `also später als drei Monate vor dem Monat des 25. Geburtstags (R10). Zuständig im U25-FM: ${fm}.`,
  // Form
  formTitle: 'Übergang in das Ü25-FM',
  formSubmit: 'Übergang vormerken',
  formWhat: 'in das Ü25-FM übergeben',
  optionUntil: (month: string) => `25 im ${month}`,
};

export const teamTexts = {
  notAllowed: 'Die Teamübersicht sehen die Mitglieder und Leitungen der FM-Teams und die Geschäftsstellenleitung.',
  unknownTeam: (id: string, allowed: string[]) =>
    `team: Die Übersicht von „${id}“ kannst du nicht sehen. Möglich: ${allowed.join(', ')}.`,
  heading: (teamName: string) => `Team ${teamName}`,
  summary: (teams: string[]) => `Teamübersicht: ${teams.join(', ')}`,
  fmHeading: 'Fallmanager:innen',
  noFms: 'Im Team sind keine Fallmanager:innen eingetragen.',
  fmLine: (name: string, cases: number, capacity: string, utilisation: string, fte: string) =>
    `${name}${fte}: ${cases} ${cases === 1 ? 'Fall' : 'Fälle'} · Kapazität ${capacity} · Auslastung ${utilisation}`,
  fte: (fte: string) => ` (${fte} VZÄ)`,
  absences: (periods: string[]) => ` · abwesend ${periods.join(', ')}`,
  absentNow: ' (jetzt)',
  period: (from: string, to: string) => `${from}–${to}`,
  referralsHeading: 'Offene Vormerkungen',
  factOpen: 'Anzahl',
  factEarliest: 'Früheste Frist (R4)',
  factOverdue: 'Frist überschritten',
  factLate: (year: string) => `Verspätete Übernahmen ${year} (R4)`,
  none: '—',
  ratio: (ratio: number) => `Betreuungsschlüssel 1:${ratio} je Vollzeitstelle (R13/R14).`,
};
