import { describe, expect, it } from 'vitest';
import { exitViolation, EXIT_REASONS, isExitReason, isMissedAppointmentReason, isSuccessfulExit, MISSED_APPOINTMENTS_ONLY, needsOutreach, outreachCheck } from '../../src/domain/exit.js';

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

describe('R23 in substance: documented attempts of different kinds before a return for lack of cooperation', () => {
  const today = '2026-06-10';

  it('R23: two attempts of different kinds within the last three months are enough', () => {
    const check = outreachCheck([{ kind: 'versuch-brief', on: '2026-04-01' }, { kind: 'versuch-telefon', on: '2026-06-10' }], today);
    expect(check).toEqual({ ok: true, tried: ['brief', 'telefon'], untried: ['aufsuchend'], missing: 0 });
  });

  it('R23: two attempts of the same kind are one way tried; an outreach visit counts as a way too', () => {
    const twoLetters = [{ kind: 'versuch-brief', on: '2026-05-01' }, { kind: 'versuch-brief', on: '2026-06-01' }];
    expect(outreachCheck(twoLetters, today)).toMatchObject({ ok: false, tried: ['brief'], missing: 1 });
    expect(outreachCheck([...twoLetters, { kind: 'aufsuchend', on: '2026-06-02' }], today)).toMatchObject({ ok: true, tried: ['brief', 'aufsuchend'] });
  });

  it('R23: attempts older than three months, later than today, or counselling contacts do not count', () => {
    const check = outreachCheck(
      [
        { kind: 'versuch-brief', on: '2026-03-09' },
        { kind: 'versuch-telefon', on: '2026-06-11' },
        { kind: 'persoenlich', on: '2026-05-01' },
        { kind: 'telefon', on: '2026-05-02' },
      ],
      today,
    );
    expect(check).toEqual({ ok: false, tried: [], untried: ['brief', 'telefon', 'aufsuchend'], missing: 2 });
    expect(outreachCheck([{ kind: 'versuch-brief', on: '2026-03-10' }], today).tried).toEqual(['brief']);
  });

  it('R23: only lack of cooperation needs the attempts; a decline reason that tells of a missed talk is recognised', () => {
    expect(EXIT_REASONS.filter(needsOutreach)).toEqual(['keine-mitwirkung']);
    for (const reason of ['Kunde ist nicht erschienen', 'Übergabegespräch zweimal versäumt', 'Termin verpasst', 'No-Show beim Übergabetermin']) {
      expect(isMissedAppointmentReason(reason), reason).toBe(true);
    }
    for (const reason of ['Kunde lehnt Teilnahme ab', 'Kriterien nicht erfüllt', 'kein Bedarf']) expect(isMissedAppointmentReason(reason), reason).toBe(false);
  });
});
