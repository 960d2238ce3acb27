/**
 * German texts of supervision and re-checks: the monthly supervision sample for the FM team leads and its
 * review with /fm stichprobe (R34), the organisation file's sample-size setting, and the six-monthly re-check
 * of a declined referral for the referring IFK (R12). Texts for team leads carry case codes only; the
 * re-check is a direct message to the referring IFK and may carry the client reference.
 */

const quote = (value: unknown): string => `„${String(value)}“`;

/** The team setting `supervisionSample` (R34) in the organisation file; the path is put in front by the caller. */
export const supervisionOrgTexts = {
  percent: (input: unknown) =>
    `Stichprobe (supervisionSample.percent): Anteil in Prozent, größer als 0 und höchstens 100, gefunden: ${quote(input)}`,
  count: (field: 'min' | 'max', input: unknown) =>
    `Stichprobe (supervisionSample.${field}): ganze Zahl von 1 bis 50 (Fälle je Monat), gefunden: ${quote(input)}`,
  minAboveMax: (min: number, max: number) =>
    `Stichprobe (supervisionSample): min (${min}) ist größer als max (${max}); ohne Angabe gelten min 1 und max 5`,
};

/** What a case was when it was drawn into the sample, as the lead's list shows it. */
export type SampleCaseKind = 'aktiv' | 'beendet' | 'abgelehnt' | 'other';

const KIND_NOTES: Record<SampleCaseKind, string> = {
  aktiv: 'aktiv – Betreuung und Dokumentation',
  beendet: 'beendet – Abgangsgrund (R22, R24)',
  abgelehnt: 'Vormerkung abgelehnt – Ablehnungsgrund (R12)',
  other: 'Betreuung und Dokumentation',
};

/** MM.JJJJ of a month YYYY-MM. */
export const monthLabel = (month: string): string => `${month.slice(5, 7)}.${month.slice(0, 4)}`;

export const supervisionTexts = {
  // The monthly sample, a direct message to each lead of the FM team
  heading: (teamName: string, month: string) => `Stichprobe ${teamName} – ${monthLabel(month)}`,
  summary: (teamName: string, count: number) => `Stichprobe ${teamName}: ${count} ${count === 1 ? 'Fall' : 'Fälle'} zur Prüfung (R34)`,
  intro: (population: number, previousMonth: string) =>
    `Zufällig gezogen (R34) aus ${population} ${population === 1 ? 'Fall' : 'Fällen'}: den aktiven Fällen und den im ${monthLabel(previousMonth)} ` +
    'beendeten Fällen und abgelehnten Vormerkungen. Bitte Zugangs-, Abgangs- und Ablehnungsgründe, Betreuung und Dokumentation prüfen:',
  item: (code: string, kind: SampleCaseKind) => `${code} – ${KIND_NOTES[kind]}`,
  howToRecord:
    'Nach der Prüfung: `/fm stichprobe FM-… geprueft befund="…"`. Der Befund bleibt im Protokoll des Falls und erscheint in keinem Kanal.',

  // /fm stichprobe
  notAllowed: 'Die Stichprobe zeichnet nur die Teamleitung des FM-Teams oder die Geschäftsstellenleitung ab (R34).',
  notDrawn: (code: string) =>
    `fall: ${code} ist in keiner offenen Stichprobe (R34). Abgezeichnet werden die gezogenen Fälle – \`/fm stichprobe\` zeigt sie.`,
  alreadyReviewed: (code: string, date: string) => `fall: ${code} ist in seinen Stichproben schon als geprüft erfasst (am ${date}).`,
  notYourSample: (code: string, teams: string[]) =>
    `${code} gehört zur Stichprobe von ${teams.map(quote).join(', ')}; abzeichnen kann das nur deren Teamleitung oder die Geschäftsstellenleitung (R34).`,
  confirmWord: (code: string) => `Bitte mit „geprueft“ bestätigen: \`/fm stichprobe ${code} geprueft befund="…"\`.`,
  findingTooLong: (length: number, max: number) =>
    `befund: Bitte kürzer fassen (${length} Zeichen, höchstens ${max}). Einzelheiten über die Person gehören in VerBIS, nicht in den Chat.`,
  savedSummary: (code: string) => `Stichprobe: ${code} geprüft (R34).`,
  savedHeading: 'Stichprobe: Prüfung erfasst',
  savedText: (code: string, months: string[], withFinding: boolean) =>
    `${code} ist als geprüft erfasst (Stichprobe ${months.map(monthLabel).join(', ')}, R34). ` +
    (withFinding ? 'Der Befund steht im Protokoll des Falls.' : 'Ohne Befund.'),
  stillOpen: (codes: string[]) => `Noch nicht geprüft: ${codes.join(', ')}.`,
  allDone: 'Alle gezogenen Fälle sind geprüft.',
  listHeading: 'Offene Stichproben (R34)',
  listSummary: (count: number) => `Offene Stichproben: ${count} ${count === 1 ? 'Fall' : 'Fälle'} nicht geprüft`,
  listLine: (teamName: string, codes: string[]) => `${teamName}: ${codes.join(', ')}`,
  listEmpty: 'In den Stichproben deiner Teams ist kein Fall mehr offen.',
};

