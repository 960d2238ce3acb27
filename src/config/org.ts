/**
 * The organisation file (docs/interface.md): jobcenter, offices, teams, people.
 * Validated in two passes so that one run reports every problem with its JSON path: zod checks the shape
 * of each entry, `crossCheckOrg` checks what refers to what (it runs on the raw input even when the shape
 * is broken elsewhere, so a typo in one person does not hide an unknown team in another).
 */
import Holidays from 'date-holidays';
import { z } from 'zod/v4';
import { isLocalDate } from '../domain/time.js';
import { ROLES, type Role } from '../domain/vocabulary.js';
import { orgText, zodIssueText } from '../i18n/config.js';
import { dutyOrgTexts } from '../i18n/pings.js';
import { supervisionOrgTexts } from '../i18n/supervision.js';

export const TEAM_KINDS = ['fm_u25', 'fm_ue25', 'mi'] as const;

export type TeamKind = (typeof TEAM_KINDS)[number];

/** Roles whose holder must belong to a team (contract: `team` is required for these). */
const ROLES_NEEDING_TEAM: readonly Role[] = ['ifk', 'fm', 'teamlead'];
const FM_KINDS: readonly string[] = ['fm_u25', 'fm_ue25'];

/** Clients per full-time FM when a team sets no `caseloadRatio` (R13, Bremen 2025). */
export const DEFAULT_CASELOAD_RATIO = { fm_u25: 75, fm_ue25: 150 } as const;

/** R34: the monthly supervision sample when a team sets no `supervisionSample`: 5 %, at least 1, at most 5 cases. */
export const DEFAULT_SUPERVISION_SAMPLE = { percent: 5, min: 1, max: 5 } as const;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, { error: orgText.idFormat });
/** A reference to an id elsewhere in the file; whether it exists is checked (and reported) by crossCheckOrg. */
const ref = z.string().min(1);
const isoDate = z.string().refine(isLocalDate, { error: (issue) => orgText.invalidDate(issue.input) });

let holidays: Holidays | undefined;

/** True for a region date-holidays knows: a country ("DE") or country-state ("DE-HB"). Working days depend on it (R4). */
export function isKnownHolidayRegion(region: string): boolean {
  holidays ??= new Holidays();
  const [country, state, ...rest] = region.split('-');
  if (!country || rest.length > 0 || !Object.hasOwn(holidays.getCountries(), country)) return false;
  return state === undefined || Object.hasOwn(holidays.getStates(country) ?? {}, state);
}

/** R34: a number of cases per month in the `supervisionSample` setting, 1–50, its field named in the message. */
function sampleCount(field: 'min' | 'max') {
  const error = (issue: { input?: unknown }) => supervisionOrgTexts.count(field, issue.input);
  return z.number({ error }).int({ error }).min(1, { error }).max(50, { error });
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export const absenceSchema = z.object({ from: isoDate, to: isoDate }).superRefine((absence, ctx) => {
  const { from, to } = absence;
  if (isLocalDate(from) && isLocalDate(to) && from > to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: orgText.absenceEndsBeforeStart(from, to) });
  }
});

export const personSchema = z.object({
  id,
  name: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  team: ref.optional(),
  /** Share of a full-time position; scales the individual caseload (R14). */
  fte: z
    .number()
    .min(0.1, { error: (issue) => orgText.fteRange(issue.input) })
    .max(1, { error: (issue) => orgText.fteRange(issue.input) })
    .default(1),
  slackUserId: z.string().min(1).optional(),
  teamsUserId: z.string().min(1).optional(),
  absences: z.array(absenceSchema).default([]),
  /** Topic responsibilities (R32), used by the assignment proposal to prefer matching FMs. */
  topics: z.array(z.string()).default([]),
  /** Stands in for this person (e.g. a lead's deputy for escalations) while they are absent (R17). */
  deputy: ref.optional(),
});

