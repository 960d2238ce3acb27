/**
 * German texts of the case lifecycle: contacts (/fm kontakt), measure and report flags (/fm massnahme,
 * /fm gutachten), review and location talk (/fm pruefung, /fm standort), extension (/fm verlaengern),
 * exit (/fm abgang), the case views (/fm meine, /fm fall) and absences (/fm abwesend).
 * Direct messages to the referring IFK may carry the client reference; texts for team leads carry case codes only.
 */
import type { ContactKind } from '../domain/contacts.js';
import type { DueKind, FollowupResult } from '../domain/due.js';
import type { ExitReason } from '../domain/exit.js';
import type { ExtensionViolationCode } from '../domain/extension.js';

const yesNo = (value: boolean): string => (value ? 'ja' : 'nein');
const months = (n: number): string => `${n} ${n === 1 ? 'Monat' : 'Monate'}`;
const every = (n: number): string => (n === 1 ? 'jeden Monat' : `alle ${n} Monate`);

const DUE_LABELS: Record<DueKind, string> = {
  intake: 'Übernahme',
  contact: 'Kontakt',
  review: 'Sechsmonatsprüfung',
  location_talk: 'Standortgespräch',
  duration_end: 'Ende der geplanten Dauer – verlängern oder Abgang',
  limit_48: '48-Monats-Grenze',
  limit_60: '60-Monats-Grenze',
  u25_transition: 'Übergang in das Ü25-FM vormerken',
  followup: 'Nachhalten: Arbeit aufgenommen?',
};

/** German label of a due item; follow-ups and limits name their months. */
export function dueLabel(kind: DueKind, monthCount?: number): string {
  if (kind === 'followup' && monthCount !== undefined) return `Nachhalten nach ${monthCount} Monaten: Arbeit aufgenommen?`;
  return DUE_LABELS[kind];
}

export type DueState = 'overdue' | 'today' | 'later';

/** One due item in a list: "Kontakt (R13): 03.02.2026 – überfällig". */
export function dueLine(label: string, rule: string, date: string, state: DueState): string {
  const suffix = state === 'overdue' ? ' – überfällig' : state === 'today' ? ' – heute' : '';
  return `${label} (${rule}): ${date}${suffix}`;
}

const CONTACT_LABELS: Record<ContactKind, string> = {
  persoenlich: 'Beratungsgespräch (persönlich)',
  telefon: 'Beratung am Telefon',
  video: 'Beratung per Video',
  aufsuchend: 'Aufsuchende Beratung',
  netzwerk: 'Gespräch mit Netzwerkpartner',
  kooperationsplan: 'Kooperationsplan geschlossen',
  standort: 'Standortbestimmung',
  vermerk: 'FM-Vermerk',
  profiling: 'Profiling (Bedarf festgestellt / Profil geändert)',
  strategie: 'Strategie aktiviert / abgeschlossen',
  reha: 'Reha-Kontakt',
  'versuch-brief': 'Kontaktversuch per Brief (ohne Antwort)',
  'versuch-telefon': 'Kontaktversuch per Telefon (nicht erreicht)',
};

export function contactKindLabel(kind: ContactKind): string {
  return CONTACT_LABELS[kind];
}

const EXIT_LABELS: Record<ExitReason, string> = {
  'ziele-erreicht': 'Ziele erreicht',
  integration: 'Nachhaltige Integration in Arbeit',
  'beduerfnisse-reduziert': 'Bedarfe, die das FM begründet haben, sind reduziert',
  'kein-potenzial': 'Kein Integrations- oder Entwicklungspotenzial',
  'keine-mitwirkung': 'Dauerhaft fehlende Mitwirkung',
  'angebote-erschoepft': 'Angebote ausgeschöpft',
  'kunde-lehnt-ab': 'Kund:in lehnt weiteres FM ab',
  zustaendigkeit: 'Zuständigkeitswechsel (z. B. SGB XII) oder keine Hilfebedürftigkeit mehr',
  arbeitsbuendnis: 'Arbeitsbündnis nicht tragfähig',
  hoechstdauer: 'Höchstdauer erreicht',
};

export function exitReasonLabel(reason: ExitReason): string {
  return EXIT_LABELS[reason];
}

