/**
 * The charts of /fm kennzahlen grafik=ja (R35): their specifications carry exactly the figures, and the PNG drawn
 * from them is a real, non-blank picture of the expected size, the same bytes every time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImagePart } from '../../src/messaging/reply.js';
import { chartPng } from '../../src/platforms/charts.js';
import { figureTeams } from '../../src/services/controlling/audience.js';
import { computeFigures } from '../../src/services/controlling/figures.js';
import { harness, type Harness } from '../commands/lifecycle.support.js';
import { seedOctober } from '../commands/kennzahlen.support.js';
import { decodePng } from '../support/png.js';

let h: Harness;

beforeAll(() => {
  h = harness('2025-10-01T09:00:00+02:00');
  seedOctober(h);
  h.at('2025-11-05T10:00:00+01:00');
});
afterAll(() => h.close());

function chartsOf(personId: string, line: string): ImagePart[] {
  const response = h.run(personId, line);
  if (response.kind !== 'message') throw new Error(h.textOf(response));
  return response.message.images ?? [];
}

const values = (part: ImagePart) => (part.spec.data as { values: Array<Record<string, unknown>> }).values;

describe('/fm kennzahlen grafik=ja: the charts (R35)', () => {
  it('draws utilisation per FM, the 12-month course and exits by reason from the very figures of the table (R35)', () => {
    const charts = chartsOf('tl-fm-ue25', 'kennzahlen von=10.2025 bis=10.2025 grafik=ja');
    expect(charts.map((c) => c.fileName)).toEqual(['auslastung-fm-ue25-2025-10.png', 'verlauf-fm-ue25-2025-10.png', 'abgaenge-fm-ue25-2025-10-2025-10.png']);
    const [utilisation, trend, exits] = charts as [ImagePart, ImagePart, ImagePart];

    const team = figureTeams(h.world, h.world.org.person('tl-fm-ue25')!).map((v) => v.team);
    const figures = computeFigures(h.world as never, team, '2024-11', '2025-10');
    const fmUtilisation = figures.filter((f) => f.key === 'fm.auslastung' && f.month === '2025-10');
    expect(values(utilisation)).toEqual(fmUtilisation.map((f) => ({ fachkraft: h.world.org.person(f.fmId!)!.name, auslastung: f.value })));
    expect(JSON.stringify(utilisation.spec)).toContain('"datum":100'); // the capacity line at 100 %

    const trendValues = values(trend);
    expect(new Set(trendValues.map((v) => v.monat)).size).toBe(12);
    expect(trendValues.filter((v) => v.monat === '10.2025')).toEqual([
      { monat: '10.2025', kennzahl: 'Übernahmen', anzahl: 4 },
      { monat: '10.2025', kennzahl: 'Fallbestand', anzahl: 4 },
      { monat: '10.2025', kennzahl: 'Abgänge', anzahl: 1 },
    ]);
    expect(trendValues.filter((v) => v.monat === '11.2024').map((v) => v.anzahl)).toEqual([0, 0, 0]);
    expect(values(exits)).toEqual([{ grund: 'Integration in Arbeit', anzahl: 1 }]);
  });

  it("leaves values of fewer than 3 clients out of the office lead's pictures (R35)", () => {
    const charts = chartsOf('gl-mitte', 'kennzahlen von=10.2025 bis=10.2025 team=fm-ue25 grafik=ja');
    const [utilisation, trend, exits] = charts as [ImagePart, ImagePart, ImagePart];
    expect(values(exits)).toEqual([]);
    expect(values(trend).filter((v) => v.monat === '10.2025').map((v) => v.kennzahl)).toEqual(['Übernahmen', 'Fallbestand']);
    for (const v of values(utilisation)) expect(v.auslastung).not.toBeNull();
  });

  it('renders a PNG of the expected size that is not blank, with the bars and the capacity line, the same every time (R35)', async () => {
    const [utilisation] = chartsOf('tl-fm-ue25', 'kennzahlen von=10.2025 bis=10.2025 grafik=ja') as [ImagePart];
    const png = await chartPng(utilisation);
    const image = decodePng(png);
    expect(image.width).toBeGreaterThanOrEqual(2 * 560);
    expect(image.height).toBeGreaterThanOrEqual(2 * 280);
    const colours = new Map<string, number>();
    for (let y = 0; y < image.height; y += 2) {
      for (let x = 0; x < image.width; x += 2) {
        const key = image.pixel(x, y).slice(0, 3).join(',');
        colours.set(key, (colours.get(key) ?? 0) + 1);
      }
    }
    const total = [...colours.values()].reduce((a, b) => a + b, 0);
    expect(colours.get('255,255,255')! / total).toBeLessThan(0.97); // not blank
    expect(colours.get('76,120,168') ?? 0).toBeGreaterThan(100); // the bars (#4c78a8)
    expect(colours.get('228,87,86') ?? 0).toBeGreaterThan(20); // the capacity line (#e45756)
    expect((await chartPng(utilisation)).equals(png)).toBe(true);
    // For Teams (pictures up to 1024 × 1024): the width capped, the proportions kept.
    const capped = decodePng(await chartPng(utilisation, { maxWidth: 1024 }));
    expect(capped.width).toBe(1024);
    expect(Math.abs(capped.height / capped.width - image.height / image.width)).toBeLessThan(0.01);
  });
});