export const teamSchema = z.object({
  id,
  name: z.string().min(1),
  kind: z.enum(TEAM_KINDS),
  office: ref,
  leads: z.array(ref).default([]),
  /** Clients per full-time FM (R13/R14); defaults by kind: U25 75, Ü25 150. Read it via `caseloadRatio`. */
  caseloadRatio: z
    .number()
    .int({ error: (issue) => orgText.caseloadRatio(issue.input) })
    .positive({ error: (issue) => orgText.caseloadRatio(issue.input) })
    .optional(),
  /**
   * R14 (Bremerhaven): the ratio is also a floor — an FM's caseload averaged over 12 months shall not fall
   * below it; the lead's overview then names FMs under it. Off by default (Bremen 2025: a ceiling only).
   */
  caseloadFloor: z.boolean().optional(),
  slackChannel: z.string().min(1).optional(),
  teamsChannel: z.string().min(1).optional(),
  /** M&I teams: the FM who is this team's contact person (R30). */
  contactFm: ref.optional(),
  /**
   * M&I teams: the team sits in the FM team's meeting, so it needs no contact FM and no visit (R30); without
   * it, an M&I team lacking `contactFm` is shown to the FM team leads as a gap.
   */
  sharesFmMeeting: z.boolean().optional(),
  /** FM teams: the other FM teams this team holds the half-yearly exchange with (R31); default all of them. */
  fmExchangePartners: z.array(ref).optional(),
  /**
   * FM teams: size of the monthly supervision sample (R34) — `percent` of the cases in question, at least `min`,
   * at most `max` cases; unset values as DEFAULT_SUPERVISION_SAMPLE. Read it via `supervisionSample`.
   */
  supervisionSample: z
    .object({
      percent: z
        .number({ error: (issue) => supervisionOrgTexts.percent(issue.input) })
        .gt(0, { error: (issue) => supervisionOrgTexts.percent(issue.input) })
        .max(100, { error: (issue) => supervisionOrgTexts.percent(issue.input) }),
      min: sampleCount('min'),
      max: sampleCount('max'),
    })
    .partial()
    .superRefine((sample, ctx) => {
      const { min, max } = { ...DEFAULT_SUPERVISION_SAMPLE, ...definedOnly(sample) };
      if (min <= max) return;
      ctx.addIssue({ code: 'custom', path: [sample.min !== undefined ? 'min' : 'max'], message: supervisionOrgTexts.minAboveMax(min, max) });
    })
    .optional(),
  /** FM teams: how often the network-partner overview is reviewed (R32), in months. */
  networkReviewMonths: z.number().int().min(1).max(24).default(6),
  /** FM teams: the weekly meeting where the assignment round takes place (R9); ISO weekday 1 = Monday. */
  meeting: z
    .object({
      weekday: z.number().int().min(1).max(5).default(2),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Uhrzeit im Format HH:MM').default('09:00'),
    })
    .default({ weekday: 2, time: '09:00' }),
});

export const officeSchema = z.object({
  id,
  name: z.string().min(1),
  leads: z.array(ref).default([]),
});

export const orgSchema = z.object({
  jobcenter: z.object({
    name: z.string().min(1),
    holidayRegion: z.string().refine(isKnownHolidayRegion, { error: (issue) => orgText.unknownHolidayRegion(issue.input) }),
    timezone: z.literal('Europe/Berlin', { error: (issue) => orgText.timezone(issue.input) }).default('Europe/Berlin'),
    /**
     * Contact policy overrides (R13, R15, R16); unset values follow Bremen 2025 (Ü25 every 3 months, U25
     * monthly, Ü25 3 months in measures — per group, or one number for both —, minimum Ü25 6 / U25 9
     * qualified contacts in every 12 months for 90 % of the caseload; 0 switches the minimum off).
     */
    contacts: z
      .object({
        intervalMonths: z.object({ u25: z.number().int().min(1).max(12), ue25: z.number().int().min(1).max(12) }).partial().optional(),
        measureIntervalMonths: z
          .union([
            z.number().int().min(1).max(12),
            z.object({ u25: z.number().int().min(1).max(12), ue25: z.number().int().min(1).max(12) }).partial(),
          ])
          .optional(),
        minPerYear: z.object({ u25: z.number().int().min(0).max(52), ue25: z.number().int().min(0).max(52) }).partial().optional(),
        share: z.number().min(0).max(1).optional(),
        reviewMonths: z.number().int().min(1).max(12).optional(),
        /** Which instruction the interval reminders cite: Bremen's (R13, the default) or Bremerhaven's (R15). */
        rule: z.enum(['R13', 'R15']).optional(),
      })
      .optional(),
    /** Team duties (R28–R32): while one is overdue, its reminder repeats every this many days until it is recorded. */
    dutyRepeatDays: z.number().int().min(1).max(90).default(14),
    /** R26: working days the referring IFK has to confirm or object to a planned exit before reminder and lead (default 10). */
    returnAnswerDays: z.number().int().min(1).max(60).optional(),
  }),
  offices: z.array(officeSchema).min(1),
  teams: z.array(teamSchema).min(1),
  people: z.array(personSchema).min(1),
});

