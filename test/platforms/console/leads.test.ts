/**
 * Leads act anywhere (issue #11, item 6), in the console chat on the real bot and a temp SQLite file with the
 * demo organisation: the open escalations with their numbers and typed decisions, the office lead's view of
 * every team of the office, chat-entered absences in `/fm team`, and `/fm verlauf` in German with the reasons.
 * Demo: Lena Schröder (ifk-lena, M&I 1) refers to FM Ü25 (lead Michael Brandt, tl-fm-ue25); Andreas Wolf
 * (tl-mi-1) leads M&I 1; Dr. Susanne Hartmann (gl-mitte) leads the office Mitte.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotResponse, Caller } from '../../../src/messaging/ports.js';
import { toPlainText } from '../../../src/messaging/reply.js';
import { referralLine } from '../../support/build.js';
import { createWorld, type World } from '../../support/world.js';
import { consoleChat } from '../../support/consoleChat.js';

const CLIENT = '123A456789';
const OTHER_CLIENT = '123A456780';
const CODE = 'FM-2025-0001';
/** An audit code such as `round.changed` or `case.extension.granted`, as it must never be shown. */
const RAW_CODE = /\b(case|round|escalation|referral|recheck|due|transfer|supervision|absence|duty)\.[a-z_.]+/;

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

/** Pipes `lines` into a console session on the real bot and returns everything it printed. */
const chat = (lines: string[]): Promise<string> => consoleChat(world, lines);

/** What was printed after the line typed as `marker` (up to the next prompt of someone). */
function after(printed: string, marker: string): string {
  const start = printed.indexOf(marker);
  expect(start, `"${marker}" not in:\n${printed}`).toBeGreaterThanOrEqual(0);
  return printed.slice(start + marker.length);
}

/** Lena refers; the round assigns; the FM declines; Lena escalates about access (R7). Returns the FM. */
function disputedReferral(): string {
  ok('ifk-lena', referralLine({ kunde: CLIENT }));
  ok('fm-tobias', 'runde');
  ok('tl-fm-ue25', 'runde bestaetigen');
  const fm = world.store.cases.byCode(CODE)!.assignedFmId!;
  ok(fm, `ablehnen ${CODE} grund="Kunde sieht keinen Bedarf"`);
  ok('ifk-lena', `eskalieren ${CODE} art=zugang grund="Kriterien aus meiner Sicht erfüllt"`);
  return fm;
}

describe('deciding escalations in the console (R7, issue #11 item 6)', () => {
  it('R7: /fm eskalationen lists the open escalations with their numbers; both leads decide by typing the number', async () => {
    disputedReferral();
    const id = world.store.escalations.listOpen()[0]!.id;
    const printed = await chat([
      '/als tl-fm-ue25',
      '/fm eskalationen',
      `/fm eskalation-zustimmen ${id}`,
      '/als fm-stefan',
      '/fm eskalationen',
      '/als tl-mi-1',
      '/fm eskalationen',
      `/fm eskalation-zustimmen ${id}`,
    ]);
    // The channel message and the deciders' direct messages show the number and how to decide by typing.
    expect(printed).toMatch(new RegExp(`Nummer:\\s+${id}\\n`));
    expect(printed).toContain(`/fm eskalation-zustimmen ${id}`);
    expect(printed).toContain('Offene Eskalationen mit Nummer und Befehlen: /fm eskalationen.'); // under every button row
    const brandtsList = after(printed, 'tl-fm-ue25> ');
    expect(brandtsList).toContain(`Nr. ${id} · Zugang (R7) · ${CODE} · Fallmanagement Ü25`);
    expect(brandtsList).toContain(`\`/fm eskalation-ablehnen ${id} kommentar="…"\``);
    expect(after(printed, 'fm-stefan> ')).toContain('Keine offenen Eskalationen, die du entscheiden kannst.');
    expect(after(printed, 'tl-mi-1> ')).toContain(`Nr. ${id} · Zugang (R7) · ${CODE}`);
    expect(after(printed, 'tl-mi-1> ')).toContain('offen – 1 von 2 Zustimmungen');
    expect(world.store.escalations.byId(id)!.status).toBe('approved');
    expect(world.store.cases.byCode(CODE)!.status).toBe('vorgemerkt'); // R7: access granted, back into the next round
  });
});

