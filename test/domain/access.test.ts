import { describe, expect, it } from 'vitest';
import { checkAccess, type AccessInput, type Violation } from '../../src/domain/access.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { violationText } from '../../src/i18n/rules.js';
import { accessInput } from '../support/build.js';

const today = '2026-03-10';

/** A formal referral that meets every criterion; each test breaks exactly what it is about. */
const formal = accessInput;

const einzelfall = (over: Partial<AccessInput> = {}): AccessInput =>
  formal({ route: 'einzelfall', reason: 'akut', prognosis: 'marktnah', needs: ['wohnen'], ...over });

const violations = (input: AccessInput): Violation[] => {
  const result = checkAccess(input, today, DEFAULT_NEED_CATALOGUE);
  return result.ok ? [] : result.violations;
};
const codes = (input: AccessInput) => violations(input).map((v) => `${v.rule}/${v.field}/${v.code}`);

describe('formal access (R1)', () => {
  it('accepts a referral meeting all three criteria and reports the counted needs', () => {
    expect(checkAccess(formal(), today)).toEqual({ ok: true, countedNeeds: 3 });
  });

  it('refuses two needs in the key groups and says how many were counted', () => {
    const [v, ...rest] = violations(formal({ needs: ['gesundheit', 'schulden'] }));
    expect(rest).toEqual([]);
    expect(v).toEqual({ rule: 'R1', field: 'hb', code: 'hb-key-groups', params: { counted: 2, required: 3 } });
    expect(violationText(v!)).toBe(
      'hb: Für den formalen Zugang braucht es mindestens drei Handlungsbedarfe in „Leistungsfähigkeit“ oder „Rahmenbedingungen“ (gezählt: 2). (R1)',
    );
  });

  it('does not count needs outside the key groups towards the three', () => {
    const result = checkAccess(formal({ needs: ['gesundheit', 'schulden', 'sprache', 'motivation', 'qualifikation'] }), today);
    expect(result.countedNeeds).toBe(2);
    expect(codes(formal({ needs: ['gesundheit', 'schulden', 'sprache'] }))).toEqual(['R1/hb/hb-key-groups']);
  });

  it('counts a need named twice only once', () => {
    expect(codes(formal({ needs: ['gesundheit', 'schulden', 'schulden'] }))).toEqual(['R1/hb/hb-key-groups']);
  });

  it('refuses a formal referral without any need, counting zero', () => {
    const [v] = violations(formal({ needs: [] }));
    expect(v?.params).toEqual({ counted: 0, required: 3 });
  });

  it('refuses a market-near prognosis (R1a)', () => {
    expect(codes(formal({ prognosis: 'marktnah' }))).toEqual(['R1/prognose/prognose-marktnah']);
  });

  it('refuses when integration within 12 months is likely (R1b)', () => {
    expect(codes(formal({ integration12: true }))).toEqual(['R1/integration12/integration12-ja']);
  });

  it('refuses without the IFK’s assessment of concrete progress (R1c)', () => {
    expect(codes(formal({ assessment: false }))).toEqual(['R1/einschaetzung/einschaetzung-nein']);
  });

  it('refuses a reason on the formal route, because it belongs to the individual case only', () => {
    expect(codes(formal({ reason: 'psyche' }))).toEqual(['R2/grund/grund-formal']);
  });

  it('reports every broken criterion at once, in the order of the form', () => {
    expect(
      codes(formal({ prognosis: 'marktnah', needs: ['sprache'], integration12: true, assessment: false, verbis: false })),
    ).toEqual([
      'R1/prognose/prognose-marktnah',
      'R1/hb/hb-key-groups',
      'R1/integration12/integration12-ja',
      'R1/einschaetzung/einschaetzung-nein',
      'R3/verbis/verbis-nein',
    ]);
  });
});

describe('individual-case access (R2)', () => {
  it.each(['hemmnis', 'akut', 'psyche'] as const)('accepts the reason „%s“ without the R1 criteria', (reason) => {
    const input = einzelfall({ reason, prognosis: 'marktnah', integration12: true, assessment: false, needs: ['sprache'] });
    expect(checkAccess(input, today)).toEqual({ ok: true, countedNeeds: 0 });
  });

  it('refuses an individual case without a reason', () => {
    const [v, ...rest] = violations(einzelfall({ reason: undefined }));
    expect(rest).toEqual([]);
    expect(v).toEqual({ rule: 'R2', field: 'grund', code: 'grund-missing' });
    expect(violationText(v!)).toMatch(/^grund: .*„hemmnis“.*„akut“.*„psyche“.*\(R2\)$/);
  });

  it('still needs at least one Handlungsbedarf', () => {
    expect(codes(einzelfall({ needs: [] }))).toEqual(['R2/hb/hb-missing']);
  });
});

