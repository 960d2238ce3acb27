/**
 * German texts of the warm return (R22–R26): the planned exit, the referring IFK's confirmation or objection,
 * the reminders; the outreach attempts before an exit or decline for lack of cooperation (R23); the client's
 * consent to counselling decisions by a stand-in (R17).
 */

const list = (items: string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} und ${items.at(-1)}`);

export const returnTexts = {
  /** How a case with a planned exit is shown („Rückgabe“ instead of „aktiv“). */
  statusLabel: 'Rückgabe',
  // /fm abgang: the plan
  plannedHeading: 'Abgang geplant – Rückgabe an die Integrationsfachkraft',
  plannedSummary: (code: string) => `Abgang ${code} geplant: der Fall bleibt bis zum Rückgabegespräch bei dir.`,
  factStatus: 'Status',
  factAsked: 'Rückgabegespräch mit (R26)',
  factAnswerBy: 'Rückmeldung erwartet bis',
  plannedText: (asked: string, code: string) =>
    `Der Fall bleibt in deiner Verantwortung mit dem Status „Rückgabe“, bis ${asked} das Rückgabegespräch bestätigt (dann ist er beendet) ` +
    `oder widerspricht (dann entscheiden die beiden Teamleitungen gemeinsam, R25). Bitte die Gründe persönlich erläutern – nicht einfach ` +
    `zurückgeben (R24). Bis dahin zurückziehen: \`/fm rueckgabe ${code} zurueckziehen\`.`,
  alreadyPlanned: (code: string, date: string) =>
    `Für ${code} ist seit ${date} ein Abgang geplant. Er gilt, sobald das Rückgabegespräch bestätigt ist; ändern: erst \`/fm rueckgabe ${code} zurueckziehen\`.`,
  // Direct message to the IFK (or the lead of the referring team)
  askSummary: (code: string) => `Rückgabe ${code}: Rückgabegespräch vereinbaren`,
  askText: (code: string, client: string, reason: string, fm: string, recommendation: string | undefined) =>
    `${fm} plant, das FM für ${code} (Kundenreferenz ${client}) zu beenden. Grund: ${reason}. ` +
    (recommendation ? `Empfohlen wird: „${recommendation}“. ` : '') +
    'Bitte ein gemeinsames Rückgabegespräch vereinbaren (R26) und danach bestätigen. Bist du mit dem Abgang nicht einverstanden, ' +
    'widersprich – dann entscheiden die beiden Teamleitungen gemeinsam (R25). Bis dahin bleibt der Fall im FM.',
  askTyped: (code: string) => `Ohne Knöpfe: \`/fm rueckgabe ${code} bestaetigt\` oder \`/fm rueckgabe ${code} widerspruch grund="…"\`.`,
  askInsteadOf: (ifk: string) =>
    `Du bekommst diese Rückgabe als Teamleitung, weil die vormerkende Fachkraft ${ifk} nicht erreichbar ist (abwesend oder nicht mehr im Team, R26).`,
  buttonConfirm: 'Rückgabegespräch geführt',
  buttonObject: 'Widerspruch',
  // /fm rueckgabe
  doingWithdraw: (code: string) => `den geplanten Abgang von ${code} zurückziehen`,
  answerMissing: (code: string) =>
    `Bitte angeben, was gilt: \`/fm rueckgabe ${code} bestaetigt\`, \`/fm rueckgabe ${code} widerspruch grund="…"\` oder (als Fallmanager:in) \`/fm rueckgabe ${code} zurueckziehen\`.`,
  answerUnknown: (value: string) => `„${value}“ verstehe ich nicht. Möglich sind: bestaetigt, widerspruch, zurueckziehen.`,
  notPlanned: (code: string) => `Für ${code} ist kein Abgang geplant, der auf eine Antwort wartet.`,
  notAddressee: (code: string, who: string) => `Die Rückgabe von ${code} bestätigen oder ihr widersprechen kann nur ${who} (R26).`,
  objectionMissing: 'grund: Bitte den Widerspruch kurz begründen (R25).',
  alreadyObjected: (code: string) =>
    `Gegen die Rückgabe von ${code} ist bereits Widerspruch eingelegt; die beiden Teamleitungen entscheiden im Eskalations-Thread (R25).`,
  confirmedHeading: 'Rückgabegespräch bestätigt',
  confirmedSummary: (code: string, date: string) => `Rückgabe ${code} bestätigt – der Fall ist am ${date} beendet.`,
  confirmedText: 'Die Fallmanager:in aktualisiert das Profiling und erfasst den Abgang in VerBIS (R26). Die Beratung liegt wieder bei dir.',
  fmConfirmedSummary: (code: string) => `Rückgabe ${code} bestätigt – Fall beendet`,
  fmConfirmedText: (code: string, client: string, who: string, date: string, followups: string | undefined) =>
    `${who} hat das Rückgabegespräch für ${code} (Kundenreferenz ${client}) bestätigt; der Fall ist am ${date} beendet. ` +
    'Bitte jetzt das Profiling aktualisieren und den Abgang in VerBIS mit der Funktion „Fallabgang“ erfassen (R26).' +
    (followups ? ` Nachhalten (R27): ${followups}.` : ''),
  objectedHeading: 'Widerspruch gegen die Rückgabe',
  objectedSummary: (code: string) => `Widerspruch gegen die Rückgabe von ${code} gespeichert – die Teamleitungen entscheiden (R25).`,
  objectedText: (teams: string) =>
    `Die Teamleitungen von ${teams} entscheiden gemeinsam im Eskalations-Thread des FM-Teams (R25). Bis dahin bleibt der Fall aktiv.`,
  fmObjectedSummary: (code: string) => `Widerspruch gegen die Rückgabe von ${code}`,
  fmObjectedText: (code: string, client: string, who: string, objection: string) =>
    `${who} widerspricht der Rückgabe von ${code} (Kundenreferenz ${client}): „${objection}“. Die beiden Teamleitungen entscheiden gemeinsam (R25); bis dahin bleibt der Fall bei dir.`,
  withdrawnHeading: 'Geplanter Abgang zurückgezogen',
  withdrawnSummary: (code: string) => `Der geplante Abgang von ${code} ist zurückgezogen – der Fall bleibt aktiv.`,
  askerWithdrawnSummary: (code: string) => `Rückgabe ${code} zurückgezogen`,
  askerWithdrawnText: (code: string, fm: string) => `${fm} hat den geplanten Abgang von ${code} zurückgezogen; der Fall bleibt im FM. Ein Rückgabegespräch ist nicht nötig.`,
  // Objection form (the "Widerspruch" button)
  formTitle: 'Widerspruch gegen die Rückgabe',
  formSubmit: 'Widersprechen',
  fieldAntwort: 'Antwort',
  optionObject: 'Widerspruch (R25)',
  fieldGrund: 'Warum soll der Fall im FM bleiben? (R25)',
  hintGrund: 'Höchstens 300 Zeichen, keine Einzelheiten über die Person.',
  // The escalation's outcome on the planned exit
  keptSummary: (code: string) => `Rückgabe ${code}: der Fall bleibt im FM`,
  // Reminders (jobs/returnReminders.ts)
  reminderSummary: (code: string) => `Erinnerung: Rückgabe ${code} wartet auf das Rückgabegespräch`,
  reminderText: (code: string, since: string, days: number) =>
    `Seit ${since} (${days} Arbeitstage) wartet die geplante Rückgabe von ${code} auf das Rückgabegespräch (R26). ` +
    'Bitte das Gespräch führen und bestätigen – oder widersprechen, dann entscheiden die Teamleitungen (R25).',
  leadReminderSummary: (code: string, days: number) => `Rückgabe ${code} seit ${days} Arbeitstagen offen`,
  leadReminderText: (code: string, since: string, days: number, who: string, fm: string) =>
    `Die von ${fm} geplante Rückgabe von ${code} wartet seit ${since} (${days} Arbeitstage) auf die Rückmeldung von ${who} (R26). ` +
    'Der Fall bleibt so lange im FM.',
  // Lead digest
  digestLabel: 'Rückgabe geplant, Rückgabegespräch offen (R26)',
  digestLine: (codes: string[]) => `Rückgabe geplant, Rückgabegespräch offen (R26): ${codes.length} – ${codes.join(', ')}`,
};

