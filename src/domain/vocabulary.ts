/**
 * The words of the domain, defined once. Every floor above (store, i18n, services, commands, jobs,
 * platforms) imports them from here; the rules they name are in docs/rules.md.
 */

/** Who a person is in the organisation file. */
export const ROLES = ['ifk', 'fm', 'teamlead', 'officelead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** FM teams are split by age group (R13): under 25 (U25) and 25 or older (Ü25). */
export type Group = 'u25' | 'ue25';

/** How a referral met the access criteria: formally (R1) or as an individual case (R2). */
export type AccessRoute = 'formal' | 'einzelfall';

/** Lifecycle of a case. A referral (Vormerkung) is a case in status "vorgemerkt". */
export type CaseStatus = 'vorgemerkt' | 'zugewiesen' | 'aktiv' | 'abgelehnt' | 'strittig' | 'beendet';

/** Statuses in which a client counts as having an open referral or case (one at a time). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['vorgemerkt', 'zugewiesen', 'aktiv', 'strittig'];

/** Statuses that count against an FM's caseload (R13, R14). */
export const CASELOAD_STATUSES: readonly CaseStatus[] = ['zugewiesen', 'aktiv'];

/** Recurring team duties (R28–R32). */
export type DutyKind = 'dienstbesprechung' | 'austausch' | 'fm_austausch' | 'netzwerk' | 'besuch';
export const DUTY_KINDS: readonly DutyKind[] = ['dienstbesprechung', 'austausch', 'fm_austausch', 'netzwerk', 'besuch'];

/** A request for a duration extension (R19). */
export type ExtensionStatus = 'pending' | 'granted' | 'rejected';

/** A weekly assignment round's proposal (R9). */
export type RoundStatus = 'proposed' | 'confirmed' | 'superseded';

/** What team leads decide in an escalation: access (R7), exit (R25), extension (R19), capacity (R4). */
export type EscalationKind = 'zugang' | 'abgang' | 'verlaengerung' | 'kapazitaet';
export const ESCALATION_KINDS: readonly EscalationKind[] = ['zugang', 'abgang', 'verlaengerung', 'kapazitaet'];
export type EscalationStatus = 'open' | 'approved' | 'rejected';
export type EscalationVoteChoice = 'approve' | 'reject';

/**
 * R12/R35: the coded occasion (`anlass=`) of a decline at intake, next to its free-text reason, so the controlling
 * figures can count declines by reason without showing free text. The catalogue follows the instruction's example
 * (the client refuses the cooperation FM needs, HA 01/2008) and the exit reasons of R22. Rows recorded before the
 * code existed count as "ohne Angabe".
 */
export const DECLINE_CODES = [
  'keine-mitwirkung', // the client refuses the cooperation FM needs (R12's example)
  'nicht-erreicht', // the client could not be reached / missed the handover talk (R23: needs the outreach first)
  'kriterien-fehlen', // the access criteria (R1/R2) are not met after all
  'anderes-angebot', // another offer fits better (therapy, rehabilitation, youth employment agency, …)
  'zustaendigkeit', // change of jurisdiction (e.g. SGB XII, moved away, no longer in need)
  'sonstiges', // anything else (the free-text reason says what)
] as const;
export type DeclineCode = (typeof DECLINE_CODES)[number];

/**
 * R19/R35: the coded occasion (`anlass=`) of an extension, next to its free-text reason; the figures count the
 * stays beyond 24 months by the code of the extension that carried the case past 24 months. The catalogue follows
 * R19: continuing is necessary and concrete progress is expected; very special cases such as a long addiction therapy.
 */
export const EXTENSION_CODES = [
  'fortschritt', // concrete integration progress expected within the extension (R19)
  'massnahme', // a measure or offer under way is to be completed
  'therapie', // a long (addiction) therapy (R19's very special case)
  'arbeitsaufnahme', // a start of work or training to be accompanied and stabilised
  'sonstiges', // anything else (the free-text reason says what)
] as const;
export type ExtensionCode = (typeof EXTENSION_CODES)[number];

export function isDeclineCode(value: string): value is DeclineCode {
  return (DECLINE_CODES as readonly string[]).includes(value);
}

export function isExtensionCode(value: string): value is ExtensionCode {
  return (EXTENSION_CODES as readonly string[]).includes(value);
}
