import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { intakeDeadline } from '../../src/domain/intake.js';

const bremen = new WorkCalendar({ holidayRegion: 'DE-HB' });
const nrw = new WorkCalendar({ holidayRegion: 'DE-NW' });

describe('intake deadline: 14 working days after the flag (R4)', () => {
  it('moves the intake deadline past Reformation Day in Bremen', () => {
    expect(intakeDeadline('2025-10-20', bremen)).toBe('2025-11-10'); // 31.10. is a holiday there
  });

  it('is one working day earlier in North Rhine-Westphalia, where 31.10. is a working day', () => {
    expect(intakeDeadline('2025-10-20', nrw)).toBe('2025-11-07');
  });

  it('skips weekends only when nothing else is in the way', () => {
    expect(intakeDeadline('2026-03-02', bremen)).toBe('2026-03-20'); // Mon → Fri of the third week
  });

  it('runs over Christmas and the turn of the year, counting 24 and 31 December as working days', () => {
    // 22–24, 29–31 Dec, 2, 5–9, 12, 13 Jan; 25/26 Dec and 1 Jan are holidays
    expect(intakeDeadline('2025-12-19', bremen)).toBe('2026-01-13');
  });

  it('skips Good Friday and Easter Monday', () => {
    // 2026-03-23 + 14 working days would be 10.04. without Easter; with 03.04. and 06.04. off it is 14.04.
    expect(intakeDeadline('2026-03-23', bremen)).toBe('2026-04-14');
  });

  it('counts from a flag made on a weekend as from that day', () => {
    expect(intakeDeadline('2026-03-01', bremen)).toBe('2026-03-19'); // Sunday; Mon 02.03. is day 1
  });

  it('can count calendar days instead, as Bremerhaven’s older instruction does', () => {
    expect(intakeDeadline('2025-10-20', bremen, { days: 14, counting: 'calendar-days' })).toBe('2025-11-03');
  });
});
