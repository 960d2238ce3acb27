/** The console shows the charts of /fm kennzahlen grafik=ja (R35) as PNG files and prints where they are. */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/platforms/console/console.js';
import { harness, type Harness } from '../../commands/lifecycle.support.js';
import { seedOctober } from '../../commands/kennzahlen.support.js';
import { decodePng } from '../../support/png.js';

let h: Harness;

beforeEach(() => {
  h = harness('2025-10-01T09:00:00+02:00');
  seedOctober(h);
  h.at('2025-11-05T10:00:00+01:00');
});
afterEach(() => h.close());

describe('console chat: charts (R35)', () => {
  it('writes each chart as a PNG file and prints its title and path', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => (printed += chunk));
    const chartDir = path.join(h.world.dir, 'grafiken');
    const done = runConsole({ bot: h.world.bot, org: h.world.org, input, output, flush: async () => 0, startAs: 'tl-fm-ue25', chartDir });
    input.end('/fm kennzahlen von=10.2025 bis=10.2025 grafik=ja\n');
    await done;

    expect(printed).toContain('Kennzahlen Fallmanagement Ü25');
    const files = [...printed.matchAll(/🖼 (.+): (\S+\.png)/g)].map((m) => [m[1], m[2]]);
    expect(files).toEqual([
      ['Auslastung je Fachkraft – Fallmanagement Ü25, 10.2025', path.join(chartDir, 'auslastung-fm-ue25-2025-10.png')],
      ['Übernahmen, Abgänge und Fallbestand – Fallmanagement Ü25, letzte 12 Monate', path.join(chartDir, 'verlauf-fm-ue25-2025-10.png')],
      ['Abgänge nach Grund – Fallmanagement Ü25, 10.2025 bis 10.2025', path.join(chartDir, 'abgaenge-fm-ue25-2025-10-2025-10.png')],
    ]);
    for (const [, file] of files) {
      const png = decodePng(fs.readFileSync(file!));
      expect(png.width).toBeGreaterThan(500);
      expect(png.height).toBeGreaterThan(300);
    }
  });
});
