/** From stored cases to the due-date engine's input, and the policy a team works by. */
import type { CommandDeps } from './context.js';
import { BREMEN_POLICY, type CaseClock, type ContactPolicy } from '../domain/due.js';
import type { CaseWithContacts } from '../store/ports.js';

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
  const measure = override.measureIntervalMonths;
  return {
    ...BREMEN_POLICY,
    ...override,
    intervalMonths: { ...BREMEN_POLICY.intervalMonths, ...override.intervalMonths },
    measureIntervalMonths:
      typeof measure === 'number' ? { u25: measure, ue25: measure } : { ...BREMEN_POLICY.measureIntervalMonths, ...measure },
    minPerYear: { ...BREMEN_POLICY.minPerYear, ...override.minPerYear },
  };
}
