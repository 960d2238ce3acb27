import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { formatOrgProblems, loadOrgFile, loadOrgFileOrThrow, orgCheck } from '../../src/config/load.js';
import { caseloadRatio } from '../../src/config/org.js';
import { OrgIndex } from '../../src/config/orgIndex.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../config/org.example.json');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-config-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeFile(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('the demo organisation (config/org.example.json)', () => {
  it('passes `org check` with exactly "ok"', () => {
    expect(orgCheck(EXAMPLE)).toEqual({ exitCode: 0, output: 'ok' });
  });

  it('has the teams the demo needs: FM Ü25 and U25 with channels, three M&I teams with contact FMs', () => {
    const result = loadOrgFile(EXAMPLE);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const index = new OrgIndex(result.org);
    expect(result.org.jobcenter.holidayRegion).toBe('DE-HB');
    for (const team of [...index.teamsOfKind('fm_ue25'), ...index.teamsOfKind('fm_u25')]) {
      expect(team.slackChannel, team.id).toBeDefined();
      expect(index.leadsOf(team), team.id).toHaveLength(1);
    }
    expect(index.teamsOfKind('fm_ue25').map((t) => [t.id, caseloadRatio(t)])).toEqual([['fm-ue25', 150]]);
    expect(index.teamsOfKind('mi').every((t) => t.contactFm !== undefined)).toBe(true);
    expect(index.teamsOfKind('mi')).toHaveLength(3);
    expect(index.person('fm-aylin')?.fte).toBe(0.5);
    expect(index.person('fm-katrin')?.absences).toEqual([{ from: '2026-12-21', to: '2027-01-04' }]);
    expect(index.personBySlackId('U0IFKLENA')?.id).toBe('ifk-lena');
    expect(index.admins().map((p) => p.id)).toEqual(['admin-it']);
  });
});

describe('org check on a broken file', () => {
  it('prints every problem on its own line and exits with 1', () => {
    const file = writeFile(
      'org.json',
      JSON.stringify({
        jobcenter: { name: 'Jobcenter Test', holidayRegion: 'DE-HB' },
        offices: [{ id: 'mitte', name: 'Mitte' }],
        teams: [{ id: 'fm-ue25', name: 'FM Ü25', kind: 'fm_ue25', office: 'mitte' }],
        people: [
          { id: 'fm-a', name: 'Anton Weber', roles: ['fm'], team: 'fm-u25' },
          { id: 'fm-b', name: 'Berta Klein', roles: ['fm'], team: 'fm-ue25', fte: 0 },
        ],
      }),
    );
    expect(orgCheck(file)).toEqual({
      exitCode: 1,
      output: [
        'people[0].team: unbekanntes Team „fm-u25“',
        'people[1].fte: Stellenanteil (fte) muss zwischen 0,1 und 1,0 liegen, gefunden: 0',
      ].join('\n'),
    });
  });

  it('reports invalid JSON as a problem instead of throwing', () => {
    const result = loadOrgFile(writeFile('org.json', '{ "jobcenter": { "name": "x", }'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^\(gesamte Datei\): kein gültiges JSON: /);
  });

  it('reports a missing file with its path and how to fix it', () => {
    const missing = path.join(dir, 'fehlt.json');
    expect(orgCheck(missing)).toEqual({
      exitCode: 1,
      output: `(gesamte Datei): Datei „${missing}“ kann nicht gelesen werden (nicht gefunden). Pfad prüfen oder FM_LOTSE_ORG anpassen.`,
    });
  });

  it('reports a directory given instead of a file', () => {
    expect(orgCheck(dir).output).toContain('ist ein Verzeichnis');
  });

  it('fails start-up with a ConfigError that lists the problems with the file name', () => {
    const file = writeFile('org.json', '[]');
    expect(() => loadOrgFileOrThrow(file)).toThrow(ConfigError);
    expect(() => loadOrgFileOrThrow(file)).toThrow(`${file}: (gesamte Datei): erwartet ein Objekt`);
  });
});

describe('formatOrgProblems', () => {
  it('prints "ok" for no problems and one line per problem otherwise', () => {
    expect(formatOrgProblems([])).toBe('ok');
    expect(formatOrgProblems(['a: x', 'b: y'])).toBe('a: x\nb: y');
  });
});
