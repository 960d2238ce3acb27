/**
 * Team duties (R28–R32): which exist according to the organisation file, whom they concern, when each is due
 * and how its reminders repeat. The duties job (jobs/duties.ts) sends the reminders from this; the lead digest
 * asks `openDutiesFor`. Data only: the German texts are in src/i18n/pings.ts.
 *
 * - R28 FM team meeting per office every 3 months; R29 cross-office exchange yearly; R30 the contact FM's visit
 *   to each M&I team every 6 months (an M&I team without contact FM, not sharing the FM team's meeting, is a
 *   gap shown to the FM team leads); R31 each FM team's exchange with each of its partner FM teams every
 *   6 months (one record counts for both teams of the pair); R32 the network-partner overview
 *   (`networkReviewMonths`).
 * - Only held occurrences count (a future date is a plan until confirmed). A duty never held is due from the
 *   first day the duties job knew it (`DutyRepository.markSeen`). While overdue, it is reminded again every
 *   `jobcenter.dutyRepeatDays` days (default 14) until it is recorded.
 */
import type { Team } from '../config/org.js';
import type { OrgIndex } from '../config/orgIndex.js';
import { addDays, addMonths, type LocalDate } from '../domain/time.js';
import { pingTexts } from '../i18n/pings.js';
import type { DutyKind } from '../domain/vocabulary.js';
import type { DutyRecord } from '../store/ports.js';
import type { CommandDeps } from './context.js';

/** A recordable duty, or the R30 gap: an M&I team with no contact FM (open until the organisation file changes). */
export type OpenDutyKind = DutyKind | 'kontakt_fehlt';

export type DutyRule = 'R28' | 'R29' | 'R30' | 'R31' | 'R32';

export const DUTY_RULES: Readonly<Record<OpenDutyKind, DutyRule>> = {
  dienstbesprechung: 'R28',
  austausch: 'R29',
  besuch: 'R30',
  kontakt_fehlt: 'R30',
  fm_austausch: 'R31',
  netzwerk: 'R32',
};

/** The buttons of the request to confirm a planned occurrence; value: the duty record's id (commands/termin.ts). */
export const DUTY_ACTIONS = { held: 'duty.held', cancelled: 'duty.cancelled' } as const;

/** Default of `jobcenter.dutyRepeatDays`. */
export const DEFAULT_DUTY_REPEAT_DAYS = 14;

export interface Duty {
  kind: OpenDutyKind;
  rule: DutyRule;
  /**
   * What the store records it under: the office id (R28), 'jobcenter' (R29), the M&I team id (R30 and its
   * gap), the FM team pair `a+b` (R31, see `pairSubject`), the FM team id (R32).
   */
  subject: string;
  /** The office, jobcenter or team the duty belongs to (R31: the own FM team). */
  subjectName: string;
  /** R31: the own FM team and the partner team. */
  teamId?: string;
  partnerId?: string;
  partnerName?: string;
  /** Interval in months; none for the R30 gap, which no date settles. */
  months?: number;
  /** Person ids reminded, without repeats. */
  recipients: string[];
}

type Deps = Pick<CommandDeps, 'org' | 'store' | 'calendar'>;

/** R31: the store subject of the exchange between two FM teams, the same from either side. */
export function pairSubject(a: string, b: string): string {
  return a < b ? `${a}+${b}` : `${b}+${a}`;
}

const isFmTeam = (team: Team | undefined): team is Team => team !== undefined && team.kind !== 'mi';

/** R31: the FM teams this team's own exchange duty names — `fmExchangePartners`, or every other FM team. */
export function configuredPartners(org: OrgIndex, team: Team): Team[] {
  if (!isFmTeam(team)) return [];
  const others = org.org.teams.filter((t) => isFmTeam(t) && t.id !== team.id);
  if (team.fmExchangePartners === undefined) return others;
  return others.filter((t) => team.fmExchangePartners!.includes(t.id));
}

/** R31: the FM teams an exchange may be recorded with: either team names the other as partner. */
export function exchangePartners(org: OrgIndex, team: Team): Team[] {
  if (!isFmTeam(team)) return [];
  return org.org.teams.filter(
    (t) => isFmTeam(t) && t.id !== team.id && (configuredPartners(org, team).includes(t) || configuredPartners(org, t).includes(team)),
  );
}

