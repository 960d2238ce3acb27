/** R35: the needs found at a referral that are not yet recorded as resolved during FM. */
import type { CaseRecord } from '../../store/ports.js';
import type { CommandDeps } from '../context.js';

export function openNeeds(deps: Pick<CommandDeps, 'store'>, record: Pick<CaseRecord, 'caseCode' | 'needs'>): string[] {
  const done = new Set(deps.store.controlling.resolvedNeeds(record.caseCode));
  return [...new Set(record.needs)].filter((c) => !done.has(c));
}
