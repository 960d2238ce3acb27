/** Starts bench/slackServers.ts in its own process against a fake Slack Web API running here. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '../test/support/fakeSlack.js';

export interface BenchServers {
  fake: FakeSlack;
  lotse: string;
  bare: string;
  stop(): Promise<void>;
}

export async function startBenchServers(): Promise<BenchServers> {
  const fake = await FakeSlack.start();
  const script = fileURLToPath(new URL('./slackServers.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, fake.apiUrl], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const urls = await new Promise<{ lotse: string; bare: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = /^SERVERS (.+)$/m.exec(out);
      if (line) resolve(JSON.parse(line[1]!));
    });
    child.on('close', (code) => reject(new Error(`bench servers ended (${code}) before listening:\n${out}`)));
  });
  return {
    fake,
    ...urls,
    async stop() {
      child.stdin.end();
      await exited;
      await fake.close();
    },
  };
}