/** Every duty the organisation file gives rise to, in a stable order (offices, jobcenter, teams). */
export function allDuties(org: OrgIndex): Duty[] {
  const fmTeams = org.org.teams.filter(isFmTeam);
  const leadIds = (team: Team) => org.leadsOf(team).map((p) => p.id);
  const fmLeads = (officeId?: string) => fmTeams.filter((t) => officeId === undefined || t.office === officeId).flatMap(leadIds);
  const duty = (d: Omit<Duty, 'rule'>): Duty => ({ ...d, rule: DUTY_RULES[d.kind], recipients: [...new Set(d.recipients)] });
  const result: Duty[] = [];
  for (const office of org.org.offices) {
    result.push(duty({ kind: 'dienstbesprechung', subject: office.id, subjectName: office.name, months: 3, recipients: [...office.leads, ...fmLeads(office.id)] })); // R28
  }
  result.push(duty({ kind: 'austausch', subject: 'jobcenter', subjectName: org.org.jobcenter.name, months: 12, recipients: fmLeads() })); // R29
  for (const team of org.org.teams) {
    if (team.kind === 'mi') {
      if (team.sharesFmMeeting) continue; // R30: the FM team sits in the same meeting
      if (team.contactFm) {
        result.push(duty({ kind: 'besuch', subject: team.id, subjectName: team.name, months: 6, recipients: [team.contactFm, ...leadIds(team)] })); // R30
      } else {
        const officeLeads = fmLeads(team.office);
        result.push(duty({ kind: 'kontakt_fehlt', subject: team.id, subjectName: team.name, recipients: officeLeads.length ? officeLeads : fmLeads() })); // R30 gap
      }
      continue;
    }
    for (const partner of configuredPartners(org, team)) {
      result.push(
        duty({
          kind: 'fm_austausch',
          subject: pairSubject(team.id, partner.id),
          subjectName: team.name,
          teamId: team.id,
          partnerId: partner.id,
          partnerName: partner.name,
          months: 6,
          recipients: leadIds(team),
        }),
      ); // R31
    }
    result.push(duty({ kind: 'netzwerk', subject: team.id, subjectName: team.name, months: team.networkReviewMonths, recipients: leadIds(team) })); // R32
  }
  return result.filter((d) => d.recipients.length > 0);
}

/** Where a duty stands on a day. */
export interface DutyStanding {
  duty: Duty;
  /** The latest held occurrence. */
  lastOn?: LocalDate;
  /** A working day: interval after `lastOn`, or the first day the duty was known when it was never held. */
  dueOn: LocalDate;
  /** Calendar days since `dueOn`; 0 on the due day, negative before. */
  overdueDays: number;
  /** Plans neither confirmed nor called off (their date may have passed: awaiting confirmation), by date. */
  plans: DutyRecord[];
}

/** Whole calendar days from `from` to `to`. */
function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** The latest held date of the duty; R31 also reads rows from before migration 7, which name one FM team. */
function lastHeld(deps: Deps, duty: Duty): LocalDate | undefined {
  if (duty.kind === 'kontakt_fehlt') return undefined;
  const dates = [deps.store.duties.last(duty.kind, duty.subject)];
  if (duty.kind === 'fm_austausch') dates.push(deps.store.duties.last(duty.kind, duty.teamId!), deps.store.duties.last(duty.kind, duty.partnerId!));
  return dates.filter((d): d is LocalDate => d !== undefined).sort().at(-1);
}

export function dutyStanding(deps: Deps, duty: Duty, today: LocalDate): DutyStanding {
  const lastOn = lastHeld(deps, duty);
  const start =
    lastOn !== undefined && duty.months !== undefined ? addMonths(lastOn, duty.months) : (deps.store.duties.firstSeen(duty.kind, duty.subject) ?? today);
  const dueOn = deps.calendar.workingDayOnOrAfter(start);
  const plans = duty.kind === 'kontakt_fehlt' ? [] : deps.store.duties.planned({ kind: duty.kind, subject: duty.subject });
  return { duty, ...(lastOn !== undefined && { lastOn }), dueOn, overdueDays: daysBetween(dueOn, today), plans };
}

