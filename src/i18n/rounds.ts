/** German texts of the weekly assignment round (R9). */

export const roundTexts = {
  heading: (teamName: string, date: string) => `Zuweisungsrunde ${teamName} – ${date}`,
  confirmedHeading: (teamName: string, date: string) => `Zuweisungsrunde ${teamName} – ${date} ✅ bestätigt`,
  supersededHeading: (teamName: string, date: string) => `Zuweisungsrunde ${teamName} – ${date} (ersetzt)`,
  summary: (referrals: number, fms: number) =>
    `${referrals} ${referrals === 1 ? 'Vormerkung' : 'Vormerkungen'} für ${fms} ${fms === 1 ? 'Fallmanager:in' : 'Fallmanager:innen'}. ` +
    'Vorschlag nach individuellem Betreuungsschlüssel (Schlüssel × Stellenanteil, R9, R14); pro Zeile änderbar.',
  empty: (teamName: string) => `Für ${teamName} liegen keine offenen Vormerkungen vor.`,
  row: (code: string, group: string, needs: number, deadline: string) =>
    `*${code}* · ${group} · ${needs} HB · Übernahme bis ${deadline}`,
  rowNoFm: ' · ⚠ keine Fallmanager:in verfügbar',
  rowAssigned: (code: string, fmName: string) => `${code} → ${fmName}`,
  rowUnassigned: (code: string) => `${code} → nicht zugewiesen (bleibt vorgemerkt)`,
  choose: 'Fallmanager:in wählen',
  optionAbsent: (name: string) => `${name} (abwesend)`,
  loadsHeading: 'Auslastung vorher → nachher',
  load: (name: string, before: number, after: number, capacity: string, percent: string) =>
    `${name}: ${before} → ${after} von ${capacity} (${percent})`,
  leftOutHeading: 'Nicht berücksichtigt',
  leftOutRoundDay: (name: string) => `${name}: am Rundentag abwesend`,
  leftOutMostDays: (name: string, absent: number, working: number, until: string) =>
    `${name}: an ${absent} von ${working} Arbeitstagen bis ${until} abwesend`,
  overflowNote:
    '⚠ Nicht alle Vormerkungen passen in die Kapazität. Die Teamleitung entscheidet im Eskalations-Thread (R4).',
  confirm: 'Vorschlag übernehmen',
  recompute: 'Neu berechnen',
  confirmedBy: (name: string, at: string) => `Bestätigt von ${name} am ${at}.`,
  posted: (teamName: string, count: number) =>
    `Der Vorschlag für ${count} ${count === 1 ? 'Vormerkung' : 'Vormerkungen'} wird in den Kanal von ${teamName} gepostet.`,
  postedEmpty: (teamName: string) => `Für ${teamName} liegen keine offenen Vormerkungen vor; es wurde nichts gepostet.`,
  // Refusals
  notMember: (teamName: string) => `Nur Mitglieder und Leitungen von ${teamName} können diese Runde bearbeiten.`,
  noFmTeam: 'Die Zuweisungsrunde gibt es für FM-Teams. Du gehörst keinem FM-Team an und leitest keines.',
  severalTeams: (ids: string[]) => `Du leitest mehrere FM-Teams. Bitte das Team angeben: ${ids.map((i) => `team=${i}`).join(' oder ')}.`,
  unknownTeam: (id: string) => `team: Ein FM-Team „${id}“ gibt es nicht.`,
  alreadyConfirmed: (name: string, at: string) => `Diese Runde wurde bereits von ${name} am ${at} bestätigt; es hat sich nichts geändert.`,
  superseded: 'Dieser Vorschlag ist durch einen neueren ersetzt worden. Bitte den aktuellen Vorschlag verwenden.',
  noOpenRound: (teamName: string) => `Für ${teamName} gibt es keinen offenen Vorschlag. Mit \`/fm runde\` einen neuen erstellen.`,
  unknownRow: (code: string) => `${code} gehört nicht zu dieser Runde.`,
  notAnFm: (id: string, teamName: string) => `fm: „${id}“ ist keine Fallmanager:in in ${teamName}.`,
  unknownAction: (word: string) =>
    `„${word}“ kenne ich bei „runde“ nicht. Möglich: \`/fm runde\`, \`/fm runde neu\`, \`/fm runde aendern FM-… fm=<id>\`, \`/fm runde bestaetigen\`.`,
  changeUsage: 'Bitte so: `/fm runde aendern FM-2026-0001 fm=<person-id>`.',
  changed: (code: string, fmName: string) => `${code} geht jetzt an ${fmName}.`,
  confirmedNote: (assigned: number, skipped: string[]) =>
    `Runde bestätigt: ${assigned} ${assigned === 1 ? 'Fall' : 'Fälle'} zugewiesen. Die Fallmanager:innen und die vormerkenden IFK sind per Direktnachricht informiert.` +
    (skipped.length ? ` Nicht mehr offen und daher übersprungen: ${skipped.join(', ')}.` : ''),
  // Direct messages
  fmDmSummary: (code: string, deadline: string) => `Neuer Fall ${code} – Übernahme bis ${deadline}.`,
  fmDmHeading: (code: string) => `Neuer Fall für dich: ${code}`,
  factClient: 'Kundenreferenz',
  factGroup: 'Gruppe',
  factNeeds: 'Handlungsbedarfe',
  factReferredBy: 'Vorgemerkt von',
  factDeadline: 'Übernahme bis (R4)',
  checklistHeading: 'Checkliste Übergabe',
  checklist: (code: string) => [
    'Mit der IFK Kontakt aufnehmen und das Dreiergespräch (warme Übergabe) mit der Kund:in vereinbaren (R5).',
    'Ziele und Integrationsfortschritte gemeinsam formulieren (R6).',
    'Sicherstellen, dass die Kund:in informiert ist und zustimmt (R8).',
    `Danach: \`/fm uebernahme ${code} datum=TT.MM.JJJJ warm=ja ziele=ja\` (oder \`/fm ablehnen ${code} grund="…"\`).`,
  ],
  ifkDmSummary: (code: string) => `${code}: Die Fallmanager:in steht fest.`,
  ifkDmHeading: (code: string) => `Vormerkung ${code} zugewiesen`,
  ifkDmText: (fm: string, deadline: string) =>
    `${fm} übernimmt und meldet sich bei dir, um das Übergabegespräch mit der Kund:in zu vereinbaren (R5). Übernahme bis ${deadline}.`,
  holidayDmSummary: (teamName: string, date: string) => `Keine automatische Zuweisungsrunde für ${teamName} am ${date}.`,
  holidayDmText: (teamName: string, date: string, holiday: string) =>
    `Der Besprechungstag ${date} von ${teamName} ist ein Feiertag (${holiday}). Die Runde wird an diesem Tag nicht automatisch gepostet; ` +
    'bitte einen anderen Termin wählen und dort `/fm runde` aufrufen.',
  percent: (value: number) => `${Math.round(value * 100)} %`,
  capacity: (value: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(value),
};
