/**
 * R34 supervision by random sample. Once a month each FM team's leads get cases drawn at random from the
 * cases they must be able to check: the team's active cases, and the cases it ended and the referrals it
 * declined in the month before (exit and decline reasons are what the leads check). The size is the team's
 * `supervisionSample` setting (default 5 %, at least 1, at most 5).
 *
 * The draw cannot be foreseen: its seed is 128 random bits, not derived from team and month. It is
 * recorded with the draw in the audit log (`supervision.drawn`: team, month, seed, drawn cases and the
 * whole population), so `drawSample(population, cases.length, seed)` reproduces it, and a month that has
 * an entry is never drawn again. Each review is an audit entry `supervision.reviewed` on the case, naming
 * the samples it settles; the optional finding (`befund`) stays there and is never sent to a channel.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OrgIndex } from '../config/orgIndex.js';
import { supervisionSample, type Person, type SupervisionSampleSetting, type Team } from '../config/org.js';
import { addMonths, type Instant, type LocalDate } from '../domain/time.js';
import type { SampleCaseKind } from '../i18n/supervision.js';
import type { AuditEntry } from '../store/ports.js';
import type { CommandDeps } from './context.js';
import { SYSTEM_ACTOR } from './escalations/index.js';

export const SUPERVISION_AUDIT = { drawn: 'supervision.drawn', reviewed: 'supervision.reviewed' } as const;

/** The audit action of a referral's decline (R12); the sample takes the declines of the month before. */
const DECLINED_ACTION = 'case.declined';

/** One month's draw of one team, as recorded in the audit log. */
export interface SupervisionDraw {
  teamId: string;
  /** The month the sample is for, YYYY-MM. */
  month: string;
  /** 32 hex digits from crypto.randomBytes. */
  seed: string;
  /** The drawn case codes, sorted. */
  cases: string[];
  /** Every case code the draw chose from, sorted. */
  population: string[];
  at: Instant;
}

/** One drawn case of one sample and whether its review is recorded. */
export interface SampleItem {
  teamId: string;
  month: string;
  caseCode: string;
  reviewed?: { at: Instant; by: string };
}

/** How many cases of a population of `population`: `percent` rounded up, at least `min`, at most `max`, never more than there are. */
export function sampleSize(population: number, setting: SupervisionSampleSetting): number {
  if (population <= 0) return 0;
  // The small epsilon keeps 20 × 5 % at 1 when floating point makes it 1.0000000000000002.
  const share = Math.ceil((population * setting.percent) / 100 - 1e-9);
  return Math.min(population, setting.max, Math.max(setting.min, share));
}

/** A fresh, unpredictable seed (R34: nobody can know in advance which cases will be drawn). */
export function newSeed(): string {
  return randomBytes(16).toString('hex');
}

/**
 * `count` distinct codes of `population`, chosen uniformly by a partial Fisher–Yates shuffle driven by a
 * SHA-256 stream of the seed. The same population (in any order) and seed always give the same cases, so
 * the audit entry of a draw reproduces it. Returns the drawn codes sorted.
 */
export function drawSample(population: readonly string[], count: number, seed: string): string[] {
  const pool = [...new Set(population)].sort();
  const n = Math.min(Math.max(0, count), pool.length);
  const next = randomStream(seed);
  for (let i = 0; i < n; i++) {
    const j = i + uniformBelow(next, pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n).sort();
}

/** 32-bit numbers from SHA-256(seed:0), SHA-256(seed:1), … */
function randomStream(seed: string): () => number {
  let block = 0;
  let buffer = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset >= buffer.length) {
      buffer = createHash('sha256').update(`${seed}:${block++}`).digest();
      offset = 0;
    }
    const value = buffer.readUInt32BE(offset);
    offset += 4;
    return value;
  };
}

/** A number in [0, n) without modulo bias (rejection sampling). */
function uniformBelow(next: () => number, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const value = next();
    if (value < limit) return value % n;
  }
}

/**
 * The cases the sample of `month` (YYYY-MM) is drawn from: the team's active cases, and the cases it ended
 * and the referrals it declined in the month before — by case code, with what they were.
 */
export function samplePopulation(deps: Pick<CommandDeps, 'store' | 'calendar'>, team: Team, month: string): Map<string, SampleCaseKind> {
  const { store, calendar } = deps;
  const start: LocalDate = `${month}-01`;
  const previous = addMonths(start, -1);
  const population = new Map<string, SampleCaseKind>();
  for (const c of store.cases.list({ statuses: ['aktiv'], receivingTeamIds: [team.id] })) population.set(c.caseCode, 'aktiv');
  for (const c of store.cases.list({ statuses: ['beendet'], receivingTeamIds: [team.id] })) {
    if (c.endedOn !== undefined && c.endedOn >= previous && c.endedOn < start && !population.has(c.caseCode)) population.set(c.caseCode, 'beendet');
  }
  const until = calendar.at(start, '00:00');
  for (const entry of store.audit.byAction(DECLINED_ACTION, calendar.at(previous, '00:00'))) {
    if (entry.at >= until || entry.caseCode === undefined || population.has(entry.caseCode)) continue;
    if (store.cases.byCode(entry.caseCode)?.receivingTeamId === team.id) population.set(entry.caseCode, 'abgelehnt');
  }
  return population;
}

