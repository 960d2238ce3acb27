/** Case codes name a referral in chat without naming the client: FM-2026-0007. */

/** Anchored and case-insensitive, so it can validate user input as typed. */
export const CASE_CODE_PATTERN = /^FM-(\d{4})-(\d{4,})$/i;

export function formatCaseCode(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Case code year must have 4 digits, got ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Case code number must be a whole number >= 1, got ${seq}`);
  return `FM-${year}-${String(seq).padStart(4, '0')}`;
}

/** Reads "FM-2026-0007" (any case, surrounding spaces ignored); undefined for anything else. */
export function parseCaseCode(text: string): { year: number; seq: number } | undefined {
  const m = CASE_CODE_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const seq = Number(m[2]);
  return seq >= 1 ? { year: Number(m[1]), seq } : undefined;
}
