/**
 * The controlling figures (R35) for 12 months of a jobcenter with 100,000 cases (10 FM teams, 700 FMs, 600,000
 * contacts, declines and extensions with their coded reasons, reviews, exits, follow-ups and resolved needs over four years), against a hand-written SQL
 * aggregate of the same tables that computes the same counts (R16 and R20 included) in SQL alone. The target: the
 * figures take at most 2× the hand-written aggregate. The data comes from a fixed seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validateOrg } from '../src/config/org.js';
import { OrgIndex } from '../src/config/orgIndex.js';
import { WorkCalendar } from '../src/domain/calendar.js';
import { formatCaseCode } from '../src/domain/caseCode.js';
import { EXIT_REASONS } from '../src/domain/exit.js';
import { DECLINE_CODES, EXTENSION_CODES } from '../src/domain/vocabulary.js';
import { DEFAULT_NEED_CATALOGUE } from '../src/domain/needs.js';
import { addDays, addMonths, ManualClock, type LocalDate } from '../src/domain/time.js';
import { computeFigures, monthSpans } from '../src/services/controlling/figures.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { medianTime, ms, mulberry32 } from './measure.js';

const TODAY: LocalDate = '2026-03-02';
const FROM = '2025-03';
const TO = '2026-02';
const RUNS = 5;
const T0 = Date.UTC(2026, 2, 2, 6, 0);
const TEAMS = 10;
const NEEDS = ['gesundheit', 'psyche', 'sucht', 'schulden', 'wohnen', 'familie', 'sprache'];

export async function benchControlling(caseCount = 100_000, fmCount = 700, contactCount = 600_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fm-lotse-bench-controlling-'));
  const store = SqliteStore.open(join(dir, 'bench.db'));
  try {
    const setupStart = performance.now();
    populate(store, caseCount, fmCount, contactCount, mulberry32(20260302));
    store.db.pragma('optimize');
    const setupMs = performance.now() - setupStart;
    const org = new OrgIndex(benchOrg(fmCount));
    const calendar = new WorkCalendar({ holidayRegion: 'DE-HB' });
    const deps = { org, store, clock: new ManualClock(T0), calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
    const teams = org.org.teams.filter((t) => t.kind !== 'mi');

    let figures = 0;
    const figuresMs = medianTime(() => {
      figures = computeFigures(deps, teams, FROM, TO).length;
    }, RUNS);
    const handWritten = handWrittenAggregate(store, monthSpans(deps, FROM, TO));
    let rows = 0;
    const sqlMs = medianTime(() => {
      rows = handWritten();
    }, RUNS);
    const ratio = figuresMs / sqlMs;
    console.log(`controlling: 12 months, ${caseCount} cases, ${TEAMS} FM teams, ${fmCount} FMs, ${contactCount} contacts (setup ${(setupMs / 1000).toFixed(1)} s); median of ${RUNS}:`);
    console.log(`  figures ${ms(figuresMs)} (${figures} figures) · hand-written SQL aggregate ${ms(sqlMs)} (${rows} rows) · ${ratio.toFixed(2)}× (target ≤ 2×)${ratio > 2 ? ' – TOO SLOW' : ''}`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same counts, written directly in SQL per figure group: what a controller would type against the tables.
 * Returns the number of result rows.
 */
