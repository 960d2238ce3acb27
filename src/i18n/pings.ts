/** German texts of the scheduled pings: FM digest, team-lead digest, team duties, supervision sample. */
import type { DueKind } from '../domain/due.js';
import type { DutyKind } from '../domain/vocabulary.js';

const DUE_LABELS: Record<DueKind, string> = {
  intake: 'Übernahmegespräch (Frist)',
  contact: 'Beratungskontakt',
  review: 'Halbjahresprüfung / Kooperationsplan',
  location_talk: 'Standortgespräch nach 24 Monaten',
  duration_end: 'Ende der geplanten Dauer – Verlängerung oder Abgang entscheiden',
  limit_48: 'Höchstdauer 48 Monate erreicht',
  limit_60: 'Höchstdauer 60 Monate erreicht',
  u25_transition: 'Übergang U25 → Ü25 vormerken',
  followup: 'Nachbetreuung: Arbeitsaufnahme prüfen',
};

export const pingTexts = {
  dueLabel: (kind: DueKind, months?: number) =>
    kind === 'followup' && months ? `${DUE_LABELS[kind]} (${months} Monate nach Abgang)` : DUE_LABELS[kind],
  digestHeading: (weekday: string) => `Deine Fälle – ${weekday}`,
  digestHeadingFor: (name: string, weekday: string) => `Vertretung für ${name} (R17) – ${weekday}`,
  digestSummary: (overdue: number, today: number, week: number) =>
    `${overdue} überfällig, ${today} heute, ${week} diese Woche.`,
  groupOverdue: 'Überfällig',
  groupToday: 'Heute',
  groupWeek: 'Diese Woche',
  item: (code: string, client: string, label: string, date: string, rule: string) => `*${code}* · ${client} · ${label} · ${date} (${rule})`,
  done: 'erledigt',
  later: 'später',
  more: (n: number) => `… und ${n} weitere. Alle mit \`/fm meine\`.`,
  leadHeading: (teamName: string, weekday: string) => `Teamleitung ${teamName} – ${weekday}`,
  leadSummary: (teamName: string) => `Tagesüberblick für ${teamName}.`,
  leadIntakeMissed: (codes: string[]) => `Übernahmefrist verpasst (R4): ${codes.length} – ${codes.join(', ')}`,
  leadIntakeAtRisk: (codes: string[]) => `Übernahmefrist in den nächsten 3 Arbeitstagen (R4): ${codes.length} – ${codes.join(', ')}`,
  leadOverdue: (label: string, codes: string[]) => `${label} überfällig: ${codes.length} – ${codes.join(', ')}`,
  leadOverCapacity: (name: string, percent: string) => `${name}: Auslastung ${percent} (über 100 %, R4)`,
  leadContactShare: (met: number, total: number, percent: string) =>
    `Kontaktdichte (R16): ${met} von ${total} Fällen erreichen das Jahresminimum (${percent}, Ziel 90 %).`,
  leadEscalations: (n: number) => `Offene Eskalationen: ${n}`,
  dutyHeading: 'Termin fällig',
  dutyNever: 'noch nie erfasst',
  duty: (kind: DutyKind, subject: string, last: string) => {
    switch (kind) {
      case 'dienstbesprechung':
        return `FM-Dienstbesprechung in ${subject} (mindestens alle 3 Monate, R28; zuletzt: ${last}). Bitte planen und mit \`/fm termin art=dienstbesprechung datum=TT.MM.JJJJ\` erfassen.`;
      case 'austausch':
        return `Geschäftsstellenübergreifender FM-Austausch (mindestens jährlich, R29; zuletzt: ${last}). Erfassen mit \`/fm termin art=austausch datum=…\`.`;
      case 'fm_austausch':
        return `Austausch mit FM U25, FM für Migrant:innen und FM im Familiencoaching für ${subject} (halbjährlich, R31; zuletzt: ${last}). Erfassen mit \`/fm termin art=fm-austausch datum=…\`.`;
      case 'netzwerk':
        return `Netzwerkpartner-Übersicht von ${subject} aktualisieren (R32; zuletzt: ${last}). Erfassen mit \`/fm termin art=netzwerk datum=…\`.`;
      case 'besuch':
        return `Besuch der Kontakt-Fallmanager:in in der Teambesprechung von ${subject} (halbjährlich, R30; zuletzt: ${last}). Termin mit der Teamleitung abstimmen und mit \`/fm besuch team=… datum=…\` erfassen.`;
    }
  },
  supervisionHeading: (teamName: string, month: string) => `Stichprobe ${teamName} – ${month}`,
  supervisionText: (codes: string[]) =>
    `Zufällig gezogene Fälle zur Prüfung von Zugangs- und Abgangsgründen, Betreuung und Dokumentation (R34): ${codes.join(', ')}.`,
  // Button answers
  contactRecorded: (code: string, date: string) => `${code}: Kontakt am ${date} erfasst (R16).`,
  reviewRecorded: (code: string, date: string) => `${code}: Halbjahresprüfung am ${date} erfasst (R20).`,
  snoozed: (code: string, date: string) => `${code}: Erinnerung auf ${date} verschoben.`,
  notYours: 'Das kann nur die zuständige Fallmanager:in, ihre Vertretung oder die Teamleitung.',
  onlyLater: 'Dafür gibt es keinen „erledigt“-Knopf; bitte den passenden Befehl verwenden (siehe /fm hilfe).',
  stale: 'Dieser Eintrag ist nicht mehr aktuell.',
};

const WEEKDAYS = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];

export function weekdayDate(isoWeekday: number, germanDate: string): string {
  return `${WEEKDAYS[isoWeekday - 1]}, ${germanDate}`;
}

export const dutyCommandTexts = {
  terminUsage: 'Bitte so: `/fm termin art=dienstbesprechung|austausch|fm-austausch|netzwerk datum=TT.MM.JJJJ`.',
  besuchUsage: 'Bitte so: `/fm besuch team=<M&I-Team> datum=TT.MM.JJJJ`.',
  badDate: 'datum: Bitte ein Datum als TT.MM.JJJJ angeben.',
  tooFarAhead: 'datum: Bitte höchstens ein Jahr im Voraus erfassen.',
  notAllowedTermin: (kind: string) =>
    kind === 'dienstbesprechung'
      ? 'Dienstbesprechungen erfassen die Geschäftsstellenleitung und die FM-Teamleitungen (R28).'
      : 'Diesen Termin erfassen Mitglieder und Leitungen eines FM-Teams.',
  notAllowedBesuch: (teamName: string) =>
    `Den Besuch bei ${teamName} erfassen die Kontakt-Fallmanager:in, die Leitung dieses Teams oder eine FM-Teamleitung (R30).`,
  unknownMiTeam: (id: string) => `team: Ein M&I-Team „${id}“ gibt es nicht.`,
  recorded: (what: string, date: string) => `${what} am ${date} erfasst. Die nächste Erinnerung richtet sich danach.`,
  kindLabel: (kind: DutyKind) =>
    ({
      dienstbesprechung: 'FM-Dienstbesprechung',
      austausch: 'Geschäftsstellenübergreifender Austausch',
      fm_austausch: 'Austausch mit anderen FM-Teams',
      netzwerk: 'Aktualisierung der Netzwerkpartner-Übersicht',
      besuch: 'Besuch der Kontakt-Fallmanager:in',
    })[kind],
};
