/**
 * The assignment proposal (R9) at a size far beyond one jobcenter's week: 2,000 referrals over 300 FMs.
 * The instance is generated from a fixed seed, so runs on the same machine compare.
 */
import { performance } from 'node:perf_hooks';
import { proposeAssignment, type RoundFm, type RoundInput, type RoundReferral } from '../src/domain/assignment.js';
import { WorkCalendar } from '../src/domain/calendar.js';
import { DEFAULT_NEED_CATALOGUE } from '../src/domain/needs.js';
import { addDays } from '../src/domain/time.js';
import { mulberry32 } from './measure.js';

const ROUND_DATE = '2025-10-29'; // the week of Reformation Day, a holiday in Bremen
const RUNS = 9;
const NEEDS = DEFAULT_NEED_CATALOGUE.map((need) => need.code);

export async function benchAssignment(referralCount = 2_000, fmCount = 300): Promise<void> {
  const input = generateRound(referralCount, fmCount, mulberry32(20251029));
  proposeAssignment(input); // warm-up: JIT and the calendar's holiday cache

  const times: number[] = [];
  let proposal = proposeAssignment(input);
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    proposal = proposeAssignment(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);

  const overflowRows = proposal.rows.filter((row) => row.overflow).length;
  const topicMatches = proposal.rows.filter((row) => row.topicMatch).length;
  console.log(
    `assignment: ${referralCount} referrals over ${fmCount} FMs — median ${times[RUNS >> 1]!.toFixed(2)} ms ` +
      `(min ${times[0]!.toFixed(2)}, max ${times.at(-1)!.toFixed(2)}, ${RUNS} runs)`,
  );
  console.log(
    `  highest utilisation ${percent(proposal.maxUtilisation)} (lower bound ${percent(proposal.lowerBound)}); ` +
      `${proposal.leftOut.length} FMs left out, ${overflowRows} rows over capacity, ${topicMatches} topic matches`,
  );
}

/** Two thirds Ü25 (1:150), one third U25 (1:75); part-timers, absences and a tight starting load. */
function generateRound(referralCount: number, fmCount: number, random: () => number): RoundInput {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], max: number): T[] => {
    const count = 1 + Math.floor(random() * max);
    return [...new Set(Array.from({ length: count }, () => pick(items)))];
  };

  const fms: RoundFm[] = Array.from({ length: fmCount }, (_, i) => {
    const group = i % 3 === 0 ? 'u25' : 'ue25';
    const capacity = (group === 'u25' ? 75 : 150) * pick([1, 1, 1, 0.9, 0.8, 0.75, 0.5]);
    const away = random() < 0.1 ? addDays(ROUND_DATE, Math.floor(random() * 10) - 3) : undefined;
    return {
      id: `fm-${String(i).padStart(3, '0')}`,
      group,
      capacity,
      caseload: Math.round(capacity * (0.85 + random() * 0.1)), // tight, so the round raises the peak
      absences: away === undefined ? [] : [{ from: away, to: addDays(away, Math.floor(random() * 14)) }],
      topics: random() < 0.7 ? some(NEEDS, 2) : [],
      recentAssignments: Math.floor(random() * 6),
    };
  });
  const referrals: RoundReferral[] = Array.from({ length: referralCount }, (_, i) => ({
    caseCode: `FM-2025-${String(i + 1).padStart(4, '0')}`,
    group: random() < 1 / 3 ? 'u25' : 'ue25',
    needs: some(NEEDS, 4),
    intakeDeadline: addDays(ROUND_DATE, 6 + Math.floor(random() * 14)),
  }));
  return { roundDate: ROUND_DATE, referrals, fms, calendar: new WorkCalendar({ holidayRegion: 'DE-HB' }) };
}

function percent(utilisation: number): string {
  return `${(utilisation * 100).toFixed(2)} %`;
}