/** Shared by the lifecycle commands. */
export const lifecycleTexts = {
  notAllowed: (doing: string, fmName: string | undefined, teamName: string) =>
    `Nur ${fmName ? `die zuständige Fachkraft (${fmName})` : 'die zuständige Fachkraft'}, ihre Vertretung während einer Abwesenheit (R17) ` +
    `oder die Teamleitung von „${teamName}“ kann ${doing}.`,
  activeStatus: 'aktiv',
  dateFormat: 'datum: Bitte das Datum als TT.MM.JJJJ angeben, z. B. 03.11.2025. Ohne Angabe gilt heute.',
  dateFuture: (date: string) => `datum: Der ${date} liegt in der Zukunft. Erfasst wird, was stattgefunden hat.`,
  dateBeforeIntake: (date: string, intake: string) =>
    `datum: Der ${date} liegt vor der Übernahme am ${intake}. Bitte das Datum prüfen.`,
  switchMissing: (key: string, command: string) =>
    `${key}: Bitte „ja“ oder „nein“ angeben, z. B. \`/fm ${command} FM-2025-0001 ja\`.`,
  switchTwice: (key: string) => `${key}: Bitte „ja“ oder „nein“ nur einmal angeben.`,
  factNextDue: 'Als Nächstes fällig',
  none: '—',
  yesNo,
};

export const contactTexts = {
  doing: (code: string) => `einen Kontakt zu ${code} erfassen`,
  consentNeeded:
    'zustimmung: Aufsuchende Beratung nur nach vorheriger Ankündigung und mit Zustimmung der Kundin oder des Kunden – ' +
    'bitte `zustimmung=ja` angeben, wenn beides vorlag. Beim Hausbesuch braucht es die schriftliche Zustimmung und zwei Fachkräfte. (R33)',
  duplicate: (code: string, date: string, kind: string) =>
    `Für ${code} ist am ${date} schon ein Kontakt „${kind}“ erfasst. Ein Kontakt zählt nur einmal (R16).`,
  savedHeading: 'Kontakt erfasst',
  savedSummary: (code: string, date: string) => `Kontakt zu ${code} am ${date} erfasst.`,
  factDate: 'Datum',
  factKind: 'Art',
  factQualified: 'Zählt für die Mindestkontakte (R16)',
  factYear: 'Qualifizierte Kontakte in 12 Monaten (R16)',
  yearValue: (count: number, required: number) => `${count} (Soll bisher: ${required})`,
  factNext: 'Nächster Kontakt fällig',
  nextValue: (date: string, rule: string) => `${date} (${rule})`,
  nextPaused: 'keine Erinnerung, solange ein Gutachten aussteht (R15)',
  notQualified:
    'Gespräche mit Netzwerkpartnern ohne die Kundin oder den Kunden zählen nicht als qualifizierter Kontakt (R16); der Kontaktrhythmus läuft weiter.',
  // Form
  formTitle: 'Kontakt erfassen',
  formSubmit: 'Erfassen',
  formWhat: 'einen Kontakt erfassen',
  fieldDatum: 'Datum (TT.MM.JJJJ, leer = heute)',
  fieldArt: 'Art des Kontakts',
  fieldZustimmung: 'Bei aufsuchender Beratung: angekündigt und zugestimmt? (R33)',
  optionNextContact: (date: string) => `Kontakt fällig ${date}`,
  optionNoContactDue: 'Gutachten ausstehend',
  /** The form opened by "erledigt" in the FM digest: the kind decides whether the contact counts (R16). */
  hintArtDigest: 'Bitte die Art wählen: Gespräche mit Netzwerkpartnern und bloße Notizen zählen nicht als qualifizierter Kontakt (R16).',
};

const FOLLOWUP_RESULT_LABELS: Record<FollowupResult, string> = {
  beschaeftigt: 'beschäftigt (Arbeit aufgenommen)',
  'nicht-beschaeftigt': 'nicht beschäftigt',
  unbekannt: 'unbekannt (nicht erreicht)',
};

export function followupResultLabel(result: FollowupResult): string {
  return FOLLOWUP_RESULT_LABELS[result];
}

