/**
 * /fm termin and /fm besuch (R28–R32): a date up to today counts at once; a later date is a plan — the
 * participants are reminded the working day before, the recorder is asked afterwards to confirm it took place
 * (button „hat stattgefunden“ or `/fm termin bestaetigen nr=…`), and only then does it count.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dutyActions } from '../../commands/termin.js';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { addDays, type LocalDate } from '../../src/domain/time.js';
import type { ActionResponse } from '../../src/messaging/ports.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { DUTY_ACTIONS } from '../../src/services/duties.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
beforeEach(() => {
  world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
});
afterEach(() => world.close());

const deps = () => ({ org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE });

function runAt(day: LocalDate, time = '08:00') {
  const at = world.calendar.at(day, time);
  world.clock.set(at);
  runJobs(deps(), JOBS, at);
}

function runDays(from: LocalDate, to: LocalDate) {
  for (let day = from; day <= to; day = addDays(day, 1)) runAt(day);
}

/** A command at 09:00 of `day`; an error comes back as "FEHLER …". */
function say(day: LocalDate, userId: string, line: string): string {
  world.clock.set(world.calendar.at(day, '09:00'));
  const response = world.bot.handleCommand({ platform: 'console', userId }, line);
  return response.kind === 'message' ? toPlainText(response.message) : response.kind === 'error' ? `FEHLER ${response.text}` : '';
}

/** The confirmation buttons, run as the duties job's message offers them (see commands/termin.ts `dutyActions`). */
function click(day: LocalDate, userId: string, actionId: string, value: string): string {
  world.clock.set(world.calendar.at(day, '09:00'));
  const action = dutyActions.find((a) => a.actionId === actionId)!;
  const actor = world.org.person(userId)!;
  let response: ActionResponse;
  try {
    response = action.run({ ...deps(), actor, caller: { platform: 'console', userId } }, { actionId, value });
  } catch (error) {
    return `FEHLER ${(error as Error).message}`;
  }
  return response.kind === 'update' || response.kind === 'message' ? toPlainText(response.message) : '';
}

const items = (prefix: string): OutboxItem[] => world.store.outbox.all().filter((i) => i.dedupeKey.startsWith(prefix));
const to = (item: OutboxItem): string => (item.target.kind === 'direct' ? item.target.personId : item.target.teamId);

