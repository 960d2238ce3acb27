/** German texts of start-up, shutdown and the command-line tool. */

export const appTexts = {
  clockShifted: (iso: string) =>
    `⚠ FM_LOTSE_NOW ist gesetzt: Die Uhr von FM-Lotse startet bei ${iso} (Europe/Berlin) und läuft von dort weiter. Nur für Demos und Tests!`,
  startFailed: 'FM-Lotse konnte nicht starten:',
  slackListening: (host: string, port: number) =>
    `FM-Lotse läuft in Slack (HTTP auf ${host}:${port}, Pfad /slack/events, Gesundheitsprüfung /healthz).`,
  slackSocket: (port: number) => `FM-Lotse läuft in Slack (Socket Mode; Gesundheitsprüfung auf Port ${port}/healthz).`,
  stopping: 'FM-Lotse wird beendet …',
};

export const timeTexts = {
  usage:
    'Bitte so: `/zeit +7d` (Tage), `/zeit +2w` (Wochen), `/zeit +3m` (Monate), `/zeit +4h` (Stunden) oder `/zeit 01.06.2026 07:30`.',
  notForward: (now: string) => `Die Zeit läuft nur vorwärts. Jetzt ist ${now}.`,
  tooFar: (days: number) => `So weit auf einmal geht es nicht (höchstens ${days} Tage). Bitte in kleineren Schritten.`,
  tick: (at: string) => `⏰ ${at}`,
  arrived: (at: string, runs: number) => `Simulierte Zeit jetzt: ${at} (${runs} Läufe der geplanten Jobs).`,
  notAvailable: '/zeit gibt es nur mit simulierter Uhr in der Konsole.',
};

export const cliTexts = {
  usage: [
    'Aufruf:',
    '  fm-lotse org check <datei>            Organisationsdatei prüfen (gibt jedes Problem aus oder „ok“)',
    '  fm-lotse db backup <datei>            Konsistente Kopie der laufenden Datenbank schreiben (FM_LOTSE_DB)',
    '  fm-lotse jobs run --at <ISO-8601> [--dry-run]',
    '                                        Alle Jobs einmal zu diesem Zeitpunkt ausführen',
  ].join('\n'),
  missingArgument: (what: string) => `Es fehlt ${what}.`,
  backupWritten: (file: string) => `Sicherung geschrieben: ${file}`,
  backupNoDatabase: (file: string) => `Keine Datenbank unter ${file} gefunden (FM_LOTSE_DB).`,
  badInstant: (text: string) => `--at: „${text}“ ist kein ISO-8601-Zeitpunkt (z. B. 2026-03-02T07:30:00+01:00).`,
  dryRunHeading: (n: number) => `Probelauf: ${n} ${n === 1 ? 'Nachricht würde' : 'Nachrichten würden'} gesendet (nichts wurde gespeichert).`,
  jobOutcome: (job: string, queued: number, error?: string) =>
    error ? `${job}: Fehler – ${error}` : `${job}: ${queued} ${queued === 1 ? 'Nachricht' : 'Nachrichten'} eingereiht`,
  jobsSent: (n: number) => `${n} ${n === 1 ? 'Nachricht' : 'Nachrichten'} gesendet.`,
};