/** /fm nachhaltigkeit: the result of a follow-up 6, 12 or 24 months after a successful exit (R27). */
export const followupTexts = {
  doing: (code: string) => `das Nachhalten von ${code} erfassen`,
  notSuccessful: (code: string) =>
    `Für ${code} gibt es kein Nachhalten: nachgehalten wird nur nach einem erfolgreichen Abgang (ziele-erreicht, integration) (R27).`,
  monthMissing: 'monat: Bitte angeben, welches Nachhalten – 6, 12 oder 24 Monate nach dem Abgang (R27).',
  monthUnknown: (value: string) => `monat: „${value}“ gibt es nicht – nachgehalten wird 6, 12 und 24 Monate nach dem Abgang (R27).`,
  resultMissing: 'ergebnis: Bitte das Ergebnis angeben: beschaeftigt, nicht-beschaeftigt oder unbekannt (R27).',
  resultUnknown: (value: string) => `ergebnis: „${value}“ ist kein Ergebnis. Möglich sind: beschaeftigt, nicht-beschaeftigt, unbekannt (R27).`,
  tooEarly: (code: string, months: number, date: string) =>
    `monat: Das Nachhalten nach ${months} Monaten ist für ${code} erst ab ${date} fällig (R27).`,
  already: (code: string, months: number, result: string, date: string) =>
    `monat: Das Nachhalten nach ${months} Monaten ist für ${code} schon am ${date} erfasst: ${result}. Ein Ergebnis zählt einmal (R27).`,
  savedHeading: 'Nachhalten erfasst',
  savedSummary: (code: string, months: number) => `Nachhalten ${code} nach ${months} Monaten erfasst.`,
  factFollowup: 'Nachhalten (R27)',
  followupValue: (months: number, date: string) => `${months} Monate nach dem Abgang, fällig ab ${date}`,
  factResult: 'Ergebnis',
  factRecordedOn: 'Erfasst am',
  factOpen: 'Noch offen',
  openValue: (months: number, date: string) => `${months} Monate ab ${date}`,
  openNone: 'nichts mehr – alle drei erfasst',
  missedNote: (lastOn: string) =>
    `Das Zeitfenster endete am ${lastOn}; das Nachhalten zählt als verspätet, das Ergebnis ist trotzdem festgehalten (R27).`,
  // Form
  formTitle: 'Nachhalten erfassen',
  formSubmit: 'Erfassen',
  formWhat: 'nachhalten',
  fieldMonat: 'Welches Nachhalten (R27)',
  monthOption: (months: number, date: string) => `${months} Monate nach dem Abgang (ab ${date})`,
  monthPlain: (months: number) => `${months} Monate nach dem Abgang`,
  fieldErgebnis: 'Ergebnis: Arbeit aufgenommen?',
  optionOpen: (items: string[]) => `offen: ${items.join(', ')}`,
  optionOpenItem: (months: number, date: string) => `${months} Monate ab ${date}`,
};

export const measureTexts = {
  key: 'teilnahme',
  doing: (code: string) => `die Maßnahmeteilnahme von ${code} erfassen`,
  unchanged: (code: string, on: boolean) =>
    on ? `Für ${code} ist die Teilnahme an einer Maßnahme schon erfasst.` : `Für ${code} ist keine Maßnahmeteilnahme erfasst.`,
  savedHeading: (on: boolean) => (on ? 'Maßnahmeteilnahme erfasst' : 'Maßnahme beendet'),
  savedSummary: (code: string, on: boolean) =>
    on ? `${code}: Teilnahme an einer Maßnahme erfasst.` : `${code}: Maßnahmeteilnahme beendet.`,
  rhythm: (on: boolean, cadence: { months: number; rule: string; minimumGapDays?: number }) =>
    (on
      ? cadence.rule === 'R15'
        ? `Während der Maßnahme genügt ein Kontakt ${every(cadence.months)} (R15)`
        : `Auch während der Maßnahme gilt ein Kontakt ${every(cadence.months)} (${cadence.rule})`
      : `Es gilt wieder der übliche Kontaktrhythmus: ein Kontakt ${every(cadence.months)} (${cadence.rule})`) +
    (cadence.minimumGapDays === undefined
      ? '.'
      : `; für die Mindestkontakte im Jahr spätestens alle ${cadence.minimumGapDays} Tage (R16).`),
  // Form
  formTitle: 'Maßnahmeteilnahme',
  formSubmit: 'Speichern',
  formWhat: 'ändern',
  fieldTeilnahme: 'Nimmt an einer arbeitsmarktlichen Maßnahme teil? (R15)',
  optionState: (on: boolean) => (on ? 'in Maßnahme' : 'keine Maßnahme'),
};

