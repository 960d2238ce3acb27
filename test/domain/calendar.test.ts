import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { addDays, isoWeekday } from '../../src/domain/time.js';

const bremen = new WorkCalendar({ holidayRegion: 'DE-HB' });
const nrw = new WorkCalendar({ holidayRegion: 'DE-NW' });
const saxony = new WorkCalendar({ holidayRegion: 'DE-SN' });
const utc = (iso: string) => Date.parse(iso);

describe('WorkCalendar: which days are working days (R4)', () => {
  it('treats Reformation Day as a holiday in Bremen but as a working day in North Rhine-Westphalia', () => {
    expect(bremen.isHoliday('2024-10-31')).toBe(true);
    expect(bremen.holidayName('2024-10-31')).toBe('Reformationstag');
    expect(bremen.isWorkingDay('2024-10-31')).toBe(false);
    expect(nrw.isHoliday('2024-10-31')).toBe(false);
    expect(nrw.isWorkingDay('2024-10-31')).toBe(true);
  });

  it('knows Reformation Day in Bremen only from 2018 on', () => {
    expect(bremen.isWorkingDay('2016-10-31')).toBe(true);
    expect(bremen.isWorkingDay('2018-10-31')).toBe(false);
  });

  it('counts Corpus Christi in North Rhine-Westphalia but not in Bremen', () => {
    expect(nrw.holidayName('2025-06-19')).toBe('Fronleichnam');
    expect(bremen.isWorkingDay('2025-06-19')).toBe(true);
  });

  it('keeps Christmas Eve and New Year’s Eve as working days (they are no public holidays)', () => {
    expect(bremen.isWorkingDay('2025-12-24')).toBe(true);
    expect(bremen.isWorkingDay('2025-12-31')).toBe(true);
    expect(bremen.isWorkingDay('2025-12-25')).toBe(false);
    expect(bremen.isWorkingDay('2025-12-26')).toBe(false);
  });

  it('keeps Buß- und Bettag a working day in Bremen, but not in Saxony where it is public', () => {
    expect(bremen.isWorkingDay('2025-11-19')).toBe(true);
    expect(saxony.isWorkingDay('2025-11-19')).toBe(false);
  });

  it('knows the moving Easter holidays', () => {
    expect(bremen.holidayName('2026-04-03')).toBe('Karfreitag');
    expect(bremen.holidayName('2026-04-06')).toBe('Ostermontag');
    expect(bremen.isWorkingDay('2026-04-02')).toBe(true);
    expect(bremen.isWorkingDay('2026-04-07')).toBe(true);
  });

  it('treats weekends as non-working days without calling them holidays', () => {
    expect(bremen.isWorkingDay('2026-03-28')).toBe(false); // Saturday
    expect(bremen.isWorkingDay('2026-03-29')).toBe(false); // Sunday
    expect(bremen.isHoliday('2026-03-28')).toBe(false);
    expect(bremen.holidayName('2026-03-30')).toBeUndefined();
  });
});

describe('WorkCalendar: counting working days', () => {
  it('adds working days across a weekend', () => {
    expect(bremen.addWorkingDays('2026-03-27', 1)).toBe('2026-03-30'); // Fri → Mon
    expect(bremen.addWorkingDays('2026-03-28', 1)).toBe('2026-03-30'); // Sat → Mon
  });

  it('returns the same day for zero working days, even on a Sunday', () => {
    expect(bremen.addWorkingDays('2026-03-29', 0)).toBe('2026-03-29');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => bremen.addWorkingDays('2026-03-27', -1)).toThrow(RangeError);
    expect(() => bremen.addWorkingDays('2026-03-27', 1.5)).toThrow(RangeError);
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(bremen.nextWorkingDay('2026-04-02')).toBe('2026-04-07');
  });

  it('finds the next working day strictly after, or the day itself when it is one', () => {
    expect(bremen.nextWorkingDay('2026-03-30')).toBe('2026-03-31');
    expect(bremen.workingDayOnOrAfter('2026-03-30')).toBe('2026-03-30');
    expect(bremen.workingDayOnOrAfter('2025-12-25')).toBe('2025-12-29');
  });

  it('counts working days in (from, to] and zero for an empty or reversed range', () => {
    expect(bremen.workingDaysBetween('2025-12-19', '2026-01-02')).toBe(7); // 22–24, 29–31 Dec, 2 Jan
    expect(bremen.workingDaysBetween('2026-03-30', '2026-03-30')).toBe(0);
    expect(bremen.workingDaysBetween('2026-03-31', '2026-03-30')).toBe(0);
    expect(bremen.workingDaysBetween('2026-03-27', '2026-03-30')).toBe(1);
  });

  it('lands on a working day that lies exactly n working days later (any date, any n)', () => {
    const date = fc
      .integer({ min: 0, max: 365 * 12 })
      .map((offset) => addDays('2018-01-01', offset));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (from, n) => {
        const to = bremen.addWorkingDays(from, n);
        return bremen.isWorkingDay(to) && bremen.workingDaysBetween(from, to) === n && isoWeekday(to) <= 5;
      }),
    );
  });
});

