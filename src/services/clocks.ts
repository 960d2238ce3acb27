/** From stored cases to the due-date engine's input, and the policy a team works by. */
import type { CommandDeps } from './context.js';
import { BREMEN_POLICY, dueItems, type CaseClock, type ContactPolicy, type DueItem } from '../domain/due.js';
import type { LocalDate } from '../domain/time.js';
import type { CaseStatus } from '../domain/vocabulary.js';
import { snoozeKey, type CaseWithContacts } from '../store/ports.js';

/** Action ids of the FM digest's buttons: the digest job renders them, a command handles the click. */
export const DUE_ACTIONS = { done: 'due.done', later: 'due.later' } as const;

/**
 * The due-date engine's input for a stored case. `followupsDone` (FollowupRepository.doneByCase, R27) keeps
 * recorded follow-ups from coming due again; without it every follow-up counts as not yet recorded.
 */
export function toCaseClock(
  c: CaseWithContacts,
  transfersStarted: ReadonlySet<string>,
  followupsDone?: ReadonlyMap<string, readonly number[]>,
): CaseClock {
  const done = followupsDone?.get(c.caseCode);
  return {
    caseCode: c.caseCode,
    group: c.group,
    status: c.status,
    flaggedOn: c.flaggedOn,
    intakeDeadline: c.intakeDeadline,
    intakeOn: c.intakeOn,
    lastContactOn: c.lastContactOn,
    contactsLastYear: c.contactsLastYear,
    inMeasure: c.inMeasure ?? false,
    reportPending: c.reportPending ?? false,
    lastReviewOn: c.lastReviewOn,
    locationTalkOn: c.locationTalkOn,
    plannedEndOn: c.plannedEndOn,
    extensions: c.extensions ?? 0,
    u25Until: c.u25Until,
    transferStarted: transfersStarted.has(c.caseCode),
    endedOn: c.endedOn,
    exitSuccessful: c.exitSuccessful,
    ...(done !== undefined && { followupsDone: done }),
  };
}

/**
 * The contact policy (R13/R15/R16) of the jobcenter: Bremen's by default; the organisation file's
 * `jobcenter.contacts` overrides single values (e.g. Bremerhaven's monthly Ü25 contacts). A single number
 * for `measureIntervalMonths` means the measure interval of R15 applies to both groups.
 */
export function contactPolicy(deps: Pick<CommandDeps, 'org'>): ContactPolicy {
  const override = deps.org.org.jobcenter.contacts;
  if (!override) return BREMEN_POLICY;
  const { rule, ...values } = override;
  const measure = values.measureIntervalMonths;
  return {
    ...BREMEN_POLICY,
    ...values,
    contactRule: rule ?? BREMEN_POLICY.contactRule,
    intervalMonths: { ...BREMEN_POLICY.intervalMonths, ...override.intervalMonths },
    measureIntervalMonths:
      typeof measure === 'number' ? { u25: measure, ue25: measure } : { ...BREMEN_POLICY.measureIntervalMonths, ...measure },
    minPerYear: { ...BREMEN_POLICY.minPerYear, ...override.minPerYear },
  };
}

/** Statuses whose cases can have something due: open ones, and ended ones for the follow-ups (R27). */
export const CLOCK_STATUSES: readonly CaseStatus[] = ['vorgemerkt', 'zugewiesen', 'aktiv', 'beendet'];

export interface CaseDue {
  record: CaseWithContacts;
  item: DueItem;
}

/**
 * What the due items of a job run depend on besides the cases — the policy, the transfers started, the
 * recorded follow-ups, the snoozes — read once per run, not once per FM or team.
 */
export interface DueReader {
  policy: ContactPolicy;
  transfers: ReadonlySet<string>;
  /** R27: per case code, the months of its recorded follow-ups. */
  followups: ReadonlyMap<string, readonly number[]>;
  /**
   * Every due item of the cases up to `until`, by due date; left out: snoozed ones ("später") and follow-ups
   * whose window is over (missed, R27 — the lead hears of those, see src/services/findings.ts).
   */
  until(cases: CaseWithContacts[], until: LocalDate): CaseDue[];
}

/** What is due as of `today`, with what it depends on read once. */
export function readDue(deps: Pick<CommandDeps, 'org' | 'store' | 'calendar'>, today: LocalDate): DueReader {
  const policy = contactPolicy(deps);
  const transfers = deps.store.cases.transfersStarted();
  const followups = deps.store.followups.doneByCase();
  const snoozed = deps.store.snoozes.activeUntil(today);
  return {
    policy,
    transfers,
    followups,
    until(cases, until) {
      const result: CaseDue[] = [];
      for (const record of cases) {
        for (const item of dueItems(toCaseClock(record, transfers, followups), policy, deps.calendar)) {
          if (item.dueOn > until) continue;
          if (item.lastOn !== undefined && item.lastOn < today) continue;
          if (snoozed.has(snoozeKey(item.caseCode, item.kind, item.dueOn))) continue;
          result.push({ record, item });
        }
      }
      return result.sort((a, b) => a.item.dueOn.localeCompare(b.item.dueOn) || a.item.caseCode.localeCompare(b.item.caseCode));
    },
  };
}