export const reportTexts = {
  key: 'ausstehend',
  doing: (code: string) => `den Gutachtenstand von ${code} erfassen`,
  unchanged: (code: string, on: boolean) =>
    on ? `Für ${code} ist schon ein ausstehendes Gutachten erfasst.` : `Für ${code} ist kein ausstehendes Gutachten erfasst.`,
  savedHeading: (on: boolean) => (on ? 'Ausstehendes Gutachten erfasst' : 'Gutachten liegt vor'),
  savedSummary: (code: string, on: boolean) =>
    on ? `${code}: Gutachten ausstehend – keine Kontakterinnerungen bis zum Eingang.` : `${code}: Gutachten liegt vor.`,
  pausedText:
    'Bis das ärztliche oder psychologische Gutachten vorliegt, gibt es keine Kontakterinnerungen; der nächste Termin folgt, wenn die Unterlagen da sind (R15). ' +
    'Bitte `/fm gutachten FM-… nein` eingeben, sobald es eingegangen ist.',
  resumedText: 'Bitte zeitnah einen Termin vereinbaren: der Kontaktrhythmus läuft wieder ab dem letzten Kontakt (R15).',
  // Form
  formTitle: 'Gutachten',
  formSubmit: 'Speichern',
  formWhat: 'ändern',
  fieldAusstehend: 'Steht ein ärztliches oder psychologisches Gutachten aus? (R15)',
  optionState: (on: boolean) => (on ? 'Gutachten ausstehend' : 'kein Gutachten ausstehend'),
};

export const reviewTexts = {
  doing: (code: string) => `die Sechsmonatsprüfung von ${code} erfassen`,
  notAfterLast: (date: string, last: string) =>
    `datum: Die letzte Prüfung ist am ${last} erfasst; der ${date} liegt nicht danach.`,
  savedHeading: 'Sechsmonatsprüfung erfasst',
  savedSummary: (code: string, date: string) => `Sechsmonatsprüfung ${code} am ${date} erfasst.`,
  factDate: 'Geprüft am',
  factNext: 'Nächste Prüfung fällig (R20)',
  checklist:
    'Zur Prüfung gehören (R20): Profiling aktuell, Kooperationsplan überprüft, Kurzeinschätzung, offene Ziele, nächste erreichbare Schritte, ' +
    'und ob das FM weiter nötig ist. Gründe für die Fortsetzung und die Prognose bitte in VerBIS dokumentieren.',
  formTitle: 'Sechsmonatsprüfung',
  formSubmit: 'Erfassen',
  formWhat: 'als geprüft erfassen',
  fieldDatum: 'Datum der Prüfung (TT.MM.JJJJ, leer = heute)',
  optionNextReview: (date: string) => `Prüfung fällig ${date}`,
};

export const locationTexts = {
  doing: (code: string) => `das Standortgespräch von ${code} erfassen`,
  notAfterLast: (date: string, last: string) =>
    `datum: Das Standortgespräch ist schon am ${last} erfasst; der ${date} liegt nicht danach.`,
  savedHeading: 'Standortgespräch erfasst',
  savedSummary: (code: string, date: string) => `Standortgespräch ${code} am ${date} erfasst.`,
  factDate: 'Gespräch am',
  next:
    'Das Standortgespräch nach zwei Jahren entscheidet, ob das FM weitergeht (R21): weiter mit `/fm verlaengern FM-… monate=… grund="…"` (R19) ' +
    'oder Abschluss mit `/fm abgang FM-… grund=…` (R22).',
  formTitle: 'Standortgespräch',
  formSubmit: 'Erfassen',
  formWhat: 'als Standortgespräch erfassen',
  fieldDatum: 'Datum des Gesprächs (TT.MM.JJJJ, leer = heute)',
  optionIntake: (date: string) => `Übernahme ${date}`,
};

