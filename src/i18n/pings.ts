/** German texts of the scheduled pings: FM digest, team-lead digest, team duties, supervision sample. */
import type { DueKind, TransitionStage } from '../domain/due.js';
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
  behindHeading: 'Mindestkontakte (R16)',
  behind: (met: number, total: number, percent: string, codes: string[]) =>
    `${met} von ${total} deiner aktiven Fälle haben in den letzten 12 Monaten genug qualifizierte Kontakte (${percent}, Ziel 90 %). ` +
    `Unter dem Jahresminimum: ${codes.join(', ')}.`,
  done: 'erledigt',
  later: 'später',
  more: (n: number) => `… und ${n} weitere. Alle mit \`/fm meine\`.`,
  /** R27: a follow-up's window, after its label. */
  windowUntil: (date: string) => `, Ergebnis bis ${date} erfassen`,
  // R10: the weekly reminder of the U25 → Ü25 transfer (direct message, may name the client reference)
  transitionHeading: 'Übergang U25 → Ü25 vormerken (R10)',
  transitionHeadingFor: (name: string) => `Vertretung für ${name} (R17): Übergang U25 → Ü25 vormerken (R10)`,
  monthYear: (date: string) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`,
  transitionSummary: (code: string, stage: Exclude<TransitionStage, 'upcoming'>) =>
    stage === 'due'
      ? `${code}: Übergang in das Ü25-FM vormerken (R10).`
      : stage === 'late'
        ? `${code}: Übergang in das Ü25-FM ist verspätet (R10).`
        : `${code}: Übergang in das Ü25-FM ist überfällig (R10).`,
  transitionText: (code: string, client: string, month: string, flagBy: string, stage: Exclude<TransitionStage, 'upcoming'>) =>
    `*${code}* · ${client} · 25. Geburtstag im ${month}. ` +
    (stage === 'due'
      ? `Bitte spätestens am ${flagBy} mit \`/fm uebergang ${code}\` in die Ü25-Runde vormerken, damit das Ü25-FM drei Monate Zeit hat (R10).`
      : stage === 'late'
        ? `Die Frist (${flagBy}) ist verstrichen – bitte jetzt mit \`/fm uebergang ${code}\` vormerken; die Teamleitung U25 sieht den Fall in ihrem Tagesüberblick (R10).`
        : `Der Monat des 25. Geburtstags ist vorbei und der Übergang noch nicht vorgemerkt – bitte sofort mit \`/fm uebergang ${code}\` nachholen (R10).`),
  transitionWeekly: 'Diese Erinnerung kommt jede Woche, bis der Übergang vorgemerkt ist.',
  transitionButton: 'Übergang vormerken',
  leadHeading: (teamName: string, weekday: string) => `Teamleitung ${teamName} – ${weekday}`,
  leadSummary: (teamName: string) => `Tagesüberblick für ${teamName}.`,
  leadIntakeMissed: (codes: string[]) => `Übernahmefrist verpasst (R4): ${codes.length} – ${codes.join(', ')}`,
  leadIntakeAtRisk: (codes: string[]) => `Übernahmefrist in den nächsten 3 Arbeitstagen (R4): ${codes.length} – ${codes.join(', ')}`,
  leadOverdue: (label: string, codes: string[]) => `${label} überfällig: ${codes.length} – ${codes.join(', ')}`,
  leadOverCapacity: (name: string, percent: string) => `${name}: Auslastung ${percent} (über 100 %, R4)`,
  leadContactShare: (met: number, total: number, percent: string) =>
    `Kontaktdichte (R16): ${met} von ${total} Fällen erreichen das Jahresminimum (${percent}, Ziel 90 %).`,
  leadEscalations: (n: number) => `Offene Eskalationen: ${n}`,
  leadTransitionLate: (codes: string[]) =>
    `Übergang U25 → Ü25 nicht drei Monate vorher vorgemerkt (R10): ${codes.length} – ${codes.join(', ')}`,
  leadTransitionOverdue: (codes: string[]) =>
    `Übergang U25 → Ü25 überfällig, 25. Geburtstagsmonat vorbei (R10): ${codes.length} – ${codes.join(', ')}`,
  /** `items` as leadFollowupItem gives them. */
  leadFollowupsMissed: (items: string[]) => `Nachhalten verpasst (R27): ${items.length} – ${items.join(', ')}`,
  leadFollowupItem: (code: string, months: number) => `${code} (${months} Monate)`,
  dutyHeading: 'Termin fällig',
  dutyNever: 'noch nie erfasst',
  duty: (kind: DutyKind, subject: string, last: string, partner?: { id: string; name: string }) => {
    switch (kind) {
      case 'dienstbesprechung':
        return `FM-Dienstbesprechung in ${subject} (mindestens alle 3 Monate, R28; zuletzt: ${last}). Bitte planen und mit \`/fm termin art=dienstbesprechung datum=TT.MM.JJJJ\` erfassen.`;
      case 'austausch':
        return `Geschäftsstellenübergreifender FM-Austausch (mindestens jährlich, R29; zuletzt: ${last}). Erfassen mit \`/fm termin art=austausch datum=…\`.`;
      case 'fm_austausch':
        return `Austausch von ${subject} mit ${partner?.name ?? 'den anderen FM-Teams'} (halbjährlich, R31; zuletzt: ${last}). Erfassen mit \`/fm termin art=fm-austausch partner=${partner?.id ?? '…'} datum=…\`; das zählt für beide Teams.`;
      case 'netzwerk':
        return `Netzwerkpartner-Übersicht von ${subject} aktualisieren (R32; zuletzt: ${last}). Erfassen mit \`/fm termin art=netzwerk datum=…\`.`;
      case 'besuch':
        return `Besuch der Kontakt-Fallmanager:in in der Teambesprechung von ${subject} (halbjährlich, R30; zuletzt: ${last}). Termin mit der Teamleitung abstimmen und mit \`/fm besuch team=… datum=…\` erfassen.`;
    }
  },
  dutyDueToday: 'Heute fällig.',
  dutyOverdue: (dueOn: string, days: number, repeatDays: number) =>
    `Überfällig seit ${dueOn} (${days} ${days === 1 ? 'Tag' : 'Tage'}). Diese Erinnerung kommt alle ${repeatDays} Tage wieder, bis der Termin erfasst ist.`,
  dutyPlanned: (date: string) => `Geplant am ${date}; er zählt, sobald bestätigt ist, dass er stattgefunden hat.`,
  dutyUnconfirmed: (date: string, nr: number) =>
    `Geplant war der ${date}, aber noch nicht bestätigt: \`/fm termin bestaetigen nr=${nr}\` (oder \`/fm termin absagen nr=${nr}\`).`,
  dutyGapHeading: 'Lücke: Kontakt-Fallmanager:in fehlt',
  dutyContactGap: (teamName: string) =>
    `${teamName} hat keine Kontakt-Fallmanager:in (R30): niemand aus dem Fallmanagement besucht halbjährlich die Teambesprechung. ` +
    'In der Organisationsdatei `contactFm` eintragen – oder `sharesFmMeeting: true`, wenn das Team an der Besprechung des FM-Teams teilnimmt.',
  dutyPair: (a: string, b: string) => `${a} und ${b}`,
  dutyPlanHeading: 'Teamtermin steht an',
  dutyPlanReminder: (what: string, subject: string, date: string) => `${what} (${subject}) ist für ${date} geplant.`,
  dutyConfirmHeading: 'Hat der Termin stattgefunden?',
  dutyConfirmAsk: (what: string, subject: string, rule: string, date: string, nr: number) =>
    `${what} (${subject}, ${rule}) war für ${date} geplant. Bitte bestätigen, dass er stattgefunden hat – erst dann zählt er für die nächste Erinnerung. ` +
    `Ohne Knopf: \`/fm termin bestaetigen nr=${nr}\` oder \`/fm termin absagen nr=${nr}\`.`,
  dutyHeldButton: 'hat stattgefunden',
  dutyCancelledButton: 'hat nicht stattgefunden',
  // Button answers
  reviewRecorded: (code: string, date: string) => `${code}: Halbjahresprüfung am ${date} erfasst (R20).`,
  snoozed: (code: string, date: string) => `${code}: Erinnerung auf ${date} verschoben.`,
  notYours: 'Das kann nur die zuständige Fallmanager:in, ihre Vertretung oder die Teamleitung.',
  onlyLater: 'Dafür gibt es keinen „erledigt“-Knopf; bitte den passenden Befehl verwenden (siehe /fm hilfe).',
  stale: 'Dieser Eintrag ist nicht mehr aktuell.',
};

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

