/**
 * Nobody forgets an escalation: the missing leads are reminded after 3 working days, the office lead is told
 * after 5 (Bremen calendar, fixed clock). Demo: Andreas Wolf (tl-mi-1) and Michael Brandt (tl-fm-ue25)
 * decide access disputes jointly; Dr. Susanne Hartmann (gl-mitte) leads the office.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escalationReminders } from '../../jobs/escalationReminders.js';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText } from '../../src/messaging/reply.js';
import type { Caller } from '../../src/messaging/ports.js';
import { referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

const CODE = 'FM-2025-0001';
const as = (userId: string): Caller => ({ platform: 'console', userId });

let world: World;
afterEach(() => world.close());

function command(userId: string, line: string): void {
  const response = world.bot.handleCommand(as(userId), line);
  expect(response.kind, response.kind === 'error' ? response.text : '').toBe('message');
}

/** Lena's referral, declined by its FM, escalated by Lena at `at`. */
function escalateAt(at: string): void {
  world = createWorld({ now: at });
  command('ifk-lena', referralLine());
  command('fm-tobias', 'runde');
  command('tl-fm-ue25', 'runde bestaetigen');
  command(world.store.cases.byCode(CODE)!.assignedFmId!, `ablehnen ${CODE} grund="kein Bedarf"`);
  command('ifk-lena', `eskalieren ${CODE} art=zugang grund="Kriterien erfüllt"`);
}

/** Runs the reminder job at that instant; returns how many messages it queued. */
function runAt(at: string): number {
  world.clock.set(Date.parse(at));
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  const [outcome] = runJobs(deps, [escalationReminders], world.clock.now());
  expect(outcome!.error).toBeUndefined();
  return outcome!.queued;
}

const sent = (prefix: string) => world.store.outbox.all().filter((i) => i.dedupeKey.startsWith(prefix));
const recipients = (prefix: string) => sent(prefix).map((i) => (i.target.kind === 'direct' ? i.target.personId : i.target.teamId)).sort();

describe('reminders for undecided escalations', () => {
  beforeEach(() => escalateAt('2025-10-20T09:00:00+02:00')); // Monday

  it('runs with the other scheduled jobs', () => {
    expect(JOBS).toContain(escalationReminders);
  });

  it('reminds the missing leads after 3 working days, once, however often the job runs', () => {
    expect(runAt('2025-10-22T10:00:00+02:00')).toBe(0); // Wednesday: 2 working days
    expect(runAt('2025-10-23T07:00:00+02:00')).toBe(2); // Thursday: 3
    expect(runAt('2025-10-23T15:00:00+02:00')).toBe(0);
    expect(runAt('2025-10-24T10:00:00+02:00')).toBe(0);
    expect(recipients('ping.escalation.remind')).toEqual(['tl-fm-ue25', 'tl-mi-1']);
    const text = toPlainText(sent('ping.escalation.remind')[0]!.message);
    expect(text).toContain(`Die Eskalation ${CODE} (Zugang, R7) ist seit dem 20.10.2025 offen – seit 3 Arbeitstagen.`);
    expect(text).not.toMatch(/\d{3}[A-Z]\d{6}/);
    expect(world.store.audit.forCase(CODE).filter((a) => a.action === 'escalation.reminded')).toHaveLength(1);
    const history = world.bot.handleCommand(as('tl-mi-1'), `verlauf ${CODE}`);
    expect(history.kind === 'message' && toPlainText(history.message)).toContain('23.10.2025 07:00 · FM-Lotse · Eskalation Zugang (R7): Erinnerung an 2 Personen');
  });

  it('reminds only the lead whose decision is missing', () => {
    command('tl-mi-1', `eskalation-zustimmen ${world.store.escalations.forCase(CODE)[0]!.id}`);
    expect(runAt('2025-10-23T10:00:00+02:00')).toBe(1);
    expect(recipients('ping.escalation.remind')).toEqual(['tl-fm-ue25']);
  });

  it('reminds the deputy of a lead who is absent', () => {
    world.store.absences.add({ personId: 'tl-fm-ue25', from: '2025-10-22', to: '2025-10-31', recordedBy: 'tl-fm-ue25', recordedAt: world.clock.now() });
    runAt('2025-10-23T10:00:00+02:00');
    expect(recipients('ping.escalation.remind')).toEqual(['fm-tobias', 'tl-fm-ue25', 'tl-mi-1']);
  });

  it('tells the office lead after 5 working days, not on the weekend, once', () => {
    runAt('2025-10-23T10:00:00+02:00');
    expect(runAt('2025-10-25T10:00:00+02:00')).toBe(0); // Saturday
    expect(runAt('2025-10-27T09:00:00+01:00')).toBe(1); // Monday: 5 working days
    expect(runAt('2025-10-28T09:00:00+01:00')).toBe(0);
    expect(recipients('ping.escalation.office')).toEqual(['gl-mitte']);
    const text = toPlainText(sent('ping.escalation.office')[0]!.message);
    expect(text).toContain('seit 5 Arbeitstagen');
    expect(text).toContain('Es fehlt noch die Entscheidung von: Andreas Wolf, Michael Brandt.');
  });

  it('leaves decided escalations alone', () => {
    const id = world.store.escalations.forCase(CODE)[0]!.id;
    command('tl-mi-1', `eskalation-ablehnen ${id} kommentar="Zugang nicht begründet"`);
    const before = world.counts();
    expect(runAt('2025-10-29T10:00:00+01:00')).toBe(0);
    expect(world.counts()).toEqual(before);
  });
});

describe('reminders around a public holiday', () => {
  it('does not count Reformation Day: raised Tuesday 28.10., reminded Monday 03.11.', () => {
    escalateAt('2025-10-28T09:00:00+01:00');
    expect(runAt('2025-10-30T10:00:00+01:00')).toBe(0); // 2 working days
    expect(runAt('2025-10-31T10:00:00+01:00')).toBe(0); // holiday in Bremen
    expect(runAt('2025-11-03T10:00:00+01:00')).toBe(2);
  });
});