describe('WorkCalendar: regions and time zone', () => {
  it('accepts known German states and refuses unknown ones instead of silently dropping state holidays', () => {
    expect(WorkCalendar.isKnownRegion('DE-HB')).toBe(true);
    expect(WorkCalendar.isKnownRegion('DE-NW')).toBe(true);
    expect(WorkCalendar.isKnownRegion('DE')).toBe(true);
    expect(WorkCalendar.isKnownRegion('DE-XX')).toBe(false);
    expect(WorkCalendar.isKnownRegion('XX-HB')).toBe(false);
    expect(WorkCalendar.isKnownRegion('')).toBe(false);
    expect(WorkCalendar.isKnownRegion('DE-')).toBe(false);
    expect(() => new WorkCalendar({ holidayRegion: 'DE-XX' })).toThrow(/DE-XX/);
  });

  it('refuses an unknown time zone', () => {
    expect(() => new WorkCalendar({ holidayRegion: 'DE-HB', timeZone: 'Europe/Bremen' })).toThrow(RangeError);
  });

  it('says which day it is in Berlin around the spring DST change (29.03.2026)', () => {
    expect(bremen.today(utc('2026-03-28T22:59:59Z'))).toBe('2026-03-28'); // 23:59:59 CET
    expect(bremen.today(utc('2026-03-28T23:00:00Z'))).toBe('2026-03-29'); // midnight CET
    expect(bremen.today(utc('2026-03-29T21:59:59Z'))).toBe('2026-03-29'); // 23:59:59 CEST
    expect(bremen.today(utc('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
  });

  it('says which day it is in Berlin around the autumn DST change (25.10.2026)', () => {
    expect(bremen.today(utc('2026-10-24T21:59:59Z'))).toBe('2026-10-24'); // 23:59:59 CEST
    expect(bremen.today(utc('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(bremen.today(utc('2026-10-25T22:59:59Z'))).toBe('2026-10-25'); // 23:59:59 CET
    expect(bremen.today(utc('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('turns a Berlin wall time into the right instant on both sides of a DST change', () => {
    expect(bremen.at('2026-03-28', '08:00')).toBe(utc('2026-03-28T07:00:00Z'));
    expect(bremen.at('2026-03-29', '08:00')).toBe(utc('2026-03-29T06:00:00Z'));
    expect(bremen.at('2026-10-24', '08:00')).toBe(utc('2026-10-24T06:00:00Z'));
    expect(bremen.at('2026-10-25', '08:00')).toBe(utc('2026-10-25T07:00:00Z'));
    expect(bremen.at('2026-10-25', '00:00')).toBe(utc('2026-10-24T22:00:00Z'));
  });

  it('moves a wall time in the spring gap forward and takes the later one of a repeated autumn hour', () => {
    expect(bremen.at('2026-03-29', '02:30')).toBe(utc('2026-03-29T01:30:00Z')); // = 03:30 CEST
    expect(bremen.at('2026-10-25', '02:30')).toBe(utc('2026-10-25T01:30:00Z')); // = 02:30 CET
  });

  it('refuses wall times that are not HH:mm', () => {
    for (const bad of ['24:00', '8', '08:60', '8.00', '']) {
      expect(() => bremen.at('2026-03-30', bad)).toThrow(RangeError);
    }
    expect(bremen.at('2026-03-30', '8:05')).toBe(utc('2026-03-30T06:05:00Z'));
  });

  it('maps every wall time of a day back to that same day', () => {
    const date = fc.integer({ min: 0, max: 365 * 10 }).map((offset) => addDays('2024-01-01', offset));
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(fc.property(date, time, (d, hhmm) => bremen.today(bremen.at(d, hhmm)) === d));
  });
});