describe('/fm termin with a future date is a plan (R28)', () => {
  it('R28: reminds the participants the working day before, asks the recorder afterwards, and counts only once confirmed', () => {
    runAt('2026-03-02'); // the first day: the meeting was never held
    expect(say('2026-03-02', 'gl-mitte', 'termin art=dienstbesprechung datum=12.03.2026')).toMatch(
      /FM-Dienstbesprechung am 12\.03\.2026 als geplant erfasst \(Nr\. 1\)[\s\S]*bestaetigen nr=1/,
    );
    expect(world.store.duties.last('dienstbesprechung', 'mitte')).toBeUndefined(); // a plan does not count
    expect(say('2026-03-02', 'gl-mitte', 'termin bestaetigen nr=1')).toMatch(/FEHLER .*12\.03\.2026 liegt noch in der Zukunft/);

    runDays('2026-03-03', '2026-03-10');
    expect(items('ping.duty.plan')).toHaveLength(0);
    runAt('2026-03-11'); // Wednesday, the working day before
    const reminders = items('ping.duty.plan:1:');
    expect(reminders.map(to).sort()).toEqual(['gl-mitte', 'tl-fm-u25', 'tl-fm-ue25']);
    expect(toPlainText(reminders[0]!.message)).toMatch(/FM-Dienstbesprechung \(Geschäftsstelle Mitte\) ist für 12\.03\.2026 geplant/);

    runAt('2026-03-12');
    expect(items('ping.duty.confirm')).toHaveLength(0);
    runAt('2026-03-13'); // the working day after: the recorder is asked, once
    runAt('2026-03-13', '10:00');
    const [ask] = items('ping.duty.confirm:1:');
    expect(items('ping.duty.confirm')).toHaveLength(1);
    expect(to(ask!)).toBe('gl-mitte');
    expect(toPlainText(ask!.message)).toMatch(
      /Hat der Termin stattgefunden\?[\s\S]*Geschäftsstelle Mitte, R28\) war für 12\.03\.2026 geplant[\s\S]*`\/fm termin bestaetigen nr=1`[\s\S]*\[hat stattgefunden\] \[hat nicht stattgefunden\]/,
    );
    expect(ask!.message.blocks.find((b) => b.kind === 'actions')).toMatchObject({
      buttons: [
        { actionId: DUTY_ACTIONS.held, value: '1', style: 'primary' },
        { actionId: DUTY_ACTIONS.cancelled, value: '1' },
      ],
    });

    runAt('2026-03-16'); // the 14-day repeat still comes, and points at the unconfirmed plan
    const repeat = items('ping.duty:dienstbesprechung:mitte:2026-03-02+14d:gl-mitte')[0]!;
    expect(toPlainText(repeat.message)).toMatch(/Geplant war der 12\.03\.2026, aber noch nicht bestätigt: `\/fm termin bestaetigen nr=1`/);

    expect(say('2026-03-16', 'ifk-lena', 'termin bestaetigen nr=1')).toMatch(/FEHLER Bestätigen oder absagen können/);
    expect(click('2026-03-16', 'gl-mitte', DUTY_ACTIONS.held, '1')).toMatch(/FM-Dienstbesprechung am 12\.03\.2026: als stattgefunden bestätigt/);
    expect(world.store.duties.last('dienstbesprechung', 'mitte')).toBe('2026-03-12');
    expect(say('2026-03-16', 'gl-mitte', 'termin bestaetigen nr=1')).toMatch(/FEHLER Termin Nr\. 1 ist schon als stattgefunden bestätigt/);

    const before = items('ping.duty:dienstbesprechung').length;
    runDays('2026-03-17', '2026-06-11');
    expect(items('ping.duty:dienstbesprechung')).toHaveLength(before); // counts from 12.03. now
    runAt('2026-06-12');
    const due = items('ping.duty:dienstbesprechung:mitte:2026-06-12:gl-mitte')[0]!;
    expect(toPlainText(due.message)).toMatch(/zuletzt: 12\.03\.2026/);
  });

  it('R28: a participant confirms with the typed command; a plan called off leaves the duty open', () => {
    runAt('2026-03-02');
    say('2026-03-02', 'gl-mitte', 'termin art=dienstbesprechung datum=12.03.2026');
    say('2026-03-02', 'tl-fm-ue25', 'termin art=dienstbesprechung datum=19.03.2026');
    expect(say('2026-03-03', 'tl-fm-u25', 'termin absagen nr=1')).toMatch(/FM-Dienstbesprechung am 12\.03\.2026: abgesagt/);
    runDays('2026-03-03', '2026-03-13');
    expect(items('ping.duty.plan:1:')).toHaveLength(0); // called off: no reminder, no question
    expect(items('ping.duty.confirm:1:')).toHaveLength(0);
    expect(world.store.duties.last('dienstbesprechung', 'mitte')).toBeUndefined();

    runDays('2026-03-14', '2026-03-20');
    expect(items('ping.duty.plan:2:').map(to).sort()).toEqual(['gl-mitte', 'tl-fm-u25', 'tl-fm-ue25']); // Wednesday 18.03.
    expect(items('ping.duty.confirm:2:').map(to)).toEqual(['tl-fm-ue25']); // Friday 20.03.
    expect(say('2026-03-20', 'gl-mitte', 'termin bestaetigen nr=2')).toMatch(/am 19\.03\.2026: als stattgefunden bestätigt/);
    expect(world.store.duties.last('dienstbesprechung', 'mitte')).toBe('2026-03-19');
    expect(click('2026-03-20', 'tl-fm-ue25', DUTY_ACTIONS.cancelled, '2')).toMatch(/FEHLER Termin Nr\. 2 ist schon/);
  });

  it('R28–R32: a date up to today still counts at once, as before', () => {
    expect(say('2026-03-02', 'gl-mitte', 'termin art=dienstbesprechung datum=02.03.2026')).toMatch(/am 02\.03\.2026 erfasst\. Die nächste Erinnerung/);
    expect(say('2026-03-02', 'fm-tobias', 'termin art=netzwerk datum=27.02.2026')).toMatch(/erfasst/);
    expect(world.store.duties.last('dienstbesprechung', 'mitte')).toBe('2026-03-02');
    expect(world.store.duties.last('netzwerk', 'fm-ue25')).toBe('2026-02-27');
    runAt('2026-03-02');
    expect(items('ping.duty:dienstbesprechung')).toHaveLength(0);
    expect(items('ping.duty:netzwerk:fm-ue25')).toHaveLength(0);
    expect(items('ping.duty:netzwerk:fm-u25')).toHaveLength(1); // R32 is per FM team
  });

  it('R30: a visit in the future is a plan too, confirmed by the contact FM', () => {
    expect(say('2026-03-02', 'fm-tobias', 'besuch team=mi-1 datum=10.03.2026')).toMatch(/Besuch der Kontakt-Fallmanager:in am 10\.03\.2026 als geplant erfasst \(Nr\. 1\)/);
    runDays('2026-03-02', '2026-03-11');
    expect(items('ping.duty.plan:1:').map(to).sort()).toEqual(['fm-tobias', 'tl-mi-1']);
    expect(items('ping.duty.confirm:1:').map(to)).toEqual(['fm-tobias']);
    expect(world.store.duties.last('besuch', 'mi-1')).toBeUndefined();
    expect(say('2026-03-11', 'fm-tobias', 'termin bestaetigen nr=1')).toMatch(/als stattgefunden bestätigt/);
    expect(world.store.duties.last('besuch', 'mi-1')).toBe('2026-03-10');
  });

  it('R28–R32: refuses wrong words and keys with a German message naming the field', () => {
    expect(say('2026-03-02', 'gl-mitte', 'termin verschieben nr=1')).toMatch(/FEHLER „verschieben“ kenne ich bei `\/fm termin` nicht/);
    expect(say('2026-03-02', 'gl-mitte', 'termin bestaetigen nr=1 datum=02.03.2026')).toMatch(/FEHLER[\s\S]*datum: Beim Bestätigen oder Absagen nur `nr=`/);
    expect(say('2026-03-02', 'gl-mitte', 'termin bestaetigen nr=eins')).toMatch(/FEHLER[\s\S]*nr: Bitte die Nummer/);
    expect(say('2026-03-02', 'gl-mitte', 'termin bestaetigen nr=77')).toMatch(/FEHLER[\s\S]*Einen geplanten Termin Nr\. 77 gibt es nicht/);
    expect(say('2026-03-02', 'gl-mitte', 'termin art=dienstbesprechung datum=12.03.2026 nr=3')).toMatch(/FEHLER[\s\S]*nr: nur mit/);
    expect(click('2026-03-02', 'gl-mitte', DUTY_ACTIONS.held, 'x')).toMatch(/FEHLER Dieser Eintrag ist nicht mehr aktuell/);
    expect(world.counts().audit).toBe(0);
  });
});

