import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import type { Transport } from '../../src/messaging/ports.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText, type Message, type Target } from '../../src/messaging/reply.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { CLIENT, insertCase, referralLine, type CaseSpec } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
afterEach(() => world.close());

/** An active case of the FM, intake on `intakeOn`. */
function activeCase(fmId: string, intakeOn: string, more: CaseSpec = {}): string {
  return insertCase(world.store, { status: 'aktiv', fmId, intakeOn, ...more }).caseCode;
}

function run(at: string) {
  world.clock.set(Date.parse(at));
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  return runJobs(deps, JOBS, world.clock.now());
}

const items = (prefix: string): OutboxItem[] => world.store.outbox.all().filter((i) => i.dedupeKey.startsWith(prefix));
const to = (item: OutboxItem): string => (item.target.kind === 'direct' ? item.target.personId : item.target.teamId);

describe('the FM digest at 07:30 (R13, R16, R20)', () => {
  beforeEach(() => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
  });

  it('sends each FM one direct message on a working day with what is overdue, due today and this week', () => {
    // Ü25: a contact within 60 days of the last one (6 a year, R16).
    const overdue = activeCase('fm-tobias', '2025-11-20', { clientRef: '200A000001' }); // due 19.01.2026
    const thisWeek = activeCase('fm-tobias', '2026-01-02'); // due Tuesday 03.03.2026
    const notYet = activeCase('fm-tobias', '2026-02-01'); // due 02.04.2026: nothing this week
    run('2026-03-02T07:29:00+01:00');
    expect(items('ping.digest')).toHaveLength(0);
    run('2026-03-02T07:30:00+01:00');
    const [digest] = items('ping.digest');
    expect(digest?.target).toEqual({ kind: 'direct', personId: 'fm-tobias' });
    const text = toPlainText(digest!.message);
    expect(text).toMatch(new RegExp(`Überfällig[\\s\\S]*${overdue}\\* · 200A000001 · Beratungskontakt · 19\\.01\\.2026 \\(R16\\)`));
    expect(text).toMatch(new RegExp(`Diese Woche[\\s\\S]*${thisWeek}`));
    expect(text).not.toContain(notYet);
    expect(text).toContain('[erledigt] [später]');
    expect([overdue, thisWeek]).toHaveLength(2);

    run('2026-03-02T07:35:00+01:00'); // a second run the same day
    expect(items('ping.digest')).toHaveLength(1);
  });

  it('sends nothing on a weekend or a public holiday', () => {
    activeCase('fm-tobias', '2025-11-20');
    run('2026-03-07T07:30:00+01:00'); // Saturday
    run('2026-04-06T07:30:00+02:00'); // Easter Monday
    expect(items('ping.')).toHaveLength(0);
  });

  it('gives an absent FM digest to the next present colleague in the chain (R17)', () => {
    activeCase('fm-tobias', '2025-11-20');
    world.store.absences.add({ personId: 'fm-tobias', from: '2026-03-02', to: '2026-03-06', recordedBy: 'fm-tobias', recordedAt: 0 });
    run('2026-03-02T07:30:00+01:00');
    const [digest] = items('ping.digest');
    expect(digest?.target).toEqual({ kind: 'direct', personId: 'fm-aylin' });
    expect(toPlainText(digest!.message)).toMatch(/Vertretung für Tobias .* \(R17\)/);
  });

  it('asks the kind of a contact with "erledigt" (R16) and hides an item until the next working day with "später"', () => {
    const code = activeCase('fm-tobias', '2025-11-20');
    const review = activeCase('fm-tobias', '2025-09-03'); // review due 03.03.2026, contact overdue too
    run('2026-03-02T07:30:00+01:00');
    const done = world.bot.handleAction({ platform: 'console', userId: 'fm-tobias' }, { actionId: 'due.done', value: `${code}|contact|2026-01-19` });
    expect(done.kind === 'form' && done.form.command).toBe('kontakt');
    const saved = world.bot.submitForm({ platform: 'console', userId: 'fm-tobias' }, 'kontakt', { fall: code, art: 'telefon' });
    expect(saved.kind === 'message' && toPlainText(saved.message)).toMatch(/Kontakt erfasst[\s\S]*Datum: 02\.03\.2026[\s\S]*Art: Beratung am Telefon/);
    const later = world.bot.handleAction({ platform: 'console', userId: 'fm-tobias' }, { actionId: 'due.later', value: `${review}|review|2026-03-03` });
    expect(later.kind === 'message' && toPlainText(later.message)).toMatch(/03\.03\.2026 verschoben/);
    const stranger = world.bot.handleAction({ platform: 'console', userId: 'fm-jonas' }, { actionId: 'due.done', value: `${code}|contact|2026-01-19` });
    expect(stranger.kind).toBe('error');

    world.clock.set(Date.parse('2026-03-03T06:00:00+01:00'));
    run('2026-03-03T07:30:00+01:00');
    const tuesday = items('ping.digest').find((i) => i.dedupeKey.endsWith('2026-03-03'))!;
    const text = toPlainText(tuesday.message);
    expect(text).not.toMatch(new RegExp(`${code}\\* .*Beratungskontakt`));
    expect(text).toMatch(new RegExp(`Heute[\\s\\S]*${review}\\* .*Halbjahresprüfung`)); // snoozed until today
  });
});

