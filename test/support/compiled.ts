/**
 * Tests that start FM-Lotse as a process (support/spawn.ts, support/process.ts) run what a user runs: the
 * compiled program and bin/fm-lotse.js — built from the current sources, never a dist/ left from earlier.
 *
 * - This file is also the vitest globalSetup (vitest.config.ts). Per test run it only names a fresh folder,
 *   .tmp/build-<pid>-<time>/, and removes it when the run ends.
 * - The first test file of the run that starts processes compiles the sources into that folder while vitest
 *   loads it (spawn.ts and process.ts await `compiledProgram()` at the top, so no test timeout runs yet):
 *   `tsc -p tsconfig.build.json --noCheck`, i.e. `npm run build` without the type check (`npx tsc --noEmit`
 *   does that; a type error in work in progress elsewhere does not stop these tests), plus a copy of
 *   bin/fm-lotse.js: <folder>/dist/… and <folder>/bin/…, the layout of the checkout. Other workers wait for
 *   it; a run without such tests compiles nothing.
 *
 * Why not run the sources through tsx, or build into dist/? tsx would leave the compiled program (the
 * launcher, lazy imports, paths seen from dist/) untested and costs seconds per started process; dist/ is
 * shared with whoever runs `npm start` or another test run in this checkout at the same time.
 * Node resolves packages from the folder upwards, so the copy uses node_modules/ and package.json ("type":
 * "module") of the checkout; relative paths (config/org.example.json) resolve from the working directory.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this test run compiles the program for tests that start it as a process. */
    spawnBuildDir: string;
  }
}

export const ROOT = path.resolve(import.meta.dirname, '../..');
const TMP = path.join(ROOT, '.tmp');
const DONE = '.done';
const FAILED = '.failed';

/** globalSetup: a fresh build folder per run (and per rerun in watch mode), removed afterwards. */
export default function setup(project: TestProject): () => void {
  pruneAbandoned();
  let dir = '';
  const fresh = (): void => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = path.join(TMP, `build-${process.pid}-${Date.now()}`);
    project.provide('spawnBuildDir', dir);
  };
  fresh();
  project.onTestsRerun(fresh);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

/** Build folders of runs that were killed before their teardown. */
function pruneAbandoned(): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of fs.existsSync(TMP) ? fs.readdirSync(TMP) : []) {
    const dir = path.join(TMP, name);
    if (name.startsWith('build-') && fs.statSync(dir).mtimeMs < dayAgo) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Compiles the sources into the run's folder once (whichever worker comes first); others wait for it. */
async function buildOnce(dir: string): Promise<void> {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    fs.mkdirSync(dir); // atomic: exactly one worker creates it and builds
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitForBuild(dir);
  }
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--outDir', path.join(dir, 'dist')], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin', 'fm-lotse.js'), path.join(dir, 'bin', 'fm-lotse.js'));
    fs.writeFileSync(path.join(dir, DONE), '');
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    fs.writeFileSync(path.join(dir, FAILED), `${String(error)}\n${stdout}${stderr}`);
    throw error;
  }
}

async function waitForBuild(dir: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(path.join(dir, DONE))) {
    if (fs.existsSync(path.join(dir, FAILED))) throw new Error(`compiling for the process tests failed:\n${fs.readFileSync(path.join(dir, FAILED), 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for the build in ${dir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let built: Promise<CompiledProgram> | undefined;

export interface CompiledProgram {
  /**
   * The file a user's command runs for a source entry point: `src/cli.ts` → bin/fm-lotse.js (as
   * `npx fm-lotse`), `src/main.ts` → dist/src/main.js (as `npm start`).
   */
  entry(source: string): string;
}

/**
 * The program compiled for this test run. Awaited at the top of the helper modules, so the build happens
 * while vitest loads the test file, before any test (and its timeout) starts.
 */
export function compiledProgram(): Promise<CompiledProgram> {
  built ??= (async () => {
    const dir = inject('spawnBuildDir');
    if (!dir) throw new Error('spawnBuildDir is not provided: run the tests through vitest.config.ts (globalSetup test/support/compiled.ts)');
    await buildOnce(dir);
    return {
      entry: (source) => (source === 'src/cli.ts' ? path.join(dir, 'bin', 'fm-lotse.js') : path.join(dir, 'dist', source.replace(/\.ts$/, '.js'))),
    };
  })();
  return built;
}