/** R23: the ways of reaching a client, in words and as the `/fm kontakt` kind that records each. */
const OUTREACH: Record<string, { label: string; art: string }> = {
  brief: { label: 'Brief', art: 'versuch-brief' },
  telefon: { label: 'Telefon', art: 'versuch-telefon' },
  aufsuchend: { label: 'aufsuchend', art: 'aufsuchend zustimmung=ja' },
};

export const outreachTexts = {
  /** R23: an exit for lack of cooperation without the documented attempts. */
  exitMissing: (code: string, tried: string[], untried: string[], missing: number) =>
    'grund: Allein versäumte Termine rechtfertigen keine Rückgabe (R23). „keine-mitwirkung“ setzt mindestens 2 dokumentierte ' +
    `Kontaktversuche verschiedener Art in den letzten 3 Monaten voraus (Brief, Telefon, aufsuchend). ${triedText(tried)} ` +
    `${missingText(code, untried, missing)}`,
  /** R23: a decline at intake because the handover talk was missed, without the documented attempts. */
  declineMissing: (code: string, tried: string[], untried: string[], missing: number) =>
    'grund: Ein versäumtes Übergabegespräch allein rechtfertigt keine Ablehnung (R23). Vorher sind mindestens 2 dokumentierte ' +
    `Kontaktversuche verschiedener Art in den letzten 3 Monaten nötig (Brief, Telefon, aufsuchend). ${triedText(tried)} ` +
    `${missingText(code, untried, missing)}`,
  /** Only attempts can be recorded before the intake. */
  onlyAttemptsBeforeIntake: (code: string) =>
    `art: ${code} ist noch nicht übernommen – vor der Übernahme lassen sich nur Kontaktversuche erfassen (art=versuch-brief oder art=versuch-telefon, R23).`,
  attemptSavedHeading: 'Kontaktversuch erfasst',
  attemptSavedSummary: (code: string, date: string) => `Kontaktversuch zu ${code} am ${date} erfasst.`,
  attemptNote: 'Ein Kontaktversuch zählt nicht als Beratungskontakt (R16); er belegt die Bemühungen, die R23 vor einer Rückgabe verlangt.',
};