describe('the team-lead digest at 07:45 (R4, R16)', () => {
  it('lists missed intake deadlines and overdue contacts by case code, never client references', () => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
    world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine({ kunde: CLIENT }));
    const overdue = activeCase('fm-tobias', '2025-11-20', { clientRef: '200A000001' });
    run('2026-03-23T07:45:00+01:00'); // the referral's deadline was 20.03.2026
    const [lead] = items('ping.lead');
    expect(lead?.target).toEqual({ kind: 'direct', personId: 'tl-fm-ue25' });
    const text = toPlainText(lead!.message);
    expect(text).toMatch(/Übernahmefrist verpasst \(R4\): 1 – FM-2026-0001/);
    expect(text).toMatch(new RegExp(`Beratungskontakt überfällig: 1 – ${overdue}`));
    expect(text).not.toMatch(/123A456789|200A000/);
  });
});

describe('team duties (R28–R32) and the supervision sample (R34)', () => {
  beforeEach(() => {
    world = createWorld({ now: '2026-03-02T06:00:00+01:00' });
  });

  it('reminds of each duty once, and counts from the last recorded date', () => {
    world.bot.handleCommand({ platform: 'console', userId: 'gl-mitte' }, 'termin art=dienstbesprechung datum=15.01.2026');
    run('2026-03-02T08:00:00+01:00');
    expect(items('ping.duty:dienstbesprechung')).toHaveLength(0); // due 15.04.2026
    const visits = items('ping.duty:besuch:mi-1');
    expect(visits.map(to).sort()).toEqual(['fm-tobias', 'tl-mi-1']); // contact FM and that team's lead (R30)
    run('2026-03-03T08:00:00+01:00');
    expect(items('ping.duty:besuch:mi-1')).toHaveLength(2);

    run('2026-04-15T08:00:00+02:00');
    const meeting = items('ping.duty:dienstbesprechung');
    expect(meeting.map(to).sort()).toEqual(['gl-mitte', 'tl-fm-u25', 'tl-fm-ue25']);
    expect(toPlainText(meeting[0]!.message)).toMatch(/zuletzt: 15\.01\.2026/);
  });

  it('records a visit of the contact FM and refuses someone else', () => {
    const ok = world.bot.handleCommand({ platform: 'console', userId: 'fm-tobias' }, 'besuch team=mi-1 datum=02.03.2026');
    expect(ok.kind).toBe('message');
    const refused = world.bot.handleCommand({ platform: 'console', userId: 'fm-stefan' }, 'besuch team=mi-1 datum=02.03.2026');
    expect(refused.kind === 'error' && refused.text).toMatch(/R30|Kontakt-Fallmanager/);
    expect(world.store.duties.last('besuch', 'mi-1')).toBe('2026-03-02');
  });

  it('R34: draws the supervision sample once a month for each FM team lead, as recorded with its seed in the audit log', () => {
    for (let i = 0; i < 30; i++) activeCase(i % 2 ? 'fm-tobias' : 'fm-stefan', '2026-01-05');
    run('2026-03-02T08:00:00+01:00');
    const [sample] = items('ping.supervision:fm-ue25');
    expect(sample?.target).toEqual({ kind: 'direct', personId: 'tl-fm-ue25' });
    const drawn = toPlainText(sample!.message).match(/FM-\d{4}-\d{4}/g);
    expect(drawn).toHaveLength(2); // 5 % of 30, rounded up
    const [draw] = world.store.audit.byAction('supervision.drawn').filter((e) => e.details.teamId === 'fm-ue25');
    expect(draw?.details.cases).toEqual(drawn);
    run('2026-03-20T08:00:00+01:00');
    expect(items('ping.supervision:fm-ue25')).toHaveLength(1);
    expect(world.store.audit.byAction('supervision.drawn').filter((e) => e.details.teamId === 'fm-ue25')).toHaveLength(1);
  });
});

describe('delivery of pings', () => {
  it('holds a ping over the weekend and sends it on Monday morning', async () => {
    world = createWorld({ now: '2026-03-06T18:00:00+01:00' }); // Friday evening
    world.store.outbox.enqueue({ dedupeKey: 'ping.test:1', target: { kind: 'direct', personId: 'fm-tobias' }, message: { text: 'x', blocks: [] }, createdAt: world.clock.now() });
    const sent: string[] = [];
    const transport: Transport = {
      platform: 'console',
      address: (t: Target) => (t.kind === 'direct' ? t.personId : t.teamId),
      send: async (address: string, _t: Target, m: Message) => {
        sent.push(`${address}:${m.text}`);
        return { channelId: address, messageId: String(sent.length) };
      },
      update: async () => undefined,
    };
    const delivery = world.delivery([transport]);
    world.clock.set(Date.parse('2026-03-07T10:00:00+01:00')); // Saturday
    await delivery.flush();
    world.clock.set(Date.parse('2026-03-08T10:00:00+01:00')); // Sunday
    await delivery.flush();
    expect(sent).toEqual([]);
    world.clock.set(Date.parse('2026-03-09T07:00:00+01:00')); // Monday
    await delivery.flush();
    expect(sent).toEqual(['fm-tobias:x']);
  });
});
