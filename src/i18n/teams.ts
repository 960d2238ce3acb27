/** German texts the Microsoft Teams platform shows itself (everything else arrives rendered from the bot's replies). */

export const teamsTexts = {
  /** Button next to a choice in a card (the round's per-row FM choice): Adaptive Cards cannot act on a change alone. */
  applyChoice: 'Übernehmen',

  /** Placeholder of choice inputs. */
  selectPlaceholder: 'Bitte auswählen',

  /** Shown under a required input the person left empty (Teams checks it before sending). */
  required: 'Bitte ausfüllen.',

  /** In a channel or group chat, answers go privately into the personal chat with FM-Lotse. */
  answeredPrivately: 'Ich habe dir privat geantwortet – schau in deinen Chat mit FM-Lotse.',

  /** Shown when something unexpected failed; the id lets an admin find the log line. */
  unexpectedError: (errorId: string): string =>
    `Da ist etwas schiefgelaufen. Fehler-ID ${errorId}. Bitte versuche es gleich noch einmal; ` +
    `wenn es wieder passiert, nenne diese Fehler-ID deinem Admin-Team.`,

  /** Direct message to a team lead: a colleague cannot be reached in Teams yet (no conversation reference). */
  unreachableSummary: (name: string): string => `${name} ist in Microsoft Teams für FM-Lotse noch nicht erreichbar`,
  unreachableText: (name: string): string =>
    `FM-Lotse konnte ${name} in Microsoft Teams keine Nachricht schicken: ${name} hat die App „FM-Lotse“ noch nicht ` +
    'geöffnet. Bitte sorge dafür, dass die App für diese Person installiert wird oder dass sie einmal in den Chat mit ' +
    'FM-Lotse schreibt (z. B. „hilfe“). Wartende Nachrichten werden dann einige Stunden lang nachgeholt. ' +
    'Diese Meldung kommt nur einmal.',

  /** Start-up and operator messages (read by whoever runs the bot). */
  listening: (host: string, port: number): string =>
    `FM-Lotse läuft in Microsoft Teams (HTTP auf ${host}:${port}, Pfad /api/messages, Gesundheitsprüfung /healthz).`,
  mounted: 'FM-Lotse läuft in Microsoft Teams (Pfad /api/messages auf demselben Port wie Slack).',
  noAuthWarning:
    '⚠ TEAMS_LOCAL_NOAUTH=1: Microsoft Teams läuft OHNE Anmeldung – jede Anfrage wird angenommen. Nur für lokale Tests auf 127.0.0.1!',
  noAuthOnlyLoopback: (host: string): string =>
    `Teams ohne Anmeldung (TEAMS_LOCAL_NOAUTH=1) ist nur auf 127.0.0.1 erlaubt, nicht auf „${host}“.`,
  foreignTenant: 'Diese Anfrage kommt aus einem anderen Microsoft-365-Mandanten und wird abgelehnt.',
} as const;