describe('/fm termin art=fm-austausch names the partner team (R31)', () => {
  it('R31: takes the only partner when there is one, and refuses partner= elsewhere or a team that is no partner', () => {
    expect(say('2026-03-02', 'fm-jonas', 'termin art=fm-austausch datum=02.03.2026')).toMatch(/Austausch mit anderen FM-Teams am 02\.03\.2026 erfasst/);
    expect(world.store.duties.last('fm_austausch', 'fm-u25+fm-ue25')).toBe('2026-03-02'); // counts for both teams
    expect(say('2026-03-02', 'fm-tobias', 'termin art=fm-austausch partner=mi-1 datum=02.03.2026')).toMatch(
      /FEHLER[\s\S]*partner: „mi-1“ ist kein Austauschpartner dieses FM-Teams \(R31\); möglich: fm-u25/,
    );
    expect(say('2026-03-02', 'fm-tobias', 'termin art=fm-austausch partner=fm-ue25 datum=02.03.2026')).toMatch(/FEHLER[\s\S]*„fm-ue25“ ist kein Austauschpartner/);
    expect(say('2026-03-02', 'fm-tobias', 'termin art=netzwerk partner=fm-u25 datum=02.03.2026')).toMatch(/FEHLER[\s\S]*partner: nur bei `art=fm-austausch`/);
    expect(say('2026-03-02', 'ifk-lena', 'termin art=fm-austausch partner=fm-u25 datum=02.03.2026')).toMatch(/FEHLER Diesen Termin erfassen Mitglieder/);
  });
});

// Once the lead registers `dutyActions` in ACTIONS (commands/index.ts), the buttons also work through the bot.
describe('the confirmation buttons through the bot (R28)', () => {
  it('R28: „hat stattgefunden“ confirms the plan and replaces the question', () => {
    say('2026-03-02', 'gl-mitte', 'termin art=dienstbesprechung datum=03.03.2026');
    world.clock.set(world.calendar.at('2026-03-04', '09:00'));
    const response = world.bot.handleAction({ platform: 'console', userId: 'gl-mitte' }, { actionId: DUTY_ACTIONS.held, value: '1' });
    expect(response.kind === 'update' && toPlainText(response.message)).toMatch(/als stattgefunden bestätigt/);
    expect(world.store.duties.last('dienstbesprechung', 'mitte')).toBe('2026-03-03');
  });
});
