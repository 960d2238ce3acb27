/** Formatting instants for people: German date and time in the jobcenter's zone. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Instant } from './time.js';

export function formatInTimeZone(instant: Instant, timeZone = 'Europe/Berlin'): string {
  return format(new TZDate(instant, timeZone), 'dd.MM.yyyy HH:mm');
}
