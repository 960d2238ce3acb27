/**
 * Runs the project's entry points as a user would — `npm start` (src/main.ts) and `npx fm-lotse` (src/cli.ts)
 * compiled from the current sources (see compiled.ts) — with a given environment and input.
 */
import { spawn } from 'node:child_process';
import { compiledProgram, ROOT } from './compiled.js';

const program = await compiledProgram();

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled program of a source entry point (`src/main.ts`, `src/cli.ts`) to its end. */
export function runTs(entry: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [program.entry(entry), ...args], {
      cwd: ROOT,
      // Only what the test names: no platform credentials leak in from the machine.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
