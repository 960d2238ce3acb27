import { describe, expect, it } from 'vitest';
import { isAbsentOn, standIn } from '../../src/domain/substitution.js';

describe('R17 substitution chain', () => {
  const chain = ['a', 'b', 'c', 'd'];

  it('keeps a present person', () => {
    expect(standIn(chain, 'b', () => false)).toBe('b');
  });

  it('moves on to the next present colleague, wrapping around the end of the chain', () => {
    expect(standIn(chain, 'b', (id) => id === 'b')).toBe('c');
    expect(standIn(chain, 'b', (id) => id === 'b' || id === 'c')).toBe('d');
    expect(standIn(chain, 'd', (id) => id === 'd')).toBe('a');
  });

  it('finds nobody when the whole team is absent, or the person is not in the chain', () => {
    expect(standIn(chain, 'a', () => true)).toBeUndefined();
    expect(standIn(chain, 'x', (id) => id === 'x')).toBeUndefined();
  });

  it('counts both ends of an absence', () => {
    const absences = [{ from: '2026-12-21', to: '2027-01-04' }];
    expect(isAbsentOn(absences, '2026-12-20')).toBe(false);
    expect(isAbsentOn(absences, '2026-12-21')).toBe(true);
    expect(isAbsentOn(absences, '2027-01-04')).toBe(true);
    expect(isAbsentOn(absences, '2027-01-05')).toBe(false);
  });
});
