/**
 * One home for each case state change (issue #11, item 5): ending a case and granting an extension happen in
 * exactly one function each (src/services/caseLifecycle.ts: endCase, grantExtension). This drives each change
 * through every path that can cause it — typed commands in the console, the return talk's confirmation and the
 * leads' decisions — and checks that each ends in the same state, with one audit entry of the change, and
 * that an exit leaves nothing open behind it (the drift bug: an R25 decision left the case's extension
 * request and its escalation open, which /fm abgang closed).
 *
 * Every path starts alike: fm-tobias took in a case referred by ifk-lena on 20.10.2025, extended twice to
 * 48 months (20.10.2029); on 10.06.2026 his request for 6 more months waits for the lead's consent (R19).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../commands/lifecycle.support.js';

let h: Harness;
let code: string;
afterEach(() => h.close());

/** The common start, with the FM's extension request past 48 months waiting for the lead (R19). */
function start(): void {
  h = harness();
  code = h.activeCase({ client: '123A456789' });
  h.at('2026-06-10T10:00:00+02:00');
  h.world.store.cases.transition(code, ['aktiv'], 'aktiv', { extensions: 2, plannedEndOn: '2029-10-20' }, h.world.clock.now());
}

const escalationOf = (kind: string) => h.world.store.escalations.forCase(code).find((e) => e.kind === kind)!;
const vote = (who: string, kind: string, how: 'zustimmen' | 'ablehnen' = 'zustimmen') =>
  h.ok(who, `eskalation-${how} ${escalationOf(kind).id}${how === 'ablehnen' ? ' kommentar="nein"' : ''}`);

/** What an ended case leaves behind: the case, and nothing open about it. */
function endState() {
  const { store } = h.world;
  const kase = store.cases.byCode(code)!;
  const actions = store.audit.forCase(code).map((a) => a.action);
  return {
    case: { status: kase.status, endedOn: kase.endedOn, endReason: kase.endReason, exitSuccessful: kase.exitSuccessful, exitRecommendation: kase.exitRecommendation },
    openEscalations: store.escalations.forCase(code).filter((e) => e.status === 'open').map((e) => e.kind),
    pendingExtension: store.extensions.pendingFor(code) ?? null,
    openReturn: store.returns.openFor(code) ?? null,
    exits: actions.filter((a) => a === 'case.exit').length,
    extensionWithdrawn: actions.includes('case.extension.withdrawn'),
  };
}

const ENDED = {
  case: { status: 'beendet', endedOn: '2026-06-10', endReason: 'kein-potenzial', exitSuccessful: false, exitRecommendation: '§ 44a prüfen' },
  openEscalations: [],
  pendingExtension: null,
  openReturn: null,
  exits: 1,
  extensionWithdrawn: true,
};

const EXIT = 'grund=kein-potenzial empfehlung="§ 44a prüfen"';