/** Every duty with where it stands, in the order of `allDuties`. */
export function dutyStandings(deps: Deps, today: LocalDate): DutyStanding[] {
  return allDuties(deps.org).map((duty) => dutyStanding(deps, duty, today));
}

/**
 * While a duty is due, which reminder is the current one: 0 on the due day, then one more every `repeatDays`
 * calendar days (moved to the next working day); undefined before the due day.
 */
export function reminderRound(deps: Pick<Deps, 'calendar'>, standing: DutyStanding, today: LocalDate, repeatDays: number): number | undefined {
  if (standing.overdueDays < 0) return undefined;
  const round = Math.floor(standing.overdueDays / repeatDays);
  const remindOn = deps.calendar.workingDayOnOrAfter(addDays(standing.dueOn, round * repeatDays));
  return remindOn <= today ? round : round - 1;
}

export function dutyRepeatDays(org: OrgIndex): number {
  return org.org.jobcenter.dutyRepeatDays ?? DEFAULT_DUTY_REPEAT_DAYS;
}

/**
 * Who takes part in a recorded duty: the recipients of every duty recorded under that kind and subject (R31:
 * the leads of both teams of the pair; a row from before migration 7 naming one FM team: of all its pairs).
 */
export function participantsOf(org: OrgIndex, kind: DutyKind, subject: string): string[] {
  const matches = allDuties(org).filter(
    (d) => d.kind === kind && (d.subject === subject || (kind === 'fm_austausch' && (d.teamId === subject || d.partnerId === subject))),
  );
  return [...new Set(matches.flatMap((d) => d.recipients))];
}

/** One open duty of a person, as the lead digest shows it. */
export interface OpenDuty {
  kind: OpenDutyKind;
  rule: DutyRule;
  subject: string;
  subjectName: string;
  /** R31: the partner FM team. */
  partnerName?: string;
  /** The latest held occurrence; none when it was never held (and always for the R30 gap). */
  lastOn?: LocalDate;
  dueOn: LocalDate;
  /** Calendar days since `dueOn` (0 on the due day). */
  overdueDays: number;
  /** The earliest plan not yet confirmed; in the past when it waits for confirmation. */
  plannedOn?: LocalDate;
}

/**
 * The duties due on or before `today` that `personId` is reminded of (as office lead, FM team lead, contact FM
 * or M&I team lead), most overdue first. Reads only: the first day a never-held duty was known is written by
 * the duties job; before its first run such a duty counts as due today.
 */
export function openDutiesFor(deps: Deps, personId: string, today: LocalDate): OpenDuty[] {
  const seen = new Set<string>();
  const result: OpenDuty[] = [];
  for (const duty of allDuties(deps.org)) {
    if (!duty.recipients.includes(personId)) continue;
    const key = `${duty.kind}|${duty.subject}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const standing = dutyStanding(deps, duty, today);
    if (standing.overdueDays < 0) continue;
    const plannedOn = standing.plans[0]?.on;
    result.push({
      kind: duty.kind,
      rule: duty.rule,
      subject: duty.subject,
      subjectName: duty.subjectName,
      ...(duty.partnerName !== undefined && { partnerName: duty.partnerName }),
      ...(standing.lastOn !== undefined && { lastOn: standing.lastOn }),
      dueOn: standing.dueOn,
      overdueDays: standing.overdueDays,
      ...(plannedOn !== undefined && { plannedOn }),
    });
  }
  return result.sort((a, b) => b.overdueDays - a.overdueDays || a.rule.localeCompare(b.rule) || a.subject.localeCompare(b.subject));
}

/** The office, jobcenter or team(s) a recorded duty belongs to, by name (R31: both teams of the pair). */
export function recordedSubjectName(org: OrgIndex, kind: DutyKind, subject: string): string {
  if (kind === 'dienstbesprechung') return org.org.offices.find((o) => o.id === subject)?.name ?? subject;
  if (kind === 'austausch') return org.org.jobcenter.name;
  const name = (id: string) => org.team(id)?.name ?? id;
  const [a = subject, b] = subject.split('+');
  return b === undefined ? name(a) : pingTexts.dutyPair(name(a), name(b));
}