const WEEKDAYS = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];

export function weekdayDate(isoWeekday: number, germanDate: string): string {
  return `${WEEKDAYS[isoWeekday - 1]}, ${germanDate}`;
}

export const dutyCommandTexts = {
  terminUsage:
    'Bitte so: `/fm termin art=dienstbesprechung|austausch|fm-austausch|netzwerk datum=TT.MM.JJJJ` (bei fm-austausch mit `partner=<FM-Team>`), ' +
    'oder `/fm termin bestaetigen nr=…` / `/fm termin absagen nr=…` für einen geplanten Termin.',
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
  planned: (what: string, date: string, nr: number) =>
    `${what} am ${date} als geplant erfasst (Nr. ${nr}). Am Arbeitstag davor werden die Beteiligten erinnert; danach bitte bestätigen, ` +
    `dass er stattgefunden hat (\`/fm termin bestaetigen nr=${nr}\`) – erst dann zählt er.`,
  confirmed: (what: string, date: string) => `${what} am ${date}: als stattgefunden bestätigt. Die nächste Erinnerung richtet sich danach.`,
  calledOff: (what: string, date: string) =>
    `${what} am ${date}: abgesagt. Die Erinnerungen laufen weiter, bis ein stattgefundener Termin erfasst ist.`,
  badNr: 'nr: Bitte die Nummer des geplanten Termins angeben, z. B. `nr=12`.',
  unknownPlan: (nr: string) => `nr: Einen geplanten Termin Nr. ${nr} gibt es nicht.`,
  alreadySettled: (nr: number, held: boolean) => `Termin Nr. ${nr} ist schon ${held ? 'als stattgefunden bestätigt' : 'abgesagt'}.`,
  notYet: (date: string) => `Der Termin am ${date} liegt noch in der Zukunft; bestätigen geht ab diesem Tag (absagen jederzeit).`,
  notAllowedSettle:
    'Bestätigen oder absagen können die Person, die den Termin erfasst hat, die Beteiligten, die erinnert werden, und wer ihn erfassen darf.',
  unknownWord: (word: string) => `„${word}“ kenne ich bei \`/fm termin\` nicht; möglich sind \`bestaetigen\` und \`absagen\`.`,
  nrNeedsWord: 'nr: nur mit `/fm termin bestaetigen nr=…` oder `/fm termin absagen nr=…`.',
  onlyNr: (key: string) => `${key}: Beim Bestätigen oder Absagen nur \`nr=\` angeben.`,
  partnerRequired: (ids: string[]) => `partner: Bitte das andere FM-Team nennen (R31), möglich: ${ids.join(', ')}.`,
  unknownPartner: (id: string, ids: string[]) =>
    `partner: „${id}“ ist kein Austauschpartner dieses FM-Teams (R31); möglich: ${ids.length ? ids.join(', ') : '–'}.`,
  partnerOnlyFmAustausch: 'partner: nur bei `art=fm-austausch` (R31).',
  noPartners: 'Für dieses FM-Team ist in der Organisationsdatei kein Austausch mit anderen FM-Teams vorgesehen (R31, `fmExchangePartners`).',
  kindLabel: (kind: DutyKind) =>
    ({
      dienstbesprechung: 'FM-Dienstbesprechung',
      austausch: 'Geschäftsstellenübergreifender Austausch',
      fm_austausch: 'Austausch mit anderen FM-Teams',
      netzwerk: 'Aktualisierung der Netzwerkpartner-Übersicht',
      besuch: 'Besuch der Kontakt-Fallmanager:in',
    })[kind],
};

/** Problems with the duty settings of the organisation file (`fm-lotse org check`, R30, R31). */
export const dutyOrgTexts = {
  sharesFmMeetingOnlyMi: 'gibt es nur bei M&I-Teams: ob das Team an der Besprechung des FM-Teams teilnimmt (R30)',
  partnersOnlyFm: 'Austauschpartner (R31) gibt es nur bei FM-Teams; dieses Team ist ein M&I-Team',
  partnerSelf: 'ein FM-Team ist nicht sein eigener Austauschpartner (R31)',
  partnerNotFm: (id: string) => `„${id}“ ist kein FM-Team; Austauschpartner (R31) sind andere FM-Teams`,
};
