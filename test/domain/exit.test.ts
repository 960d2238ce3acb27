import { describe, expect, it } from 'vitest';
import { exitViolation, EXIT_REASONS, isExitReason, isSuccessfulExit, MISSED_APPOINTMENTS_ONLY } from '../../src/domain/exit.js';

describe('exit reasons (R22–R24, R27)', () => {
  it('knows the ten reasons of the catalogue, and missed appointments are not among them (R22, R23)', () => {
    expect(EXIT_REASONS).toHaveLength(10);
    expect(isExitReason('keine-mitwirkung')).toBe(true);
    expect(isExitReason(MISSED_APPOINTMENTS_ONLY)).toBe(false);
  });

  it('refuses missed appointments alone (R23)', () => {
    expect(exitViolation(MISSED_APPOINTMENTS_ONLY, 'irrelevant')).toEqual({ rule: 'R23', code: 'missed-appointments-only' });
  });

  it('requires a recommendation with no potential, blank counting as none (R24)', () => {
    expect(exitViolation('kein-potenzial', undefined)).toEqual({ rule: 'R24', code: 'recommendation-missing' });
    expect(exitViolation('kein-potenzial', '   ')).toEqual({ rule: 'R24', code: 'recommendation-missing' });
    expect(exitViolation('kein-potenzial', '§ 44a SGB II')).toBeUndefined();
    expect(exitViolation('angebote-erschoepft', undefined)).toBeUndefined();
  });

  it('counts goals reached and integration as successful, so the follow-ups apply (R27)', () => {
    expect(EXIT_REASONS.filter(isSuccessfulExit)).toEqual(['ziele-erreicht', 'integration']);
  });
});
