import { describe, expect, it } from 'vitest';
import { CASE_CODE_PATTERN, formatCaseCode, parseCaseCode } from '../../src/domain/caseCode.js';

describe('case codes', () => {
  it('formats the year and a four-digit number', () => {
    expect(formatCaseCode(2026, 7)).toBe('FM-2026-0007');
    expect(formatCaseCode(2026, 9999)).toBe('FM-2026-9999');
  });

  it('grows beyond four digits instead of wrapping', () => {
    expect(formatCaseCode(2026, 10000)).toBe('FM-2026-10000');
    expect(parseCaseCode('FM-2026-10000')).toEqual({ year: 2026, seq: 10000 });
  });

  it('refuses numbers that cannot be a case', () => {
    expect(() => formatCaseCode(2026, 0)).toThrow(RangeError);
    expect(() => formatCaseCode(2026, 1.5)).toThrow(RangeError);
    expect(() => formatCaseCode(26, 1)).toThrow(RangeError);
  });

  it('reads a code typed in any case and with spaces around it', () => {
    expect(parseCaseCode('FM-2026-0007')).toEqual({ year: 2026, seq: 7 });
    expect(parseCaseCode('  fm-2026-0007 ')).toEqual({ year: 2026, seq: 7 });
    expect(CASE_CODE_PATTERN.test('Fm-2026-0042')).toBe(true);
  });

  it('rejects anything that is not a whole case code', () => {
    for (const bad of ['FM-2026-7', 'FM-26-0007', 'FM-2026-0000', 'XX-2026-0007', 'FM-2026-0007x', 'FM 2026 0007', '']) {
      expect(parseCaseCode(bad), bad).toBeUndefined();
    }
  });

  it('reads back every code it writes', () => {
    for (const [year, seq] of [[2025, 1], [2026, 123], [2030, 9999], [2031, 123456]] as const) {
      expect(parseCaseCode(formatCaseCode(year, seq))).toEqual({ year, seq });
    }
  });
});
