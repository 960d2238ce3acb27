/** German texts of the /fm subcommands (parser, referral, lists, unknown users and roles); /fm hilfe is in help.ts. */

export const parseTexts = {
  tooLong: (length: number, max: number) =>
    `Die Eingabe ist zu lang (${length} Zeichen, höchstens ${max}). Bitte nur die Angaben des Befehls eingeben – keine Freitexte über Personen.`,
  controlCharacters:
    'Die Eingabe enthält Steuerzeichen (z. B. Zeilenumbrüche). Bitte alles in eine Zeile schreiben.',
  subcommandFirst: 'Zuerst kommt der Befehl, dann die Angaben, z. B. `/fm vormerken kunde=123A456789 …`.',
  missingKey: 'Vor einem „=“ fehlt der Name der Angabe, z. B. `gruppe=ue25`.',
  repeatedKey: (key: string) => `${key}: Diese Angabe steht mehrfach in der Eingabe. Bitte nur einmal angeben.`,
  emptyValue: (key: string) => `${key}: Nach dem „=“ fehlt der Wert.`,
  unclosedQuote: (key: string) => `${key}: Das Anführungszeichen wird nicht geschlossen.`,
  textAfterQuote: (key: string) => `${key}: Nach dem schließenden Anführungszeichen muss ein Leerzeichen folgen.`,
};

export const commonTexts = {
  unknownSubcommand: (name: string, known: string[]) =>
    `„${name}“ kenne ich nicht. Verfügbare Befehle: ${known.join(', ')}. Mit \`/fm hilfe\` siehst du Beispiele.`,
  unknownKey: (key: string, command: string, allowed: readonly string[]) =>
    allowed.length
      ? `${key}: Diese Angabe gibt es bei „${command}“ nicht. Möglich sind: ${allowed.join(', ')}.`
      : `${key}: „${command}“ nimmt keine Angaben.`,
  tooManyWords: (command: string, words: string[]) =>
    `„${command}“ versteht „${words.join(' ')}“ nicht. Angaben bitte als \`name=wert\` schreiben.`,
  missing: (key: string) => `${key}: Diese Angabe fehlt.`,
  oneOf: (key: string, allowed: readonly string[]) => `${key}: Erlaubt sind nur ${allowed.map((v) => `„${v}“`).join(', ')}.`,
  yesNo: (key: string) => `${key}: Bitte „ja“ oder „nein“ angeben.`,
  unknownUser: (userId: string, admins: string[]) =>
    `Du bist in FM-Lotse noch nicht eingetragen (Benutzer-ID ${userId}). ` +
    (admins.length
      ? `Bitte wende dich an ${admins.join(', ')}; dort kann man dich in die Organisationsdatei aufnehmen.`
      : 'Bitte wende dich an die Administration deines Jobcenters; dort kann man dich in die Organisationsdatei aufnehmen.'),
  /** The standard refusal of a subcommand whose declared roles the caller has none of. */
  notForRole: (command: string, allowed: readonly string[], own: readonly string[]) =>
    `„${command}“ können nur Personen mit ${allowed.length === 1 ? 'der Rolle' : 'einer der Rollen'} ` +
    `${allowed.map((r) => `„${r}“`).join(', ')} aufrufen; du bist als ${own.join(', ')} eingetragen.`,
  problemsHeading: 'Das hat nicht geklappt:',
  unknownAction: 'Diese Schaltfläche ist nicht mehr aktiv. Bitte den Befehl neu aufrufen.',
  yes: 'ja',
  no: 'nein',
};