describe('the office lead oversees every team of the office (issue #11 item 6)', () => {
  it('sees /fm team for every FM team, /fm vormerkungen without client references, and /fm eskalationen for inspection', async () => {
    disputedReferral();
    ok('ifk-lena', referralLine({ kunde: OTHER_CLIENT }));
    const id = world.store.escalations.listOpen()[0]!.id;
    const office = world.org.org.offices[0]!;
    const lead = office.leads[0]!;

    const printed = await chat([`/als ${lead}`, '/fm team', '/fm vormerkungen', '/fm eskalationen']);
    const shown = after(printed, `${lead}> `);
    expect(shown).toContain('Team Fallmanagement Ü25');
    expect(shown).toContain('Team Fallmanagement U25');
    expect(shown).toContain('FM-2025-0002 · Ü25');
    expect(shown).toContain('Kundenreferenz nur für Beteiligte');
    expect(shown).not.toContain(OTHER_CLIENT); // social data: the office lead is not involved with the person
    expect(shown).toContain('In deiner Geschäftsstelle (zur Einsicht)');
    expect(shown).toContain(`Nr. ${id} · Zugang (R7) · ${CODE}`);
    expect(world.bot.handleCommand(as(lead), `eskalation-zustimmen ${id}`).kind).toBe('error'); // seeing is not deciding
  });
});

describe('/fm team counts absences entered in the chat (R17, issue #11 item 6)', () => {
  it('R17: an absence from /fm abwesend shows in the lead’s team overview', async () => {
    const printed = await chat(['/als fm-tobias', '/fm abwesend von=03.11.2025 bis=07.11.2025', '/als tl-fm-ue25', '/fm team']);
    const overview = after(printed, 'tl-fm-ue25> ');
    expect(overview).toMatch(/Tobias Krüger: 0 Fälle · Kapazität 150 · Auslastung 0\s% · abwesend 03\.11\.2025–07\.11\.2025/);
  });
});

describe('/fm verlauf in German, with the reasons (R12, R19, R22, R24, issue #11 item 6)', () => {
  it('R12: shows German labels for every step and the reason of a decline — no raw codes', async () => {
    ok('ifk-lena', referralLine({ kunde: CLIENT }));
    ok('fm-tobias', 'runde');
    ok('fm-tobias', `runde aendern ${CODE} fm=fm-stefan`);
    ok('tl-fm-ue25', 'runde bestaetigen');
    ok('fm-stefan', `ablehnen ${CODE} anlass=sonstiges grund="Kunde sieht keinen Bedarf"`);
    ok('ifk-lena', `eskalieren ${CODE} art=zugang grund="Kriterien erfüllt"`);
    ok('tl-mi-1', `eskalation-ablehnen ${world.store.escalations.listOpen()[0]!.id} kommentar="Ablehnung nachvollziehbar"`);

    const printed = await chat(['/als tl-fm-ue25', `/fm verlauf ${CODE}`]);
    const history = after(printed, 'tl-fm-ue25> ');
    expect(history).toContain('in der Zuweisungsrunde Stefan Meyer zugeordnet');
    expect(history).toContain('zugewiesen an Stefan Meyer');
    expect(history).toContain('Vormerkung abgelehnt (R12) – Anlass: sonstiger Grund – Grund: „Kunde sieht keinen Bedarf“');
    expect(history).toContain('Ablehnung nachvollziehbar');
    expect(history).not.toMatch(RAW_CODE);
  });

  it('R19, R22, R24, R25: shows the reasons of an extension, of a planned exit and of the IFK’s objection to the case’s FM; others are refused', async () => {
    ok('ifk-lena', referralLine({ kunde: CLIENT }));
    ok('fm-tobias', 'runde');
    ok('tl-fm-ue25', 'runde bestaetigen');
    const fm = world.store.cases.byCode(CODE)!.assignedFmId!;
    ok(fm, `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`);
    ok(fm, `verlaengern ${CODE} monate=6 anlass=therapie grund="Stabilisierung braucht mehr Zeit"`);
    ok(fm, `abgang ${CODE} grund=kein-potenzial empfehlung="Verfahren nach § 44a prüfen"`);
    ok('ifk-lena', `rueckgabe ${CODE} widerspruch grund="Erst Schuldnerberatung abwarten"`);

    const printed = await chat([`/als ${fm}`, `/fm verlauf ${CODE}`, '/als fm-jonas', `/fm verlauf ${CODE}`]);
    const history = after(printed, `${fm}> `);
    expect(history).toMatch(/um 6 Monate – Anlass: [^\n–]+ – Grund: „Stabilisierung braucht mehr Zeit“/);
    expect(history).toMatch(/Abgang geplant \(Rückgabe, R26\) – Abgangsgrund: [^\n]+, Empfehlung: „Verfahren nach § 44a prüfen“/);
    expect(history).toContain('Widerspruch gegen die Rückgabe (R25) – Grund: „Erst Schuldnerberatung abwarten“');
    expect(history).not.toMatch(RAW_CODE);
    expect(after(printed, 'fm-jonas> ')).toContain(`Den Verlauf von ${CODE} sehen nur`);
    expect(after(printed, 'fm-jonas> ')).not.toContain('Stabilisierung');
  });
});
