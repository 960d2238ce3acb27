/**
 * Access criteria of a referral (Vormerkung): R1 formal access, R2 individual case, R3 VerBIS,
 * R8 consent, R10 U25 month. Collects every violation so a form can mark all wrong fields at once.
 */
import { countKeyGroupNeeds, DEFAULT_NEED_CATALOGUE, unknownNeeds, type NeedDefinition } from './needs.js';
import type { LocalDate } from './time.js';

export type AccessRoute = 'formal' | 'einzelfall';
export type R2Reason = 'hemmnis' | 'akut' | 'psyche';

export interface AccessInput {
  group: 'u25' | 'ue25';
  route: AccessRoute;
  prognosis: 'marktnah' | 'nicht-marktnah';
  needs: string[];
  integration12: boolean;
  assessment: boolean;
  reason?: R2Reason;
  consent: boolean;
  informed: boolean;
  verbis: boolean;
  /** Month of the 25th birthday, YYYY-MM (U25 only). */
  u25Until?: string;
}

/** The three-needs minimum of R1a. */
export const R1_MIN_KEY_GROUP_NEEDS = 3;

/** Every code checkAccess produces; src/i18n/rules.ts has a sentence for each. */
export type AccessViolationCode =
  | 'prognose-marktnah' // R1a: formal access needs "nicht-marktnah"
  | 'hb-key-groups' // R1a: fewer than three needs in the key groups; params.counted, params.required
  | 'integration12-ja' // R1b: integration within 12 months is likely
  | 'einschaetzung-nein' // R1c: IFK expects no concrete progress
  | 'grund-missing' // R2: individual case without a reason
  | 'grund-formal' // R2: a reason given on the formal route
  | 'hb-missing' // R2: individual case without any need
  | 'hb-unknown' // codes not in the catalogue; params.codes (comma-separated)
  | 'zustimmung-nein' // R8
  | 'informiert-nein' // R8
  | 'verbis-nein' // R3
  | 'u25bis-missing' // R10
  | 'u25bis-invalid' // R10: not a YYYY-MM month; params.value
  | 'u25bis-past' // R10: month lies before the current one; params.value
  | 'u25bis-ue25'; // R10: only U25 referrals carry the month

export interface Violation {
  rule: string;
  /** The contract's argument key (prognose, hb, integration12, einschaetzung, grund, zustimmung, informiert, verbis, u25bis). */
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export type AccessResult =
  | { ok: true; countedNeeds: number }
  | { ok: false; violations: Violation[]; countedNeeds: number };

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function checkAccess(
  input: AccessInput,
  today: LocalDate,
  catalogue: readonly NeedDefinition[] = DEFAULT_NEED_CATALOGUE,
): AccessResult {
  const violations: Violation[] = [];
  const add = (rule: string, field: string, code: AccessViolationCode, params?: Violation['params']) =>
    violations.push(params ? { rule, field, code, params } : { rule, field, code });

  const countedNeeds = countKeyGroupNeeds(input.needs, catalogue);
  const unknown = unknownNeeds(input.needs, catalogue);
  const reportUnknownNeeds = (rule: string) => {
    if (unknown.length > 0) add(rule, 'hb', 'hb-unknown', { codes: unknown.join(', ') });
  };

  if (input.route === 'formal') {
    // R1: all three criteria are cumulative. The three-needs minimum also covers "at least one need".
    if (input.prognosis !== 'nicht-marktnah') add('R1', 'prognose', 'prognose-marktnah');
    if (countedNeeds < R1_MIN_KEY_GROUP_NEEDS) {
      add('R1', 'hb', 'hb-key-groups', { counted: countedNeeds, required: R1_MIN_KEY_GROUP_NEEDS });
    }
    reportUnknownNeeds('R1');
    if (input.integration12) add('R1', 'integration12', 'integration12-ja');
    if (!input.assessment) add('R1', 'einschaetzung', 'einschaetzung-nein');
    if (input.reason !== undefined) add('R2', 'grund', 'grund-formal', { value: input.reason });
  } else {
    // R2 replaces the R1 criteria, but only with a stated reason and at least one need.
    if (input.reason === undefined) add('R2', 'grund', 'grund-missing');
    if (input.needs.length === 0) add('R2', 'hb', 'hb-missing');
    reportUnknownNeeds('R2');
  }

  if (!input.consent) add('R8', 'zustimmung', 'zustimmung-nein');
  if (!input.informed) add('R8', 'informiert', 'informiert-nein');
  if (!input.verbis) add('R3', 'verbis', 'verbis-nein');

  // R10: the month of the 25th birthday drives the U25 → Ü25 transfer, so a U25 case needs a current one.
  if (input.group === 'u25') {
    const value = input.u25Until?.trim();
    if (value === undefined || value === '') add('R10', 'u25bis', 'u25bis-missing');
    else if (!YEAR_MONTH.test(value)) add('R10', 'u25bis', 'u25bis-invalid', { value });
    else if (value < today.slice(0, 7)) add('R10', 'u25bis', 'u25bis-past', { value });
  } else if (input.u25Until !== undefined && input.u25Until.trim() !== '') {
    add('R10', 'u25bis', 'u25bis-ue25', { value: input.u25Until.trim() });
  }

  return violations.length === 0 ? { ok: true, countedNeeds } : { ok: false, violations, countedNeeds };
}
