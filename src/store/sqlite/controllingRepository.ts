/**
 * R35: the controlling aggregates, per receiving FM team and month. Every statement groups in SQL and returns
 * counts (or, for R16 and R20, one row per active case or review with dates and numbers only): no customer
 * number, no case code, no free text leaves here.
 */
import type Database from 'better-sqlite3';
import { R1_MIN_KEY_GROUP_NEEDS } from '../../domain/access.js';
import type { Instant, LocalDate } from '../../domain/time.js';
import type { ContactShareRow, ControllingFacts, ControllingQuery, ControllingRepository, CountRow, FmLoadRow, ReviewRow } from '../ports.js';

interface Params {
  minU25: number;
  minUe25: number;
  teams: string;
  months: string;
  first: string;
  last: string;
}

/** The months as a table: `m(month, first, last, from_at, to_at)`, read once (not once per joined row). */
const MONTHS_CTE = `m(month, first, last, from_at, to_at) AS MATERIALIZED (
  SELECT value ->> 'month', value ->> 'first', value ->> 'last', value ->> 'from', value ->> 'to' FROM json_each(@months))`;
const IN_TEAMS = `IN (SELECT value FROM json_each(@teams))`;

/** A count per team, month and key; `month` and `key` are SQL expressions over the FROM clause. */
function countSql(from: string, month: string, key: string, where: string): string {
  return `WITH ${MONTHS_CTE}
    SELECT c.receiving_team_id AS teamId, ${month} AS month, ${key} AS key, count(*) AS count
      FROM ${from}
     WHERE c.receiving_team_id ${IN_TEAMS} AND ${where}
     GROUP BY 1, 2, 3`;
}

/** The month an instant column falls into (Berlin months, boundaries from the query). */
const monthOfInstant = (column: string) => `(SELECT m.month FROM m WHERE ${column} >= m.from_at AND ${column} < m.to_at)`;
const instantInRange = (column: string) => `${column} >= (SELECT min(from_at) FROM m) AND ${column} < (SELECT max(to_at) FROM m)`;

export class SqliteControllingRepository implements ControllingRepository {
  private readonly insertResolved;
  private readonly selectResolved;
  private readonly selectPotential;
  private readonly upsertPotential;
  private readonly statements;

