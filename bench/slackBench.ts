/**
 * Starts bench/slackServers.ts (FM-Lotse and a bare Bolt app) in its own process, against a fake Slack Web API
 * running here (`fake`, whose calls the bench can watch) or, with `fakeProcess`, in a third process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '../test/support/fakeSlack.js';

export interface BenchServers {
  /** Only when the fake runs in this process. */
  fake: FakeSlack | undefined;
  lotse: string;
  bare: string;
  stop(): Promise<void>;
}

export async function startBenchServers(opts: { fakeProcess?: boolean } = {}): Promise<BenchServers> {
  let fake: FakeSlack | undefined;
  let fakeChild: Started | undefined;
  let apiUrl: string;
  if (opts.fakeProcess) {
    // Slack's servers are elsewhere: the fake yields the CPU to the processes measured (2 cores here).
    fakeChild = await startScript('./fakeSlackProcess.ts', [], /^FAKE (\S+)$/m, 10);
    apiUrl = fakeChild.match;
  } else {
    fake = await FakeSlack.start();
    apiUrl = fake.apiUrl;
  }
  const servers = await startScript('./slackServers.ts', [apiUrl], /^SERVERS (.+)$/m);
  const urls = JSON.parse(servers.match) as { lotse: string; bare: string };
  return {
    fake,
    ...urls,
    async stop() {
      await servers.stop();
      await fakeChild?.stop();
      await fake?.close();
    },
  };
}

interface Started {
  match: string;
  stop(): Promise<void>;
}

/** BENCH_CPU_PROF=<folder>: the servers' process writes a V8 CPU profile there when it ends (to see where time goes). */
function profiling(script: string): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir && script.includes('slackServers') ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Runs a bench script with tsx until it prints a line matching `ready`; `stop` closes its stdin and waits. */
async function startScript(script: string, args: string[], ready: RegExp, niceness = 0): Promise<Started> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...profiling(script), '--import', 'tsx', file, ...args], { stdio: ['pipe', 'pipe', 'inherit'] }) as never;
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  if (niceness !== 0 && child.pid !== undefined) setPriority(child.pid, niceness);
  const match = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = ready.exec(out);
      if (line) resolve(line[1]!);
    });
    child.on('close', (code) => reject(new Error(`${script} ended (${code}) before it was ready:\n${out}`)));
  });
  return {
    match,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