function handWrittenAggregate(store: SqliteStore, months: ReturnType<typeof monthSpans>): () => number {
  const p = { months: JSON.stringify(months), first: months[0]!.first, last: months.at(-1)!.last, from: months[0]!.from, to: months.at(-1)!.to };
  const M = `m(month, last, from_at, to_at) AS MATERIALIZED (SELECT value ->> 'month', value ->> 'last', value ->> 'from', value ->> 'to' FROM json_each(@months))`;
  const monthOf = (col: string) => `(SELECT month FROM m WHERE ${col} >= from_at AND ${col} < to_at)`;
  const queries = [
    `SELECT receiving_team_id, substr(flagged_on, 1, 7), route, reason,
            prognosis = 'nicht-marktnah' AND counted_needs >= 3 AND integration12 = 0 AND assessment = 1, count(*)
       FROM cases WHERE flagged_on BETWEEN @first AND @last GROUP BY 1, 2, 3, 4, 5`,
    `SELECT receiving_team_id, substr(intake_on, 1, 7), route, intake_late, count(*) FROM cases WHERE intake_on BETWEEN @first AND @last GROUP BY 1, 2, 3, 4`,
    `WITH ${M} SELECT c.receiving_team_id, ${monthOf('a.at')}, c.route, a.details ->> 'anlass', count(*) FROM audit_log a JOIN cases c ON c.case_code = a.case_code
       WHERE a.action = 'case.declined' AND a.at >= @from AND a.at < @to GROUP BY 1, 2, 3, 4`,
    `SELECT receiving_team_id, substr(ended_on, 1, 7), end_reason, count(*) FROM cases WHERE ended_on BETWEEN @first AND @last GROUP BY 1, 2, 3`,
    `SELECT c.receiving_team_id, substr(c.flagged_on, 1, 7), n.value, count(*) FROM cases c, json_each(c.needs) n
       WHERE c.flagged_on BETWEEN @first AND @last GROUP BY 1, 2, 3`,
    `SELECT c.receiving_team_id, substr(r.on_date, 1, 7), r.need, count(*) FROM needs_resolved r JOIN cases c ON c.case_code = r.case_code
       WHERE r.on_date BETWEEN @first AND @last GROUP BY 1, 2, 3`,
    `SELECT c.receiving_team_id, substr(f.on_date, 1, 7), f.months, f.result, count(*) FROM followups f JOIN cases c ON c.case_code = f.case_code
       WHERE f.on_date BETWEEN @first AND @last GROUP BY 1, 2, 3, 4`,
    `WITH ${M} SELECT c.receiving_team_id, ${monthOf('e.raised_at')}, count(*) FROM escalations e JOIN cases c ON c.case_code = e.case_code
       WHERE e.kind = 'abgang' AND e.raised_at >= @from AND e.raised_at < @to GROUP BY 1, 2`,
    `WITH ${M} SELECT c.receiving_team_id, ${monthOf('x.decided_at')}, count(*) FROM extensions x JOIN cases c ON c.case_code = x.case_code
       WHERE x.status = 'granted' AND x.decided_at >= @from AND x.decided_at < @to GROUP BY 1, 2`,
    `WITH ${M} SELECT c.receiving_team_id, m.month, sum(c.intake_on < date(m.last, '-6 months')), sum(c.intake_on < date(m.last, '-24 months'))
       FROM m JOIN cases c ON c.intake_on <= m.last AND (c.ended_on IS NULL OR c.ended_on > m.last)
      WHERE c.status IN ('aktiv', 'strittig', 'beendet') GROUP BY 1, 2`,
    // R35: stays over 24 months by the code of the first extension granted by the month's end.
    `WITH ${M}, first AS (
       SELECT c.receiving_team_id AS team, m.month,
              (SELECT x.reason_code FROM extensions x WHERE x.case_code = c.case_code AND x.status = 'granted' AND x.decided_at < m.to_at
                ORDER BY x.decided_at LIMIT 1) AS code
         FROM m JOIN cases c ON c.intake_on < date(m.last, '-24 months') AND (c.ended_on IS NULL OR c.ended_on > m.last)
        WHERE c.status IN ('aktiv', 'strittig', 'beendet'))
     SELECT team, month, code, count(*) FROM first GROUP BY 1, 2, 3`,
    `WITH ${M} SELECT c.receiving_team_id, m.month, c.assigned_fm_id, count(*)
       FROM m JOIN cases c ON c.assigned_at < m.to_at AND (c.ended_on IS NULL OR c.ended_on > m.last)
      WHERE c.assigned_fm_id IS NOT NULL AND c.status IN ('zugewiesen', 'aktiv', 'beendet') GROUP BY 1, 2, 3`,
    // R16: the yearly minimum (Ü25 6, U25 9), pro rata for whole months in the first year, per FM and month.
    `WITH ${M}, a AS (
       SELECT c.receiving_team_id AS team, m.month, c.assigned_fm_id AS fm,
              CASE WHEN c.client_group = 'u25' THEN 9 ELSE 6 END AS per_year,
              (strftime('%Y', m.last) - strftime('%Y', c.intake_on)) * 12 + (strftime('%m', m.last) - strftime('%m', c.intake_on)) AS months_in,
              (SELECT count(*) FROM contacts k WHERE k.case_code = c.case_code AND k.qualified = 1
                  AND k.on_date > date(m.last, '-365 days') AND k.on_date <= m.last) AS n
         FROM m JOIN cases c ON c.intake_on <= m.last AND (c.ended_on IS NULL OR c.ended_on > m.last)
        WHERE c.status IN ('aktiv', 'strittig', 'beendet'))
     SELECT team, month, fm, count(*), sum(n >= CASE WHEN months_in < 12 THEN per_year * months_in / 12 ELSE per_year END) FROM a GROUP BY 1, 2, 3`,
    // R20: reviews held, and those within six months of the review before (or the intake).
    `WITH r AS (SELECT case_code, details ->> 'on' AS on_date, lag(details ->> 'on') OVER (PARTITION BY case_code ORDER BY details ->> 'on') AS prev
                  FROM audit_log WHERE action = 'case.review')
     SELECT c.receiving_team_id, substr(r.on_date, 1, 7), count(*), sum(r.on_date <= date(coalesce(r.prev, c.intake_on), '+6 months'))
       FROM r JOIN cases c ON c.case_code = r.case_code WHERE r.on_date BETWEEN @first AND @last GROUP BY 1, 2`,
  ].map((sql) => store.db.prepare(sql).raw());
  return () => queries.reduce((n, q) => n + q.all(p).length, 0);
}

