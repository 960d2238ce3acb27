/** German texts of running FM-Lotse as a service: the command-line tool's backup, the build check, process guards. */

export const opsTexts = {
  usage: [
    'Aufruf:',
    '  fm-lotse org check <datei>            Organisationsdatei prüfen (gibt jedes Problem aus oder „ok“)',
    '  fm-lotse db backup <datei> [--force]  Konsistente Kopie der laufenden Datenbank schreiben (FM_LOTSE_DB);',
    '                                        eine vorhandene Datei nur mit --force überschreiben',
    '  fm-lotse jobs run --at <ISO-8601> [--dry-run]',
    '                                        Alle Jobs einmal zu diesem Zeitpunkt ausführen',
    '  fm-lotse report --von JJJJ-MM --bis JJJJ-MM [--team <id>] [--format csv|json] [--out <datei>] [--trennzeichen ";"] [--bom]',
    '                                        Kennzahlen (R35) je FM-Team und Monat für das Controlling',
  ].join('\n'),
  backupExists: (file: string) =>
    `Die Datei ${file} gibt es schon; nichts wurde geschrieben. Zum Überschreiben: fm-lotse db backup ${file} --force`,
  backupIsDatabase: (file: string) =>
    `${file} ist die Datenbank selbst (FM_LOTSE_DB); die Sicherung muss in eine andere Datei gehen. Nichts wurde geschrieben.`,
  staleBuild: (source: string) =>
    `⚠ Die Quellen sind neuer als der gebaute Stand in dist/ (zuletzt geändert: ${source}). Es läuft der alte Stand – bitte \`npm run build\` ausführen.`,
  unhandledRejection: (errorId: string, detail: string) =>
    `[Fehler ${errorId}] Ein unerwarteter Fehler wurde nicht behandelt; FM-Lotse läuft weiter.\n${detail}`,
  uncaughtException: (errorId: string, detail: string) =>
    `[Fehler ${errorId}] Unerwarteter Fehler; FM-Lotse wird beendet, damit es sauber neu starten kann.\n${detail}`,
};
