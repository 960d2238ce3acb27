import { describe, expect, it } from 'vitest';
import { countKeyGroupNeeds, DEFAULT_NEED_CATALOGUE, findNeed, unknownNeeds, type NeedDefinition } from '../../src/domain/needs.js';
import { keyGroupLabel, needLabel } from '../../src/i18n/rules.js';

describe('Handlungsbedarf catalogue', () => {
  it('holds the contract’s fifteen codes in their key groups', () => {
    const byGroup = (g: string) => DEFAULT_NEED_CATALOGUE.filter((n) => n.keyGroup === g).map((n) => n.code);
    expect(byGroup('leistungsfaehigkeit')).toEqual(['gesundheit', 'psyche', 'belastbarkeit']);
    expect(byGroup('rahmenbedingungen')).toEqual([
      'sucht', 'schulden', 'familie', 'wohnen', 'tagesstruktur', 'betreuung', 'umfeld', 'justiz', 'mobilitaet',
    ]);
    expect(byGroup('sonstige')).toEqual(['qualifikation', 'sprache', 'motivation']);
  });

  it('counts only needs in „Leistungsfähigkeit“ and „Rahmenbedingungen“ towards R1', () => {
    expect(countKeyGroupNeeds(['gesundheit', 'schulden'], DEFAULT_NEED_CATALOGUE)).toBe(2);
    expect(countKeyGroupNeeds(['gesundheit', 'schulden', 'sprache', 'motivation'], DEFAULT_NEED_CATALOGUE)).toBe(2);
    expect(countKeyGroupNeeds(['gesundheit', 'schulden', 'wohnen'], DEFAULT_NEED_CATALOGUE)).toBe(3);
  });

  it('counts a repeated need once and ignores unknown codes (R1)', () => {
    expect(countKeyGroupNeeds(['sucht', 'sucht', 'sucht'], DEFAULT_NEED_CATALOGUE)).toBe(1);
    expect(countKeyGroupNeeds(['sucht', 'haustier'], DEFAULT_NEED_CATALOGUE)).toBe(1);
    expect(unknownNeeds(['sucht', 'haustier', 'haustier', 'Sucht'], DEFAULT_NEED_CATALOGUE)).toEqual(['haustier', 'Sucht']);
  });

  it('follows a jobcenter’s own catalogue where it moves a code to another group', () => {
    const own: NeedDefinition[] = [
      ...DEFAULT_NEED_CATALOGUE.filter((n) => n.code !== 'sprache'),
      { code: 'sprache', keyGroup: 'rahmenbedingungen' },
    ];
    expect(countKeyGroupNeeds(['gesundheit', 'schulden', 'sprache'], own)).toBe(3);
    expect(findNeed('sprache', own)?.keyGroup).toBe('rahmenbedingungen');
  });

  it('has a German label for every default code and group, and shows unknown codes as they are', () => {
    for (const need of DEFAULT_NEED_CATALOGUE) expect(needLabel(need.code)).not.toBe(need.code);
    expect(needLabel('psyche')).toBe('Psychische Gesundheit');
    expect(needLabel('eigener-code')).toBe('eigener-code');
    expect(keyGroupLabel('leistungsfaehigkeit')).toBe('Leistungsfähigkeit');
    expect(keyGroupLabel('rahmenbedingungen')).toBe('Rahmenbedingungen');
    expect(keyGroupLabel('sonstige')).toBe('Sonstige');
  });
});