function benchOrg(fmCount: number) {
  const teams = Array.from({ length: TEAMS }, (_, t) => ({ id: `fm-team-${t}`, name: `FM-Team ${t}`, kind: t % 3 === 0 ? 'fm_u25' : 'fm_ue25', office: 'mitte', leads: [] }));
  const people = Array.from({ length: fmCount }, (_, i) => ({
    id: `fm-${String(i).padStart(3, '0')}`,
    name: `Fachkraft ${i}`,
    roles: ['fm'],
    team: `fm-team-${i % TEAMS}`,
  }));
  const result = validateOrg({
    jobcenter: { name: 'Bench', holidayRegion: 'DE-HB' },
    offices: [{ id: 'mitte', name: 'Mitte', leads: ['gl'] }],
    teams: [...teams, { id: 'mi-1', name: 'M&I', kind: 'mi', office: 'mitte' }],
    people: [...people, { id: 'gl', name: 'Leitung', roles: ['officelead'] }, { id: 'p-ifk-1', name: 'IFK', roles: ['ifk'], team: 'mi-1' }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result.org;
}

/**
 * Cases referred over four years: most taken in (some late), some declined (with an audit entry), about half of the
 * taken-in ended for an R22 reason, reviews every six months as audit entries, follow-ups and resolved needs,
 * objections to returns and granted extensions; contacts spread over each case's time in FM.
 */
function populate(store: SqliteStore, caseCount: number, fmCount: number, contactCount: number, random: () => number): void {
  const db = store.db;
  const insertCase = db.prepare(`
    INSERT INTO cases (
      case_code, client_ref, client_group, route, prognosis, needs, counted_needs, integration12, assessment, reason,
      referring_person_id, referring_team_id, receiving_team_id, flagged_on, intake_deadline, status,
      assigned_fm_id, assigned_at, intake_on, intake_late, ended_on, end_reason, created_at, updated_at
    ) VALUES (
      @code, @client, @group, @route, @prognosis, @needs, @counted, 0, 1, @reason,
      'p-ifk-1', 'mi-1', @team, @flagged, @deadline, @status,
      @fm, @assignedAt, @intake, @late, @ended, @endReason, @at, @at
    )`);
  const insertAudit = db.prepare('INSERT INTO audit_log (at, actor_id, action, case_code, details) VALUES (?, ?, ?, ?, ?)');
  const insertContact = db.prepare('INSERT INTO contacts (case_code, on_date, kind, qualified, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertFollowup = db.prepare('INSERT INTO followups (case_code, months, result, on_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertResolved = db.prepare('INSERT INTO needs_resolved (case_code, need, on_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)');
  const insertEscalation = db.prepare(
    `INSERT INTO escalations (case_code, kind, status, team_id, seats, raised_by, raised_at, reason, data, decided_at)
     VALUES (?, 'abgang', 'rejected', ?, '["mi-1"]', 'p-ifk-1', ?, '', '{}', ?)`,
  );
  const insertExtension = db.prepare(
    `INSERT INTO extensions (case_code, months, reason, reason_code, status, requested_by, requested_at, decided_by, decided_at)
     VALUES (?, 6, '', ?, 'granted', ?, ?, ?, ?)`,
  );
  const instant = (day: LocalDate) => Date.parse(`${day}T10:00:00Z`);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  store.transaction(() => {
    const spans: Array<{ code: string; from: LocalDate; to: LocalDate; fm: string }> = [];
    for (let i = 0; i < caseCount; i++) {
      const flagged = addDays(TODAY, -Math.floor(random() * 4 * 365));
      const fmIndex = Math.floor(random() * fmCount);
      const fm = `fm-${String(fmIndex).padStart(3, '0')}`;
      const team = `fm-team-${fmIndex % TEAMS}`;
      const code = formatCaseCode(Number(flagged.slice(0, 4)), i + 1);
      const einzelfall = random() < 0.15;
      const needs = NEEDS.filter(() => random() < 0.45);
      const declined = random() < 0.1;
      const intake = declined ? null : addDays(flagged, 5 + Math.floor(random() * 25));
      const takenIn = intake !== null && intake <= TODAY;
      const ended = takenIn && random() < 0.5 ? addDays(intake, 30 + Math.floor(random() * 900)) : null;
      const endedOn = ended !== null && ended <= TODAY ? ended : null;
      insertCase.run({
        code,
        client: `${String(100 + (i % 900)).padStart(3, '0')}A${String(i).padStart(6, '0')}`,
        group: team.endsWith('0') || team.endsWith('3') || team.endsWith('6') || team.endsWith('9') ? 'u25' : 'ue25',
        route: einzelfall ? 'einzelfall' : 'formal',
        prognosis: einzelfall && random() < 0.5 ? 'marktnah' : 'nicht-marktnah',
        needs: JSON.stringify(needs),
        counted: needs.filter((n) => n !== 'sprache').length,
        reason: einzelfall ? pick(['hemmnis', 'akut', 'psyche']) : null,
        team,
        flagged,
        deadline: addDays(flagged, 20),
        status: declined ? 'abgelehnt' : endedOn ? 'beendet' : takenIn ? 'aktiv' : 'zugewiesen',
        fm,
        assignedAt: instant(addDays(flagged, 3)),
        intake: takenIn ? intake : null,
        late: takenIn ? (random() < 0.1 ? 1 : 0) : null,
        ended: endedOn,
        endReason: endedOn ? pick(EXIT_REASONS) : null,
        at: T0,
      });
      if (declined) insertAudit.run(instant(addDays(flagged, 4)), fm, 'case.declined', code, random() < 0.8 ? JSON.stringify({ anlass: pick(DECLINE_CODES) }) : '{}');
      if (!takenIn) continue;
      const until = endedOn ?? TODAY;
      spans.push({ code, from: intake, to: until, fm });
      for (let review = addMonths(intake, 6); review <= until; review = addMonths(review, 6)) {
        const held = addDays(review, Math.floor(random() * 20) - 10);
        if (held <= until) insertAudit.run(instant(held), fm, 'case.review', code, JSON.stringify({ on: held }));
      }
      for (const need of needs) if (random() < 0.3) insertResolved.run(code, need, addDays(intake, Math.floor(random() * 300)), fm, T0);
      if (random() < 0.05) insertEscalation.run(code, team, instant(addDays(intake, 100)), instant(addDays(intake, 110)));
      if (random() < 0.05) {
        const reasonCode = random() < 0.8 ? pick(EXTENSION_CODES) : null;
        insertExtension.run(code, reasonCode, fm, instant(addDays(intake, 700)), fm, instant(addDays(intake, 705)));
      }
      if (endedOn) {
        for (const months of [6, 12, 24]) {
          const on = addMonths(endedOn, months);
          if (on <= TODAY && random() < 0.7) insertFollowup.run(code, months, pick(['beschaeftigt', 'nicht-beschaeftigt', 'unbekannt']), on, fm, T0);
        }
      }
    }
    for (let i = 0; i < contactCount; i++) {
      const { code, from, to, fm } = spans[Math.floor(random() * spans.length)]!;
      const span = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
      insertContact.run(code, addDays(from, Math.floor(random() * span)), 'persoenlich', random() < 0.9 ? 1 : 0, fm, T0);
    }
  });
}
