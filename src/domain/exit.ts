import { outreachWayOf, OUTREACH_WAYS, type OutreachWay, type RecordedContact } from './contacts.js';
import { addMonths, type LocalDate } from './time.js';
/**
 * The exit of a case (Fallabgang): the reasons of R22 as codes, and the checks of R23 and R24.
 * The catalogue follows the Bremen instruction [Bremen GA 2025 §3.4]; the codes are what `/fm abgang grund=…` takes.
 */

export const EXIT_REASONS = [
  'ziele-erreicht', // goals reached
  'integration', // lasting integration into work
  'beduerfnisse-reduziert', // the needs that justified FM are reduced
  'kein-potenzial', // no potential for integration or progress (R24: recommend alternatives)
  'keine-mitwirkung', // lasting lack of cooperation
  'angebote-erschoepft', // offers exhausted
  'kunde-lehnt-ab', // client declines further FM
  'zustaendigkeit', // change of jurisdiction (e.g. SGB XII) or no longer in need
  'arbeitsbuendnis', // working alliance not viable
  'hoechstdauer', // maximum duration reached (R18/R19)
] as const;

export type ExitReason = (typeof EXIT_REASONS)[number];

/**
 * Not an exit reason but what people tend to give instead of "keine-mitwirkung": R23 says missed
 * appointments alone never justify the return, so the code is known in order to refuse it with the rule.
 */
export const MISSED_APPOINTMENTS_ONLY = 'nur-termine-versaeumt';

/** R27: exits after which the follow-ups at 6, 12 and 24 months ask whether the client took up work. */
const SUCCESSFUL: ReadonlySet<ExitReason> = new Set<ExitReason>(['ziele-erreicht', 'integration']);

export function isExitReason(value: string): value is ExitReason {
  return (EXIT_REASONS as readonly string[]).includes(value);
}

export function isSuccessfulExit(reason: ExitReason): boolean {
  return SUCCESSFUL.has(reason);
}

export type ExitViolation = { rule: 'R23'; code: 'missed-appointments-only' } | { rule: 'R24'; code: 'recommendation-missing' };

/**
 * R23/R24 for an exit: undefined when the exit may be recorded. An unknown code is the caller's matter
 * (it is a wrong input, not a rule violation).
 */
export function exitViolation(reason: string, recommendation: string | undefined): ExitViolation | undefined {
  if (reason === MISSED_APPOINTMENTS_ONLY) return { rule: 'R23', code: 'missed-appointments-only' };
  if (reason === 'kein-potenzial' && !recommendation?.trim()) return { rule: 'R24', code: 'recommendation-missing' };
  return undefined;
}

/** R23: how many documented attempts of different kinds must precede an exit for lack of cooperation. */
export const REQUIRED_OUTREACH_WAYS = 2;
/** R23: attempts count within this many months before the exit. */
export const OUTREACH_WINDOW_MONTHS = 3;

/**
 * R23 in substance: a client who does not come may be given back for lack of cooperation (or declined at
 * intake for a missed handover talk) only after at least two documented attempts of different kinds (letter,
 * phone, outreach) within the last three months up to `today`. Returns the ways tried in the window and, when
 * too few, the ways still open to try; `ok` when enough.
 */
export function outreachCheck(
  contacts: readonly RecordedContact[],
  today: LocalDate,
): { ok: boolean; tried: OutreachWay[]; untried: OutreachWay[]; missing: number } {
  const from = addMonths(today, -OUTREACH_WINDOW_MONTHS);
  const tried = new Set<OutreachWay>();
  for (const { kind, on } of contacts) {
    const way = outreachWayOf(kind);
    if (way !== undefined && on >= from && on <= today) tried.add(way);
  }
  const missing = Math.max(0, REQUIRED_OUTREACH_WAYS - tried.size);
  return {
    ok: missing === 0,
    tried: OUTREACH_WAYS.filter((w) => tried.has(w)),
    untried: OUTREACH_WAYS.filter((w) => !tried.has(w)),
    missing,
  };
}

/** R23: an exit reason that rests on the client not coming needs the documented attempts. */
export function needsOutreach(reason: ExitReason): boolean {
  return reason === 'keine-mitwirkung';
}

/**
 * R23 at intake: whether a decline's free-text reason says that the client missed the handover talk (did not
 * come, missed or skipped the appointment). Such a decline needs the same documented attempts as an exit.
 */
export function isMissedAppointmentReason(reason: string): boolean {
  return /nicht\s+(erschienen|gekommen|wahrgenommen|aufgetaucht)|vers(ä|ae)umt|verpasst|no[- ]?show|termin\w*\s+ab(gesagt|gebrochen)\s+und\s+nicht/i.test(reason);
}