export type Org = z.infer<typeof orgSchema>;
export type Person = Org['people'][number];
export type Team = Org['teams'][number];
export type Office = Org['offices'][number];
export type Absence = z.infer<typeof absenceSchema>;

/** Clients per full-time FM of a team (R13/R14). M&I teams carry no FM caseload, hence 0. */
export function caseloadRatio(team: Team): number {
  if (team.caseloadRatio !== undefined) return team.caseloadRatio;
  return team.kind === 'mi' ? 0 : DEFAULT_CASELOAD_RATIO[team.kind];
}

export interface SupervisionSampleSetting {
  percent: number;
  min: number;
  max: number;
}

/** R34: a team's sample setting with the defaults filled in. */
export function supervisionSample(team: Team): SupervisionSampleSetting {
  return { ...DEFAULT_SUPERVISION_SAMPLE, ...definedOnly(team.supervisionSample ?? {}) };
}

export type OrgPath = (string | number)[];
export interface OrgIssue {
  path: OrgPath;
  message: string;
}

/** `["people", 3, "team"]` → `people[3].team`, the form every problem is reported in. */
export function formatOrgPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return orgText.wholeFile;
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}

/** Shape and cross-reference checks together; `org` only when there is no problem at all. */
export function validateOrg(input: unknown): { ok: true; org: Org } | { ok: false; issues: OrgIssue[] } {
  const parsed = orgSchema.safeParse(input, { error: zodIssueText });
  const issues: OrgIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: issue.path.map((seg) => (typeof seg === 'number' ? seg : String(seg))),
        message: issue.message,
      }));
  issues.push(...crossCheckOrg(input));
  return parsed.success && issues.length === 0 ? { ok: true, org: parsed.data } : { ok: false, issues };
}

type Entry = Record<string, unknown>;
const isEntry = (value: unknown): value is Entry => typeof value === 'object' && value !== null && !Array.isArray(value);
const entries = (value: unknown): Entry[] => (Array.isArray(value) ? value.map((v) => (isEntry(v) ? v : {})) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);

/**
 * Checks references between entries on the raw input. Reads defensively (the shape may be broken
 * anywhere) and leaves wrong types to zod, so no problem is reported twice.
 */
