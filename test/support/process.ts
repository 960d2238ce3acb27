/**
 * Starts one of the project's entry points, compiled from the current sources (see compiled.ts), as a single
 * OS process that a test can kill mid-run: bin/fm-lotse.js runs the CLI in its own process, so the pid is
 * the program's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { compiledProgram, ROOT } from './compiled.js';

const program = await compiledProgram();

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  /** Resolves when the process has ended, however it ended. */
  exited: Promise<Exit>;
}

/** Starts the compiled program of a source entry point (`src/main.ts`, `src/cli.ts`). */
export function startTs(entry: string, args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [program.entry(entry), ...args], {
    cwd: ROOT,
    // Only what the test names: no platform credentials leak in from the machine.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, exited };
}

/** Polls `condition` every few milliseconds; throws with `what` when it does not hold within `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
