import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { CLIENT, insertCase, referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

let world: World;
beforeEach(() => {
  world = createWorld({ now: '2026-03-02T09:00:00+01:00' });
});
afterEach(() => world.close());

function run(at: string) {
  world.clock.set(Date.parse(at));
  const deps = { org: world.org, store: world.store, clock: world.clock, calendar: world.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE };
  return runJobs(deps, JOBS, world.clock.now());
}

/** A referral by Lena with a complex profile (R1 formal), declined by Tobias on Monday 02.03.2026 09:00 (R12). */
function declineComplexReferral(): string {
  const say = (personId: string, line: string) => world.bot.handleCommand({ platform: 'console', userId: personId }, line);
  const referral = say('ifk-lena', referralLine({ kunde: CLIENT }));
  const code = referral.kind === 'message' ? /FM-\d{4}-\d{4}/.exec(referral.message.text)![0] : '';
  const now = world.clock.now();
  world.store.cases.transition(code, ['vorgemerkt'], 'zugewiesen', { assignedFmId: 'fm-tobias', assignedAt: now }, now);
  expect(say('fm-tobias', `ablehnen ${code} grund="Kunde lehnt Teilnahme ab"`).kind).toBe('message');
  return code;
}

describe('retention (data protection)', () => {
  it('empties sent messages after 90 days but keeps their dedupe keys', async () => {
    world.bot.handleCommand({ platform: 'console', userId: 'ifk-lena' }, referralLine());
    const sent: string[] = [];
    await world
      .delivery([
        {
          platform: 'console',
          address: (t) => (t.kind === 'channel' ? t.teamId : t.personId),
          send: async (address, _t, m) => {
            sent.push(m.text);
            return { channelId: address, messageId: '1' };
          },
          update: async () => undefined,
        },
      ])
      .flush();
    expect(sent).toHaveLength(1);
    run('2026-05-29T09:00:00+02:00'); // 88 days later: kept
    expect(world.store.outbox.byKey('referral.notice:FM-2026-0001')?.message.text).not.toBe('');
    run('2026-06-01T09:00:00+02:00');
    const item = world.store.outbox.byKey('referral.notice:FM-2026-0001')!;
    expect(item.message).toEqual({ text: '', blocks: [] });
    expect(world.store.outbox.enqueue({ dedupeKey: item.dedupeKey, target: item.target, message: { text: 'x', blocks: [] }, createdAt: 0 })).toBe(false);
  });

  it('R12: forgets the customer number of a declined referral without a complex profile 6 months after the decline, of an ended case after 25 months', () => {
    const at = world.clock.now(); // Monday 02.03.2026, 09:00
    const declined = insertCase(world.store, { status: 'abgelehnt', clientRef: '123A000001', route: 'einzelfall', reason: 'akut', prognosis: 'marktnah', at });
    const ended = insertCase(world.store, { status: 'beendet', clientRef: '123A000002', intakeOn: '2024-03-04', endedOn: '2026-03-02', at });
    const open = insertCase(world.store, { status: 'aktiv', clientRef: '123A000003', intakeOn: '2026-01-05', at });
    const ref = (code: string) => world.store.cases.byCode(code)!.clientRef;

    run('2026-09-02T09:00:00+02:00'); // 6 months to the day: kept
    expect(ref(declined.caseCode)).toBe('123A000001');
    run('2026-09-03T09:00:00+02:00');
    expect(ref(declined.caseCode)).toBe('—');
    expect(world.store.audit.forCase(declined.caseCode)).toEqual([]); // no re-check was due (R12)
    expect(ref(ended.caseCode)).toBe('123A000002');
    run('2028-04-03T09:00:00+02:00');
    expect(ref(ended.caseCode)).toBe('—');
    expect(ref(open.caseCode)).toBe('123A000003'); // still open: kept
    expect(world.store.cases.byCode(ended.caseCode)!.caseCode).toBe(ended.caseCode);
  });

  it('R22–R26: an ended case loses the recommendation and the objection of its planned exits with its customer number, 25 months after the end', () => {
    const at = world.clock.now();
    const ended = insertCase(world.store, { status: 'beendet', clientRef: '123A000002', intakeOn: '2024-03-04', endedOn: '2026-03-02', at });
    const plan = world.store.returns.plan({
      caseCode: ended.caseCode,
      reason: 'kein-potenzial',
      recommendation: 'Schuldnerberatung vor erneuter Vormerkung',
      addresseeId: 'ifk-lena',
      plannedBy: 'fm-tobias',
      plannedAt: at,
    });
    world.store.returns.object(plan.id, 'Kundin braucht erst Kinderbetreuung', 1);
    const texts = () => {
      const row = world.store.returns.byId(plan.id)!;
      return [row.recommendation, row.objection];
    };

    run('2028-03-31T09:00:00+02:00'); // before 25 months: kept
    expect(texts()).toEqual(['Schuldnerberatung vor erneuter Vormerkung', 'Kundin braucht erst Kinderbetreuung']);
    run('2028-04-03T09:00:00+02:00');
    expect(texts()).toEqual([undefined, undefined]);
    expect(world.store.returns.byId(plan.id)!.reason).toBe('kein-potenzial'); // the code stays for R35
  });

  it('R12: keeps the customer number of a complex declined referral while its re-checks continue, and forgets it 7 months after the last', () => {
    const code = declineComplexReferral();
    const ref = () => world.store.cases.byCode(code)!.clientRef;
    // Re-checks 6, 12, 18 and 24 months after the decline of 02.03.2026 (jobs/recheck.ts); each keeps the number 7 more months.
    for (const at of ['2026-09-02T08:00:00+02:00', '2027-03-02T08:00:00+01:00', '2027-09-02T08:00:00+02:00', '2028-03-02T08:00:00+01:00']) {
      run(at);
      expect(ref()).toBe(CLIENT);
    }
    run('2028-06-01T09:00:00+02:00');
    expect(ref()).toBe(CLIENT);
    run('2028-10-02T09:00:00+02:00'); // 7 months after the last re-check: still the number
    expect(ref()).toBe(CLIENT);
    run('2028-10-03T09:00:00+02:00');
    expect(ref()).toBe('—');
    expect(world.store.audit.forCase(code).filter((e) => e.action === 'recheck.sent')).toHaveLength(4);
  });

  it('R12: after „kein Bedarf“ no re-check keeps the number: it goes 7 months after the re-check answered', () => {
    const code = declineComplexReferral();
    const ref = () => world.store.cases.byCode(code)!.clientRef;
    run('2026-09-02T08:00:00+02:00');
    world.clock.set(Date.parse('2026-09-04T10:00:00+02:00'));
    const answer = world.bot.handleAction({ platform: 'console', userId: 'ifk-lena' }, { actionId: 'recheck.none', value: `${code}|1` });
    expect(answer.kind).toBe('message');
    run('2027-03-02T08:00:00+01:00'); // no second re-check
    expect(world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('recheck:'))).toHaveLength(1);
    run('2027-04-02T09:00:00+02:00');
    expect(ref()).toBe(CLIENT);
    run('2027-04-05T09:00:00+02:00');
    expect(ref()).toBe('—');
  });

  it('R12: the re-check job runs before the retention job, so a run long after the re-check day still keeps the number', () => {
    const code = declineComplexReferral();
    run('2026-10-05T09:00:00+02:00'); // the first run since the decline, 7 months and 3 days later
    expect(world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('recheck:'))).toHaveLength(1);
    expect(world.store.cases.byCode(code)!.clientRef).toBe(CLIENT);
  });
});