export function crossCheckOrg(input: unknown): OrgIssue[] {
  const root = isEntry(input) ? input : {};
  const offices = entries(root.offices);
  const teams = entries(root.teams);
  const people = entries(root.people);
  const issues: OrgIssue[] = [];
  const report = (path: OrgPath, message: string) => issues.push({ path, message });

  /** Reports every value seen before and returns the first occurrence of each by value. */
  function uniqueBy(collection: string, list: Entry[], key: string, message: (value: string, first: string) => string) {
    const first = new Map<string, Entry>();
    list.forEach((entry, i) => {
      const value = text(entry[key]);
      if (value === undefined) return;
      const seen = first.get(value);
      if (seen) report([collection, i, key], message(value, formatOrgPath([collection, list.indexOf(seen), key])));
      else first.set(value, entry);
    });
    return first;
  }

  const officeById = uniqueBy('offices', offices, 'id', orgText.duplicateId);
  const teamById = uniqueBy('teams', teams, 'id', orgText.duplicateId);
  const personById = uniqueBy('people', people, 'id', orgText.duplicateId);
  uniqueBy('people', people, 'slackUserId', orgText.duplicateUserId);
  uniqueBy('people', people, 'teamsUserId', orgText.duplicateUserId);

  const checkLeads = (collection: string, list: Entry[]) =>
    list.forEach((entry, i) => {
      if (!Array.isArray(entry.leads)) return;
      entry.leads.forEach((lead: unknown, j) => {
        if (typeof lead === 'string' && !personById.has(lead)) report([collection, i, 'leads', j], orgText.unknownPerson(lead));
      });
    });
  checkLeads('offices', offices);
  checkLeads('teams', teams);

  teams.forEach((team, i) => {
    const office = text(team.office);
    if (office !== undefined && !officeById.has(office)) report(['teams', i, 'office'], orgText.unknownOffice(office));

    checkDutySettings(team, i);
    const contactFm = text(team.contactFm);
    if (contactFm === undefined) return;
    const kind = text(team.kind);
    if (kind !== undefined && kind !== 'mi' && (TEAM_KINDS as readonly string[]).includes(kind)) {
      report(['teams', i, 'contactFm'], orgText.contactFmOnlyMi(kind));
      return;
    }
    const person = personById.get(contactFm);
    if (!person) report(['teams', i, 'contactFm'], orgText.unknownPerson(contactFm));
    else if (!texts(person.roles).includes('fm')) report(['teams', i, 'contactFm'], orgText.contactFmNotFm(contactFm));
  });

  /** R30/R31: `sharesFmMeeting` only on M&I teams; `fmExchangePartners` only on FM teams, naming other FM teams. */
  function checkDutySettings(team: Entry, i: number) {
    const kind = text(team.kind);
    if (kind === undefined || !(TEAM_KINDS as readonly string[]).includes(kind)) return;
    if (team.sharesFmMeeting !== undefined && kind !== 'mi') report(['teams', i, 'sharesFmMeeting'], dutyOrgTexts.sharesFmMeetingOnlyMi);
    if (!Array.isArray(team.fmExchangePartners)) return;
    if (kind === 'mi') {
      report(['teams', i, 'fmExchangePartners'], dutyOrgTexts.partnersOnlyFm);
      return;
    }
    team.fmExchangePartners.forEach((partner: unknown, j) => {
      if (typeof partner !== 'string') return;
      const path = ['teams', i, 'fmExchangePartners', j];
      const other = teamById.get(partner);
      if (!other) report(path, orgText.unknownTeam(partner));
      else if (partner === text(team.id)) report(path, dutyOrgTexts.partnerSelf);
      else if (!FM_KINDS.includes(text(other.kind) ?? '')) report(path, dutyOrgTexts.partnerNotFm(partner));
    });
  }

  people.forEach((person, i) => {
    const roles = texts(person.roles);
    const teamId = text(person.team);
    if (teamId === undefined) {
      const needing = ROLES_NEEDING_TEAM.filter((role) => roles.includes(role));
      if (needing.length > 0 && person.team === undefined) report(['people', i, 'team'], orgText.teamRequired(needing));
    } else {
      const team = teamById.get(teamId);
      const kind = team ? text(team.kind) : undefined;
      if (!team) report(['people', i, 'team'], orgText.unknownTeam(teamId));
      else if (kind !== undefined && (TEAM_KINDS as readonly string[]).includes(kind)) {
        if (roles.includes('ifk') && kind !== 'mi') report(['people', i, 'team'], orgText.ifkOutsideMi(teamId, kind));
        if (roles.includes('fm') && !FM_KINDS.includes(kind)) report(['people', i, 'team'], orgText.fmOutsideFm(teamId, kind));
      }
    }

    const deputy = text(person.deputy);
    if (deputy !== undefined) {
      if (!personById.has(deputy)) report(['people', i, 'deputy'], orgText.unknownPerson(deputy));
      else if (deputy === text(person.id)) report(['people', i, 'deputy'], orgText.deputySelf);
    }
  });

  return issues;
}
