/**
 * The due-date jobs' read path at a size far beyond one jobcenter: 100,000 active cases over 700 FMs
 * with 1,000,000 contacts. Measures `cases.clocks()` plus `dueItems` over every clock, against a plain
 * scan of the same tables as the floor. The data comes from a fixed seed, so runs on one machine compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WorkCalendar } from '../src/domain/calendar.js';
import { formatCaseCode } from '../src/domain/caseCode.js';
import { BREMEN_POLICY, dueItems, type CaseClock } from '../src/domain/due.js';
import { addDays, type LocalDate } from '../src/domain/time.js';
import type { CaseWithContacts } from '../src/store/ports.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { medianTime, ms, mulberry32 } from './measure.js';

const TODAY: LocalDate = '2026-03-02';
const RUNS = 5;
const T0 = Date.UTC(2026, 2, 2, 6, 0);

export async function benchDue(caseCount = 100_000, fmCount = 700, contactCount = 1_000_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fm-lotse-bench-due-'));
  const store = SqliteStore.open(join(dir, 'bench.db'));
  try {
    const setupStart = performance.now();
    populate(store, caseCount, fmCount, contactCount, mulberry32(20260302));
    store.db.pragma('optimize');
    const setupMs = performance.now() - setupStart;
    const calendar = new WorkCalendar({ holidayRegion: 'DE-HB' });

    let clocks: CaseWithContacts[] = [];
    let items = 0;
    const clocksMs = medianTime(() => {
      clocks = store.cases.clocks({ statuses: ['aktiv'] }, TODAY);
    }, RUNS);
    const dueMs = medianTime(() => {
      items = 0;
      for (const c of clocks) items += dueItems(toCaseClock(c), BREMEN_POLICY, calendar).length;
    }, RUNS);
    const contactStats = store.db.prepare('SELECT count(*), max(on_date) FROM contacts');
    const activeCases = store.db.prepare(`SELECT * FROM cases WHERE status = 'aktiv'`);
    const scanMs = medianTime(() => {
      contactStats.get();
      activeCases.all();
    }, RUNS);

    const withContacts = clocks.filter((c) => c.lastContactOn !== undefined).length;
    console.log(
      `due: ${clocks.length} active cases over ${fmCount} FMs, ${contactCount} contacts (setup ${(setupMs / 1000).toFixed(1)} s); median of ${RUNS}:`,
    );
    console.log(`  clocks() ${ms(clocksMs)} + dueItems ${ms(dueMs)} = ${ms(clocksMs + dueMs)} (${items} items)`);
    console.log(
      `  plain scan ${ms(scanMs)}; clocks()/scan ${(clocksMs / scanMs).toFixed(2)}×, ` +
        `(clocks()+dueItems)/scan ${((clocksMs + dueMs) / scanMs).toFixed(2)}×; ${withContacts} cases with a qualified contact`,
    );
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The store's view of a case as the due-date engine takes it. The transfer flag (R10) lives in the
 * follow-up referral, which the bench does not generate.
 */
function toCaseClock(c: CaseWithContacts): CaseClock {
  return {
    ...c,
    inMeasure: c.inMeasure ?? false,
    reportPending: c.reportPending ?? false,
    extensions: c.extensions ?? 0,
    transferStarted: false,
  };
}

/** Cases active since up to four years, 10 contacts each on average, about 80 % of them qualified. */
function populate(store: SqliteStore, caseCount: number, fmCount: number, contactCount: number, random: () => number): void {
  const insertCase = store.db.prepare(`
    INSERT INTO cases (
      case_code, client_ref, client_group, route, prognosis, needs, counted_needs, integration12, assessment,
      u25_until, referring_person_id, referring_team_id, receiving_team_id, flagged_on, intake_deadline, status,
      assigned_fm_id, assigned_at, intake_on, in_measure, report_pending, last_review_on, planned_end_on, extensions,
      created_at, updated_at
    ) VALUES (
      @code, @client, @group, 'formal', 'nicht-marktnah', '["gesundheit","wohnen","schulden"]', 3, 0, 1,
      @u25Until, 'p-ifk-1', 'mi-1', @team, @flagged, @deadline, 'aktiv',
      @fm, @at, @intake, @measure, @report, @review, @plannedEnd, @extensions,
      @at, @at
    )`);
  const insertContact = store.db.prepare(
    'INSERT INTO contacts (case_code, on_date, kind, qualified, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const kinds = ['persoenlich', 'telefon', 'video', 'vermerk', 'kooperationsplan', 'netzwerk'];

  store.transaction(() => {
    const intakes: Array<{ code: string; intake: LocalDate; fm: string }> = [];
    for (let i = 0; i < caseCount; i++) {
      const intake = addDays(TODAY, -Math.floor(random() * 4 * 365));
      const fm = `fm-${String(i % fmCount).padStart(3, '0')}`;
      const u25 = random() < 1 / 3;
      const code = formatCaseCode(Number(intake.slice(0, 4)), i + 1);
      const extensions = random() < 0.1 ? 1 : 0;
      insertCase.run({
        code,
        client: `${String(100 + (i % 900)).padStart(3, '0')}A${String(i).padStart(6, '0')}`,
        group: u25 ? 'u25' : 'ue25',
        u25Until: u25 ? addDays(TODAY, Math.floor(random() * 900)).slice(0, 7) : null,
        team: `fm-team-${(i % fmCount) % 10}`,
        flagged: addDays(intake, -20),
        deadline: addDays(intake, -1),
        fm,
        at: T0,
        intake,
        measure: random() < 0.2 ? 1 : 0,
        report: random() < 0.05 ? 1 : 0,
        review: random() < 0.5 ? addDays(intake, 180) : null,
        plannedEnd: addDays(intake, 730 + extensions * 365),
        extensions,
      });
      intakes.push({ code, intake, fm });
    }
    for (let i = 0; i < contactCount; i++) {
      const { code, intake, fm } = intakes[Math.floor(random() * intakes.length)]!;
      const span = Math.max(1, Math.round((Date.parse(TODAY) - Date.parse(intake)) / 86_400_000));
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      insertContact.run(code, addDays(intake, Math.floor(random() * span)), kind, kind === 'netzwerk' ? 0 : 1, fm, T0);
    }
  });
}
