/** German texts of the local console chat (src/platforms/console). */
import type { Role } from '../domain/vocabulary.js';

const ROLE_LABELS: Record<Role, string> = {
  ifk: 'IFK',
  fm: 'Fallmanagement',
  teamlead: 'Teamleitung',
  officelead: 'Geschäftsstellenleitung',
  admin: 'Administration',
};

/** A referral line that passes R1 and works with any organisation whose caller is an IFK. */
export const EXAMPLE_REFERRAL =
  '/fm vormerken kunde=123A456789 gruppe=ue25 zugang=formal prognose=nicht-marktnah ' +
  'hb=gesundheit,schulden,wohnen integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja';

export const consoleTexts = {
  roleLabel: (role: Role): string => ROLE_LABELS[role],

  // Headers that tell apart who sees a message.
  privateHeader: '🔒 nur für dich:',
  channelHeader: (teamId: string): string => `# ${teamId} (Kanal):`,
  directHeader: (name: string, personId: string): string => `✉ Direktnachricht an ${name} (${personId}):`,
  threadHeader: (header: string): string => `${header.replace(/:$/, '')} ↳ Antwort im Thread:`,
  updateHeader: (header: string): string => `${header.replace(/:$/, '')} ✎ Nachricht aktualisiert:`,

  noChoice: '—',
  noTravel: '/zeit gibt es hier nicht.',
  buttonsHint:
    '(Schaltflächen sind in Slack und Teams klickbar; hier tippst du den passenden /fm-Befehl, siehe /fm hilfe. ' +
    'Offene Eskalationen mit Nummer und Befehlen: /fm eskalationen.)',
  errorPrefix: '⚠',
  fieldError: (label: string, key: string, text: string): string => `${label} (${key}): ${text}`,

  welcome: (opts: { jobcenter: string; who: string; nowText?: string }): string[] => [
    `FM-Lotse – lokaler Konsolen-Chat (Demo: ${opts.jobcenter})`,
    `Du schreibst als ${opts.who}.`,
    'Person wechseln: /als <id>   ·   alle Personen: /wer   ·   Hilfe: /hilfe   ·   beenden: /ende',
    'Beispiel für eine Vormerkung in einer Zeile:',
    `  ${EXAMPLE_REFERRAL}`,
    'Ohne Angaben (/fm vormerken) fragt die Konsole die Felder einzeln ab.',
    ...(opts.nowText ? [`Simulierte Zeit: ${opts.nowText}`] : []),
  ],
  personSummary: (name: string, id: string, roles: string, team?: string): string =>
    `${name} (${id}) – ${roles}${team ? `, Team ${team}` : ''}`,
  teamText: (id: string, name?: string): string => (name ? `„${name}“ (${id})` : id),

  help: [
    'Befehle der Konsole:',
    '  /fm <Befehl …>   ein FM-Lotse-Befehl, z. B. /fm hilfe (das „/fm“ darfst du auch weglassen)',
    '  /als <id>        als eine andere Person der Organisation schreiben',
    '  /wer             alle Personen mit id, Rollen und Team',
    '  /abbrechen       ein laufendes Formular abbrechen',
    '  /zeit +7d        die simulierte Uhr vorstellen (+3h, +2w, +3m oder 01.06.2026 07:30); fällige Erinnerungen laufen',
    '  /hilfe           diese Hilfe',
    '  /ende            die Konsole beenden',
    'Mitteilungen an Kanäle (#) und Direktnachrichten (✉) erscheinen hier direkt nach der Antwort.',
  ],
  whoHeading: 'Personen der Organisation (/als <id> zum Wechseln):',
  whoLine: (marker: string, id: string, name: string, roles: string, team: string): string =>
    `${marker} ${id}  ${name} – ${roles}${team ? ` – Team ${team}` : ''}`,
  switched: (who: string): string => `Du schreibst jetzt als ${who}.`,
  unknownPerson: (id: string, ids: string[]): string =>
    `Die Person „${id}“ gibt es in dieser Organisation nicht. Bekannte ids: ${ids.join(', ')}`,
  missingPersonId: (ids: string[]): string => `Bitte eine id angeben, z. B. /als ${ids[0] ?? '…'}. Bekannte ids: ${ids.join(', ')}`,
  unknownConsoleCommand: (cmd: string): string =>
    `Den Konsolenbefehl „${cmd}“ gibt es nicht. Mit /hilfe siehst du alle; FM-Lotse-Befehle beginnen mit /fm.`,
  noFormRunning: 'Es läuft gerade kein Formular.',
  unexpectedError: (detail: string): string => `Interner Fehler: ${detail}`,
  deliveryError: (detail: string): string => `Nachrichten konnten nicht zugestellt werden: ${detail}`,

  // Form walk-through.
  formIntro: (title: string): string[] => [
    `Formular „${title}“ – ich frage die Felder nacheinander ab.`,
    'Enter überspringt freiwillige Felder, /abbrechen bricht ab.',
  ],
  formRetry: 'Bitte korrigiere diese Angaben:',
  formCancelled: 'Formular abgebrochen, nichts wurde gespeichert.',
  fieldHeading: (label: string, required: boolean): string => `${label} – ${required ? 'Pflichtfeld' : 'freiwillig'}`,
  allowedValues: 'Mögliche Werte:',
  multiHint: 'Mehrere Werte mit Komma trennen, z. B.',
  answerRequired: 'Dieses Feld ist Pflicht.',
  notAnOption: (values: string[]): string => `Unbekannter Wert: ${values.join(', ')}. Bitte einen der genannten Werte angeben.`,
  /** A chart of a reply written as a PNG file (R35). */
  chartWritten: (title: string, file: string) => `  🖼 ${title}: ${file}`,
};