const EXTENSION_SENTENCES: Record<ExtensionViolationCode, (p: Record<string, number | string>) => string> = {
  'months-range': (p) =>
    `monate: Eine Verlängerung umfasst 1 bis ${p.max} Monate (genannt: ${p.months}). ` +
    'Verlängert wird um bis zu 12 Monate, wenn das FM nötig ist und konkrete Fortschritte zu erwarten sind (R19).',
  'beyond-60': (p) =>
    `Die Verlängerung würde den Fall bis ${p.plannedEnd} führen, also ${p.months} Monate. ` +
    `Das FM dauert höchstens 48 Monate, in ganz besonderen Fällen mit Zustimmung der Teamleitung bis zu ${p.max} Monate – darüber hinaus nicht (R19).`,
};

export const extensionTexts = {
  doing: (code: string) => `${code} verlängern`,
  monthsFormat: 'monate: Bitte die Zahl der Monate als ganze Zahl angeben, z. B. `monate=6` (1 bis 12, R19).',
  reasonMissing:
    'grund: Bitte kurz begründen, warum das FM weiter nötig ist und welcher Fortschritt zu erwarten ist, z. B. grund="Therapie läuft bis Sommer". Jede Verlängerung wird dokumentiert (R19).',
  pendingExists: (code: string, monthCount: number, date: string) =>
    `Für ${code} liegt schon ein Antrag auf Verlängerung um ${months(monthCount)} vom ${date} vor; die Teamleitung entscheidet darüber (R19). ` +
    'Ein weiterer Antrag geht erst danach.',
  violation: (code: ExtensionViolationCode, params: Record<string, number | string>) => EXTENSION_SENTENCES[code](params),
  grantedHeading: 'Verlängerung erfasst',
  grantedSummary: (code: string, end: string) => `${code} verlängert bis ${end}.`,
  factMonths: 'Verlängert um',
  monthsValue: months,
  factEnd: 'Geplantes Ende',
  factCount: 'Verlängerungen (2 ohne Zustimmung, R19)',
  countValue: (n: number) => `${n}`,
  factTotal: 'Dauer insgesamt',
  factReason: 'Begründung',
  leadConsentGiven: 'Verlängert mit Zustimmung der Teamleitung (R19).',
  pendingHeading: 'Verlängerung beantragt – Zustimmung der Teamleitung nötig',
  pendingSummary: (code: string) => `Verlängerung ${code}: Zustimmung der Teamleitung nötig.`,
  pendingText: (why: 'third-extension' | 'beyond-48', teamName: string, told: boolean) =>
    (why === 'beyond-48'
      ? 'Über 48 Monate hinaus geht das FM nur in ganz besonderen Fällen und mit Zustimmung der Teamleitung, höchstens bis 60 Monate (R19). '
      : 'Zwei Verlängerungen sind ohne Zustimmung möglich; eine dritte nur mit Zustimmung der Teamleitung (R19). ') +
    (told
      ? `Der Antrag ist gespeichert; die Teamleitung von „${teamName}“ ist benachrichtigt und entscheidet.`
      : `Der Antrag ist gespeichert; für „${teamName}“ ist keine Teamleitung eingetragen – bitte die Administration ansprechen.`),
  // Form
  formTitle: 'Fall verlängern',
  formSubmit: 'Verlängern',
  formWhat: 'verlängern',
  fieldMonate: 'Um wie viele Monate? (R19)',
  fieldGrund: 'Begründung: warum weiter FM, welcher Fortschritt? (R19)',
  hintGrund: 'Höchstens 300 Zeichen, keine Einzelheiten über die Person.',
  optionEnd: (date: string, n: number) => `geplantes Ende ${date}, ${n}× verlängert`,
};