export const recheckTexts = {
  // The re-check, a direct message to the referring IFK (R12)
  summary: (code: string) => `Erneute Prüfung der abgelehnten Vormerkung ${code} (R12)`,
  heading: (code: string) => `Erneut prüfen: ${code} (R12)`,
  text: (code: string, client: string, declinedOn: string, months: number) =>
    `Die Vormerkung ${code} (Kundennummer ${client}) wurde am ${declinedOn} abgelehnt. Das Profil erfüllt die formalen ` +
    `Zugangskriterien (R1); nach ${months} Monaten bitte prüfen, ob ein Zugang in das Fallmanagement jetzt infrage kommt (R12).`,
  factCase: 'Fall',
  factClient: 'Kundennummer',
  factReason: 'Ablehnungsgrund',
  factDeclinedOn: 'Abgelehnt am',
  step: (step: number, max: number) =>
    `Erinnerung ${step} von ${max}; die nächste folgt nach weiteren sechs Monaten. Mit „kein Bedarf“ enden die Erinnerungen.`,
  lastStep: (max: number) => `Dies ist die letzte von ${max} Erinnerungen.`,
  again: 'erneut vormerken',
  none: 'kein Bedarf',

  // Answers to the buttons
  againSummary: (code: string) => `Erneut vormerken (statt ${code})`,
  againHeading: 'Erneut vormerken',
  againText: (code: string) =>
    `So merkst du die Kund:in aus ${code} neu vor – mit den Angaben der abgelehnten Vormerkung; bitte prüfen, ob sie noch stimmen:`,
  againConfirm:
    'Ergänze `zustimmung=ja informiert=ja verbis=ja`, wenn die Kund:in zugestimmt hat und informiert ist (R8) und die Vormerkung ' +
    'in VerBIS gesetzt ist (R3). `/fm vormerken` ohne Angaben öffnet das Formular.',
  noneRecorded: (code: string) => `${code}: „kein Bedarf“ erfasst (R12). Zu dieser Vormerkung kommen keine Erinnerungen mehr.`,
  noneAlready: (code: string) => `${code}: „kein Bedarf“ war schon erfasst; es kommen keine Erinnerungen mehr.`,
  openCase: (code: string, open: string) => `${code}: Für die Kund:in gibt es schon eine offene Vormerkung oder einen offenen Fall: ${open}.`,
  forgotten: (code: string) =>
    `${code}: Die Kundennummer ist nach Ablauf der Aufbewahrungsfrist gelöscht. Bitte mit \`/fm vormerken\` neu vormerken.`,
  stale: 'Diese Erinnerung ist nicht mehr aktuell.',
  notYours: 'Das kann nur die vormerkende Fachkraft oder die Leitung ihres Teams.',
};
