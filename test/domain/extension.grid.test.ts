/**
 * R18/R19 over the whole grid: months in FM so far × extensions so far × months requested. The expected
 * outcome is the rule as the instructions state it, in whole months (intake on the 1st, so no month end
 * clamps): 1–12 months per extension; two extensions within 48 months need nobody's consent; a third or
 * later extension, or anything past 48 months, needs the team lead's consent; nothing past 60 months.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/due.js';
import { checkExtension, type ExtensionResult } from '../../src/domain/extension.js';
import { addDays } from '../../src/domain/time.js';

const INTAKE = '2026-04-01';
type Outcome = 'ok' | 'consent' | 'months-range' | 'beyond-60';

/** The rule as written, independent of the date arithmetic. */
function expected(monthsSoFar: number, extensions: number, requested: number): Outcome {
  if (!Number.isInteger(requested) || requested < 1 || requested > 12) return 'months-range';
  const total = monthsSoFar + requested;
  if (total > 60) return 'beyond-60';
  if (extensions >= 2 || total > 48) return 'consent';
  return 'ok';
}

function outcome(result: ExtensionResult): Outcome {
  if (result.ok) return 'ok';
  return result.needsConsent ? 'consent' : result.violation.code;
}

const check = (monthsSoFar: number, extensions: number, months: number, leadConsent = false) =>
  checkExtension({ intakeOn: INTAKE, plannedEndOn: addMonths(INTAKE, monthsSoFar), extensions, months, leadConsent });

describe('R19 on the whole grid', () => {
  it('answers every combination of 24–60 months so far, 0–4 extensions and 0–13 months requested as the rule says', () => {
    const wrong: string[] = [];
    for (let monthsSoFar = 24; monthsSoFar <= 60; monthsSoFar++) {
      for (let extensions = 0; extensions <= 4; extensions++) {
        for (let requested = 0; requested <= 13; requested++) {
          const got = outcome(check(monthsSoFar, extensions, requested));
          const want = expected(monthsSoFar, extensions, requested);
          if (got !== want) wrong.push(`${monthsSoFar} months, ${extensions} extensions, +${requested}: ${got}, expected ${want}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('grants with the lead’s consent exactly what otherwise waits for it, ending on the requested month', () => {
    for (let monthsSoFar = 24; monthsSoFar <= 60; monthsSoFar++) {
      for (let extensions = 0; extensions <= 4; extensions++) {
        for (let requested = 1; requested <= 12; requested++) {
          const withConsent = check(monthsSoFar, extensions, requested, true);
          const allowed = expected(monthsSoFar, extensions, requested) === 'ok' || expected(monthsSoFar, extensions, requested) === 'consent';
          expect(withConsent.ok).toBe(allowed);
          if (withConsent.ok) expect(withConsent.newPlannedEnd).toBe(addMonths(INTAKE, monthsSoFar + requested));
        }
      }
    }
  });

  it('36 months after two 6-month extensions can go to 48 with the lead’s consent; at 44 months +4 and +12 both wait for it', () => {
    expect(check(36, 2, 12)).toMatchObject({ ok: false, needsConsent: true, consentReason: 'third-extension' });
    expect(check(36, 2, 12, true)).toMatchObject({ ok: true, newPlannedEnd: addMonths(INTAKE, 48) });
    expect(check(44, 2, 4)).toMatchObject({ needsConsent: true });
    expect(check(44, 2, 12)).toMatchObject({ needsConsent: true, consentReason: 'beyond-48' });
  });

  it('property: whenever a longer extension is possible (with or without consent), every shorter one is too', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 2, max: 12 }), fc.boolean(), (intakeOn, soFar, extensions, longer, leadConsent) => {
        const plannedEndOn = addMonths(intakeOn, soFar);
        const possible = (months: number) => {
          const r = checkExtension({ intakeOn, plannedEndOn, extensions, months, leadConsent });
          return r.ok || r.needsConsent;
        };
        if (!possible(longer)) return;
        for (let shorter = 1; shorter < longer; shorter++) expect(possible(shorter)).toBe(true);
      }),
    );
  });
});
