/**
 * How the entry points know how they were started (src/entryPoint.ts), and bin/fm-lotse.js before a build:
 * a checkout whose sources are newer than dist/ is named, and a missing dist/ is said plainly.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEntryPoint, newerSource } from '../src/entryPoint.js';

const ROOT = path.resolve(import.meta.dirname, '..');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-entry-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(file: string, at: Date): string {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, '');
  fs.utimesSync(full, at, at);
  return full;
}

describe('newerSource', () => {
  const built = new Date('2026-03-02T10:00:00Z');

  it('names the newest source changed after the build', () => {
    const entry = write('dist/src/main.js', built);
    write('src/main.ts', new Date('2026-03-02T09:00:00Z'));
    write('commands/vormerken.ts', new Date('2026-03-02T11:00:00Z'));
    write('jobs/pings.ts', new Date('2026-03-02T12:00:00Z'));
    expect(newerSource(pathToFileURL(entry).href)).toBe(path.join('jobs', 'pings.ts'));
  });

  it('is quiet when the build is newer than every source, or when there are no sources (an installation)', () => {
    const entry = write('dist/src/cli.js', built);
    expect(newerSource(pathToFileURL(entry).href)).toBeUndefined();
    write('src/cli.ts', new Date('2026-03-02T09:00:00Z'));
    expect(newerSource(pathToFileURL(entry).href)).toBeUndefined();
  });

  it('is quiet when the sources run themselves (tsx, tests)', () => {
    expect(newerSource(pathToFileURL(path.join(ROOT, 'src', 'main.ts')).href)).toBeUndefined();
  });
});

describe('isEntryPoint', () => {
  it('is false for a module imported by another one', () => {
    expect(isEntryPoint(pathToFileURL(path.join(ROOT, 'src', 'main.ts')).href)).toBe(false);
  });
});

describe('bin/fm-lotse.js', () => {
  it('says that the program has to be built first when dist/ is missing', () => {
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin', 'fm-lotse.js'), path.join(dir, 'bin', 'fm-lotse.js'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const result = spawnSync(process.execPath, [path.join(dir, 'bin', 'fm-lotse.js'), 'org', 'check'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run build');
  });
});
