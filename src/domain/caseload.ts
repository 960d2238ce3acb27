/**
 * R14: an FM's caseload averaged over a period — where the ratio is a floor on the yearly average
 * (Bremerhaven), the average over the last 12 months is compared with the FM's individual capacity.
 */
import { addDays, type LocalDate } from './time.js';

/** A case in the FM's caseload from `from` (inclusive) until `to` (exclusive; open while undefined). */
export interface CaseloadPeriod {
  from: LocalDate;
  to?: LocalDate;
}

/** The mean number of cases in the caseload per day over [first, last], both inclusive. */
export function averageCaseload(periods: readonly CaseloadPeriod[], first: LocalDate, last: LocalDate): number {
  if (last < first) return 0;
  let days = 0;
  let caseDays = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) {
    days++;
    for (const p of periods) if (p.from <= day && (p.to === undefined || day < p.to)) caseDays++;
  }
  return caseDays / days;
}
