/**
 * R35: the controlling figures per FM team and month — one computation for /fm kennzahlen, the charts, the Slack
 * App Home and `npx fm-lotse report`. Figures only: counts and shares, never a customer number, a case code or free
 * text. Who may see which figure, and the "< 3" rule, are in `audience.ts`.
 */
import { caseloadRatio, type Team } from '../../config/org.js';
import { EXIT_REASONS } from '../../domain/exit.js';
import { DECLINE_CODES, EXTENSION_CODES } from '../../domain/vocabulary.js';
import { findNeed, type KeyGroup } from '../../domain/needs.js';
import { addDays, addMonths, type LocalDate } from '../../domain/time.js';
import type { ControllingFacts, CountRow, MonthSpan } from '../../store/ports.js';
import { contactPolicy } from '../clocks.js';
import type { CommandDeps } from '../context.js';

export type FigureUnit = 'anzahl' | 'prozent';

/** One figure of one team (and, for an FM's own figures, one FM) in one month. */
export interface Figure {
  teamId: string;
  /** YYYY-MM */
  month: string;
  /** Stable key, e.g. `abgaenge.integration`; its German label is in src/i18n/controlling.ts. */
  key: FigureKey;
  /** Set for an individual FM's figure (only for that FM's team lead and the office lead, R35). */
  fmId?: string;
  unit: FigureUnit;
  /** A count, or a share in whole percent; undefined for a share of nothing. */
  value: number | undefined;
  /** How many clients the figure describes (a count itself, a share its base): below 3 it is shown as "< 3". */
  clients: number;
}

const R2_REASONS = ['hemmnis', 'akut', 'psyche'] as const;
const KEY_GROUPS: readonly KeyGroup[] = ['leistungsfaehigkeit', 'rahmenbedingungen', 'sonstige'];
/** R35: declines by their coded occasion (R12); records without one count as `ohne-angabe`. */
const DECLINE_KEYS = [...DECLINE_CODES, 'ohne-angabe'] as const;
/** R35: stays over 24 months by the extension's coded occasion (R19); `ohne-verlaengerung`: past 24 months unextended. */
const LONG_STAY_KEYS = [...EXTENSION_CODES, 'ohne-angabe', 'ohne-verlaengerung'] as const;
const FOLLOWUP_KEYS = [6, 12, 24].flatMap((m) => ['beschaeftigt', 'nicht-beschaeftigt', 'unbekannt'].map((r) => `${m}.${r}` as const));

/** Every team figure in the order shown and exported. */
export const TEAM_FIGURES = [
  'potenzial',
  'potenzial.r1',
  'potenzial.verbis',
  'vormerkungen',
  'vormerkungen.formal',
  'vormerkungen.einzelfall',
  ...R2_REASONS.map((r) => `vormerkungen.einzelfall.${r}` as const),
  'uebernahmen',
  'uebernahmen.formal',
  'uebernahmen.einzelfall',
  'uebernahmen.fristgerecht',
  'ablehnungen',
  'ablehnungen.formal',
  'ablehnungen.einzelfall',
  ...DECLINE_KEYS.map((c) => `ablehnungen.anlass.${c}` as const),
  'bestand',
  'kapazitaet',
  'auslastung',
  'kontakte.mindestmass',
  'pruefungen',
  'pruefungen.fristgerecht',
  'verweildauer.ueber6',
  'verweildauer.ueber24',
  ...LONG_STAY_KEYS.map((c) => `verweildauer.ueber24.${c}` as const),
  'verlaengerungen',
  'abgaenge',
  ...EXIT_REASONS.map((r) => `abgaenge.${r}` as const),
  'rueckgaben.widersprochen',
  ...FOLLOWUP_KEYS.map((k) => `nachhalten.${k}` as const),
  ...KEY_GROUPS.map((g) => `bedarfe.festgestellt.${g}` as const),
  ...KEY_GROUPS.map((g) => `bedarfe.erledigt.${g}` as const),
] as const;

/** Each FM's own figures (R13, R14, R16). */
export const FM_FIGURES = ['fm.bestand', 'fm.kapazitaet', 'fm.auslastung', 'fm.kontakte.mindestmass'] as const;

export type FigureKey = (typeof TEAM_FIGURES)[number] | (typeof FM_FIGURES)[number];

/** A breakdown of another figure (its key extends the parent's by one part), hidden in the chat when all zero. */
export function isBreakdown(key: FigureKey): boolean {
  return /^(vormerkungen|uebernahmen|ablehnungen|abgaenge|verweildauer\.ueber24)\./.test(key) && key !== 'uebernahmen.fristgerecht';
}

// --- months --------------------------------------------------------------------------------------------------

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month (YYYY-MM) `delta` months from the month of `day`. */
export function monthOf(day: LocalDate, delta = 0): string {
  return addMonths(`${day.slice(0, 7)}-01`, delta).slice(0, 7);
}

