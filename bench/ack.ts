/**
 * Acknowledgement under load (issue #13, item 1): rounds of 100 concurrent signed `/fm hilfe` requests against
 * FM-Lotse (the real Bolt platform, Bot and SQLite store, a fake Slack Web API) and against a bare Bolt app on
 * the same kind of receiver whose listener only acks. Rounds alternate between the two in one run, so both see
 * the same machine load. The figure is the time from sending a request to its response (the ack); goal:
 * FM-Lotse's p99 at most 1.25× the bare app's, no errors.
 */
import { performance } from 'node:perf_hooks';
import { post, slashCommand } from '../test/support/slackRequests.js';
import { startBenchServers } from './slackBench.js';

const CONCURRENT = 100;
const ROUNDS = 10;
const WARMUP_ROUNDS = 2;
const GOAL_RATIO = 1.25;

interface Target {
  name: string;
  url: string;
  latencies: number[];
  errors: number;
}

export async function benchAck(concurrent = CONCURRENT, rounds = ROUNDS): Promise<{ ratio: number; errors: number }> {
  const servers = await startBenchServers();
  const lotse: Target = { name: 'FM-Lotse', url: servers.lotse, latencies: [], errors: 0 };
  const plain: Target = { name: 'bare Bolt', url: servers.bare, latencies: [], errors: 0 };
  try {
    for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
      const order = round % 2 === 0 ? [lotse, plain] : [plain, lotse];
      for (const target of order) {
        const before = servers.fake.callsTo('chat.postEphemeral').length;
        const result = await fire(target.url, concurrent);
        // FM-Lotse's private answers are still on their way to the fake Slack; let them land before the next round.
        if (target === lotse) await servers.fake.waitFor('chat.postEphemeral', before + concurrent, 30_000).catch(() => undefined);
        if (round < WARMUP_ROUNDS) continue;
        target.latencies.push(...result.latencies);
        target.errors += result.errors;
      }
    }
  } finally {
    await servers.stop();
  }
  const p = (t: Target, q: number) => percentile(t.latencies, q);
  const ratio = p(lotse, 0.99) / p(plain, 0.99);
  const errors = lotse.errors + plain.errors;
  console.log(`ack: ${rounds} alternating rounds of ${concurrent} concurrent signed /fm hilfe (after ${WARMUP_ROUNDS} warm-up rounds), servers in their own process`);
  for (const t of [lotse, plain]) {
    console.log(`  ${t.name.padEnd(9)} p50 ${ms(p(t, 0.5))}  p99 ${ms(p(t, 0.99))}  max ${ms(p(t, 1))}  errors ${t.errors}`);
  }
  console.log(
    `  p99 ratio ${ratio.toFixed(2)}× (goal ≤ ${GOAL_RATIO}×), p50 ratio ${(p(lotse, 0.5) / p(plain, 0.5)).toFixed(2)}×, errors ${errors} (goal 0) — ${ratio <= GOAL_RATIO && errors === 0 ? 'met' : 'NOT met'}`,
  );
  return { ratio, errors };
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

export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
