/**
 * The coded occasions of a decline (R12) and an extension (R19) in the console walk-through: the form asks for
 * `anlass` as a choice, refuses a code that does not exist, and stores the code the figures count (R35).
 * Demo: Lena Schröder (ifk-lena) refers to FM Ü25; the round gives the referral to an FM of the team.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotResponse, Caller } from '../../../src/messaging/ports.js';
import { toPlainText } from '../../../src/messaging/reply.js';
import { referralLine } from '../../support/build.js';
import { createWorld, type World } from '../../support/world.js';
import { consoleChat } from '../../support/consoleChat.js';

let world: World;
beforeEach(() => {
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
});
afterEach(() => world.close());

const as = (userId: string): Caller => ({ platform: 'console', userId });
function ok(userId: string, line: string): string {
  const response: BotResponse = world.bot.handleCommand(as(userId), line);
  const shown = response.kind === 'message' ? toPlainText(response.message) : response.kind === 'error' ? response.text : '';
  expect(response.kind, shown).toBe('message');
  return shown;
}

const chat = (startAs: string, lines: string[]): Promise<string> => consoleChat(world, lines, { startAs });

/** A referral of Lena, assigned by the confirmed round; returns its code and FM. */
function assignedReferral(): { code: string; fm: string } {
  const code = /FM-\d{4}-\d{4}/.exec(ok('ifk-lena', referralLine({ kunde: '123A456789' })))![0];
  ok('tl-fm-ue25', 'runde');
  ok('tl-fm-ue25', 'runde bestaetigen');
  return { code, fm: world.store.cases.byCode(code)!.assignedFmId! };
}

describe('console: the coded occasion in the walk-through (R12, R19, R35)', () => {
  it('asks for the occasion of a decline as a choice, re-asks an unknown code, and stores the chosen one (R12, R35)', async () => {
    const { code, fm } = assignedReferral();
    const printed = await chat(fm, ['/fm ablehnen', code, 'keine-lust', 'keine-mitwirkung', 'Kunde lehnt die Teilnahme ab', '']);
    expect(printed).toContain('Anlass der Ablehnung');
    expect(printed).toContain('keine-mitwirkung');
    expect(printed).toContain('Unbekannter Wert: keine-lust');
    expect(printed.match(/\nanlass> /g)).toHaveLength(2);
    expect(printed).toMatch(/Anlass: +Mitwirkung verweigert/);
    expect(world.store.cases.byCode(code)!.status).toBe('abgelehnt');
    expect(world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.declined', details: { anlass: 'keine-mitwirkung' } });
  });

  it('asks for the occasion of an extension and stores it with the extension (R19, R35)', async () => {
    const { code, fm } = assignedReferral();
    ok(fm, `uebernahme ${code} datum=20.10.2025 warm=ja ziele=ja`);
    const printed = await chat(fm, ['/fm verlaengern', code, '6', 'therapie', 'Therapie läuft bis Sommer', '']);
    expect(printed).toContain('Anlass der Verlängerung');
    expect(printed).toMatch(/Anlass: +lange \(Sucht-\)Therapie/);
    expect(world.store.extensions.forCase(code)).toEqual([expect.objectContaining({ months: 6, reasonCode: 'therapie', status: 'granted' })]);
  });
});