describe('ending a case: every path, one end state (R22, R25, R26, item 5)', () => {
  const paths: Array<[string, () => void]> = [
    [
      'the FM plans the exit, the IFK confirms the return talk (R26)',
      () => {
        h.ok('fm-tobias', `abgang ${code} ${EXIT}`);
        h.ok('ifk-lena', `rueckgabe ${code} bestaetigt`);
      },
    ],
    [
      'the FM plans the exit, the lead of the referring team confirms for the absent IFK (R26)',
      () => {
        h.ok('ifk-lena', 'abwesend von=08.06.2026 bis=19.06.2026');
        h.ok('fm-tobias', `abgang ${code} ${EXIT}`);
        h.ok('tl-mi-1', `rueckgabe ${code} bestaetigt`);
      },
    ],
    [
      'the IFK objects to the planned exit, both leads allow it (R25)',
      () => {
        h.ok('fm-tobias', `abgang ${code} ${EXIT}`);
        h.ok('ifk-lena', `rueckgabe ${code} widerspruch grund="sehe noch Potenzial"`);
        vote('tl-mi-1', 'abgang');
        vote('tl-fm-ue25', 'abgang');
      },
    ],
    [
      'the IFK escalates the exit before any plan, both leads allow it (R25, the drift bug)',
      () => {
        h.ok('ifk-lena', `eskalieren ${code} art=abgang abgangsgrund=kein-potenzial empfehlung="§ 44a prüfen" grund="bitte Abgang"`);
        vote('tl-fm-ue25', 'abgang');
        vote('tl-mi-1', 'abgang');
      },
    ],
  ];

  it.each(paths)('%s', (_name, path) => {
    start();
    h.ok('fm-tobias', `verlaengern ${code} monate=6 grund="Suchttherapie"`); // waits for the lead (R19)
    expect(escalationOf('verlaengerung').status).toBe('open');

    path();

    expect(endState()).toEqual(ENDED);
    expect(escalationOf('verlaengerung').status).toBe('rejected'); // closed, nothing left to decide
    // A late click on the closed extension changes nothing.
    expect(h.run('tl-fm-ue25', `eskalation-zustimmen ${escalationOf('verlaengerung').id}`).kind).toBe('error');
    expect(h.world.store.cases.byCode(code)!.plannedEndOn).toBe('2029-10-20');
  });

  it('R25: the leads keeping the case, or the FM withdrawing, leave it active with the request still waiting', () => {
    start();
    h.ok('fm-tobias', `verlaengern ${code} monate=6 grund="Suchttherapie"`);
    h.ok('fm-tobias', `abgang ${code} ${EXIT}`);
    h.ok('ifk-lena', `rueckgabe ${code} widerspruch grund="sehe noch Potenzial"`);
    vote('tl-mi-1', 'abgang', 'ablehnen');
    expect(h.world.store.cases.byCode(code)!.status).toBe('aktiv');
    expect(h.world.store.extensions.pendingFor(code)).toBeDefined();
    expect(escalationOf('verlaengerung').status).toBe('open');
  });
});

describe('granting an extension: every path, one end state (R19, item 5)', () => {
  const GRANTED = { status: 'aktiv', plannedEndOn: '2030-04-20', extensions: 3 };

  function grantedState() {
    const { store } = h.world;
    const kase = store.cases.byCode(code)!;
    const granted = store.audit.forCase(code).filter((a) => a.action === 'case.extension.granted');
    return {
      case: { status: kase.status, plannedEndOn: kase.plannedEndOn, extensions: kase.extensions },
      requests: store.extensions.forCase(code).map((r) => ({ months: r.months, status: r.status })),
      openEscalations: store.escalations.forCase(code).filter((e) => e.status === 'open').length,
      grants: granted.map((a) => ({ actorId: a.actorId, months: a.details.months, leadConsent: a.details.leadConsent })),
    };
  }

  const EXPECTED = {
    case: GRANTED,
    requests: [{ months: 6, status: 'granted' }],
    openEscalations: 0,
    grants: [{ actorId: 'tl-fm-ue25', months: 6, leadConsent: true }],
  };

  it.each([
    ['the team lead extends directly, giving the consent (R19)', () => h.ok('tl-fm-ue25', `verlaengern ${code} monate=6 grund="Suchttherapie"`)],
    [
      'the FM asks, the lead consents in the escalation (R19)',
      () => {
        h.ok('fm-tobias', `verlaengern ${code} monate=6 grund="Suchttherapie"`);
        vote('tl-fm-ue25', 'verlaengerung');
      },
    ],
    [
      "the FM's stand-in asks with the client's consent, the lead consents (R17, R19)",
      () => {
        h.ok('fm-tobias', 'abwesend von=08.06.2026 bis=19.06.2026');
        h.ok('fm-aylin', `verlaengern ${code} monate=6 grund="Suchttherapie" einwilligung=ja`);
        vote('tl-fm-ue25', 'verlaengerung');
      },
    ],
  ])('%s', (_name, path) => {
    start();
    path();
    expect(grantedState()).toEqual(EXPECTED);
  });
});
