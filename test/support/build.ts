/**
 * One way to build test data. A valid referral — it passes every access rule (R1 formal access with three
 * needs in the key groups, R3 flagged in VerBIS, R8 consent) — in each shape tests need: the store record,
 * the typed `/fm vormerken` line, the form values and the domain's access input; cases in a given status,
 * their contacts and assignment rounds, written through the real store.
 *
 * Overrides are spread over the defaults, so an explicit `undefined` removes a value: that is how a test
 * builds a referral with a field missing. People and teams default to the demo organisation
 * (config/org.example.json): Ü25 — IFK Lena (ifk-lena, mi-1) refers to FM Ü25 (fm-ue25), FM Tobias;
 * U25 — IFK Nele (ifk-nele, mi-u25) refers to FM U25 (fm-u25), FM Jonas.
 */
import type { AccessInput } from '../../src/domain/access.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { isQualifiedContact } from '../../src/domain/contacts.js';
import { intakeDeadline } from '../../src/domain/intake.js';
import { addMonths, type Instant, type LocalDate } from '../../src/domain/time.js';
import type { CaseStatus, Group } from '../../src/domain/vocabulary.js';
import type { CaseProgress, CaseRecord, ContactRecord, NewReferral, RoundRecord, RoundRow, Store } from '../../src/store/ports.js';

/** Monday 20.10.2025, 10:00 in Berlin: when built records were made unless a test says otherwise. */
export const T0 = Date.UTC(2025, 9, 20, 8, 0);
/** The day of T0: the default flag date of a referral. */
const FLAGGED_ON: LocalDate = '2025-10-20';
/** A fixed customer number, for tests that look for it in what the bot says. */
export const CLIENT = '123A456789';
/** The default month of the 25th birthday of a U25 client (R10). */
const U25_UNTIL = '2030-04';
/** Three needs in the key groups Leistungsfähigkeit/Rahmenbedingungen (R1). */
const NEEDS = ['gesundheit', 'sucht', 'schulden'];

const TEAMS: Record<Group, Pick<NewReferral, 'referringPersonId' | 'referringTeamId' | 'receivingTeamId'>> = {
  ue25: { referringPersonId: 'ifk-lena', referringTeamId: 'mi-1', receivingTeamId: 'fm-ue25' },
  u25: { referringPersonId: 'ifk-nele', referringTeamId: 'mi-u25', receivingTeamId: 'fm-u25' },
};
const FM: Record<Group, string> = { ue25: 'fm-tobias', u25: 'fm-jonas' };

let clientSerial = 0;
/** A fresh customer number per call (321K000001, 321K000002, …): valid, and unlike any typed in a test. */
export function nextClientRef(): string {
  return `321K${String(++clientSerial).padStart(6, '0')}`;
}

let codeSerial = 0;
/** A fresh case code per call (FM-2025-0001, …) for `newReferral`; `insertCase` draws from the store's sequence instead. */
function nextCaseCode(): string {
  return `FM-2025-${String(++codeSerial).padStart(4, '0')}`;
}

let bremen: WorkCalendar | undefined;
/** R4: 14 working days after the flag, Bremen calendar (as the demo organisation). */
function deadlineAfter(flaggedOn: LocalDate): LocalDate {
  bremen ??= new WorkCalendar({ holidayRegion: 'DE-HB' });
  return intakeDeadline(flaggedOn, bremen);
}

// --- a valid referral, in four shapes ------------------------------------------------------------------------

/**
 * The store record of a valid referral: a fresh case code and customer number, flagged on FLAGGED_ON with
 * the R4 deadline of that day. A U25 referral (`group: 'u25'`) gets U25_UNTIL and the U25 teams.
 * `countedNeeds` stays 3 when `needs` is overridden. The default case code comes from a counter, not from a
 * store: to add cases to a store that also draws codes (commands, `insertCase`), use `insertCase`.
 */
