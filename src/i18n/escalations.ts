/**
 * German texts of escalations decided by team leads (R4, R7, R19, R25): /fm eskalieren, the channel message
 * with its thread, the votes, the outcomes, the reminders and /fm verlauf. Channel texts carry case codes
 * only; the client reference and the reason go by direct message.
 */
import type { EscalationKind, EscalationVoteChoice } from '../domain/vocabulary.js';

const KIND_LABELS: Record<EscalationKind, string> = {
  zugang: 'Zugang',
  abgang: 'Abgang (Rückgabe)',
  verlaengerung: 'Verlängerung mit Zustimmung der Teamleitung',
  kapazitaet: 'Kapazität',
};

const KIND_RULES: Record<EscalationKind, string> = { zugang: 'R7', abgang: 'R25', verlaengerung: 'R19', kapazitaet: 'R4' };

const RULE_TEXTS: Record<EscalationKind, string> = {
  zugang: 'Bei klarer Uneinigkeit über den Zugang entscheiden die Teamleitungen des abgebenden und des aufnehmenden Teams gemeinsam (R7).',
  abgang: 'Bei Uneinigkeit zwischen IFK und FM über den Abgang entscheiden die beiden Teamleitungen gemeinsam (R25).',
  verlaengerung: 'Eine dritte Verlängerung oder eine über 48 Monate hinaus (höchstens bis 60 Monate) nur in ganz besonderen Fällen mit Zustimmung der Teamleitung (R19).',
  kapazitaet: 'Die Übernahme soll binnen 14 Arbeitstagen erfolgen; die Teamleitung behält die Kapazität im Blick und entscheidet (R4).',
};

/** "Andreas Wolf" or "Tobias Krüger (Vertretung für Michael Brandt)". */
const voterName = (name: string, forName: string | undefined): string => (forName ? `${name} (Vertretung für ${forName})` : name);
const days = (n: number): string => `${n} ${n === 1 ? 'Arbeitstag' : 'Arbeitstagen'}`;
const cases = (n: number): string => `${n} ${n === 1 ? 'Fall' : 'Fälle'}`;

