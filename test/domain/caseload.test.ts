import { describe, expect, it } from 'vitest';
import { averageCaseload } from '../../src/domain/caseload.js';

describe('averageCaseload: the yearly mean an R14 floor is measured against', () => {
  it('counts each case for the days it was in the caseload, the end day excluded', () => {
    // Ten days; one case all along, one for the first half.
    const periods = [{ from: '2026-01-01' }, { from: '2026-01-01', to: '2026-01-06' }];
    expect(averageCaseload(periods, '2026-01-01', '2026-01-10')).toBe(1.5);
  });

  it('ignores cases before or after the window, and gives 0 for an empty one', () => {
    expect(averageCaseload([{ from: '2025-01-01', to: '2025-06-01' }, { from: '2027-01-01' }], '2026-01-01', '2026-12-31')).toBe(0);
    expect(averageCaseload([{ from: '2026-01-01' }], '2026-02-01', '2026-01-01')).toBe(0);
  });
});
