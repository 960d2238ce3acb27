import type { WorkCalendar } from './calendar.js';
import { addDays, type LocalDate } from './time.js';

/**
 * How long intake may take after the flag. Bremen (2025, the default) says 14 working days [Bremen GA 2025 §3.1.3];
 * Bremerhaven's older instruction says a first talk within 14 days [Bremerhaven GA 2020 §6.1] — hence a setting.
 */
export interface IntakePeriod {
  days: number;
  counting: 'working-days' | 'calendar-days';
}

export const DEFAULT_INTAKE_PERIOD: IntakePeriod = { days: 14, counting: 'working-days' };

/** The last day by which the flagged client should be taken into FM (R4). */
export function intakeDeadline(
  flaggedOn: LocalDate,
  calendar: WorkCalendar,
  period: IntakePeriod = DEFAULT_INTAKE_PERIOD,
): LocalDate {
  return period.counting === 'working-days'
    ? calendar.addWorkingDays(flaggedOn, period.days) // R4
    : addDays(flaggedOn, period.days);
}
