/** Texts about faults survived: a database another process holds, messages still waiting (issue #13, item 9). */
export const faultTexts = {
  /** `jobs run`: messages it did not deliver before exiting (due later than it waits, e.g. after a server error). */
  jobsPending: (n: number) =>
    `${n} ${n === 1 ? 'Nachricht wartet' : 'Nachrichten warten'} noch auf einen späteren Versuch; der laufende Bot oder der nächste „jobs run“ sendet sie.`,
};

/** A change that could not be stored because the database is locked or cannot write. */
export const storeTexts = {
  unavailable:
    'Das wurde nicht gespeichert: Die Datenbank ist gerade belegt (z. B. durch eine Sicherung oder einen anderen Vorgang). ' +
    'Es hat sich nichts geändert. Bitte versuche es in einer Minute noch einmal.',
};

/** A request the bot acknowledged but could not store because it stopped (crash, restart) before. */
export const receiptTexts = {
  interrupted: (label: string, when: string) =>
    `Deine Eingabe „${label}“ vom ${when} kam bei FM-Lotse an, wurde aber wegen eines Neustarts nicht gespeichert. ` +
    'Es hat sich nichts geändert. Bitte sende sie noch einmal.',
  /** Labels of what was sent, when no subcommand is known. */
  form: 'Formular',
  click: 'Klick auf eine Schaltfläche',
};
