/**
 * Handlungsbedarfe (identified needs/obstacles) and their key groups (Schlüsselgruppen), following the
 * Bremen instruction §2.2. The catalogue is a setting; these are the defaults of the organisation file (docs/interface.md).
 */

export type KeyGroup = 'leistungsfaehigkeit' | 'rahmenbedingungen' | 'sonstige';

export interface NeedDefinition {
  code: string;
  keyGroup: KeyGroup;
}

/** Only these groups count towards the three Handlungsbedarfe of the formal access (R1). */
export const R1_KEY_GROUPS: readonly KeyGroup[] = ['leistungsfaehigkeit', 'rahmenbedingungen'];

const group = (keyGroup: KeyGroup, codes: string[]): NeedDefinition[] => codes.map((code) => ({ code, keyGroup }));

export const DEFAULT_NEED_CATALOGUE: NeedDefinition[] = [
  ...group('leistungsfaehigkeit', ['gesundheit', 'psyche', 'belastbarkeit']),
  ...group('rahmenbedingungen', [
    'sucht',
    'schulden',
    'familie',
    'wohnen',
    'tagesstruktur',
    'betreuung',
    'umfeld',
    'justiz',
    'mobilitaet',
  ]),
  ...group('sonstige', ['qualifikation', 'sprache', 'motivation']),
];

export function findNeed(code: string, catalogue: readonly NeedDefinition[] = DEFAULT_NEED_CATALOGUE): NeedDefinition | undefined {
  return catalogue.find((n) => n.code === code);
}

/** The codes the catalogue does not know, in input order, without repeats. */
export function unknownNeeds(codes: readonly string[], catalogue: readonly NeedDefinition[] = DEFAULT_NEED_CATALOGUE): string[] {
  return [...new Set(codes)].filter((code) => !findNeed(code, catalogue));
}

/** Distinct codes in the two R1 key groups; repeats and codes outside those groups do not count. */
export function countKeyGroupNeeds(codes: readonly string[], catalogue: readonly NeedDefinition[] = DEFAULT_NEED_CATALOGUE): number {
  return [...new Set(codes)].filter((code) => {
    const need = findNeed(code, catalogue);
    return need !== undefined && R1_KEY_GROUPS.includes(need.keyGroup);
  }).length;
}
