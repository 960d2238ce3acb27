/**
 * R17: circular substitution inside a team. When a person is absent, the next present colleague in the
 * chain stands in; when that one is absent too, the chain moves on.
 */
import type { LocalDate } from './time.js';

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** Both ends inclusive. */
export function isAbsentOn(absences: readonly Period[], date: LocalDate): boolean {
  return absences.some((a) => a.from <= date && date <= a.to);
}

/**
 * Who acts for `personId` on `date`: the person themselves when present, else the next present member of
 * `chain` after them (wrapping around), else undefined when everyone is absent.
 */
export function standIn(chain: readonly string[], personId: string, isAbsent: (id: string) => boolean): string | undefined {
  if (!isAbsent(personId)) return personId;
  const start = chain.indexOf(personId);
  if (start === -1) return undefined;
  for (let step = 1; step < chain.length; step++) {
    const candidate = chain[(start + step) % chain.length]!;
    if (!isAbsent(candidate)) return candidate;
  }
  return undefined;
}