/** Every recorded draw, oldest first; optionally of some teams only. */
export function recordedDraws(deps: Pick<CommandDeps, 'store'>, teamIds?: readonly string[]): SupervisionDraw[] {
  const draws: SupervisionDraw[] = [];
  for (const entry of deps.store.audit.byAction(SUPERVISION_AUDIT.drawn)) {
    const draw = toDraw(entry);
    if (draw && (teamIds === undefined || teamIds.includes(draw.teamId))) draws.push(draw);
  }
  return draws;
}

/**
 * The team's sample of `month`: the one recorded, or — when there is none and the team has cases to draw
 * from — a new draw with a fresh seed, recorded in the audit log. Undefined when there is nothing to draw.
 * A month is drawn once: a repeated run, a restart or a second lead finds the recorded draw.
 * Call it inside the transaction that also queues the messages.
 */
export function monthlyDraw(deps: Pick<CommandDeps, 'store' | 'calendar'>, team: Team, month: string, now: Instant): SupervisionDraw | undefined {
  const recorded = recordedDraws(deps, [team.id]).find((d) => d.month === month);
  if (recorded) return recorded;
  const population = [...samplePopulation(deps, team, month).keys()].sort();
  if (population.length === 0) return undefined;
  const seed = newSeed();
  const cases = drawSample(population, sampleSize(population.length, supervisionSample(team)), seed);
  deps.store.audit.record({
    at: now,
    actorId: SYSTEM_ACTOR,
    action: SUPERVISION_AUDIT.drawn,
    details: { teamId: team.id, month, seed, cases, population },
  });
  return { teamId: team.id, month, seed, cases, population, at: now };
}

/** Every drawn case of the teams' samples with its review, by month and case code. */
export function sampleItems(deps: Pick<CommandDeps, 'store'>, teamIds?: readonly string[]): SampleItem[] {
  const reviews = new Map<string, { at: Instant; by: string }>();
  for (const entry of deps.store.audit.byAction(SUPERVISION_AUDIT.reviewed)) {
    const teamId = entry.details.teamId;
    const months = entry.details.months;
    if (typeof teamId !== 'string' || !Array.isArray(months) || entry.caseCode === undefined) continue;
    for (const month of months) {
      const key = itemKey(teamId, String(month), entry.caseCode);
      if (!reviews.has(key)) reviews.set(key, { at: entry.at, by: entry.actorId });
    }
  }
  const items: SampleItem[] = [];
  for (const draw of recordedDraws(deps, teamIds)) {
    for (const caseCode of draw.cases) {
      const reviewed = reviews.get(itemKey(draw.teamId, draw.month, caseCode));
      items.push({ teamId: draw.teamId, month: draw.month, caseCode, ...(reviewed && { reviewed }) });
    }
  }
  return items.sort((a, b) => a.month.localeCompare(b.month) || a.caseCode.localeCompare(b.caseCode));
}

/**
 * For the lead digest: the case codes drawn into the team's samples — this month's and every earlier one —
 * whose review is not recorded yet, sorted.
 */
export function openSampleItems(deps: Pick<CommandDeps, 'store'>, teamId: string): string[] {
  const codes = sampleItems(deps, [teamId])
    .filter((i) => !i.reviewed)
    .map((i) => i.caseCode);
  return [...new Set(codes)].sort();
}

/** Who may review a team's sample (R34): a lead of that team, or a lead of the office the team belongs to. */
export function maySupervise(org: OrgIndex, person: Person, team: Team): boolean {
  if (org.teamsLedBy(person).some((t) => t.id === team.id)) return true;
  return org.org.offices.some((o) => o.id === team.office && o.leads.includes(person.id));
}

/**
 * Records the review of a case in one team's open samples (`months`), with the lead's finding if any.
 * The caller checks that the case is open in those samples and that the actor may supervise the team.
 */
export function recordReview(
  deps: Pick<CommandDeps, 'store'>,
  review: { caseCode: string; teamId: string; months: string[]; actorId: string; finding?: string; now: Instant },
): void {
  deps.store.audit.record({
    at: review.now,
    actorId: review.actorId,
    action: SUPERVISION_AUDIT.reviewed,
    caseCode: review.caseCode,
    details: { teamId: review.teamId, months: review.months, ...(review.finding !== undefined && { befund: review.finding }) },
  });
}

const itemKey = (teamId: string, month: string, caseCode: string): string => `${teamId}|${month}|${caseCode}`;

function toDraw(entry: AuditEntry): SupervisionDraw | undefined {
  const { teamId, month, seed, cases, population } = entry.details;
  if (typeof teamId !== 'string' || typeof month !== 'string' || typeof seed !== 'string') return undefined;
  if (!isStringArray(cases) || !isStringArray(population)) return undefined;
  return { teamId, month, seed, cases, population, at: entry.at };
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
