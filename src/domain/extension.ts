/**
 * R19 as a pure check: may the planned end of a case move by `months`?
 *
 * Kept simple on purpose: at most two extensions of 1–12 months while the case stays within 48 months
 * of the intake; one further extension past 48 months is allowed only with the team lead's consent
 * ("very special cases", e.g. long addiction therapy) and never beyond 60 months. Without the consent
 * such a request is not refused but comes back as `needsConsent`, so the caller can record it as pending.
 * Limits compare dates, not counted months: the case may run up to and including intakeOn + 48 months.
 */
import { addMonths, LIMIT_MONTHS, LIMIT_WITH_CONSENT_MONTHS, monthsBetween } from './due.js';
import type { LocalDate } from './time.js';

export const MAX_EXTENSION_MONTHS = 12;
export const MAX_EXTENSIONS = 2;

export type ExtensionViolationCode =
  | 'months-range' // params.months, params.max: not a whole number of months in 1..12
  // params.extensions, params.max: two extensions done and the next stays within 48 months,
  // or the consented step past 48 months is done too
  | 'too-many'
  | 'beyond-60'; // params.months (in all), params.max, params.plannedEnd: would end after intakeOn + 60 months

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
  | { ok: false; needsConsent: true; newPlannedEnd: LocalDate }
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
  const pastLimit = newPlannedEnd > addMonths(input.intakeOn, LIMIT_MONTHS);

  // The consented step past 48 months is the only one allowed beyond the second extension.
  if (extensions > MAX_EXTENSIONS || (extensions === MAX_EXTENSIONS && !pastLimit)) {
    return refuse('too-many', { extensions, max: MAX_EXTENSIONS });
  }
  if (newPlannedEnd > addMonths(input.intakeOn, LIMIT_WITH_CONSENT_MONTHS)) {
    return refuse('beyond-60', {
      months: monthsBetween(input.intakeOn, newPlannedEnd),
      max: LIMIT_WITH_CONSENT_MONTHS,
      plannedEnd: newPlannedEnd,
    });
  }
  if (pastLimit && !input.leadConsent) return { ok: false, needsConsent: true, newPlannedEnd };
  return { ok: true, newPlannedEnd, needsConsent: false };
}
