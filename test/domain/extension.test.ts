import { describe, expect, it } from 'vitest';
import { checkExtension, type ExtensionInput } from '../../src/domain/extension.js';

// Intake on Monday 02.03.2026: 24 months end 02.03.2028, 48 months 02.03.2030, 60 months 02.03.2031.
const base: ExtensionInput = {
  intakeOn: '2026-03-02',
  plannedEndOn: '2028-03-02',
  extensions: 0,
  months: 12,
  leadConsent: false,
};
const extend = (overrides: Partial<ExtensionInput>) => checkExtension({ ...base, ...overrides });

describe('checkExtension: length of one extension (R19)', () => {
  it('extends a 24-month case by 12 months', () => {
    expect(extend({ months: 12 })).toEqual({ ok: true, newPlannedEnd: '2029-03-02', needsConsent: false });
  });

  it('refuses 13 months, nothing and fractions of a month', () => {
    for (const months of [13, 0, -1, 1.5]) {
      expect(extend({ months })).toEqual({
        ok: false,
        needsConsent: false,
        violation: { rule: 'R19', code: 'months-range', params: { months, max: 12 } },
      });
    }
  });

  it('clamps at month ends: 31.08. + 6 months ends on the leap day 29.02.2028', () => {
    const result = extend({ intakeOn: '2025-08-31', plannedEndOn: '2027-08-31', months: 6 });
    expect(result).toMatchObject({ ok: true, newPlannedEnd: '2028-02-29' });
  });

  it('takes the leap day 29.02.2028 + 12 months to 28.02.2029', () => {
    const result = extend({ intakeOn: '2026-02-28', plannedEndOn: '2028-02-29', months: 12 });
    expect(result).toMatchObject({ ok: true, newPlannedEnd: '2029-02-28' });
  });
});

describe('checkExtension: number of extensions and the 48/60-month limits (R19)', () => {
  it('allows the second extension up to exactly 48 months without consent', () => {
    expect(extend({ plannedEndOn: '2029-03-02', extensions: 1 })).toEqual({
      ok: true,
      newPlannedEnd: '2030-03-02',
      needsConsent: false,
    });
  });

  it('holds a third extension that stays within 48 months for the team lead’s consent', () => {
    expect(extend({ plannedEndOn: '2029-03-02', extensions: 2, months: 6 })).toEqual({
      ok: false,
      needsConsent: true,
      newPlannedEnd: '2029-09-02',
      consentReason: 'third-extension',
    });
    expect(extend({ plannedEndOn: '2029-03-02', extensions: 2, months: 6, leadConsent: true })).toMatchObject({ ok: true });
  });

  it('holds a step to 49 months as pending until the team lead consents', () => {
    const request = { plannedEndOn: '2030-03-02', extensions: 2, months: 1 };
    expect(extend(request)).toEqual({ ok: false, needsConsent: true, newPlannedEnd: '2030-04-02', consentReason: 'beyond-48' });
    expect(extend({ ...request, leadConsent: true })).toEqual({
      ok: true,
      newPlannedEnd: '2030-04-02',
      needsConsent: false,
    });
  });

  it('allows exactly 60 months with the team lead’s consent', () => {
    expect(extend({ plannedEndOn: '2030-03-02', extensions: 2, leadConsent: true })).toEqual({
      ok: true,
      newPlannedEnd: '2031-03-02',
      needsConsent: false,
    });
  });

  it('never goes to 61 months, not even with consent', () => {
    // A planned end of 50 months, e.g. carried over from VerBIS, plus 11 months.
    expect(extend({ plannedEndOn: '2030-05-02', extensions: 2, months: 11, leadConsent: true })).toEqual({
      ok: false,
      needsConsent: false,
      violation: { rule: 'R19', code: 'beyond-60', params: { months: 61, max: 60, plannedEnd: '2031-04-02' } },
    });
  });

  it('allows a further consented extension after the step past 48 months, up to 60 months', () => {
    expect(extend({ plannedEndOn: '2030-09-02', extensions: 3, months: 6, leadConsent: true })).toMatchObject({
      ok: true,
      newPlannedEnd: '2031-03-02',
    });
    expect(extend({ plannedEndOn: '2030-09-02', extensions: 3, months: 7, leadConsent: true })).toMatchObject({
      ok: false,
      violation: { code: 'beyond-60' },
    });
  });
});