export const escalationTexts = {
  kindLabel: (kind: EscalationKind) => KIND_LABELS[kind],
  kindRule: (kind: EscalationKind) => KIND_RULES[kind],
  kindWithRule: (kind: EscalationKind) => `${KIND_LABELS[kind]} (${KIND_RULES[kind]})`,
  ruleText: (kind: EscalationKind) => RULE_TEXTS[kind],
  voterName,

  // --- the channel message (case codes only) -----------------------------------------------------------
  parentHeading: (code: string, kind: EscalationKind) => `Eskalation ${code}: ${KIND_LABELS[kind]} (${KIND_RULES[kind]})`,
  parentSummary: (code: string, kind: EscalationKind, status: string) => `Eskalation ${code}: ${KIND_LABELS[kind]} – ${status}`,
  factNumber: 'Nummer',
  factCase: 'Fall',
  factCases: 'Fälle',
  factRound: 'Zuweisungsrunde',
  factKind: 'Art',
  factRaisedBy: 'Ausgelöst von',
  factRaisedAt: 'Ausgelöst am',
  factRule: 'Regel',
  factDeciders: 'Entscheiden',
  factStatus: 'Status',
  factNewEnd: 'Neues geplantes Ende',
  factExitReason: 'Geplanter Abgangsgrund (R22)',
  raisedBySystem: 'FM-Lotse (automatisch)',
  seat: (teamName: string, leads: string[]) => `Teamleitung ${teamName} (${leads.length ? leads.join(', ') : 'nicht eingetragen'})`,
  leadAbsent: (name: string, deputy: string | undefined) =>
    deputy ? `${name}, abwesend – vertreten durch ${deputy}` : `${name}, abwesend`,
  deciders: (seats: string[]) => (seats.length > 1 ? `${seats.join(' und ')} gemeinsam` : (seats[0] ?? '—')),
  statusOpen: (approvals: number, needed: number) =>
    needed > 1 ? `offen – ${approvals} von ${needed} Zustimmungen` : 'offen',
  statusApproved: (at: string) => `✅ zugestimmt am ${at}`,
  statusRejected: (at: string) => `❌ abgelehnt am ${at}`,
  votesHeading: 'Entscheidungen',
  votePending: (teamName: string) => `${teamName}: ausstehend`,
  voteCast: (teamName: string, vote: EscalationVoteChoice, voter: string, at: string) =>
    `${teamName}: ${vote === 'approve' ? '✅ zugestimmt' : '❌ abgelehnt'} von ${voter} am ${at}`,
  meaning: (kind: EscalationKind, newEnd?: string) => {
    switch (kind) {
      case 'zugang':
        return '„Zustimmen“: Der Zugang wird gewährt, die Vormerkung geht in die nächste Zuweisungsrunde. „Ablehnen“: Die Ablehnung durch das FM bleibt bestehen.';
      case 'abgang':
        return '„Zustimmen“: Der Abgang (Rückgabe an die IFK) findet statt. „Ablehnen“: Der Fall bleibt im Fallmanagement.';
      case 'verlaengerung':
        return `„Zustimmen“: Das geplante Ende verschiebt sich${newEnd ? ` auf den ${newEnd}` : ''}. „Ablehnen“: Die Verlängerung findet nicht statt.`;
      case 'kapazitaet':
        return '„Zustimmen“: Die Fälle werden wie vorgeschlagen über die Kapazität hinaus zugewiesen. „Ablehnen“: spätere Übernahme – die Übernahmefrist verschiebt sich, mit Begründung.';
    }
  },
  howToDecide:
    'Die Begründung haben die Entscheidenden per Direktnachricht. Entscheiden mit den Knöpfen oder als Antwort in diesem Thread: „zustimmen“ oder „ablehnen <Begründung>“.',
  approve: 'Zustimmen',
  reject: 'Ablehnen',
  numberLine: (id: number) => `Eskalation Nr. ${id} – alle offenen: \`/fm eskalationen\`.`,
  /** Item 6: the typed way to decide, with the escalation's number (console, or anywhere without buttons). */
  typedCommands: (id: number) =>
    `Getippt (z. B. in der Konsole): \`/fm eskalation-zustimmen ${id}\` oder \`/fm eskalation-ablehnen ${id} kommentar="…"\`. Alle offenen: \`/fm eskalationen\`.`,

  // --- thread replies (case codes only) ----------------------------------------------------------------
  threadRaised: (mentions: string[]) =>
    `Zur Entscheidung: ${mentions.length ? mentions.join(', ') : 'keine Teamleitung eingetragen – bitte die Administration ansprechen'}. ` +
    'Bei Abwesenheit entscheidet die eingetragene Vertretung.',
  threadWithdrawn: (code: string) => `Der Fall ${code} ist beendet; diese Eskalation ist damit gegenstandslos und geschlossen.`,
  threadVote: (vote: EscalationVoteChoice, voter: string) =>
    vote === 'approve' ? `✅ ${voter} stimmt zu.` : `❌ ${voter} lehnt ab. Die Begründung geht per Direktnachricht an die Beteiligten.`,
  outcome: (kind: EscalationKind, approved: boolean, detail: { newEnd?: string; count?: number; deadline?: string } = {}) => {
    switch (kind) {
      case 'zugang':
        return approved
          ? 'Entschieden: Zugang gewährt (R7). Die Vormerkung geht in die nächste Zuweisungsrunde.'
          : 'Entschieden: abgelehnt (R7). Die Vormerkung bleibt abgelehnt.';
      case 'abgang':
        return approved
          ? 'Entschieden: Der Abgang findet statt, der Fall ist beendet (R25). Bitte das Rückgabegespräch vereinbaren (R26).'
          : 'Entschieden: Der Fall bleibt im Fallmanagement (R25).';
      case 'verlaengerung':
        return approved
          ? `Entschieden: verlängert bis ${detail.newEnd ?? '—'}, mit Zustimmung der Teamleitung (R19).`
          : 'Entschieden: Die beantragte Verlängerung ist abgelehnt (R19).';
      case 'kapazitaet':
        return approved
          ? `Entschieden: über die Kapazität hinaus zugewiesen – ${cases(detail.count ?? 0)} (R4).`
          : `Entschieden: spätere Übernahme – die Übernahmefrist ist ${detail.deadline ? `bis ${detail.deadline} ` : ''}verschoben (R4).`;
    }
  },

  capacityReason: (teamName: string, count: number) =>
    `${cases(count)} der Zuweisungsrunde von ${teamName} ${count === 1 ? 'passt' : 'passen'} nicht in die Kapazität der Fallmanager:innen.`,

  // --- direct messages (may carry the client reference and the reason) --------------------------------
  deciderSummary: (code: string, kind: EscalationKind) => `Eskalation ${code} (${KIND_LABELS[kind]}): deine Entscheidung ist gefragt`,
  deciderHeading: (code: string) => `Eskalation ${code} – zur Entscheidung`,
  factClient: 'Kundenreferenz',
  factReason: 'Begründung',
  factRecommendation: 'Empfehlung (R24)',
  factMonths: 'Verlängerung um',
  monthsValue: (n: number) => `${n} ${n === 1 ? 'Monat' : 'Monate'}`,
  deciderText: (teamName: string) =>
    `Bitte im Kanal von ${teamName} im Thread der Eskalation entscheiden: mit den Knöpfen oder mit der Antwort „zustimmen“ oder „ablehnen <Begründung>“.`,
  deputyNote: (leadName: string) => `Du bist als Vertretung für ${leadName} gefragt, solange sie oder er abwesend ist.`,
  outcomeSummary: (code: string, kind: EscalationKind, approved: boolean) =>
    `Eskalation ${code} (${KIND_LABELS[kind]}) entschieden: ${approved ? 'zugestimmt' : 'abgelehnt'}`,
  outcomeComment: (comment: string) => `Begründung der Teamleitung: „${comment}“`,
  outcomeClient: (code: string, client: string) => `Fall ${code}, Kundenreferenz ${client}.`,

  // --- reminders (jobs) ---------------------------------------------------------------------------------
  reminderSummary: (code: string) => `Erinnerung: Eskalation ${code} wartet auf deine Entscheidung`,
  reminderText: (code: string, kind: EscalationKind, since: string, workingDays: number, teamName: string) =>
    `Die Eskalation ${code} (${KIND_LABELS[kind]}, ${KIND_RULES[kind]}) ist seit dem ${since} offen – seit ${days(workingDays)}. ` +
    `Bitte im Kanal von ${teamName} im Thread entscheiden.`,
  officeSummary: (code: string, workingDays: number) => `Eskalation ${code} seit ${days(workingDays)} unentschieden`,
  officeText: (code: string, kind: EscalationKind, teamName: string, since: string, workingDays: number, missing: string[]) =>
    `Die Eskalation ${code} (${KIND_LABELS[kind]}, ${KIND_RULES[kind]}) im Kanal von ${teamName} ist seit dem ${since} offen – ` +
    `seit ${days(workingDays)}. Es fehlt noch die Entscheidung von: ${missing.join(', ') || '—'}.`,

  // --- refusals -----------------------------------------------------------------------------------------
  unknown: (id: string) => `Die Eskalation ${id} gibt es nicht.`,
  alreadyDecided: (code: string, status: string) => `Die Eskalation ${code} ist bereits entschieden (${status}); es hat sich nichts geändert.`,
  alreadyVoted: (code: string, vote: EscalationVoteChoice, at: string) =>
    `Du hast zur Eskalation ${code} bereits ${vote === 'approve' ? 'zugestimmt' : 'abgelehnt'} (am ${at}); es hat sich nichts geändert.`,
  seatTaken: (teamName: string, voter: string) => `Für ${teamName} hat ${voter} bereits entschieden; es hat sich nichts geändert.`,
  notDecider: (code: string, deciders: string) =>
    `Die Eskalation ${code} entscheiden nur ${deciders} – bei Abwesenheit ihre eingetragene Vertretung. Es hat sich nichts geändert.`,
  raiserAlone: (code: string) =>
    `Du hast die Eskalation ${code} ausgelöst und kannst sie nicht allein entscheiden. Es entscheidet eine andere Teamleitung des Teams oder deine Vertretung.`,
  commentRequired:
    'kommentar: Bitte begründen, warum du ablehnst. Die Begründung geht per Direktnachricht an die Beteiligten, nicht in den Kanal.',
  commentTooLong: (length: number, max: number) =>
    `kommentar: Bitte kürzer fassen (${length} Zeichen, höchstens ${max}). Einzelheiten über die Person gehören in VerBIS, nicht in den Chat.`,
  idFormat: 'eskalation: Bitte die Nummer der Eskalation angeben, z. B. `eskalation=3`.',
  changedMeanwhile: (code: string) => `Der Fall ${code} wurde inzwischen anders bearbeitet; die Entscheidung lässt sich so nicht mehr umsetzen. Es hat sich nichts geändert.`,
  extensionGone: (code: string) => `Der Antrag auf Verlängerung von ${code} ist nicht mehr offen. Es hat sich nichts geändert.`,
  extensionImpossible: (code: string) =>
    `Die Verlängerung von ${code} ginge über 60 Monate oder über die erlaubte Zahl der Verlängerungen hinaus (R19). Bitte ablehnen. Es hat sich nichts geändert.`,

  // --- notes to the person who voted --------------------------------------------------------------------
  votedNote: (code: string, missing: string[]) =>
    `Deine Zustimmung zur Eskalation ${code} ist gespeichert. Es fehlt noch: ${missing.join(', ')}.`,
  decidedNote: (code: string, outcome: string) => `Eskalation ${code}: ${outcome} Die Beteiligten bekommen eine Direktnachricht.`,

  // --- /fm eskalieren ---------------------------------------------------------------------------------
  kindMissing: 'art: Bitte die Art angeben: `art=zugang` (Uneinigkeit über den Zugang, R7) oder `art=abgang` (über einen Abgang, R25).',
  kindAuto: (kind: EscalationKind) =>
    kind === 'verlaengerung'
      ? 'art: Eine Verlängerung, die Zustimmung braucht (dritte oder über 48 Monate), kommt mit `/fm verlaengern` von selbst zur Teamleitung (R19).'
      : 'art: Reicht die Kapazität nicht, legt die Zuweisungsrunde die Eskalation von selbst an (R4).',
  reasonMissing:
    'grund: Bitte kurz begründen, worin die Uneinigkeit besteht, z. B. grund="Zugangskriterien aus meiner Sicht erfüllt". Die Begründung geht nur per Direktnachricht an die Teamleitungen.',
  exitReasonMissing: (allowed: string[]) => `abgangsgrund: Bitte den geplanten Abgangsgrund angeben. Möglich sind: ${allowed.join(', ')}. (R22)`,
  exitReasonUnknown: (value: string, allowed: string[]) =>
    `abgangsgrund: „${value}“ ist kein Abgangsgrund. Möglich sind: ${allowed.join(', ')}. (R22)`,
  exitMissedAppointmentsOnly:
    'abgangsgrund: Allein versäumte Termine rechtfertigen keine Rückgabe an die Integrationsfachkraft (R23). ' +
    'Liegt dauerhaft fehlende Mitwirkung vor, ist der Grund `keine-mitwirkung`.',
  exitKeysOnlyForExit: 'abgangsgrund, empfehlung: Diese Angaben gibt es nur bei `art=abgang`.',
  notInvolved: (code: string) =>
    `Eine Eskalation zu ${code} können nur die vormerkende Fachkraft, die zuständige Fachkraft und die Teamleitungen der beiden beteiligten Teams auslösen.`,
  zugangStatus: (code: string, status: string) =>
    `Über den Zugang (R7) wird eskaliert, wenn das FM eine Vormerkung abgelehnt hat. ${code} ist ${status}.`,
  abgangStatus: (code: string, status: string) =>
    `Über einen geplanten Abgang (R25) wird eskaliert, solange der Fall aktiv ist. ${code} ist ${status}.`,
  openExists: (code: string, kind: EscalationKind, since: string) =>
    `Zu ${code} ist schon eine Eskalation „${KIND_LABELS[kind]}“ offen (seit ${since}). Die Teamleitungen entscheiden im Thread im Kanal.`,
  otherOpenCase: (code: string, other: string) =>
    `Für die Kundenreferenz von ${code} gibt es inzwischen einen anderen offenen Fall (${other}). Eine Eskalation über den Zugang ist deshalb nicht mehr möglich.`,
  savedHeading: 'Eskalation ausgelöst',
  savedSummary: (code: string, kind: EscalationKind) => `Eskalation ${code} (${KIND_LABELS[kind]}) ausgelöst.`,
  savedText: (teamName: string, deciders: string) =>
    `Die Eskalation erscheint im Kanal von ${teamName} – ohne Kundenreferenz und ohne Begründung. Es entscheiden ${deciders}; ` +
    'sie bekommen die Begründung per Direktnachricht. Du bekommst das Ergebnis per Direktnachricht.',
  formTitle: 'Eskalieren',
  formSubmit: 'Eskalieren',
  formWhat: 'eskalieren',
  fieldArt: 'Worüber besteht Uneinigkeit?',
  optionZugang: 'Zugang – FM hat die Vormerkung abgelehnt (R7)',
  optionAbgang: 'Abgang – geplante Rückgabe an die IFK (R25)',
  fieldGrund: 'Begründung (nur für die Teamleitungen)',
  hintGrund: 'Höchstens 300 Zeichen, keine Einzelheiten über die Person. Geht per Direktnachricht, nicht in den Kanal.',
  fieldAbgangsgrund: 'Geplanter Abgangsgrund (nur bei Abgang, R22)',
  fieldEmpfehlung: 'Empfohlene Alternativen (bei „kein Potenzial“ Pflicht, R24)',
  optionCase: (code: string, client: string, status: string) => `${code} · ${client} · ${status}`,
  noCasesForForm: 'Du hast zurzeit keine abgelehnten Vormerkungen oder aktiven Fälle, zu denen du eskalieren kannst.',

  // --- eskalation-ablehnen / eskalation-zustimmen --------------------------------------------------------
  rejectFormTitle: 'Eskalation ablehnen',
  rejectFormSubmit: 'Ablehnen',
  fieldEscalation: 'Eskalation',
  fieldKommentar: 'Begründung der Ablehnung',
  hintKommentar: 'Geht per Direktnachricht an die Beteiligten, nicht in den Kanal. Höchstens 300 Zeichen.',
  escalationOption: (code: string, kind: EscalationKind) => `${code} · ${KIND_LABELS[kind]} (${KIND_RULES[kind]})`,

  // --- /fm verlauf ------------------------------------------------------------------------------------
  historyNotAllowed: (code: string) =>
    `Den Verlauf von ${code} sehen nur die Teamleitungen der beteiligten Teams und die beteiligten Fachkräfte.`,
  historyHeading: (code: string) => `Verlauf ${code}`,
  historyFormTitle: 'Verlauf eines Falls',
  historyFormSubmit: 'Anzeigen',
  historyNoCases: 'Du bist an keinem Fall beteiligt, dessen Verlauf du sehen kannst.',
  historySummary: (code: string, entries: number) => `Verlauf ${code}: ${entries} ${entries === 1 ? 'Eintrag' : 'Einträge'}`,
  historyStatus: 'Status',
  historyEmpty: 'Noch keine Einträge.',
  historyLine: (at: string, who: string, what: string) => `${at} · ${who} · ${what}`,
  historySystem: 'FM-Lotse',
  historyRaised: (kind: EscalationKind) => `Eskalation ${KIND_LABELS[kind]} (${KIND_RULES[kind]}) ausgelöst`,
  historyVote: (kind: EscalationKind, vote: EscalationVoteChoice) =>
    `Eskalation ${KIND_LABELS[kind]} (${KIND_RULES[kind]}): ${vote === 'approve' ? 'zugestimmt' : 'abgelehnt'}`,
  historyDeputy: (leadName: string) => ` (Vertretung für ${leadName})`,
  historyComment: (comment: string) => ` – „${comment}“`,
  historyDecided: (kind: EscalationKind, approved: boolean) =>
    `Eskalation ${KIND_LABELS[kind]} (${KIND_RULES[kind]}) entschieden: ${approved ? 'zugestimmt' : 'abgelehnt'}`,
  historyReminded: (kind: EscalationKind, people: number) =>
    `Eskalation ${KIND_LABELS[kind]} (${KIND_RULES[kind]}): Erinnerung an ${people} ${people === 1 ? 'Person' : 'Personen'}`,
  historyOffice: (kind: EscalationKind) => `Eskalation ${KIND_LABELS[kind]} (${KIND_RULES[kind]}): Geschäftsstellenleitung informiert`,
  actionLabels: {
    'referral.created': 'vorgemerkt',
    'transfer.flagged': 'Übergang in das Ü25-FM vorgemerkt (R10)',
    'case.assigned': 'zugewiesen',
    'case.declined': 'Vormerkung abgelehnt (R12)',
    'case.intake': 'Übernahme erfasst',
    'case.ended': 'beendet (Übergang, R10)',
    'case.exit': 'Abgang erfasst (R22)',
    'case.contact': 'Kontakt erfasst',
    'case.measure': 'Maßnahme geändert',
    'case.report': 'Gutachten geändert',
    'case.review': 'Sechsmonatsprüfung (R20)',
    'case.location_talk': 'Standortgespräch (R21)',
    'case.extension.requested': 'Verlängerung beantragt (R19)',
    'case.extension.granted': 'verlängert (R19)',
    'case.extension.rejected': 'Verlängerung abgelehnt (R19)',
    'case.extension.withdrawn': 'Verlängerungsantrag entfallen, Fall beendet (R19)',
    'case.followup': 'Nachhalten erfasst (R27)',
    'recheck.sent': 'erneute Prüfung angestoßen (R12)',
    'recheck.again': 'erneute Prüfung: neue Vormerkung angeregt (R12)',
    'recheck.no_need': 'erneute Prüfung: kein Bedarf (R12)',
    'supervision.reviewed': 'Stichprobe geprüft (R34)',
    'case.access.granted': 'Zugang gewährt (R7)',
    'case.access.refused': 'Ablehnung bleibt bestehen (R7)',
    'case.intake.deferred': 'Übernahmefrist verschoben (R4)',
    'due.snoozed': 'Fälligkeit zurückgestellt',
    'escalation.raised': 'Eskalation ausgelöst',
    'escalation.vote': 'Eskalation',
    'escalation.decided': 'Eskalation',
    'escalation.reminded': 'Eskalation',
    'escalation.office': 'Eskalation',
    'escalation.withdrawn': 'Eskalation erledigt, Fall beendet',
  } as Record<string, string>,
};
