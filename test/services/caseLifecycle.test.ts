/**
 * The case lifecycle's single steps — ending a case and granting an extension — on the real store with the
 * demo organisation: fm-tobias (FM Ü25) took over a case referred by ifk-lena on Monday 20.10.2025.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RuleViolation, UserError } from '../../src/domain/errors.js';
import { endCase, grantExtension, type LifecycleDeps } from '../../src/services/caseLifecycle.js';
import { raiseEscalation } from '../../src/services/escalations/index.js';
import type { CaseRecord } from '../../src/store/ports.js';
import { harness, type Harness } from '../commands/lifecycle.support.js';

let h: Harness;
let code: string;

beforeEach(() => {
  h = harness();
  code = h.activeCase(); // fm-tobias, intake 20.10.2025, planned end 20.10.2027
  h.at('2026-06-10T10:00:00+02:00');
});
afterEach(() => h.close());

const deps = (): LifecycleDeps => ({ org: h.world.org, store: h.world.store, clock: h.world.clock, calendar: h.world.calendar });
const kase = (): CaseRecord => h.world.store.cases.byCode(code)!;
const now = () => h.world.clock.now();
const lastAudit = () => h.world.store.audit.forCase(code).at(-1);

/** Everything a refused step must leave alone. */
function snapshot() {
  return {
    ...h.world.counts(),
    kase: kase(),
    extensions: h.world.store.extensions.forCase(code),
    escalations: h.world.store.escalations.forCase(code),
  };
}

function refusal(step: () => unknown): Error {
  try {
    step();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the step to be refused');
}

/** Two extensions done (48 months, 20.10.2029); the FM asks for six more, which needs the lead (R19). */
function pendingPastLimit(): number {
  h.world.store.cases.transition(code, ['aktiv'], 'aktiv', { extensions: 2, plannedEndOn: '2029-10-20' }, now());
  const request = h.world.store.extensions.request({ caseCode: code, months: 6, reason: 'Suchttherapie', requestedBy: 'fm-tobias', requestedAt: now() });
  raiseEscalation(deps(), { kind: 'verlaengerung', caseCode: code, extensionId: request.id, raisedBy: 'fm-tobias', reason: 'Suchttherapie' });
  return request.id;
}

describe('endCase: the one place a case ends (R22, R24, R25, R27)', () => {
  it('ends the active case today with reason, success flag and recommendation, recorded for the person who ended it', () => {
    const ended = endCase(deps(), kase(), { reason: 'kein-potenzial', recommendation: '§ 44a prüfen', actorId: 'fm-tobias', now: now() });

    expect(ended).toMatchObject({ status: 'beendet', endedOn: '2026-06-10', endReason: 'kein-potenzial', exitSuccessful: false, exitRecommendation: '§ 44a prüfen' });
    expect(kase()).toEqual(ended);
    expect(lastAudit()).toMatchObject({
      action: 'case.exit',
      actorId: 'fm-tobias',
      details: { endReason: 'kein-potenzial', endedOn: '2026-06-10', successful: false, withRecommendation: true },
    });
  });

  it('R27: goals reached is a successful exit, so the follow-ups start from the end date', () => {
    endCase(deps(), kase(), { reason: 'ziele-erreicht', actorId: 'fm-tobias', now: now() });
    expect(kase()).toMatchObject({ status: 'beendet', exitSuccessful: true });
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('10.12.2026');
  });

  it('leaves nothing to decide: the pending extension request falls away and its escalation is closed in the thread', () => {
    const requestId = pendingPastLimit();
    endCase(deps(), kase(), { reason: 'integration', actorId: 'fm-tobias', now: now() });

    expect(h.world.store.extensions.forCase(code).find((x) => x.id === requestId)).toMatchObject({ status: 'rejected', decidedBy: 'fm-tobias' });
    expect(h.world.store.escalations.openFor(code, 'verlaengerung')).toBeUndefined();
    expect(h.world.store.audit.forCase(code).map((a) => a.action).slice(-3)).toEqual(['case.exit', 'escalation.withdrawn', 'case.extension.withdrawn']);
    const thread = h.outboxTo('channel', 'fm-ue25').filter((i) => i.dedupeKey.endsWith(':withdrawn') && i.dedupeKey.startsWith('escalation.thread'));
    expect(thread).toHaveLength(1);
    expect(JSON.stringify(thread[0]!.message)).toContain('gegenstandslos');
  });

  it('R25: refuses while the leads decide an objection to the exit, changing nothing', () => {
    h.ok('ifk-lena', `eskalieren ${code} art=abgang abgangsgrund=keine-mitwirkung grund="Mitwirkung war zuletzt gut"`);
    const before = snapshot();
    const error = refusal(() => endCase(deps(), kase(), { reason: 'keine-mitwirkung', actorId: 'fm-tobias', now: now() }));
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error.message).toContain('Einspruch offen (R25)');
    expect(snapshot()).toEqual(before);
  });

  it('refuses a case that changed meanwhile — as a command asks to try again, as a decision says it cannot be carried out', () => {
    const stale = kase();
    endCase(deps(), stale, { reason: 'integration', actorId: 'fm-tobias', now: now() });
    const before = snapshot();

    const byCommand = refusal(() => endCase(deps(), stale, { reason: 'kunde-lehnt-ab', actorId: 'tl-fm-ue25', now: now() }));
    expect(byCommand).toBeInstanceOf(UserError);
    expect(byCommand.message).toContain('Bitte den Befehl noch einmal aufrufen');
    const byDecision = refusal(() => endCase(deps(), stale, { reason: 'kunde-lehnt-ab', actorId: 'tl-fm-ue25', now: now(), escalationId: 1 }));
    expect(byDecision.message).toContain('die Entscheidung lässt sich so nicht mehr umsetzen');
    expect(snapshot()).toEqual(before);
  });
});