describe('both routes: unknown needs, consent, VerBIS (R3, R8)', () => {
  it('names needs the catalogue does not know', () => {
    const [v] = violations(einzelfall({ needs: ['wohnen', 'haustier', 'hobby'] }));
    expect(v).toEqual({ rule: 'R2', field: 'hb', code: 'hb-unknown', params: { codes: 'haustier, hobby' } });
    expect(violationText(v!)).toContain('haustier, hobby');
    expect(codes(formal({ needs: ['gesundheit', 'schulden', 'wohnen', 'haustier'] }))).toEqual(['R1/hb/hb-unknown']);
  });

  it('refuses without the client’s consent (R8)', () => {
    expect(codes(formal({ consent: false }))).toEqual(['R8/zustimmung/zustimmung-nein']);
    expect(codes(einzelfall({ consent: false }))).toEqual(['R8/zustimmung/zustimmung-nein']);
  });

  it('refuses when the client was not informed beforehand (R8)', () => {
    expect(codes(einzelfall({ informed: false }))).toEqual(['R8/informiert/informiert-nein']);
  });

  it('refuses until the flag is set in VerBIS (R3)', () => {
    const [v] = violations(einzelfall({ verbis: false }));
    expect(v).toEqual({ rule: 'R3', field: 'verbis', code: 'verbis-nein' });
    expect(violationText(v!)).toContain('„Kunden für das Fallmanagement vormerken“');
  });
});

describe('U25 month of the 25th birthday (R10)', () => {
  const u25 = (u25Until?: string) => formal({ group: 'u25', u25Until });

  it('accepts the current month and later ones', () => {
    expect(checkAccess(u25('2026-03'), today).ok).toBe(true);
    expect(checkAccess(u25('2029-12'), today).ok).toBe(true);
  });

  it('refuses a month already past, naming it in German form', () => {
    const [v] = violations(u25('2026-02'));
    expect(v).toEqual({ rule: 'R10', field: 'u25bis', code: 'u25bis-past', params: { value: '2026-02' } });
    expect(violationText(v!)).toContain('02.2026');
  });

  it('needs the month for U25', () => {
    expect(codes(u25(undefined))).toEqual(['R10/u25bis/u25bis-missing']);
    expect(codes(u25(' '))).toEqual(['R10/u25bis/u25bis-missing']);
  });

  it('refuses something that is no month', () => {
    expect(codes(u25('2026-13'))).toEqual(['R10/u25bis/u25bis-invalid']);
    expect(codes(u25('03/2027'))).toEqual(['R10/u25bis/u25bis-invalid']);
  });

  it('refuses the month on an Ü25 referral', () => {
    expect(codes(formal({ group: 'ue25', u25Until: '2027-01' }))).toEqual(['R10/u25bis/u25bis-ue25']);
  });
});

describe('violation texts', () => {
  it('gives every violation a German sentence that starts with the field and ends with the rule', () => {
    const all = [
      ...violations(formal({ prognosis: 'marktnah', needs: ['x'], integration12: true, assessment: false, reason: 'akut' })),
      ...violations(einzelfall({ reason: undefined, needs: [], consent: false, informed: false, verbis: false })),
      ...violations(formal({ group: 'u25', u25Until: undefined })),
      ...violations(formal({ group: 'u25', u25Until: 'bald' })),
      ...violations(formal({ group: 'u25', u25Until: '2020-01' })),
      ...violations(formal({ u25Until: '2030-01' })),
    ];
    expect(new Set(all.map((v) => v.code)).size).toBe(15);
    for (const v of all) {
      const text = violationText(v);
      expect(text.startsWith(`${v.field}: `), text).toBe(true);
      expect(text.endsWith(`(${v.rule})`), text).toBe(true);
      expect(text, text).not.toContain('undefined');
      expect(text, text).not.toMatch(/passt nicht zu den Regeln/);
    }
  });

  it('falls back to a general sentence for a code it does not know', () => {
    expect(violationText({ rule: 'R99', field: 'x', code: 'toString' })).toBe(
      'x: Diese Angabe passt nicht zu den Regeln für die Vormerkung. (R99)',
    );
  });
});
