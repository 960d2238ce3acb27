/** German texts of the team lead's daily overview (07:45): what is new first, the rest as counts. */

export const leadDigestTexts = {
  officeHeading: (officeName: string, weekday: string) => `Geschäftsstellenleitung ${officeName} – ${weekday}`,
  newHeading: 'Neu oder geändert seit dem letzten Überblick',
  standingHeading: 'Weiterhin offen',
  standingLine: (parts: string[]) => `${parts.join(' · ')}. Einzeln mit \`/fm team\`.`,
  standingCount: (label: string, n: number) => `${label}: ${n}`,
  resolved: (n: number) => (n === 1 ? 'Seit dem letzten Überblick erledigt: 1 Punkt.' : `Seit dem letzten Überblick erledigt: ${n} Punkte.`),
  weekStart: 'Wochenbeginn: der Stand aller offenen Punkte.',
  teamOpenHeading: 'Offene Punkte (wie im Tagesüberblick)',
  teamNothingOpen: 'Keine offenen Punkte.',
  // Labels of the standing counts, one per kind of finding.
  labels: {
    'intake-missed': 'Übernahmefrist verpasst (R4)',
    'intake-at-risk': 'Übernahmefrist in 3 Arbeitstagen (R4)',
    'overdue-contact': 'Beratungskontakt überfällig',
    'overdue-review': 'Halbjahresprüfung überfällig (R20)',
    'past-end': 'Geplantes Ende überschritten (R18/R19)',
    'limit-60': '60 Monate erreicht (R19)',
    'over-capacity': 'Über 100 % ausgelastet (R4)',
    'under-floor': 'Unter dem Betreuungsschlüssel im Jahresmittel (R14)',
    'fm-share': 'Fachkräfte unter 90 % Mindestkontakte (R16)',
    'team-share': 'Team unter 90 % Mindestkontakte (R16)',
    escalations: 'Offene Eskalationen',
    duty: 'Teamtermine fällig (R28–R32)',
    sample: 'Stichprobe noch nicht geprüft (R34)',
    'transition-late': 'Übergang U25 → Ü25 nicht rechtzeitig vorgemerkt (R10)',
    'transition-overdue': 'Übergang U25 → Ü25 überfällig (R10)',
    'followup-missed': 'Nachhalten verpasst (R27)',
    'return-pending': 'Rückgabe geplant, Rückgabegespräch offen (R26)',
  },
  pastEnd: (codes: string[]) =>
    `Geplantes Ende überschritten, ohne Verlängerung oder Abgang (R18/R19): ${codes.length} – ${codes.join(', ')}`,
  limit60: (codes: string[]) =>
    `60 Monate im FM erreicht – eine Verlängerung ist nicht mehr möglich, bitte Abgang planen (R19): ${codes.length} – ${codes.join(', ')}`,
  underFloor: (name: string, average: number, capacity: number) =>
    `${name}: im Mittel der letzten 12 Monate ${average} Fälle, Untergrenze ${capacity} (Betreuungsschlüssel × Stellenanteil, R14).`,
  duty: (label: string, subject: string, dueOn: string, rule: string) => `${label} ${subject}: fällig seit ${dueOn} (${rule})`,
  dutyLabels: {
    dienstbesprechung: 'FM-Dienstbesprechung',
    austausch: 'Austausch der Geschäftsstellen',
    fm_austausch: 'Austausch der FM-Teams',
    netzwerk: 'Netzwerkpartner-Übersicht',
    besuch: 'Besuch der Kontakt-Fallmanager:in bei',
    kontakt_fehlt: 'Keine Kontakt-Fallmanager:in für',
  },
  sample: (codes: string[]) =>
    `Stichprobe noch nicht geprüft (R34): ${codes.length} – ${codes.join(', ')}. Erfassen mit \`/fm stichprobe FM-… geprueft\`.`,
  fmShare: (name: string, met: number, total: number, percent: string) =>
    `${name}: ${met} von ${total} Fällen erreichen das Jahresminimum an Kontakten (${percent}, Ziel 90 %, R16).`,
} as const;

export type LeadFindingKind = keyof typeof leadDigestTexts.labels;
