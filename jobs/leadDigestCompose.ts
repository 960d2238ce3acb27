/**
 * What goes into a team lead's overview, as data: each finding with a stable key (what it is about) and a
 * signature (its current state). Comparing with the findings of the last overview sent gives what is new
 * or changed — shown in full — and what stands unchanged — shown as counts. Pure: no store, no clock.
 */
import { leadDigestTexts as L, type LeadFindingKind } from '../src/i18n/leadDigest.js';
import type { LeadFinding } from '../src/services/leadFindings.js';

export type { LeadFinding };


/** The findings of the last overview sent: key → signature. */
export type LeadSnapshot = Readonly<Record<string, string>>;

export const findingKey = (f: LeadFinding): string => `${f.kind}:${f.subject}`;
const signature = (f: LeadFinding): string => f.detail ?? '';

export function snapshotOf(findings: readonly LeadFinding[]): LeadSnapshot {
  return Object.fromEntries(findings.map((f) => [findingKey(f), signature(f)]));
}

export interface LeadDigestPlan {
  /** New or changed since the last overview: rendered in full. */
  fresh: LeadFinding[];
  /** Unchanged since the last overview: counted per kind. */
  standing: LeadFinding[];
  /** In the last overview and gone now. */
  resolved: number;
}

export function planLeadDigest(findings: readonly LeadFinding[], previous: LeadSnapshot | undefined): LeadDigestPlan {
  const fresh: LeadFinding[] = [];
  const standing: LeadFinding[] = [];
  for (const f of findings) {
    const before = previous?.[findingKey(f)];
    if (before !== undefined && before === signature(f)) standing.push(f);
    else fresh.push(f);
  }
  const now = new Set(findings.map(findingKey));
  const resolved = previous === undefined ? 0 : Object.keys(previous).filter((key) => !now.has(key)).length;
  return { fresh, standing, resolved };
}

/** Whether an overview goes out today: something changed, or it is the first one of the week with anything open. */
export function worthSending(plan: LeadDigestPlan, weekStart: boolean): boolean {
  if (plan.fresh.length > 0 || plan.resolved > 0) return true;
  return weekStart && plan.standing.length > 0;
}

/** The counts line of the unchanged findings: "Beratungskontakt überfällig: 3 · Offene Eskalationen: 1". */
export function standingParts(standing: readonly LeadFinding[]): string[] {
  const counts = new Map<LeadFindingKind, number>();
  for (const f of standing) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => L.standingCount(L.labels[kind], n));
}