  constructor(db: Database.Database) {
    this.insertResolved = db.prepare(
      `INSERT INTO needs_resolved (case_code, need, on_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (case_code, need) DO NOTHING`,
    );
    this.selectResolved = db.prepare<[string], string>('SELECT need FROM needs_resolved WHERE case_code = ? ORDER BY recorded_at, need').pluck();
    this.selectPotential = db.prepare<[string, string], number>('SELECT value FROM team_potential WHERE team_id = ? AND month = ?').pluck();
    this.upsertPotential = db.prepare(
      `INSERT INTO team_potential (team_id, month, value, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (team_id, month) DO UPDATE SET value = excluded.value, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    );
    const byDate = (column: string) => `substr(${column}, 1, 7)`;
    const dateInRange = (column: string) => `${column} BETWEEN @first AND @last`;
    const r1 = `(c.prognosis = 'nicht-marktnah' AND c.counted_needs >= ${R1_MIN_KEY_GROUP_NEEDS} AND c.integration12 = 0 AND c.assessment = 1)`;
    const count = (sql: string) => db.prepare<Params, CountRow>(sql);
    this.statements = {
      referrals: count(countSql('cases c', byDate('c.flagged_on'), `c.route || ':' || coalesce(c.reason, '') || ':' || ${r1}`, dateInRange('c.flagged_on'))),
      intakes: count(countSql('cases c', byDate('c.intake_on'), `c.route || ':' || coalesce(c.intake_late, 0)`, dateInRange('c.intake_on'))),
      declines: count(
        countSql('audit_log a JOIN cases c ON c.case_code = a.case_code', monthOfInstant('a.at'), `c.route || ':' || coalesce(a.details ->> 'anlass', '')`, `a.action = 'case.declined' AND ${instantInRange('a.at')}`),
      ),
      exits: count(countSql('cases c', byDate('c.ended_on'), `coalesce(c.end_reason, '')`, dateInRange('c.ended_on'))),
      needsFound: count(countSql('cases c, json_each(c.needs) n', byDate('c.flagged_on'), 'n.value', dateInRange('c.flagged_on'))),
      needsResolved: count(
        countSql('needs_resolved r JOIN cases c ON c.case_code = r.case_code', byDate('r.on_date'), 'r.need', dateInRange('r.on_date')),
      ),
      followups: count(
        countSql('followups f JOIN cases c ON c.case_code = f.case_code', byDate('f.on_date'), `f.months || ':' || f.result`, dateInRange('f.on_date')),
      ),
      objections: count(
        countSql('escalations e JOIN cases c ON c.case_code = e.case_code', monthOfInstant('e.raised_at'), 'e.status', `e.kind = 'abgang' AND ${instantInRange('e.raised_at')}`),
      ),
      extensions: count(
        countSql('extensions x JOIN cases c ON c.case_code = x.case_code', monthOfInstant('x.decided_at'), `''`, `x.status = 'granted' AND ${instantInRange('x.decided_at')}`),
      ),
      // Active at the month's end: taken in by then and not ended by then (R18–R21).
      stays: count(`WITH ${MONTHS_CTE}
        SELECT c.receiving_team_id AS teamId, m.month AS month, s.key AS key, count(*) AS count
          FROM m JOIN cases c ON c.intake_on <= m.last AND (c.ended_on IS NULL OR c.ended_on > m.last)
          JOIN (SELECT '6' AS key, '-6 months' AS back UNION ALL SELECT '24', '-24 months') s ON c.intake_on < date(m.last, s.back)
         WHERE c.receiving_team_id ${IN_TEAMS} AND c.status IN ('aktiv', 'strittig', 'beendet')
         GROUP BY 1, 2, 3`),
      // R35: stays over 24 months at the month's end by the coded occasion of the case's first granted extension —
      // the one that carried it past the standard 24 months (R18/R19); '' without a code, '-' without an extension.
      longStays: count(`WITH ${MONTHS_CTE}
        SELECT c.receiving_team_id AS teamId, m.month AS month,
               coalesce((SELECT coalesce(x.reason_code, '') FROM extensions x
                          WHERE x.case_code = c.case_code AND x.status = 'granted' AND x.decided_at < m.to_at
                          ORDER BY x.decided_at, x.id LIMIT 1), '-') AS key,
               count(*) AS count
          FROM m JOIN cases c ON c.intake_on <= m.last AND (c.ended_on IS NULL OR c.ended_on > m.last) AND c.intake_on < date(m.last, '-24 months')
         WHERE c.receiving_team_id ${IN_TEAMS} AND c.status IN ('aktiv', 'strittig', 'beendet')
         GROUP BY 1, 2, 3`),
      potential: count(`WITH ${MONTHS_CTE}
        SELECT p.team_id AS teamId, p.month AS month, '' AS key, p.value AS count
          FROM team_potential p JOIN m ON m.month = p.month WHERE p.team_id ${IN_TEAMS}`),
      // R13/R14: cases assigned by the month's end and not ended by then.
      fmLoads: db.prepare<Params, FmLoadRow>(`WITH ${MONTHS_CTE}
        SELECT c.receiving_team_id AS teamId, m.month AS month, c.assigned_fm_id AS fmId, count(*) AS load
          FROM m JOIN cases c ON c.assigned_at < m.to_at AND (c.ended_on IS NULL OR c.ended_on > m.last)
         WHERE c.receiving_team_id ${IN_TEAMS} AND c.assigned_fm_id IS NOT NULL AND c.status IN ('zugewiesen', 'aktiv', 'beendet')
         GROUP BY 1, 2, 3`),
      // R16 (as contactMinimum in src/domain/due.ts): at a month's end the months since the intake are the calendar
      // months between (the day is the month's last); in the first 12 months the minimum is pro rata, rounded down.
      contactShares: db.prepare<Params, { teamId: string; month: string; fmId: string | null; total: number; met: number }>(`WITH ${MONTHS_CTE},
        a AS (
          SELECT c.receiving_team_id AS teamId, m.month AS month, c.assigned_fm_id AS fmId,
                 CAST(CASE c.client_group WHEN 'u25' THEN @minU25 ELSE @minUe25 END AS INTEGER) AS perYear,
                 max(0, (CAST(substr(m.last, 1, 4) AS INTEGER) - CAST(substr(c.intake_on, 1, 4) AS INTEGER)) * 12
                        + CAST(substr(m.last, 6, 2) AS INTEGER) - CAST(substr(c.intake_on, 6, 2) AS INTEGER)) AS monthsIn,
                 (SELECT count(*) FROM contacts k
                   WHERE k.case_code = c.case_code AND k.qualified = 1 AND k.on_date > date(m.last, '-365 days') AND k.on_date <= m.last) AS n
            FROM m JOIN cases c ON c.intake_on <= m.last AND (c.ended_on IS NULL OR c.ended_on > m.last)
           WHERE c.receiving_team_id ${IN_TEAMS} AND c.status IN ('aktiv', 'strittig', 'beendet'))
        SELECT teamId, month, fmId, count(*) AS total,
               sum(n >= CASE WHEN monthsIn < 12 THEN (perYear * monthsIn) / 12 ELSE perYear END) AS met
          FROM a GROUP BY 1, 2, 3`),
      // R20: each review held in the months, with the review before it (or the intake) it was due from.
      reviews: db.prepare<Params, { teamId: string; month: string; on: LocalDate; base: LocalDate | null }>(`
        WITH r AS (
          SELECT a.case_code, a.details ->> 'on' AS on_date,
                 lag(a.details ->> 'on') OVER (PARTITION BY a.case_code ORDER BY a.details ->> 'on') AS prev
            FROM audit_log a WHERE a.action = 'case.review')
        SELECT c.receiving_team_id AS teamId, substr(r.on_date, 1, 7) AS month, r.on_date AS "on", coalesce(r.prev, c.intake_on) AS base
          FROM r JOIN cases c ON c.case_code = r.case_code
         WHERE c.receiving_team_id ${IN_TEAMS} AND r.on_date BETWEEN @first AND @last`),
    };
  }

  resolveNeeds(caseCode: string, needs: readonly string[], on: LocalDate, by: string, at: Instant): string[] {
    return needs.filter((need) => this.insertResolved.run(caseCode, need, on, by, at).changes === 1);
  }

  resolvedNeeds(caseCode: string): string[] {
    return this.selectResolved.all(caseCode);
  }

  setPotential(teamId: string, month: string, value: number, by: string, at: Instant): number | undefined {
    const before = this.selectPotential.get(teamId, month);
    this.upsertPotential.run(teamId, month, value, by, at);
    return before;
  }

  facts(query: ControllingQuery): ControllingFacts {
    const months = query.months;
    if (months.length === 0 || query.teamIds.length === 0) return emptyFacts();
    const params: Params = {
      minU25: query.minPerYear.u25,
      minUe25: query.minPerYear.ue25,
      teams: JSON.stringify(query.teamIds),
      months: JSON.stringify(months),
      first: months[0]!.first,
      last: months[months.length - 1]!.last,
    };
    const s = this.statements;
    const counts = (statement: Database.Statement<Params, CountRow>) => statement.all(params).filter((r) => r.month !== null);
    return {
      referrals: counts(s.referrals),
      intakes: counts(s.intakes),
      declines: counts(s.declines),
      exits: counts(s.exits),
      needsFound: counts(s.needsFound),
      needsResolved: counts(s.needsResolved),
      followups: counts(s.followups),
      objections: counts(s.objections),
      extensions: counts(s.extensions),
      stays: counts(s.stays),
      longStays: counts(s.longStays),
      potential: counts(s.potential),
      fmLoads: s.fmLoads.all(params),
      contactShares: s.contactShares.all(params).map(
        (r): ContactShareRow => ({ teamId: r.teamId, month: r.month, ...(r.fmId !== null && { fmId: r.fmId }), total: r.total, met: r.met }),
      ),
      reviews: s.reviews.all(params).map((r): ReviewRow => ({ teamId: r.teamId, month: r.month, on: r.on, ...(r.base !== null && { base: r.base }) })),
    };
  }
}

function emptyFacts(): ControllingFacts {
  return {
    referrals: [],
    intakes: [],
    declines: [],
    exits: [],
    needsFound: [],
    needsResolved: [],
    followups: [],
    objections: [],
    extensions: [],
    stays: [],
    longStays: [],
    potential: [],
    fmLoads: [],
    contactShares: [],
    reviews: [],
  };
}
