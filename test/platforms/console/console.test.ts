import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../src/config/org.js';
import { EXAMPLE_REFERRAL } from '../../../src/i18n/console.js';
import { createWorld, type World } from '../../support/world.js';
import { consoleChat } from '../../support/consoleChat.js';

const CLIENT = '123A456789';
const REFERRAL =
  `/fm vormerken kunde=${CLIENT} gruppe=ue25 zugang=formal prognose=nicht-marktnah ` +
  'hb=gesundheit,schulden,wohnen integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja';

let world: World;
let ifk: Person;
let fm: Person;

beforeEach(() => {
  // Monday; the 14 working days (R4) run past Reformation Day, a holiday in Bremen.
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
  ifk = world.org.org.people.find((p) => p.roles.includes('ifk'))!;
  fm = world.org.org.people.find((p) => p.roles.includes('fm'))!;
});

afterEach(() => world.close());

const chat = (lines: string[], options: { startAs?: string; nowText?: () => string } = {}): Promise<string> => consoleChat(world, lines, options);

/** A framed message: its header line and the indented lines below it. */
function section(printed: string, header: string): string {
  const lines = printed.split('\n');
  const start = lines.findIndex((l) => l.startsWith(header));
  expect(start, `no section "${header}" in:\n${printed}`).toBeGreaterThanOrEqual(0);
  const body = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    body.push(line);
  }
  return [lines[start], ...body].join('\n');
}

