/**
 * Prompt delivery (issue #13, item 2): from a signed `/fm vormerken` (a valid referral, which queues a notice to
 * the receiving FM team's channel) to that notice's `chat.postMessage` arriving at a fake Slack Web API, over 50
 * referrals one after the other. FM-Lotse runs as `npm start` composes it (bench/slackServers.ts, its own
 * process); the time is taken here, when the request is sent and when the fake Slack has read the notice's call.
 * What the scheduler sends at start (missed jobs) is let through first. Goal: p99 ≤ 300 ms.
 */
import { performance } from 'node:perf_hooks';
import type { SlackCall } from '../test/support/fakeSlack.js';
import { referralLine } from '../test/support/build.js';
import { post, slashCommand } from '../test/support/slackRequests.js';
import { ms, percentile } from './measure.js';
import { startBenchServers } from './slackBench.js';

const REFERRALS = 50;
const GOAL_P99_MS = 300;
/** The demo organisation's Ü25 FM team channel, where an Ü25 referral's notice goes. */
const FM_CHANNEL = 'C0FMUE25';

export async function benchPromptDelivery(referrals = REFERRALS): Promise<{ p99: number; errors: number }> {
  const servers = await startBenchServers();
  // When each notice reached the fake Slack: its calls are recorded as they are read.
  const notices: number[] = [];
  const calls = servers.fake!.calls;
  const record = calls.push.bind(calls);
  calls.push = (...added: SlackCall[]) => {
    for (const call of added) if (call.method === 'chat.postMessage' && call.params.channel === FM_CHANNEL) notices.push(performance.now());
    return record(...added);
  };
  const latencies: number[] = [];
  const acks: number[] = [];
  let errors = 0;
  try {
    await quiet(calls);
    for (let i = 0; i < referrals; i++) {
      const before = notices.length;
      const body = slashCommand({ text: referralLine(), userId: 'U0IFKLENA', channelId: 'C0MI1' });
      const sent = performance.now();
      const result = await post(servers.lotse, body);
      if (result.status !== 200) errors++;
      acks.push(performance.now() - sent);
      const deadline = performance.now() + 5_000;
      while (notices.length <= before && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
      if (notices.length > before) latencies.push(notices[before]! - sent);
      else errors++;
    }
  } finally {
    await servers.stop();
  }
  if (process.env.BENCH_VERBOSE) console.log(latencies.map((l, i) => `${l.toFixed(0)}/${acks[i]!.toFixed(0)}`).join(' '));
  const p99 = percentile(latencies, 0.99);
  console.log(`prompt delivery: ${referrals} signed /fm vormerken, one after the other, to the channel notice at a fake Slack`);
  console.log(
    `  p50 ${ms(percentile(latencies, 0.5))}  p99 ${ms(p99)} (goal ≤ ${GOAL_P99_MS} ms)  max ${ms(percentile(latencies, 1))}  errors ${errors} — ${p99 <= GOAL_P99_MS && errors === 0 ? 'met' : 'NOT met'}`,
  );
  return { p99, errors };
}

/** Waits until the fake Slack has had no call for half a second (the start-up deliveries are through). */
async function quiet(calls: SlackCall[]): Promise<void> {
  for (let seen = -1; seen !== calls.length; ) {
    seen = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