/** The months from `from` to `to` (YYYY-MM, inclusive), with their Berlin boundaries. */
export function monthSpans(deps: Pick<CommandDeps, 'calendar'>, from: string, to: string): MonthSpan[] {
  const spans: MonthSpan[] = [];
  for (let first = `${from}-01`; first.slice(0, 7) <= to; first = addMonths(first, 1)) {
    const next = addMonths(first, 1);
    spans.push({
      month: first.slice(0, 7),
      first,
      last: addDays(next, -1),
      from: deps.calendar.at(first, '00:00'),
      to: deps.calendar.at(next, '00:00'),
    });
  }
  return spans;
}

/** Without `von`/`bis`: the last full month and the one before (R35). */
export function defaultMonths(today: LocalDate): { from: string; to: string } {
  return { from: monthOf(today, -2), to: monthOf(today, -1) };
}

// --- the computation -------------------------------------------------------------------------------------------

const percentOf = (part: number, whole: number): number | undefined => (whole === 0 ? undefined : Math.round((100 * part) / whole));

/** The figures of these FM teams in these months, team figures first, then each FM's, by team and month. */
export function computeFigures(deps: CommandDeps, teams: readonly Team[], from: string, to: string): Figure[] {
  const months = monthSpans(deps, from, to);
  const facts = deps.store.controlling.facts({ teamIds: teams.map((t) => t.id), months, minPerYear: contactPolicy(deps).minPerYear });
  const figures: Figure[] = [];
  for (const team of teams) {
    for (const span of months) figures.push(...teamMonth(deps, team, span, facts));
  }
  return figures;
}

/** Sums of `rows` of one team and month by key, with `keyOf` mapping a stored key (or dropping it: undefined). */
function tally(rows: readonly CountRow[], teamId: string, month: string, keyOf: (key: string) => string | undefined = (k) => k): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) {
    if (row.teamId !== teamId || row.month !== month) continue;
    const key = keyOf(row.key);
    if (key !== undefined) sums.set(key, (sums.get(key) ?? 0) + row.count);
  }
  return sums;
}

const total = (sums: Map<string, number>): number => [...sums.values()].reduce((a, b) => a + b, 0);

