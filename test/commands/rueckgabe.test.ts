/**
 * The warm return in the console (R22–R26): fm-tobias plans the exit of a case referred by ifk-lena (M&I 1, lead
 * Andreas Wolf = tl-mi-1; FM Ü25 lead Michael Brandt = tl-fm-ue25). The case stays open until Lena confirms the
 * return talk, or the two leads decide on her objection; the FM may withdraw the plan until then.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../jobs/index.js';
import { leadDigest } from '../../jobs/leadDigest.js';
import { returnReminders } from '../../jobs/returnReminders.js';
import { runJobs } from '../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../src/domain/needs.js';
import { toPlainText } from '../../src/messaging/reply.js';
import type { Job } from '../../jobs/types.js';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;
let code: string;

beforeEach(() => {
  h = harness();
  code = h.activeCase({ client: '123A456789' }); // ifk-lena referred, fm-tobias took it in on 20.10.2025
  h.at('2026-06-10T10:00:00+02:00'); // Wednesday
});
afterEach(() => h.close());

const kase = () => h.world.store.cases.byCode(code)!;
const ret = () => h.world.store.returns.forCase(code).at(-1)!;
const escalation = () => h.world.store.escalations.forCase(code).find((e) => e.kind === 'abgang')!;
const plan = (args = 'grund=kunde-lehnt-ab') => h.ok('fm-tobias', `abgang ${code} ${args}`);

function runJob(job: Job, at: string): number {
  h.at(at);
  const w = h.world;
  const [outcome] = runJobs({ org: w.org, store: w.store, clock: w.clock, calendar: w.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE }, [job], w.clock.now());
  expect(outcome!.error).toBeUndefined();
  return outcome!.queued;
}

describe('/fm rueckgabe: the IFK answers the planned exit (R25, R26)', () => {
  it('R25: an objection opens the joint escalation of both team leads, who are asked directly; the case stays active', () => {
    plan();
    const reply = h.ok('ifk-lena', `rueckgabe ${code} widerspruch grund="Kunde hat gerade eine Therapie begonnen"`);

    expect(reply).toContain('Die Teamleitungen von Markt & Integration 1 und Fallmanagement Ü25 entscheiden gemeinsam');
    expect(kase().status).toBe('aktiv');
    expect(ret()).toMatchObject({ status: 'objected', objection: 'Kunde hat gerade eine Therapie begonnen', escalationId: escalation().id });
    expect(escalation()).toMatchObject({ status: 'open', seats: ['mi-1', 'fm-ue25'], raisedBy: 'ifk-lena', data: { exitReason: 'kunde-lehnt-ab' } });
    // Both leads are named in the thread and asked by direct message; the FM hears of the objection.
    const thread = h.outboxTo('channel', 'fm-ue25').find((i) => i.dedupeKey === `escalation.thread:${escalation().id}:raised`)!;
    expect(toPlainText(thread.message)).toMatch(/@\{tl-mi-1\}.*@\{tl-fm-ue25\}|@\{tl-fm-ue25\}.*@\{tl-mi-1\}/);
    expect(JSON.stringify(thread.message)).not.toContain('123A456789');
    for (const lead of ['tl-mi-1', 'tl-fm-ue25']) expect(h.outboxTo('direct', lead).some((i) => i.dedupeKey.startsWith('escalation.decide'))).toBe(true);
    expect(h.directTo('fm-tobias').at(-1)).toContain('widerspricht der Rückgabe von FM-2025-0001');
    // While the leads decide, nobody confirms or plans anew.
    expect(h.refused('ifk-lena', `rueckgabe ${code} bestaetigt`)).toMatch(/bereits Widerspruch eingelegt.*\(R25\)/);
    expect(h.refused('fm-tobias', `abgang ${code} grund=integration`)).toMatch(/Einspruch offen \(R25\)/);
  });

  it('R25: both leads allow the return — the case ends with the planned reason and the planned exit is final', () => {
    plan('grund=kein-potenzial empfehlung="§ 44a prüfen"');
    h.ok('ifk-lena', `rueckgabe ${code} widerspruch grund="sehe Potenzial"`);
    h.ok('tl-mi-1', `eskalation-zustimmen ${escalation().id}`);
    expect(kase().status).toBe('aktiv'); // one seat is not a decision
    h.ok('tl-fm-ue25', `eskalation-zustimmen ${escalation().id}`);

    expect(kase()).toMatchObject({ status: 'beendet', endReason: 'kein-potenzial', exitRecommendation: '§ 44a prüfen', endedOn: '2026-06-10' });
    expect(ret()).toMatchObject({ status: 'ended', decidedBy: 'tl-fm-ue25' });
    expect(h.world.store.audit.forCase(code).map((a) => a.action)).toEqual(expect.arrayContaining(['case.exit', 'case.return.ended']));
  });

  it('R25: one lead rejects — the case stays active with its FM and may be planned again later', () => {
    plan();
    h.ok('ifk-lena', `rueckgabe ${code} widerspruch grund="Mitwirkung ist gut"`);
    h.ok('tl-mi-1', `eskalation-ablehnen ${escalation().id} kommentar="weiter im FM"`);

    expect(kase()).toMatchObject({ status: 'aktiv', assignedFmId: 'fm-tobias' });
    expect(ret()).toMatchObject({ status: 'kept', escalationId: escalation().id });
    expect(h.world.store.returns.openFor(code)).toBeUndefined();
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('Status: aktiv');
    plan('grund=ziele-erreicht');
    expect(h.world.store.returns.openFor(code)).toMatchObject({ status: 'pending', reason: 'ziele-erreicht' });
  });

  it('the FM withdraws the plan before it is final; after an objection its escalation is closed in the thread', () => {
    plan();
    expect(h.ok('fm-tobias', `rueckgabe ${code} zurueckziehen`)).toContain('bleibt aktiv');
    expect(ret()).toMatchObject({ status: 'withdrawn', decidedBy: 'fm-tobias' });
    expect(h.directTo('ifk-lena').at(-1)).toContain('hat den geplanten Abgang von FM-2025-0001 zurückgezogen');
    expect(h.refused('ifk-lena', `rueckgabe ${code} bestaetigt`)).toMatch(/kein Abgang geplant/);

    plan();
    h.ok('ifk-lena', `rueckgabe ${code} widerspruch grund="x"`);
    h.ok('fm-tobias', `rueckgabe ${code} zurueckziehen`);
    expect(escalation().status).toBe('rejected');
    const withdrawn = h.outboxTo('channel', 'fm-ue25').find((i) => i.dedupeKey === `escalation.thread:${escalation().id}:withdrawn`)!;
    expect(toPlainText(withdrawn.message)).toContain('zurückgezogen; diese Eskalation ist damit gegenstandslos');
    expect(kase().status).toBe('aktiv');
  });

  it('refuses people not asked, answers without a plan, an objection without reason, and withdrawing by others — changing nothing', () => {
    expect(h.refused('ifk-lena', `rueckgabe ${code} bestaetigt`)).toMatch(/kein Abgang geplant/);
    plan();
    expect(h.refused('ifk-murat', `rueckgabe ${code} bestaetigt`)).toMatch(/kann nur .* \(R26\)/);
    expect(h.refused('fm-tobias', `rueckgabe ${code} bestaetigt`)).toMatch(/kann nur/);
    expect(h.refused('ifk-lena', `rueckgabe ${code} widerspruch`)).toMatch(/grund: Bitte den Widerspruch kurz begründen \(R25\)/);
    expect(h.refused('ifk-lena', `rueckgabe ${code}`)).toMatch(/Bitte angeben/);
    expect(h.refused('ifk-lena', `rueckgabe ${code} vielleicht`)).toMatch(/„vielleicht“ verstehe ich nicht/);
    expect(h.refused('ifk-lena', `rueckgabe ${code} zurueckziehen`)).toMatch(/Nur die zuständige Fachkraft/);
    // The lead of the referring team may answer for the IFK.
    h.ok('tl-mi-1', `rueckgabe ${code} bestaetigt`);
    expect(kase().status).toBe('beendet');
  });

  it('R26: when the referring IFK is absent, the lead of the referring team is asked, and says why', () => {
    h.ok('ifk-lena', 'abwesend von=08.06.2026 bis=19.06.2026');
    const reply = plan();
    expect(reply).toContain('Rückgabegespräch mit (R26): Andreas Wolf');
    expect(ret().addresseeId).toBe('tl-mi-1');
    const ask = h.directTo('tl-mi-1').find((m) => m.includes('plant, das FM'))!;
    expect(ask).toContain('weil die vormerkende Fachkraft @{ifk-lena} nicht erreichbar ist');
    expect(h.directTo('ifk-lena').some((m) => m.includes('plant, das FM'))).toBe(false);
  });
});

describe('nobody forgets a planned exit (R26)', () => {
  it('runs with the other scheduled jobs', () => {
    expect(JOBS).toContain(returnReminders);
  });

  it('R26: after 10 working days without answer the IFK is reminded and her lead told — each once', () => {
    plan(); // Wednesday 10.06.2026
    expect(runJob(returnReminders, '2026-06-23T08:00:00+02:00')).toBe(0); // 9 working days
    expect(runJob(returnReminders, '2026-06-24T08:00:00+02:00')).toBe(2); // 10
    expect(runJob(returnReminders, '2026-06-25T08:00:00+02:00')).toBe(0);
    const reminder = h.outboxTo('direct', 'ifk-lena').find((i) => i.dedupeKey.startsWith('ping.return.remind'))!;
    expect(toPlainText(reminder.message)).toMatch(/Seit 10\.06\.2026 \(10 Arbeitstage\) wartet die geplante Rückgabe von FM-2025-0001/);
    expect(reminder.message.blocks.some((b) => b.kind === 'actions')).toBe(true);
    expect(h.directTo('tl-mi-1').at(-1)).toMatch(/wartet seit 10\.06\.2026 \(10 Arbeitstage\) auf die Rückmeldung von @\{ifk-lena\} \(R26\)/);
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.return.reminded', details: { to: ['ifk-lena', 'tl-mi-1'] } });
  });

  it('R26: the working days come from the organisation file; an answered plan is not reminded', () => {
    h.close();
    const org = structuredClone(h.world.org.org);
    h = harness(undefined, { org: { ...org, jobcenter: { ...org.jobcenter, returnAnswerDays: 3 } } });
    code = h.activeCase({ client: '123A456789' });
    h.at('2026-06-10T10:00:00+02:00');
    plan();
    expect(runJob(returnReminders, '2026-06-15T08:00:00+02:00')).toBe(2); // Monday: 3 working days
    const second = h.activeCase({ client: '123A456780' });
    h.ok('fm-tobias', `abgang ${second} grund=integration`);
    h.ok('ifk-lena', `rueckgabe ${second} bestaetigt`);
    expect(runJob(returnReminders, '2026-06-30T08:00:00+02:00')).toBe(0);
  });

  it('R26: the lead digest of the FM team lists the pending return until it is answered', () => {
    plan();
    runJob(leadDigest, '2026-06-11T07:45:00+02:00');
    const digest = h.directTo('tl-fm-ue25').filter((m) => m.includes('Rückgabe geplant, Rückgabegespräch offen (R26): 1 – FM-2025-0001'));
    expect(digest).toHaveLength(1);
    expect(h.ok('tl-fm-ue25', 'team')).toContain('Rückgabe geplant, Rückgabegespräch offen (R26): 1 – FM-2025-0001');
    h.ok('ifk-lena', `rueckgabe ${code} bestaetigt`);
    expect(h.ok('tl-fm-ue25', 'team')).not.toContain('Rückgabe geplant');
  });
});

describe('an escalation against a planned exit is the objection to it (R25)', () => {
  it('R25: /fm eskalieren art=abgang while the return talk is pending marks the plan objected; no reminder follows', () => {
    plan();
    h.ok('ifk-lena', `eskalieren ${code} art=abgang abgangsgrund=kunde-lehnt-ab grund="Kunde will weiter"`);
    expect(ret()).toMatchObject({ status: 'objected', escalationId: escalation().id, objection: 'Kunde will weiter' });
    expect(runJob(returnReminders, '2026-06-30T08:00:00+02:00')).toBe(0);
    h.ok('tl-fm-ue25', `eskalation-zustimmen ${escalation().id}`);
    h.ok('tl-mi-1', `eskalation-zustimmen ${escalation().id}`);
    expect(kase().status).toBe('beendet');
    expect(ret().status).toBe('ended');
  });
});
