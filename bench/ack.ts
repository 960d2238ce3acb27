/**
 * Acknowledgement under load (issue #13, item 1): rounds of 100 concurrent signed `/fm hilfe` requests against
 * FM-Lotse (the real Bolt platform, Bot and SQLite store, a fake Slack Web API) and against a bare Bolt app on
 * the same kind of receiver whose listener only acks. Rounds alternate between the two in one run, so both see
 * the same machine load. The figure is the time from sending a request to its response (the ack); goal:
 * FM-Lotse's p99 at most 1.25× the bare app's (the median over the alternating pairs of rounds of the ratio of
 * their p99s; the pooled ratio is printed too), no errors. Each server in its own process, the fake Slack
 * Web API in a third (bench/slackBench.ts).
 */
import { performance } from 'node:perf_hooks';
import { post, slashCommand } from '../test/support/slackRequests.js';
import { startBenchServers } from './slackBench.js';
import { ms, percentile } from './measure.js';

const CONCURRENT = 100;
const ROUNDS = 30;
/** Until the JIT has compiled the hot paths of both apps: a service runs for days, the first rounds are slower (FM-Lotse has more code to warm up). */
const WARMUP_ROUNDS = 15;
const GOAL_RATIO = 1.25;

interface Target {
  name: string;
  url: string;
  latencies: number[];
  /** p99 of each measured round. */
  roundP99: number[];
  errors: number;
}

export async function benchAck(concurrent = CONCURRENT, rounds = ROUNDS): Promise<{ ratio: number; errors: number }> {
  // The fake Slack in a third process: FM-Lotse's 100 replies per round must not delay the times taken here.
  const servers = await startBenchServers({ fakeProcess: true });
  const lotse: Target = { name: 'FM-Lotse', url: servers.lotse, latencies: [], roundP99: [], errors: 0 };
  const plain: Target = { name: 'bare Bolt', url: servers.bare, latencies: [], roundP99: [], errors: 0 };
  const metricsUrl = new URL('/metrics', servers.lotse).href;
  let answered = 0;
  try {
    for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
      const order = round % 2 === 0 ? [lotse, plain] : [plain, lotse];
      for (const target of order) {
        const result = await fire(target.url, concurrent);
        // FM-Lotse's answers are still being worked on; the next round starts when it is idle again.
        if (target === lotse) await idle(metricsUrl, (answered += concurrent));
        if (round < WARMUP_ROUNDS) continue;
        target.latencies.push(...result.latencies);
        target.roundP99.push(percentile(result.latencies, 0.99));
        target.errors += result.errors;
      }
    }
  } finally {
    await servers.stop();
  }
  const p = (t: Target, q: number) => percentile(t.latencies, q);
  const pooled = p(lotse, 0.99) / p(plain, 0.99);
  // Each round's p99 against the other's in the same alternating pair; the median of these ratios is what a
  // burst of another process on this shared machine cannot tip (the pooled p99 is one such burst).
  const ratio = median(lotse.roundP99.map((v, i) => v / plain.roundP99[i]!));
  const errors = lotse.errors + plain.errors;
  console.log(`ack: ${rounds} alternating rounds of ${concurrent} concurrent signed /fm hilfe (after ${WARMUP_ROUNDS} warm-up rounds), servers in their own process`);
  for (const t of [lotse, plain]) {
    console.log(`  ${t.name.padEnd(9)} p50 ${ms(p(t, 0.5))}  p99 ${ms(p(t, 0.99))}  max ${ms(p(t, 1))}  errors ${t.errors}`);
  }
  console.log(`  per round, p99 FM-Lotse/bare Bolt (ms): ${lotse.roundP99.map((v, i) => `${v.toFixed(0)}/${plain.roundP99[i]!.toFixed(0)}`).join(' ')}`);
  console.log(
    `  p99 ratio ${ratio.toFixed(2)}× (median over rounds; goal ≤ ${GOAL_RATIO}×), pooled p99 ratio ${pooled.toFixed(2)}×, p50 ratio ${(p(lotse, 0.5) / p(plain, 0.5)).toFixed(2)}×, errors ${errors} (goal 0) — ${ratio <= GOAL_RATIO && errors === 0 ? 'met' : 'NOT met'}`,
  );
  return { ratio, errors };
}

/** Waits until FM-Lotse has handled `count` /fm hilfe in all (its /metrics), then a little for the replies in flight. */
async function idle(metricsUrl: string, count: number): Promise<void> {
  const series = 'fm_lotse_commands_total{kind="command",command="hilfe",outcome="ok"} ';
  for (let i = 0; i < 600; i++) {
    const text = await (await fetch(metricsUrl)).text();
    const line = text.split('\n').find((l) => l.startsWith(series));
    if (line && Number(line.slice(series.length)) >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

async function fire(url: string, concurrent: number): Promise<{ latencies: number[]; errors: number }> {
  const bodies = Array.from({ length: concurrent }, () => slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' }));
  let errors = 0;
  const latencies = await Promise.all(
    bodies.map(async (body) => {
      const start = performance.now();
      try {
        const result = await post(url, body);
        if (result.status !== 200) errors++;
      } catch {
        errors++;
      }
      return performance.now() - start;
    }),
  );
  return { latencies, errors };
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}