export const exitTexts = {
  disputed: (code: string) =>
    `Gegen die Rückgabe von ${code} ist ein Einspruch offen (R25). Die beiden Teamleitungen entscheiden im Eskalations-Thread; bis dahin bleibt der Fall bestehen.`,
  doing: (code: string) => `den Abgang von ${code} erfassen`,
  reasonUnknown: (value: string, allowed: string[]) => `grund: „${value}“ ist kein Abgangsgrund. Möglich sind: ${allowed.join(', ')}. (R22)`,
  reasonMissing: (allowed: string[]) => `grund: Bitte den Abgangsgrund angeben. Möglich sind: ${allowed.join(', ')}. (R22)`,
  missedAppointmentsOnly:
    'grund: Allein versäumte Termine rechtfertigen keine Rückgabe an die Integrationsfachkraft (R23). ' +
    'Liegt dauerhaft fehlende Mitwirkung vor, ist der Grund `keine-mitwirkung`.',
  recommendationMissing:
    'empfehlung: Ohne Integrations- oder Entwicklungspotenzial bitte die empfohlenen Alternativen festhalten, ' +
    'z. B. empfehlung="Verfahren nach § 44a SGB II prüfen" (R24).',
  recommendationTooLong: (length: number, max: number) =>
    `empfehlung: Bitte kürzer fassen (${length} Zeichen, höchstens ${max}). Einzelheiten über die Person gehören in VerBIS, nicht in den Chat.`,
  savedHeading: 'Fallabgang erfasst',
  savedSummary: (code: string, date: string) => `Abgang ${code} am ${date} erfasst – der Fall ist beendet.`,
  factDate: 'Beendet am',
  factReason: 'Grund (R22)',
  factRecommendation: 'Empfehlung (R24)',
  factFollowups: 'Nachhalten (R27)',
  followupsNone: 'entfällt (kein erfolgreicher Abgang)',
  returnNote: (told: boolean) =>
    (told ? 'Die vormerkende Fachkraft bekommt eine Direktnachricht, um das Rückgabegespräch zu vereinbaren (R26). ' : '') +
    'Bitte die Gründe persönlich erläutern – nicht einfach zurückgeben (R24) –, das Profiling aktualisieren und den Abgang in VerBIS erfassen (R26).',
  // Direct message to the referring IFK
  referrerSummary: (code: string) => `Rückgabe ${code}: Rückgabegespräch vereinbaren`,
  referrerText: (code: string, client: string, reason: string, fm: string, recommendation: string | undefined) =>
    `${fm} hat das FM für ${code} (Kundenreferenz ${client}) beendet. Grund: ${reason}. ` +
    (recommendation ? `Empfohlen wird: „${recommendation}“. ` : '') +
    'Bitte ein gemeinsames Rückgabegespräch vereinbaren (R26). Bei Uneinigkeit über den Abgang entscheiden die beiden Teamleitungen gemeinsam (R25).',
  // Form
  formTitle: 'Fallabgang',
  formSubmit: 'Abgang erfassen',
  formWhat: 'beenden',
  fieldGrund: 'Abgangsgrund (R22)',
  fieldEmpfehlung: 'Empfohlene Alternativen (R24, bei „kein Potenzial“ Pflicht)',
  hintEmpfehlung: 'z. B. Verfahren nach § 44a SGB II; höchstens 300 Zeichen.',
  optionIntake: (date: string) => `seit ${date}`,
};

export const mineTexts = {
  heading: 'Meine Fälle',
  summary: (count: number) => `Meine Fälle: ${count}`,
  none: 'Du hast zurzeit keine zugewiesenen oder aktiven Fälle.',
  standInHeading: (name: string, until: string) => `Vertretung für ${name} (abwesend, R17) – bis ${until}`,
  line: (code: string, client: string, status: string, items: string[]) =>
    `${code} · ${client} · ${status}${items.length ? ` — ${items.join('; ')}` : ' — nichts fällig'}`,
  hint: 'Einen Fall im Einzelnen: `/fm fall FM-…`.',
};