export const referralTexts = {
  formTitle: 'Für das FM vormerken',
  formSubmit: 'Vormerken',
  onlyIfk: (role: string) =>
    `Vormerken können nur Integrationsfachkräfte (Rolle „ifk“); du bist als ${role} eingetragen. (R3)`,
  clientFormat: 'kunde: Bitte die Kundennummer als Kundenreferenz angeben: 3 Ziffern, ein Buchstabe, 6 Ziffern (z. B. 123A456789). Namen gehören nicht in den Chat.',
  unknownNeeds: (codes: string[], known: string[]) =>
    `hb: Unbekannte Handlungsbedarfe: ${codes.join(', ')}. Möglich sind: ${known.join(', ')}. (R1)`,
  repeatedNeeds: (codes: string[]) => `hb: Doppelt genannt: ${codes.join(', ')}. Bitte jeden Handlungsbedarf nur einmal. (R1)`,
  u25Format: 'u25bis: Bitte den Monat des 25. Geburtstags als JJJJ-MM angeben, z. B. 2027-04. (R10)',
  openCase: (code: string) =>
    `kunde: Für diese Kundenreferenz gibt es schon eine offene Vormerkung oder einen laufenden Fall (${code}). Bitte dort weiterarbeiten.`,
  noReceivingTeam: (group: string) =>
    `Es ist kein FM-Team für die Gruppe ${group} eingerichtet. Bitte wende dich an die Administration.`,
  noChannel: (teamName: string, platform: string, admins: string[]) =>
    `Das FM-Team „${teamName}“ hat keinen ${platform}-Kanal in der Organisationsdatei, deshalb kann es nicht benachrichtigt werden. ` +
    `Es wurde nichts gespeichert. Bitte ${admins.length ? admins.join(', ') : 'die Administration'} bitten, den Kanal einzutragen.`,
  savedHeading: 'Vormerkung gespeichert',
  savedSummary: (code: string, deadline: string) => `Vormerkung ${code} gespeichert – Übernahme bis ${deadline}.`,
  factCase: 'Fall',
  factClient: 'Kundenreferenz',
  factGroup: 'Gruppe',
  factRoute: 'Zugang',
  factNeeds: 'Handlungsbedarfe (R1 gezählt)',
  factDeadline: 'Übernahme bis (R4)',
  factReferringTeam: 'Vorgemerkt aus',
  factStatus: 'Status',
  factReferredBy: 'Vorgemerkt von',
  neededCount: (counted: number, total: number) => (counted === total ? `${counted}` : `${counted} von ${total}`),
  groupLabel: (group: 'u25' | 'ue25') => (group === 'u25' ? 'U25' : 'Ü25'),
  routeLabel: (route: 'formal' | 'einzelfall', reason?: string) =>
    route === 'formal' ? 'formal (R1)' : `Einzelfallentscheidung (R2${reason ? `: ${reasonLabel(reason)}` : ''})`,
  savedNext: (teamName: string) =>
    `Das Team „${teamName}“ ist informiert (ohne Kundenreferenz) und verteilt die Vormerkung in der nächsten Zuweisungsrunde. ` +
    'Bitte die warme Übergabe (Dreiergespräch, R5) vorbereiten.',
  channelHeading: (code: string) => `Neue Vormerkung ${code}`,
  channelSummary: (code: string, group: string, deadline: string) =>
    `Neue Vormerkung ${code} (${group}) – Übernahme bis ${deadline}.`,
  // Form
  fieldKunde: 'Kundenreferenz (Kundennummer)',
  hintKunde: '3 Ziffern, ein Buchstabe, 6 Ziffern – keine Namen.',
  fieldGruppe: 'Gruppe',
  fieldZugang: 'Zugang',
  fieldPrognose: 'Integrationsprognose',
  fieldHb: 'Handlungsbedarfe',
  hintHb: 'Für den formalen Zugang mindestens drei aus „Leistungsfähigkeit“ und „Rahmenbedingungen“ (R1).',
  fieldIntegration12: 'Integration in 12 Monaten wahrscheinlich?',
  fieldEinschaetzung: 'Bringt das FM konkrete Fortschritte? (Einschätzung der IFK)',
  fieldGrund: 'Grund der Einzelfallentscheidung (R2)',
  hintGrund: 'Nur beim Zugang „Einzelfall“.',
  fieldZustimmung: 'Kund:in stimmt zu (R8)',
  fieldInformiert: 'Kund:in ist informiert (R8)',
  fieldVerbis: 'In VerBIS vorgemerkt (R3)',
  fieldU25bis: 'Monat des 25. Geburtstags (nur U25, JJJJ-MM)',
  optionFormal: 'formal (R1)',
  optionEinzelfall: 'Einzelfallentscheidung (R2)',
  optionMarktnah: 'marktnah',
  optionNichtMarktnah: 'nicht marktnah',
  optionU25: 'U25',
  optionUe25: 'Ü25',
};

export function reasonLabel(reason: string): string {
  switch (reason) {
    case 'hemmnis':
      return 'schwerwiegendes Hemmnis';
    case 'akut':
      return 'akute Problemlage';
    case 'psyche':
      return 'akute psychische Problemlage';
    default:
      return reason;
  }
}

export const listTexts = {
  heading: 'Offene Vormerkungen',
  none: 'Keine offenen Vormerkungen.',
  notAllowed:
    'Offene Vormerkungen sehen die vormerkenden Integrationsfachkräfte sowie die Mitglieder und Leitungen der FM-Teams.',
  line: (code: string, group: string, deadline: string, client: string, teamName: string) =>
    `${code} · ${group} · Übernahme bis ${deadline} · ${client} · ${teamName}`,
  overdue: ' · ⚠ Frist überschritten',
};
