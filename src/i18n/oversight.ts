/**
 * German texts of what leads see across teams (issue #11, item 6): `/fm eskalationen`, the office lead's view
 * of `/fm vormerkungen`. Private replies; the office lead is not involved with the clients, so case codes only.
 */
import type { EscalationKind } from '../domain/vocabulary.js';
import { returnAuditLabels } from './returns.js';

export const oversightTexts = {
  /** In place of the client reference where the office lead only oversees. */
  noClientRef: 'Kundenreferenz nur für Beteiligte',

  // --- /fm eskalationen --------------------------------------------------------------------------------------
  heading: 'Offene Eskalationen',
  summary: (n: number) => `Offene Eskalationen: ${n}`,
  none: 'Keine offenen Eskalationen, die du entscheiden kannst.',
  decideHeading: 'Zu deiner Entscheidung',
  overseeHeading: 'In deiner Geschäftsstelle (zur Einsicht)',
  line: (id: number, kind: string, codes: string[], teamName: string, since: string, status: string) =>
    `Nr. ${id} · ${kind} · ${codes.join(', ')} · ${teamName} · seit ${since} · ${status}`,
  deputyFor: (name: string) => ` · als Vertretung für ${name}`,
  how: (id: number, kind: EscalationKind) =>
    kind === 'kapazitaet'
      ? `   \`/fm kapazitaet ${id} zuweisen fm=<id>\` · \`/fm kapazitaet ${id} verschieben tage=<N> grund="…"\` · \`/fm kapazitaet ${id} zurueckgeben grund="…"\``
      : `   \`/fm eskalation-zustimmen ${id}\` · \`/fm eskalation-ablehnen ${id} kommentar="…"\``,
  hint: 'Die Begründungen und Kundenreferenzen stehen in den Direktnachrichten an die Entscheidenden.',
};

/**
 * /fm verlauf (item 6): German labels of the audit actions the escalation texts do not name, the details a
 * line adds, and the reasons of declines, extensions and exits (shown only to those who may see the case).
 */
export const historyTexts = {
  actionLabels: {
    'case.returned': 'Vormerkung mangels Kapazität an die IFK zurückgegeben (R4)',
    'round.changed': 'in der Zuweisungsrunde einer Fallmanager:in zugeordnet',
    'round.proposed': 'Zuweisungsrunde vorgeschlagen',
    'round.recomputed': 'Zuweisungsrunde neu berechnet',
    'round.confirmed': 'Zuweisungsrunde bestätigt',
    'supervision.drawn': 'für die Stichprobe gezogen (R34)',
    'absence.recorded': 'Abwesenheit eingetragen',
    'duty.recorded': 'Teamtermin erfasst',
    'duty.confirmed': 'Teamtermin hat stattgefunden',
    'duty.called_off': 'Teamtermin hat nicht stattgefunden',
    'escalation.reminded': 'Eskalation: Erinnerung verschickt',
    'escalation.office': 'Eskalation: Geschäftsstellenleitung informiert',
    ...returnAuditLabels,
  } as Record<string, string>,
  /** Any action without a label of its own: never the raw code. */
  other: 'sonstiger Eintrag',
  assignedTo: (fmName: string, overCapacity: boolean) => `zugewiesen an ${fmName}${overCapacity ? ' (über die Kapazität, Entscheidung der Teamleitung, R4)' : ''}`,
  roundChangedTo: (fmName: string) => `in der Zuweisungsrunde ${fmName} zugeordnet`,
  deferred: (from: string, to: string) => `Übernahmefrist vom ${from} auf den ${to} verschoben (R4)`,
  reason: (value: string) => ` – Grund: „${value}“`,
  /** The coded occasion (`anlass=`, R35). */
  occasion: (label: string) => ` – Anlass: ${label}`,
  exitReason: (label: string) => ` – Abgangsgrund: ${label}`,
  recommendation: (value: string) => `, Empfehlung: „${value}“`,
  months: (n: number) => ` um ${n} ${n === 1 ? 'Monat' : 'Monate'}`,
};
