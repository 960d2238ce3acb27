/**
 * The floor check (.dependency-cruiser.cjs, run by `npm test` before the suite) fails on an upward import.
 * Shown on throw-away trees: one whose arrows all point down passes, each wrong arrow is named.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const depcruise = join(repo, 'node_modules/.bin/depcruise');
const config = join(repo, '.dependency-cruiser.cjs');

async function cruise(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(depcruise, ['src', 'commands', 'jobs', '--config', config], { cwd });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fm-floors-'));
  made.push(dir);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A minimal house: every floor exists, each imports only downwards. */
const HOUSE: Record<string, string> = {
  'src/domain/rule.ts': 'export const rule = 1;\n',
  'src/store/ports.ts': "import { rule } from '../domain/rule.js';\nexport const port = rule;\n",
  'src/services/people.ts': "import { port } from '../store/ports.js';\nexport const people = port;\n",
  'commands/hilfe.ts': "import { people } from '../src/services/people.js';\nexport const hilfe = people;\n",
  'jobs/digest.ts': "import { people } from '../src/services/people.js';\nexport const digest = people;\n",
  'src/app/bot.ts': "import { hilfe } from '../../commands/hilfe.js';\nexport const bot = hilfe;\n",
};

describe('floor check', () => {
  it('passes on a house whose imports all point downwards', async () => {
    const { code } = await cruise(tree(HOUSE));
    expect(code).toBe(0);
  });

  it('fails when the domain imports the store (type-only imports count too)', async () => {
    const dir = tree({ ...HOUSE, 'src/domain/due.ts': "import type { port } from '../store/ports.js';\nexport type P = typeof port;\n" });
    const { code, output } = await cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('floor-domain: src/domain/due.ts → src/store/ports.ts');
  });

  it('fails when a service reaches up into a command, and when a command imports a job', async () => {
    const dir = tree({
      ...HOUSE,
      'src/services/rounds.ts': "import { hilfe } from '../../commands/hilfe.js';\nexport const rounds = hilfe;\n",
      'commands/runde.ts': "import { digest } from '../jobs/digest.js';\nexport const runde = digest;\n",
    });
    const { code, output } = await cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('floor-services: src/services/rounds.ts → commands/hilfe.ts');
    expect(output).toContain('floor-commands: commands/runde.ts → jobs/digest.ts');
  });
});
