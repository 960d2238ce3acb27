import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT, referralLine } from '../support/build.js';
import { runTs } from '../support/spawn.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lotse-e2e-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const REFERRAL = `/fm ${referralLine({ kunde: CLIENT })}`;

describe('npm start without credentials: the console chat on the demo organisation', () => {
  it('lets a new user refer a client and see it in the list, at the simulated time', async () => {
    const db = path.join(dir, 'fm.db');
    const result = await runTs('src/main.ts', [], {
      env: { FM_LOTSE_DB: db, FM_LOTSE_NOW: '2025-10-20T09:00:00+02:00' },
      input: `${REFERRAL}\n/als fm-tobias\n/fm vormerkungen\n`,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('FM_LOTSE_NOW');
    expect(result.stdout).toContain('Simulierte Zeit: 20.10.2025 09:00');
    expect(result.stdout).toMatch(/nur für dich:[\s\S]*FM-2025-0001[\s\S]*10\.11\.2025/);
    const channel = result.stdout.slice(result.stdout.indexOf('(Kanal):'));
    expect(channel).toContain('Neue Vormerkung FM-2025-0001');
    expect(channel.split('fm-tobias>')[0]).not.toContain(CLIENT);
    // The FM of the receiving team sees the referral after switching person.
    expect(result.stdout.slice(result.stdout.indexOf('fm-tobias> /fm vormerkungen'))).toMatch(/Offene Vormerkungen \(1\)[\s\S]*FM-2025-0001/);

    const rows = new Database(db, { readonly: true }).prepare('SELECT case_code FROM cases').all();
    expect(rows).toEqual([{ case_code: 'FM-2025-0001' }]);
  });

  it('refuses to start with a broken organisation file and says where the problem is', async () => {
    const org = path.join(dir, 'org.json');
    fs.writeFileSync(org, JSON.stringify({ jobcenter: { name: 'X', holidayRegion: 'DE-XX' }, offices: [], teams: [], people: [] }));
    const result = await runTs('src/main.ts', [], { env: { FM_LOTSE_DB: path.join(dir, 'fm.db'), FM_LOTSE_ORG: org } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('jobcenter.holidayRegion');
  });
});

describe('npx fm-lotse', () => {
  it('org check prints "ok" for the demo organisation and every problem of a broken one', async () => {
    const ok = await runTs('src/cli.ts', ['org', 'check', 'config/org.example.json']);
    expect(ok).toMatchObject({ code: 0, stdout: 'ok\n' });
    const broken = path.join(dir, 'org.json');
    const org = JSON.parse(fs.readFileSync('config/org.example.json', 'utf8'));
    org.people[3].team = 'gibt-es-nicht';
    org.people[0].fte = 1.5;
    fs.writeFileSync(broken, JSON.stringify(org));
    const result = await runTs('src/cli.ts', ['org', 'check', broken]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/people\[0\]\.fte/);
    expect(result.stdout).toMatch(/people\[3\]\.team.*gibt-es-nicht/);
  });

  it('db backup writes a consistent copy of the live database', async () => {
    const db = path.join(dir, 'fm.db');
    await runTs('src/main.ts', [], { env: { FM_LOTSE_DB: db, FM_LOTSE_NOW: '2025-10-20T09:00:00+02:00' }, input: `${REFERRAL}\n` });
    const copy = path.join(dir, 'backup', 'copy.db');
    const result = await runTs('src/cli.ts', ['db', 'backup', copy], { env: { FM_LOTSE_DB: db } });
    expect(result.code).toBe(0);
    const backup = new Database(copy, { readonly: true });
    expect(backup.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(backup.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
    backup.close();
  });

  it('jobs run sends what is due at that instant once; --dry-run only shows it', async () => {
    const db = path.join(dir, 'fm.db');
    await runTs('src/main.ts', [], { env: { FM_LOTSE_DB: db, FM_LOTSE_NOW: '2026-03-02T10:00:00+01:00' }, input: `${REFERRAL}\n` });
    const at = ['jobs', 'run', '--at', '2026-03-03T09:00:00+01:00'];
    const dry = await runTs('src/cli.ts', [...at, '--dry-run'], { env: { FM_LOTSE_DB: db } });
    expect(dry.code).toBe(0);
    const wouldSend = Number(/Probelauf: (\d+) Nachrichten/.exec(dry.stdout)?.[1]);
    expect(wouldSend).toBeGreaterThan(1); // the round, and the team duties never recorded yet (R28–R32)
    expect(dry.stdout).toContain('Zuweisungsrunde Fallmanagement Ü25 – 03.03.2026');

    const real = await runTs('src/cli.ts', at, { env: { FM_LOTSE_DB: db } });
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('# fm-ue25 (Kanal):');
    expect(real.stdout).toContain(`${wouldSend} Nachrichten gesendet.`);
    expect(real.stdout).toContain('FM-Dienstbesprechung in Geschäftsstelle Mitte');
    expect(real.stdout).not.toContain(CLIENT);
    const again = await runTs('src/cli.ts', at, { env: { FM_LOTSE_DB: db } });
    expect(again.stdout).toContain('0 Nachrichten gesendet.');
  });

  it('jobs run refuses an instant that is not ISO-8601', async () => {
    const result = await runTs('src/cli.ts', ['jobs', 'run', '--at', 'morgen']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('--at: „morgen“ ist kein ISO-8601-Zeitpunkt');
  });
});
