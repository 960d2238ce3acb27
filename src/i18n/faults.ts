/** Texts about faults survived: a database another process holds, messages still waiting (issue #13, item 9). */
export const faultTexts = {
  /** `jobs run`: messages it did not deliver before exiting (due later than it waits, e.g. after a server error). */
  jobsPending: (n: number) =>
    `${n} ${n === 1 ? 'Nachricht wartet' : 'Nachrichten warten'} noch auf einen späteren Versuch; der laufende Bot oder der nächste „jobs run“ sendet sie.`,
};
