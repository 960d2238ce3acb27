/**
 * `npx fm-lotse report` (R35): the seeded month of kennzahlen.support.ts exported as CSV and JSON through the CLI,
 * parsed back and compared with what /fm kennzahlen shows outside the team lead's view (the office lead).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { harness, type Harness } from './lifecycle.support.js';
import { figureValues, seedOctober, teamPart, type SeededMonth } from './kennzahlen.support.js';

let h: Harness;
let seeded: SeededMonth;
let lines: string[];

beforeEach(() => {
  h = harness('2025-10-01T09:00:00+02:00');
  seeded = seedOctober(h);
  h.at('2025-11-05T10:00:00+01:00');
  vi.stubEnv('FM_LOTSE_DB', h.world.dbFile);
  vi.stubEnv('FM_LOTSE_ORG', 'config/org.example.json');
  lines = [];
});
afterEach(() => {
  vi.unstubAllEnvs();
  h.close();
});

const cli = (...args: string[]) => runCli(['report', ...args], (line) => lines.push(line));

type Row = Record<string, string>;

describe('npx fm-lotse report: the figures for the controlling office (R35)', () => {
  it('writes a CSV with BOM and ";" whose figures equal those of /fm kennzahlen to the unit (R35)', async () => {
    const file = path.join(h.world.dir, 'kennzahlen.csv');
    expect(await cli('--von', '2025-09', '--bis', '2025-10', '--out', file, '--trennzeichen', ';', '--bom')).toBe(0);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFTeam;Teamname;Monat;Kennzahl;Bezeichnung;Einheit;Wert');
    const rows = parse(text, { bom: true, columns: true, delimiter: ';' }) as Row[];
    expect(lines).toEqual([`${rows.length} Zeilen in ${file} geschrieben.`]);

    const shown = h.ok('gl-mitte', 'kennzahlen');
    const ue25 = shown.split('Kennzahlen Fallmanagement U25')[0]!;
    const ue25Rows = rows.filter((r) => r.Team === 'fm-ue25');
    let compared = 0;
    for (const r of ue25Rows.filter((x) => x.Monat === '2025-10')) {
      if (!ue25.includes(`\n${r.Bezeichnung}: `)) continue; // breakdowns that are zero in both months are not shown
      const [, october] = figureValues(ue25, r.Bezeichnung!);
      const value = r.Wert === '' ? '–' : r.Einheit === 'Prozent' && r.Wert !== '< 3' ? `${r.Wert} %` : r.Wert;
      expect([r.Kennzahl, value]).toEqual([r.Kennzahl, october]);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
    const value = (key: string, month = '2025-10') => ue25Rows.find((r) => r.Kennzahl === key && r.Monat === month)?.Wert;
    expect(value('vormerkungen')).toBe('6');
    expect(value('uebernahmen.fristgerecht')).toBe('75');
    expect(value('abgaenge')).toBe('< 3');
    expect(value('vormerkungen', '2025-09')).toBe('0');
    // R35: declines and stays over 24 months by coded reason, equal to the chat and "< 3" where fewer than 3.
    expect(value('ablehnungen.anlass.keine-mitwirkung')).toBe('< 3');
    expect(value('ablehnungen.anlass.ohne-angabe')).toBe('0');
    const u25 = teamPart(shown, 'Fallmanagement U25');
    const u25Rows = rows.filter((r) => r.Team === 'fm-u25');
    const reasonRows = u25Rows.filter((r) => /^(ablehnungen\.anlass|verweildauer\.ueber24)\./.test(r.Kennzahl!));
    expect(reasonRows.map((r) => r.Kennzahl).filter((k, i, all) => all.indexOf(k) === i)).toEqual([
      'ablehnungen.anlass.keine-mitwirkung',
      'ablehnungen.anlass.nicht-erreicht',
      'ablehnungen.anlass.kriterien-fehlen',
      'ablehnungen.anlass.anderes-angebot',
      'ablehnungen.anlass.zustaendigkeit',
      'ablehnungen.anlass.sonstiges',
      'ablehnungen.anlass.ohne-angabe',
      'verweildauer.ueber24.fortschritt',
      'verweildauer.ueber24.massnahme',
      'verweildauer.ueber24.therapie',
      'verweildauer.ueber24.arbeitsaufnahme',
      'verweildauer.ueber24.sonstiges',
      'verweildauer.ueber24.ohne-angabe',
      'verweildauer.ueber24.ohne-verlaengerung',
    ]);
    const shownReasons = reasonRows.filter((x) => u25.includes(`\n${x.Bezeichnung}: `));
    for (const r of shownReasons) {
      const [september, october] = figureValues(u25, r.Bezeichnung!);
      expect([r.Kennzahl, r.Wert]).toEqual([r.Kennzahl, r.Monat === '2025-09' ? september : october]);
    }
    expect(shownReasons).toHaveLength(8); // therapie, ohne Angabe, ohne Verlängerung, declines ohne Angabe × 2 months
    const u25Value = (key: string) => u25Rows.filter((r) => r.Kennzahl === key).map((r) => r.Wert);
    expect(u25Value('verweildauer.ueber24')).toEqual(['4', '4']);
    expect(u25Value('verweildauer.ueber24.therapie')).toEqual(['< 3', '< 3']);
    expect(u25Value('verweildauer.ueber24.fortschritt')).toEqual(['0', '0']);
    expect(u25Value('ablehnungen.anlass.ohne-angabe')).toEqual(['0', '< 3']);
    expect(u25Rows.find((r) => r.Kennzahl === 'verweildauer.ueber24.ohne-verlaengerung')!.Bezeichnung).toBe(
      'Über 24 Monate, Anlass der Verlängerung: ohne Verlängerung',
    );
    for (const free of seeded.texts) expect(text).not.toContain(free);
    // Every team, month and figure once; no FM's own figures, no client or case data.
    expect(new Set(rows.map((r) => `${r.Team}|${r.Monat}|${r.Kennzahl}`)).size).toBe(rows.length);
    expect(rows.some((r) => r.Kennzahl!.startsWith('fm.'))).toBe(false);
    expect(text).not.toMatch(/FM-\d{4}-\d{4}/);
    for (const client of seeded.clients) expect(text).not.toContain(client);
  });

  it('writes the same figures as JSON, for one team (R35)', async () => {
    const out: string[] = [];
    const file = path.join(h.world.dir, 'kennzahlen.json');
    expect(await cli('--von', '2025-10', '--bis', '2025-10', '--team', 'fm-ue25', '--format', 'json', '--out', file)).toBe(0);
    out.push(fs.readFileSync(file, 'utf8'));
    const json = JSON.parse(out[0]!) as { von: string; bis: string; zeilen: Array<Row & { Wert: number | string | null }> };
    expect([json.von, json.bis]).toEqual(['2025-10', '2025-10']);
    expect(new Set(json.zeilen.map((r) => r.Team))).toEqual(new Set(['fm-ue25']));
    const byKey = Object.fromEntries(json.zeilen.map((r) => [r.Kennzahl, r.Wert]));
    expect(byKey).toMatchObject({
      potenzial: 12,
      'potenzial.r1': 5,
      'potenzial.verbis': 7,
      vormerkungen: 6,
      uebernahmen: 4,
      'uebernahmen.fristgerecht': 75,
      ablehnungen: '< 3',
      bestand: 4,
      'bedarfe.festgestellt.rahmenbedingungen': 11,
      'kontakte.mindestmass': 100,
      'ablehnungen.anlass.keine-mitwirkung': '< 3',
      'ablehnungen.anlass.ohne-angabe': 0,
      'verweildauer.ueber24': 0,
      'verweildauer.ueber24.therapie': 0,
    });
  });

  it('writes the stays over 24 months of FM U25 by the extension\'s coded reason as JSON (R35)', async () => {
    const file = path.join(h.world.dir, 'u25.json');
    expect(await cli('--von', '2025-09', '--bis', '2025-10', '--team', 'fm-u25', '--format', 'json', '--out', file)).toBe(0);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { zeilen: Array<{ Monat: string; Kennzahl: string; Wert: number | string | null }> };
    const october = Object.fromEntries(json.zeilen.filter((r) => r.Monat === '2025-10').map((r) => [r.Kennzahl, r.Wert]));
    expect(october).toMatchObject({
      'verweildauer.ueber6': 4,
      'verweildauer.ueber24': 4,
      'verweildauer.ueber24.fortschritt': 0,
      'verweildauer.ueber24.massnahme': 0,
      'verweildauer.ueber24.therapie': '< 3',
      'verweildauer.ueber24.arbeitsaufnahme': 0,
      'verweildauer.ueber24.sonstiges': 0,
      'verweildauer.ueber24.ohne-angabe': '< 3',
      'verweildauer.ueber24.ohne-verlaengerung': '< 3',
      ablehnungen: '< 3',
      'ablehnungen.anlass.ohne-angabe': '< 3',
      'ablehnungen.anlass.keine-mitwirkung': 0,
    });
    const text = fs.readFileSync(file, 'utf8');
    for (const free of seeded.texts) expect(text).not.toContain(free);
    for (const client of seeded.clients) expect(text).not.toContain(client);
  });

  it('refuses wrong options with the usage and exit code 2, writing nothing (R35)', async () => {
    const file = path.join(h.world.dir, 'nichts.csv');
    expect(await cli('--von', '2025-13', '--bis', '2025-10', '--out', file)).toBe(2);
    expect(lines[0]).toBe('--von: „2025-13“ ist kein Monat; bitte JJJJ-MM, z. B. 2026-01.');
    expect(await cli('--von', '2025-10', '--bis', '2025-10', '--team', 'mi-1', '--out', file)).toBe(2);
    expect(lines).toContain('--team: „mi-1“ ist kein FM-Team. Möglich: fm-ue25, fm-u25.');
    expect(await cli('--von', '2025-10', '--bis', '2025-10', '--format', 'xlsx', '--out', file)).toBe(2);
    expect(fs.existsSync(file)).toBe(false);
    const missing = path.join(h.world.dir, 'keine.db');
    vi.stubEnv('FM_LOTSE_DB', missing);
    expect(await cli('--von', '2025-10', '--bis', '2025-10', '--out', file)).toBe(2);
    expect(lines).toContain(`Keine Datenbank unter ${missing} gefunden (FM_LOTSE_DB).`);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
