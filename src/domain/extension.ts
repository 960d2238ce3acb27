/**
 * R18/R19 as a pure check: may the planned end of a case move by `months`?
 *
 * One reading of the rule, the same at every point of the grid: each extension is 1–12 months; up to two
 * extensions and up to 48 months in all need nobody's consent; anything beyond — a third (or later)
 * extension, or a planned end past 48 months — needs the FM team lead's consent ("very special cases",
 * e.g. long addiction therapy); nothing goes beyond 60 months. Without the consent such a request is not
 * refused but comes back as `needsConsent`, so the caller can record it as pending and ask the lead.
 * Hence: whenever a longer extension is possible, a shorter one is too.
 * Limits compare dates, not counted months: the case may run up to and including intakeOn + 48 months.
 */
import { addMonths, LIMIT_MONTHS, LIMIT_WITH_CONSENT_MONTHS, monthsBetween } from './due.js';
import type { LocalDate } from './time.js';

export const MAX_EXTENSION_MONTHS = 12;
/** Extensions that need no consent while the case stays within 48 months. */
export const MAX_EXTENSIONS = 2;

export type ExtensionViolationCode =
  | 'months-range' // params.months, params.max: not a whole number of months in 1..12
  | 'beyond-60'; // params.months (in all), params.max, params.plannedEnd: would end after intakeOn + 60 months

/** Why the team lead must consent: a third or later extension, or a planned end past 48 months. */
export type ConsentReason = 'third-extension' | 'beyond-48';

export interface ExtensionInput {
  intakeOn: LocalDate;
  plannedEndOn: LocalDate;
  /** Extensions granted so far. */
  extensions: number;
  months: number;
  leadConsent: boolean;
}

export type ExtensionResult =
  | { ok: true; newPlannedEnd: LocalDate; needsConsent: false }
  | { ok: false; needsConsent: true; newPlannedEnd: LocalDate; consentReason: ConsentReason }
  | {
      ok: false;
      needsConsent: false;
      violation: { rule: 'R19'; code: ExtensionViolationCode; params?: Record<string, number | string> };
    };

export function checkExtension(input: ExtensionInput): ExtensionResult {
  const refuse = (code: ExtensionViolationCode, params: Record<string, number | string>): ExtensionResult => ({
    ok: false,
    needsConsent: false,
    violation: { rule: 'R19', code, params },
  });

  const { months, extensions } = input;
  if (!Number.isInteger(months) || months < 1 || months > MAX_EXTENSION_MONTHS) {
    return refuse('months-range', { months, max: MAX_EXTENSION_MONTHS });
  }

  // Extend from the planned end, as the FM states it ("six more months"); month ends clamp (31.08. + 6 = 28.02.).
  const newPlannedEnd = addMonths(input.plannedEndOn, months);
  if (newPlannedEnd > addMonths(input.intakeOn, LIMIT_WITH_CONSENT_MONTHS)) {
    return refuse('beyond-60', {
      months: monthsBetween(input.intakeOn, newPlannedEnd),
      max: LIMIT_WITH_CONSENT_MONTHS,
      plannedEnd: newPlannedEnd,
    });
  }
  const consentReason = consentNeeded(input, newPlannedEnd);
  if (consentReason !== undefined && !input.leadConsent) return { ok: false, needsConsent: true, newPlannedEnd, consentReason };
  return { ok: true, newPlannedEnd, needsConsent: false };
}

function consentNeeded(input: ExtensionInput, newPlannedEnd: LocalDate): ConsentReason | undefined {
  if (newPlannedEnd > addMonths(input.intakeOn, LIMIT_MONTHS)) return 'beyond-48';
  if (input.extensions >= MAX_EXTENSIONS) return 'third-extension';
  return undefined;
}