function teamMonth(deps: CommandDeps, team: Team, span: MonthSpan, facts: ControllingFacts): Figure[] {
  const { month } = span;
  const out: Figure[] = [];
  const count = (key: FigureKey, value: number, fmId?: string) =>
    out.push({ teamId: team.id, month, key, unit: 'anzahl', value, clients: value, ...(fmId !== undefined && { fmId }) });
  const share = (key: FigureKey, part: number, whole: number, fmId?: string) =>
    out.push({ teamId: team.id, month, key, unit: 'prozent', value: percentOf(part, whole), clients: whole, ...(fmId !== undefined && { fmId }) });
  /** Capacity describes no client: never hidden. */
  const capacity = (key: FigureKey, value: number, fmId?: string) =>
    out.push({ teamId: team.id, month, key, unit: 'anzahl', value, clients: Number.POSITIVE_INFINITY, ...(fmId !== undefined && { fmId }) });
  const get = (sums: Map<string, number>, key: string) => sums.get(key) ?? 0;

  // R1/R2: referrals by route and reason; those meeting R1's formal criteria are the recorded potential.
  const referrals = facts.referrals.filter((r) => r.teamId === team.id && r.month === month);
  const byRoute = tally(referrals, team.id, month, (k) => k.split(':')[0]);
  const byReason = tally(referrals, team.id, month, (k) => k.split(':')[1] || undefined);
  const r1 = total(tally(referrals, team.id, month, (k) => (k.endsWith(':1') ? 'r1' : undefined)));
  const verbis = tally(facts.potential, team.id, month).get('');
  count('potenzial', r1 + (verbis ?? 0));
  count('potenzial.r1', r1);
  if (verbis !== undefined) count('potenzial.verbis', verbis);
  count('vormerkungen', total(byRoute));
  count('vormerkungen.formal', get(byRoute, 'formal'));
  count('vormerkungen.einzelfall', get(byRoute, 'einzelfall'));
  for (const r of R2_REASONS) count(`vormerkungen.einzelfall.${r}`, get(byReason, r));

  // R4: intakes by route, and the share within the deadline.
  const intakes = tally(facts.intakes, team.id, month, (k) => k.split(':')[0]);
  const late = total(tally(facts.intakes, team.id, month, (k) => (k.endsWith(':1') ? 'late' : undefined)));
  count('uebernahmen', total(intakes));
  count('uebernahmen.formal', get(intakes, 'formal'));
  count('uebernahmen.einzelfall', get(intakes, 'einzelfall'));
  share('uebernahmen.fristgerecht', total(intakes) - late, total(intakes));

  // R12: declines by route and by coded occasion (the free-text reason stays out, R35).
  const declines = tally(facts.declines, team.id, month, (k) => k.split(':')[0]);
  const declineCodes = tally(facts.declines, team.id, month, (k) => k.split(':')[1] || 'ohne-angabe');
  count('ablehnungen', total(declines));
  count('ablehnungen.formal', get(declines, 'formal'));
  count('ablehnungen.einzelfall', get(declines, 'einzelfall'));
  for (const c of DECLINE_KEYS) count(`ablehnungen.anlass.${c}`, get(declineCodes, c));

  // R13/R14: caseload per FM at the month's end against capacity (ratio × FTE, as the organisation file says today).
  const ratio = caseloadRatio(team);
  const loads = new Map<string, number>();
  for (const row of facts.fmLoads) if (row.teamId === team.id && row.month === month) loads.set(row.fmId, row.load);
  const fmIds = [...new Set([...deps.org.membersOf(team).filter((p) => p.roles.includes('fm')).map((p) => p.id), ...loads.keys()])];
  const capacityOf = (fmId: string) => ratio * (deps.org.person(fmId)?.fte ?? 1);
  const teamLoad = total(loads);
  const teamCapacity = deps.org.membersOf(team).filter((p) => p.roles.includes('fm')).reduce((sum, p) => sum + ratio * p.fte, 0);
  count('bestand', teamLoad);
  capacity('kapazitaet', teamCapacity);
  share('auslastung', teamLoad, teamCapacity);
  out[out.length - 1]!.clients = teamLoad;

  // R16: share of the cases active at the month's end that have their yearly minimum of qualified contacts.
  const policy = contactPolicy(deps);
  const shares = facts.contactShares.filter((a) => a.teamId === team.id && a.month === month);
  const sum = (rows: typeof shares, field: 'met' | 'total') => rows.reduce((n, r) => n + r[field], 0);
  share('kontakte.mindestmass', sum(shares, 'met'), sum(shares, 'total'));

  // R20: reviews held in the month, and how many within the rhythm from the review before (or the intake).
  const reviews = facts.reviews.filter((r) => r.teamId === team.id && r.month === month);
  count('pruefungen', reviews.length);
  share('pruefungen.fristgerecht', reviews.filter((r) => r.base === undefined || r.on <= addMonths(r.base, policy.reviewMonths)).length, reviews.length);

  // R18/R19: stays over 6 and over 24 months at the month's end; extensions granted.
  const stays = tally(facts.stays, team.id, month);
  count('verweildauer.ueber6', get(stays, '6'));
  count('verweildauer.ueber24', get(stays, '24'));
  // R35: the reason for each stay beyond 24 months is the coded occasion of the extension that carried it there.
  const longStays = tally(facts.longStays, team.id, month, (k) => (k === '-' ? 'ohne-verlaengerung' : k || 'ohne-angabe'));
  for (const c of LONG_STAY_KEYS) count(`verweildauer.ueber24.${c}`, get(longStays, c));
  count('verlaengerungen', total(tally(facts.extensions, team.id, month)));

  // R22: exits by reason; R25: returns the IFK objected to.
  const exits = tally(facts.exits, team.id, month);
  count('abgaenge', total(exits));
  for (const r of EXIT_REASONS) count(`abgaenge.${r}`, get(exits, r));
  count('rueckgaben.widersprochen', total(tally(facts.objections, team.id, month)));

  // R27: follow-up results recorded in the month.
  const followups = tally(facts.followups, team.id, month, (k) => k.replace(':', '.'));
  for (const k of FOLLOWUP_KEYS) count(`nachhalten.${k}`, get(followups, k));

  // Needs found at referral and resolved during FM, by key group.
  const groupOf = (code: string) => findNeed(code, deps.needCatalogue)?.keyGroup ?? 'sonstige';
  const found = tally(facts.needsFound, team.id, month, groupOf);
  const resolved = tally(facts.needsResolved, team.id, month, groupOf);
  for (const g of KEY_GROUPS) count(`bedarfe.festgestellt.${g}`, get(found, g));
  for (const g of KEY_GROUPS) count(`bedarfe.erledigt.${g}`, get(resolved, g));

  // Each FM's own figures.
  for (const fmId of fmIds) {
    const load = loads.get(fmId) ?? 0;
    count('fm.bestand', load, fmId);
    capacity('fm.kapazitaet', capacityOf(fmId), fmId);
    share('fm.auslastung', load, capacityOf(fmId), fmId);
    out[out.length - 1]!.clients = load;
    const own = shares.filter((a) => a.fmId === fmId);
    share('fm.kontakte.mindestmass', sum(own, 'met'), sum(own, 'total'), fmId);
  }
  return out;
}
