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