function triedText(tried: string[]): string {
  return tried.length ? `Erfasst: ${list(tried.map((w) => OUTREACH[w]?.label ?? w))}.` : 'Erfasst ist noch keiner.';
}

function missingText(code: string, untried: string[], missing: number): string {
  const how = untried.map((w) => `\`/fm kontakt ${code} art=${OUTREACH[w]?.art ?? w}\``);
  return `Es ${missing === 1 ? 'fehlt noch 1 Versuch' : `fehlen noch ${missing} Versuche`} einer anderen Art, z. B. ${how.join(' oder ')}.`;
}

export const standInTexts = {
  /** R17: a stand-in decides on the counselling of someone else's case only with the client's consent. */
  consentNeeded: (fm: string, doing: string) =>
    `einwilligung: Du vertrittst ${fm}. Über die Beratung selbst (${doing}) darf eine Vertretung nur mit vorheriger Einwilligung ` +
    'der Kund:in entscheiden (R17). Liegt sie vor, mit `einwilligung=ja` erneut senden; sonst entscheidet die Teamleitung.',
  fieldEinwilligung: 'Einwilligung der Kund:in in die Beratung durch die Vertretung (R17)',
};

/** Labels of the audit actions of this file's flows, for `/fm verlauf` (merged there by whoever renders it). */
export const returnAuditLabels: Record<string, string> = {
  'case.return.planned': 'Abgang geplant (Rückgabe, R26)',
  'case.return.confirmed': 'Rückgabegespräch bestätigt (R26)',
  'case.return.objected': 'Widerspruch gegen die Rückgabe (R25)',
  'case.return.withdrawn': 'Geplanter Abgang zurückgezogen',
  'case.return.ended': 'Rückgabe von den Teamleitungen bestätigt (R25)',
  'case.return.kept': 'Rückgabe von den Teamleitungen abgelehnt – Fall bleibt (R25)',
  'case.return.reminded': 'Erinnerung an das Rückgabegespräch (R26)',
};

/** In the escalation thread (channel: case codes only). */
export const returnThreadTexts = {
  exitWithdrawn: (code: string) => `Die Fallmanager:in hat den geplanten Abgang von ${code} zurückgezogen; diese Eskalation ist damit gegenstandslos und geschlossen.`,
};