describe('console chat', () => {
  it('welcomes you as the first IFK with a referral example and the simulated time', async () => {
    const printed = await chat([], { nowText: () => 'Mo, 20.10.2025 09:00' });
    expect(printed).toContain(`Du schreibst als ${ifk.name} (${ifk.id}) – IFK`);
    expect(printed).toContain(EXAMPLE_REFERRAL);
    expect(printed).toContain('Simulierte Zeit: Mo, 20.10.2025 09:00');
    expect(printed).toContain(`${ifk.id}> `);
  });

  it('answers a one-line referral privately and posts the channel notice without the client reference', async () => {
    const printed = await chat([REFERRAL]);
    const mine = section(printed, '🔒 nur für dich:');
    expect(mine).toMatch(/FM-2025-\d{4}/);
    expect(mine).toContain(CLIENT);
    expect(mine).toContain('10.11.2025'); // R4: 14 working days, 31.10. is a holiday in Bremen
    const channel = section(printed, '# ');
    expect(channel).toMatch(/^# [\w-]+ \(Kanal\):/);
    expect(channel).toMatch(/FM-2025-\d{4}/);
    expect(channel).not.toContain(CLIENT);
    // The notice follows the reply before the next prompt.
    expect(printed.indexOf('🔒 nur für dich:')).toBeLessThan(printed.indexOf(channel));
    expect(printed.indexOf(channel)).toBeLessThan(printed.lastIndexOf(`${ifk.id}> `));
  });

  it('accepts the subcommand without the leading /fm', async () => {
    const printed = await chat([REFERRAL.replace(/^\/fm /, '')]);
    expect(section(printed, '🔒 nur für dich:')).toContain(CLIENT);
  });

  it('the welcome example referral works with the demo organisation', async () => {
    const printed = await chat([EXAMPLE_REFERRAL]);
    expect(section(printed, '🔒 nur für dich:')).toMatch(/FM-2025-\d{4}/);
    expect(world.counts().cases).toBe(1);
  });

  it('/als switches the person you type as, and the bot treats you as them (R3: only IFK refer)', async () => {
    const printed = await chat([`/als ${fm.id}`, REFERRAL]);
    expect(printed).toContain(`Du schreibst jetzt als ${fm.name} (${fm.id}) – Fallmanagement`);
    expect(printed).toContain(`${fm.id}> `);
    expect(section(printed, '🔒 nur für dich:')).toContain('Vormerken können nur Integrationsfachkräfte');
    expect(world.counts().cases).toBe(0);
  });

  it('/als refuses an unknown id and lists the known ones', async () => {
    const printed = await chat(['/als niemand', '/wer']);
    const refusal = section(printed, '🔒 nur für dich:');
    expect(refusal).toContain('„niemand“ gibt es in dieser Organisation nicht');
    for (const p of world.org.org.people) expect(refusal).toContain(p.id);
    expect(printed).toContain(`${ifk.id}> /wer`); // still the same person
  });

  it('/wer lists every person with id, roles and team, marking who you are', async () => {
    const printed = await chat(['/wer']);
    const lines = printed.split('\n');
    for (const p of world.org.org.people) {
      const line = lines.find((l) => l.slice(2).startsWith(`${p.id} `));
      expect(line, p.id).toContain(`  ${p.name} – `);
      if (p.team) expect(line).toContain(`Team „${world.org.team(p.team)!.name}“ (${p.team})`);
    }
    expect(lines.find((l) => l.startsWith('▶ '))).toMatch(new RegExp(`^▶ ${ifk.id}\\s+${ifk.name} – IFK – Team`));
  });

  it('/hilfe explains the console commands and then shows /fm hilfe', async () => {
    const printed = await chat(['/hilfe']);
    expect(printed).toContain('/als <id>');
    expect(printed.indexOf('Befehle der Konsole')).toBeLessThan(printed.indexOf('🔒 nur für dich:'));
    expect(section(printed, '🔒 nur für dich:')).toContain('vormerken');
  });

  it('walks through the referral form and re-asks only the field the bot refused', async () => {
    const printed = await chat([
      '/fm vormerken',
      '12345', // kunde: wrong format
      'Ü30', // gruppe: not an option, asked again at once
      'ue25',
      'formal',
      'nicht-marktnah',
      'gesundheit, schulden,wohnen',
      'nein',
      'ja',
      '', // grund: optional, skipped
      'ja',
      'ja',
      'ja',
      '', // u25bis: optional, skipped
      CLIENT, // kunde again
    ]);
    expect(printed).toContain('Formular „Für das FM vormerken“');
    expect(printed).toContain('Unbekannter Wert: Ü30');
    expect(section(printed, '🔒 nur für dich:')).toContain('3 Ziffern, ein Buchstabe, 6 Ziffern');
    expect(printed.match(/\nkunde> /g)).toHaveLength(2);
    expect(printed.match(/\ngruppe> /g)).toHaveLength(2);
    expect(printed.match(/\nhb> /g)).toHaveLength(1);
    expect(printed).toMatch(/Vormerkung FM-2025-\d{4}|Vormerkung gespeichert/);
    expect(section(printed, '# ')).not.toContain(CLIENT);
    expect(world.store.cases.findOpenByClient(CLIENT)?.needs).toEqual(['gesundheit', 'schulden', 'wohnen']);
  });

  it('/abbrechen leaves the form without saving, and the chat goes on', async () => {
    const printed = await chat(['/fm vormerken', CLIENT, '/abbrechen', '/wer']);
    expect(printed).toContain('Formular abgebrochen, nichts wurde gespeichert.');
    expect(printed).toContain(`${ifk.id}> /wer`);
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('/ende ends the chat and ignores what follows', async () => {
    const printed = await chat(['/ende', REFERRAL]);
    expect(printed).not.toContain('🔒 nur für dich:');
    expect(world.counts().cases).toBe(0);
  });

  it('refuses to start as an unknown person, naming the known ids', async () => {
    await expect(chat([], { startAs: 'niemand' })).rejects.toThrow(/niemand.*Bekannte ids: .*ifk/s);
  });

  it('an unknown console command is explained, not sent to the bot', async () => {
    const printed = await chat(['/tschuess']);
    expect(section(printed, '🔒 nur für dich:')).toContain('Den Konsolenbefehl „/tschuess“ gibt es nicht');
  });
});