export const caseViewTexts = {
  notAllowed: (code: string) =>
    `Den Fall ${code} sehen nur die zuständige Fachkraft, ihre Vertretung, die Teamleitung des FM-Teams, ` +
    'die vormerkende Fachkraft und deren Teamleitung.',
  heading: (code: string) => `Fall ${code}`,
  summary: (code: string, status: string) => `Fall ${code} (${status})`,
  factStatus: 'Status',
  factGroup: 'Gruppe',
  factFm: 'Zuständig',
  factStandIn: 'Heute vertreten durch (R17)',
  nobody: 'niemand anwesend',
  factReferredBy: 'Vorgemerkt von',
  factFlagged: 'Vorgemerkt am',
  factDeadline: 'Übernahme bis (R4)',
  factIntake: 'Übernahme am',
  factPlannedEnd: 'Geplantes Ende (R18/R19)',
  factExtensions: 'Verlängerungen (R19)',
  extensionsValue: (n: number, pending: { months: number; date: string } | undefined) =>
    `${n}` + (pending ? ` · Antrag über ${months(pending.months)} vom ${pending.date} wartet auf die Teamleitung` : ''),
  factMeasure: 'In Maßnahme (R15)',
  factReport: 'Gutachten ausstehend (R15)',
  factReview: 'Letzte Sechsmonatsprüfung (R20)',
  factLocation: 'Standortgespräch (R21)',
  factLastContact: 'Letzter qualifizierter Kontakt',
  factContacts: 'Qualifizierte Kontakte in 12 Monaten (R16)',
  contactsValue: (count: number, required: number, perYear: number, met: boolean) =>
    `${count} von ${required}` + (required !== perYear ? ` (anteilig, ${perYear} im Jahr)` : '') + (met ? ' – erfüllt' : ' – zu wenig'),
  factEnded: 'Beendet am',
  factEndReason: 'Abgangsgrund (R22)',
  factRecommendation: 'Empfehlung (R24)',
  dueHeading: 'Als Nächstes fällig',
  nothingDue: 'Nichts fällig.',
  group: (group: 'u25' | 'ue25') => (group === 'u25' ? 'U25' : 'Ü25'),
};

export const absenceTexts = {
  fromFormat: 'von: Bitte den ersten Tag als TT.MM.JJJJ angeben, z. B. 21.12.2026.',
  toFormat: 'bis: Bitte den letzten Tag als TT.MM.JJJJ angeben, z. B. 04.01.2027.',
  order: (from: string, to: string) => `bis: Der ${to} liegt vor dem ${from}. Bitte erst den ersten, dann den letzten Tag angeben.`,
  past: (to: string) => `bis: Der ${to} liegt in der Vergangenheit. Eingetragen werden kommende oder laufende Abwesenheiten.`,
  unknownPerson: (id: string) => `person: „${id}“ ist nicht in der Organisationsdatei eingetragen.`,
  onlyLeads: 'person: Abwesenheiten für andere tragen nur Teamleitungen ein, und nur für Mitglieder ihrer Teams.',
  duplicate: (name: string, from: string, to: string) => `Die Abwesenheit von ${name} vom ${from} bis ${to} ist schon eingetragen.`,
  savedHeading: 'Abwesenheit eingetragen',
  savedSummary: (name: string, from: string, to: string) => `Abwesenheit ${name}: ${from}–${to}`,
  factPerson: 'Wer',
  factPeriod: 'Zeitraum',
  period: (from: string, to: string) => `${from} bis ${to}`,
  factStandIn: (from: string) => `Vertretung am ${from} (R17)`,
  standInValue: (name: string, cases: number) => `${name} – für ${cases} ${cases === 1 ? 'Fall' : 'Fälle'}`,
  nobody: 'niemand – das ganze Team ist abwesend. Bitte die Teamleitung informieren.',
  standInDm: (name: string, from: string, to: string) =>
    `${name} ist vom ${from} bis ${to} abwesend. Du vertrittst (R17): Die fälligen Erinnerungen zu den Fällen kommen in dieser Zeit zu dir. ` +
    'Inhaltliche Vertretung in der Beratung nur mit Zustimmung der Kundin oder des Kunden.',
  deputyValue: (name: string) => `${name} (laut Organisationsdatei)`,
  chainNote:
    'Fällige Erinnerungen zu den Fällen gehen während der Abwesenheit an die nächste anwesende Fachkraft der Vertretungskette des Teams (R17). ' +
    'Inhaltliche Vertretung in der Beratung nur mit Zustimmung der Kundin oder des Kunden.',
  // Form
  formTitle: 'Abwesenheit eintragen',
  formSubmit: 'Eintragen',
  fieldVon: 'Erster Tag (TT.MM.JJJJ)',
  fieldBis: 'Letzter Tag (TT.MM.JJJJ)',
};