export function newReferral(overrides: Partial<NewReferral> = {}): NewReferral {
  const group = overrides.group ?? 'ue25';
  const flaggedOn = overrides.flaggedOn ?? FLAGGED_ON;
  return {
    caseCode: overrides.caseCode ?? nextCaseCode(),
    clientRef: overrides.clientRef ?? nextClientRef(),
    group,
    route: 'formal',
    prognosis: 'nicht-marktnah',
    needs: [...NEEDS],
    countedNeeds: 3,
    integration12: false,
    assessment: true,
    ...(group === 'u25' ? { u25Until: U25_UNTIL } : {}),
    ...TEAMS[group],
    flaggedOn,
    intakeDeadline: deadlineAfter(flaggedOn),
    createdAt: T0,
    ...overrides,
  };
}

/** The keys of `/fm vormerken` (typed line and form). */
export type ReferralKey =
  | 'kunde'
  | 'gruppe'
  | 'zugang'
  | 'prognose'
  | 'hb'
  | 'integration12'
  | 'einschaetzung'
  | 'grund'
  | 'zustimmung'
  | 'informiert'
  | 'verbis'
  | 'u25bis';

export type ReferralFields = Partial<Record<ReferralKey, string>>;

/**
 * The form values of a valid referral, needs (`hb`) as one comma-separated value; a fresh customer number
 * unless `kunde` is given. `gruppe: 'u25'` adds `u25bis`; `{ hb: undefined }` leaves the needs out.
 */
