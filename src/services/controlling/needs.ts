/**
 * R35: needs found at a referral and resolved during FM — recorded with /fm bedarf or at the six-monthly review
 * (/fm pruefung … erledigt=…), each once per case.
 */
import { UserError } from '../../domain/errors.js';
import type { Instant, LocalDate } from '../../domain/time.js';
import { needsTexts as T } from '../../i18n/controlling.js';
import type { CaseRecord } from '../../store/ports.js';
import type { CommandDeps } from '../context.js';

/** The needs found at the referral not yet recorded as resolved. */
export function openNeeds(deps: Pick<CommandDeps, 'store'>, record: Pick<CaseRecord, 'caseCode' | 'needs'>): string[] {
  const done = new Set(deps.store.controlling.resolvedNeeds(record.caseCode));
  return [...new Set(record.needs)].filter((c) => !done.has(c));
}

export interface ResolvedNeeds {
  /** Not recorded before: to record now. */
  fresh: string[];
  /** Recorded before (named again). */
  repeated: string[];
}

/**
 * `erledigt=…` read against the case: only needs found at the referral; at least one not yet recorded.
 * Throws a UserError naming the field (R35); changes nothing.
 */
export function readResolvedNeeds(deps: Pick<CommandDeps, 'store'>, record: CaseRecord, raw: string | undefined): ResolvedNeeds {
  const found = [...new Set(record.needs)];
  const wanted = [...new Set((raw ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== ''))];
  if (wanted.length === 0) throw new UserError(T.missing(found), 'erledigt', 'R35');
  const notFound = wanted.filter((c) => !found.includes(c));
  if (notFound.length) throw new UserError(T.notFound(notFound, found), 'erledigt', 'R35');
  const already = deps.store.controlling.resolvedNeeds(record.caseCode);
  const fresh = wanted.filter((c) => !already.includes(c));
  if (fresh.length === 0) throw new UserError(T.allDone(wanted), 'erledigt', 'R35');
  return { fresh, repeated: wanted.filter((c) => already.includes(c)) };
}

/** Records the needs with an audit entry; call inside the command's transaction. */
export function recordResolvedNeeds(deps: Pick<CommandDeps, 'store'>, actorId: string, caseCode: string, needs: readonly string[], on: LocalDate, now: Instant): void {
  deps.store.controlling.resolveNeeds(caseCode, needs, on, actorId, now);
  deps.store.audit.record({ at: now, actorId, action: 'case.needs_resolved', caseCode, details: { needs: [...needs], on } });
}