describe('grantExtension: the one place an extension is granted (R18, R19)', () => {
  it('extends from the planned end 24 months after the intake (R18), documented as a granted request with its reason', () => {
    const granted = grantExtension(deps(), kase(), { months: 12, reason: 'Therapie läuft bis Sommer', leadConsent: false, actorId: 'fm-tobias', now: now() });

    expect(granted).toMatchObject({ newPlannedEnd: '2028-10-20', extensions: 1, totalMonths: 36, withConsent: false });
    expect(kase()).toMatchObject({ status: 'aktiv', plannedEndOn: '2028-10-20', extensions: 1 });
    expect(h.world.store.extensions.forCase(code)).toEqual([
      expect.objectContaining({ months: 12, reason: 'Therapie läuft bis Sommer', status: 'granted', requestedBy: 'fm-tobias', decidedBy: 'fm-tobias' }),
    ]);
    expect(lastAudit()).toMatchObject({
      action: 'case.extension.granted',
      actorId: 'fm-tobias',
      details: { requestId: granted.request.id, months: 12, plannedEndOn: '2028-10-20', extensions: 1, totalMonths: 36, leadConsent: false },
    });
  });

  it('R19: grants the pending request past 48 months that the lead consented to', () => {
    const requestId = pendingPastLimit();
    const request = h.world.store.extensions.pendingFor(code)!;
    const granted = grantExtension(deps(), kase(), { request, leadConsent: true, actorId: 'tl-fm-ue25', now: now(), escalationId: 7 });

    expect(granted).toMatchObject({ newPlannedEnd: '2030-04-20', extensions: 3, totalMonths: 54, withConsent: true });
    expect(kase()).toMatchObject({ plannedEndOn: '2030-04-20', extensions: 3 });
    expect(h.world.store.extensions.forCase(code)).toEqual([expect.objectContaining({ id: requestId, status: 'granted', decidedBy: 'tl-fm-ue25' })]);
    expect(lastAudit()).toMatchObject({ action: 'case.extension.granted', details: { escalationId: 7, requestId, months: 6, leadConsent: true } });
  });

  it('R19: refuses 13 months and a step beyond 60 months with the rule text, changing nothing', () => {
    const before = snapshot();
    const tooLong = refusal(() => grantExtension(deps(), kase(), { months: 13, reason: 'x', leadConsent: false, actorId: 'fm-tobias', now: now() }));
    expect(tooLong).toBeInstanceOf(RuleViolation);
    expect(tooLong).toMatchObject({ rule: 'R19', field: 'monate' });
    expect(tooLong.message).toMatch(/1 bis 12 Monate \(genannt: 13\)/);
    expect(snapshot()).toEqual(before);

    h.world.store.cases.transition(code, ['aktiv'], 'aktiv', { extensions: 1, plannedEndOn: '2030-04-20' }, now());
    const changed = snapshot();
    const beyond = refusal(() => grantExtension(deps(), kase(), { months: 12, reason: 'x', leadConsent: true, actorId: 'tl-fm-ue25', now: now() }));
    expect(beyond.message).toContain('(R19)');
    expect(snapshot()).toEqual(changed);
  });

  it('R19: carrying out the lead\'s decision, an extension that no longer fits says the decision cannot be carried out', () => {
    pendingPastLimit();
    const request = h.world.store.extensions.pendingFor(code)!;
    h.world.store.cases.transition(code, ['aktiv'], 'aktiv', { plannedEndOn: '2030-10-01' }, now()); // moved meanwhile
    const before = snapshot();
    const error = refusal(() => grantExtension(deps(), kase(), { request, leadConsent: true, actorId: 'tl-fm-ue25', now: now(), escalationId: 7 }));
    expect(error.message).toContain('Bitte ablehnen');
    expect(snapshot()).toEqual(before);
  });

  it('grants a request once: one decided meanwhile changes nothing, the case keeps its planned end', () => {
    pendingPastLimit();
    const request = h.world.store.extensions.pendingFor(code)!;
    h.world.store.extensions.decide(request.id, 'rejected', 'tl-fm-ue25', now());
    const before = snapshot();
    const error = refusal(() => grantExtension(deps(), kase(), { request, leadConsent: true, actorId: 'tl-fm-ue25', now: now(), escalationId: 7 }));
    expect(error).toBeInstanceOf(UserError);
    expect(snapshot()).toEqual(before);
    expect(kase()).toMatchObject({ plannedEndOn: '2029-10-20', extensions: 2 });
  });

  it('R19: past 48 months without the lead\'s consent it grants nothing — the caller asks the lead instead', () => {
    h.world.store.cases.transition(code, ['aktiv'], 'aktiv', { extensions: 2, plannedEndOn: '2029-10-20' }, now());
    const before = snapshot();
    expect(() => grantExtension(deps(), kase(), { months: 6, reason: 'x', leadConsent: false, actorId: 'fm-tobias', now: now() })).toThrow(/consent/);
    expect(snapshot()).toEqual(before);
  });
});