export function referralForm(overrides: ReferralFields = {}): Record<string, string> {
  const fields: ReferralFields = {
    kunde: 'kunde' in overrides ? overrides.kunde : nextClientRef(),
    gruppe: 'ue25',
    zugang: 'formal',
    prognose: 'nicht-marktnah',
    hb: NEEDS.join(','),
    integration12: 'nein',
    einschaetzung: 'ja',
    zustimmung: 'ja',
    informiert: 'ja',
    verbis: 'ja',
    ...(overrides.gruppe === 'u25' ? { u25bis: U25_UNTIL } : {}),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The same referral as a typed line, `vormerken kunde=… gruppe=… …` (values with spaces quoted). */
export function referralLine(overrides: ReferralFields = {}): string {
  const pairs = Object.entries(referralForm(overrides)).map(([key, value]) => `${key}=${value === '' || /\s/.test(value) ? `"${value}"` : value}`);
  return ['vormerken', ...pairs].join(' ');
}

/** The same referral as the input of the access rules (`checkAccess`). */
export function accessInput(overrides: Partial<AccessInput> = {}): AccessInput {
  return {
    group: 'ue25',
    route: 'formal',
    prognosis: 'nicht-marktnah',
    needs: [...NEEDS],
    integration12: false,
    assessment: true,
    consent: true,
    informed: true,
    verbis: true,
    ...(overrides.group === 'u25' ? { u25Until: U25_UNTIL } : {}),
    ...overrides,
  };
}

// --- cases, contacts, rounds through the real store ----------------------------------------------------------

/** A case: referral fields (see `newReferral`) and what its status needs. */
export interface CaseSpec extends Partial<NewReferral> {
  /** Default vorgemerkt. Reached as in production: vorgemerkt → zugewiesen → aktiv → beendet, or zugewiesen → abgelehnt → strittig. */
  status?: CaseStatus;
  /** The assigned FM (zugewiesen and after); default Tobias (Ü25) or Jonas (U25). */
  fmId?: string;
  /** Intake (aktiv, beendet); default the flag date. The flag date defaults to it in turn. */
  intakeOn?: LocalDate;
  /** Default 24 months after intake (R18). */
  plannedEndOn?: LocalDate;
  /** beendet: default the planned end, reason 'ziele-erreicht'. */
  endedOn?: LocalDate;
  endReason?: string;
  /** abgelehnt, strittig: default 'kein Bedarf'. */
  declinedReason?: string;
  /** When every step happened; default the referral's createdAt (T0). */
  at?: Instant;
}

/**
 * Stores a case in `status` through the store's own operations: the referral (its code drawn from the
 * store's sequence for the flag year, unless `caseCode` is given), then one transition per step. Returns
 * the case as read back.
 */
export function insertCase(store: Store, spec: CaseSpec = {}): CaseRecord {
  const { status = 'vorgemerkt', fmId, intakeOn, plannedEndOn, endedOn, endReason, declinedReason, at, ...referral } = spec;
  const flaggedOn = referral.flaggedOn ?? intakeOn ?? FLAGGED_ON;
  const record = newReferral({ ...referral, caseCode: referral.caseCode ?? store.codes.next(Number(flaggedOn.slice(0, 4))), flaggedOn });
  let current = store.cases.insertReferral(record);
  const when = at ?? record.createdAt;
  const step = (from: CaseStatus, to: CaseStatus, changes: CaseProgress): CaseRecord => {
    const next = store.cases.transition(record.caseCode, [from], to, changes, when);
    if (!next) throw new Error(`insertCase: ${record.caseCode} is not ${from}`);
    return next;
  };

  if (status === 'vorgemerkt') return current;
  current = step('vorgemerkt', 'zugewiesen', { assignedFmId: fmId ?? FM[record.group], assignedAt: when });
  if (status === 'zugewiesen') return current;
  if (status === 'abgelehnt' || status === 'strittig') {
    current = step('zugewiesen', 'abgelehnt', { declinedReason: declinedReason ?? 'kein Bedarf' });
    return status === 'strittig' ? step('abgelehnt', 'strittig', {}) : current;
  }
  const intake = intakeOn ?? flaggedOn;
  const plannedEnd = plannedEndOn ?? addMonths(intake, 24);
  current = step('zugewiesen', 'aktiv', { intakeOn: intake, plannedEndOn: plannedEnd });
  if (status === 'aktiv') return current;
  return step('aktiv', 'beendet', { endedOn: endedOn ?? plannedEnd, endReason: endReason ?? 'ziele-erreicht' });
}

/** A contact: a date alone is a talk in person. */
export interface ContactSpec {
  on: LocalDate;
  /** Default 'persoenlich'. */
  kind?: string;
  /** Default: whether the kind counts for R16 (a talk with a network partner does not). */
  qualified?: boolean;
  /** Default the case's FM, else Tobias. */
  recordedBy?: string;
  /** Default T0. */
  recordedAt?: Instant;
}

/** Records contacts of a case, in the given order; returns them as stored. */
export function addContacts(store: Store, caseCode: string, ...contacts: Array<LocalDate | ContactSpec>): ContactRecord[] {
  const fm = store.cases.byCode(caseCode)?.assignedFmId ?? FM.ue25;
  return contacts.map((contact) => {
    const { on, kind = 'persoenlich', qualified = isQualifiedContact(kind), recordedBy = fm, recordedAt = T0 } =
      typeof contact === 'string' ? { on: contact } : contact;
    return store.contacts.add({ caseCode, on, kind, qualified, recordedBy, recordedAt });
  });
}

/** An assignment round: rows default to no overflow; `confirmedBy` confirms it at once. */
export interface RoundSpec extends Partial<Omit<RoundRecord, 'id' | 'status' | 'rows' | 'confirmedBy' | 'confirmedAt'>> {
  rows?: Array<Omit<RoundRow, 'overflow'> & { overflow?: boolean }>;
  confirmedBy?: string;
}

/**
 * Stores a proposed round of FM Ü25 for the Tuesday meeting after T0 (R9), started by command by the
 * team lead; confirmed by `confirmedBy` at `createdAt` when given. Returns the round as read back.
 */
export function createRound(store: Store, spec: RoundSpec = {}): RoundRecord {
  const { rows = [], confirmedBy, ...round } = spec;
  const created = store.rounds.create({
    teamId: 'fm-ue25',
    roundDate: '2025-10-21',
    trigger: 'command',
    leftOut: [],
    createdBy: 'tl-fm-ue25',
    createdAt: T0,
    ...round,
    rows: rows.map((row) => ({ ...row, overflow: row.overflow ?? false })),
  });
  if (confirmedBy !== undefined) store.rounds.confirm(created.id, confirmedBy, created.createdAt);
  return store.rounds.byId(created.id)!;
}
