/** German texts the Slack platform shows itself (everything else arrives rendered from the bot's replies). */

export const slackTexts = {
  /** Close button of every modal (≤ 24 characters). */
  modalClose: 'Abbrechen',

  /** Placeholder of select menus in modals (≤ 150 characters). */
  selectPlaceholder: 'Bitte auswählen',

  /** Shown privately when something unexpected failed; the id lets an admin find the log line. */
  unexpectedError: (errorId: string): string =>
    `Da ist etwas schiefgelaufen. Fehler-ID ${errorId}. Bitte versuche es gleich noch einmal; ` +
    `wenn es wieder passiert, nenne diese Fehler-ID deinem Admin-Team.`,

  /** Start-up failure, read by whoever runs the bot. */
  authFailed: (detail: string): string =>
    `Slack hat den Bot-Token abgelehnt oder war nicht erreichbar (${detail}). ` +
    `Prüfe SLACK_BOT_TOKEN (beginnt mit „xoxb-“) und – falls gesetzt – SLACK_API_URL.`,
  signingSecretMissing:
    'Für Slack über HTTP fehlt SLACK_SIGNING_SECRET (App-Einstellungen → Basic Information → Signing Secret). ' +
    'Alternativ SLACK_APP_TOKEN setzen, dann läuft Slack im Socket Mode.',
} as const;
