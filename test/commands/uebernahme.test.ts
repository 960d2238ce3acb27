import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotResponse } from '../../src/app/ports.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { createWorld, type World } from '../support/world.js';

const REFERRAL =
  'vormerken kunde=123A456789 gruppe=ue25 zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden ' +
  'integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja';
const CODE = 'FM-2025-0001'; // flagged Monday 20.10.2025, deadline 10.11.2025 (R4, 31.10. is a holiday in Bremen)

let world: World;

beforeEach(() => {
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
});
afterEach(() => world.close());

function run(personId: string, line: string): BotResponse {
  return world.bot.handleCommand({ platform: 'console', userId: personId }, line);
}

function textOf(response: BotResponse): string {
  if (response.kind === 'message') return toPlainText(response.message);
  if (response.kind === 'error') return response.text;
  return JSON.stringify(response.form);
}

/** A referral by ifk-lena, assigned to the FM directly (the assignment round is not needed here). */
function referAndAssign(fmId = 'fm-tobias', client = '123A456789'): string {
  const reply = textOf(run('ifk-lena', REFERRAL.replace('123A456789', client)));
  const code = /FM-\d{4}-\d{4}/.exec(reply)![0];
  const now = world.clock.now();
  world.store.cases.transition(code, ['vorgemerkt'], 'zugewiesen', { assignedFmId: fmId, assignedAt: now }, now);
  return code;
}

function at(iso: string): void {
  world.clock.set(Date.parse(iso));
}

const directTo = (personId: string) =>
  world.store.outbox.all().filter((i) => i.target.kind === 'direct' && i.target.personId === personId);

describe('/fm uebernahme: the intake makes the case active', () => {
  it('records a warm intake within the deadline and tells the referring IFK by direct message (R4–R6)', () => {
    referAndAssign();
    at('2025-11-03T10:00:00+01:00');
    const response = run('fm-tobias', `uebernahme ${CODE} datum=03.11.2025 warm=ja ziele=ja`);

    expect(response.kind).toBe('message');
    const reply = textOf(response);
    expect(reply).toContain('Übernahme erfasst');
    expect(reply).toContain('123A456789');
    expect(reply).toMatch(/Frist \(R4\): 10\.11\.2025 – eingehalten/);
    const record = world.store.cases.byCode(CODE)!;
    expect(record).toMatchObject({ status: 'aktiv', intakeOn: '2025-11-03', intakeWarm: true, intakeGoals: true, intakeLate: false });
    expect(world.store.audit.forCase(CODE).map((e) => e.action)).toEqual(['referral.created', 'case.intake']);

    const [dm, ...more] = directTo('ifk-lena');
    expect(more).toHaveLength(0);
    expect(toPlainText(dm!.message)).toMatch(/FM-2025-0001 \(Kundenreferenz 123A456789\) hat am 03\.11\.2025 stattgefunden/);
    expect(directTo('tl-fm-ue25')).toHaveLength(0);
  });

  it('accepts the case code in lower case and as fall= from a submitted form', () => {
    referAndAssign();
    referAndAssign('fm-tobias', '123A000002');
    expect(run('fm-tobias', 'uebernahme fm-2025-0001 datum=20.10.2025 warm=ja ziele=ja').kind).toBe('message');
    const submitted = world.bot.submitForm({ platform: 'console', userId: 'fm-tobias' }, 'uebernahme', {
      fall: 'FM-2025-0002',
      datum: '20.10.2025',
      warm: 'ja',
      ziele: 'nein',
      grund: '',
    });
    expect(textOf(submitted)).toContain('R6'); // the goals still have to be formulated jointly
    expect(world.store.cases.byCode('FM-2025-0002')!.status).toBe('aktiv');
  });

  it('offers the FM a form listing the assigned cases, and refuses it to an FM without any', () => {
    referAndAssign();
    const response = run('fm-tobias', 'uebernahme');
    expect(response.kind).toBe('form');
    if (response.kind !== 'form') return;
    const fall = response.form.fields.find((f) => f.key === 'fall');
    expect(fall?.kind === 'select' && fall.options.map((o) => o.value)).toEqual([CODE]);
    expect(textOf(run('fm-aylin', 'uebernahme'))).toMatch(/keine Fälle/);
  });

  it('records an intake without warm handover together with its reason (R11)', () => {
    referAndAssign();
    const response = run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=nein ziele=ja grund="IFK im Urlaub"`);
    expect(response.kind).toBe('message');
    expect(world.store.cases.byCode(CODE)).toMatchObject({ intakeWarm: false, intakeNote: 'IFK im Urlaub' });
    expect(toPlainText(directTo('ifk-lena')[0]!.message)).toMatch(/ohne Dreiergespräch statt \(R11\)/);
  });

  it('lets the lead of the receiving team record the intake for the assigned FM', () => {
    referAndAssign();
    expect(run('tl-fm-ue25', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`).kind).toBe('message');
    expect(world.store.cases.byCode(CODE)!.status).toBe('aktiv');
  });
});

describe('/fm uebernahme after the deadline (R4)', () => {
  it('marks the intake late and tells the team lead with the case code only', () => {
    referAndAssign();
    at('2025-11-12T10:00:00+01:00');
    const reply = textOf(run('fm-tobias', `uebernahme ${CODE} datum=11.11.2025 warm=ja ziele=ja`));

    expect(reply).toMatch(/10\.11\.2025 – verspätet/);
    expect(reply).toMatch(/Teamleitung von „Fallmanagement Ü25“ ist informiert/);
    expect(world.store.cases.byCode(CODE)!.intakeLate).toBe(true);
    const [dm] = directTo('tl-fm-ue25');
    const leadText = JSON.stringify(dm!.message);
    expect(leadText).toContain(CODE);
    expect(leadText).toContain('11.11.2025');
    expect(leadText).not.toContain('123A456789');
  });

  it('counts the late intake in the team overview of the lead', () => {
    referAndAssign();
    at('2025-11-12T10:00:00+01:00');
    run('fm-tobias', `uebernahme ${CODE} datum=11.11.2025 warm=ja ziele=ja`);
    expect(textOf(run('tl-fm-ue25', 'team'))).toMatch(/Verspätete Übernahmen 2025 \(R4\): 1/);
  });

  it('sends the lead no message about a late intake the lead recorded personally', () => {
    referAndAssign();
    at('2025-11-12T10:00:00+01:00');
    const reply = textOf(run('tl-fm-ue25', `uebernahme ${CODE} datum=11.11.2025 warm=ja ziele=ja`));
    expect(reply).toMatch(/verspätet/);
    expect(reply).not.toMatch(/ist informiert/);
    expect(directTo('tl-fm-ue25')).toHaveLength(0);
    expect(world.store.cases.byCode(CODE)!.intakeLate).toBe(true);
  });

  it('takes an intake on the deadline itself as in time', () => {
    referAndAssign();
    at('2025-11-10T16:00:00+01:00');
    run('fm-tobias', `uebernahme ${CODE} datum=10.11.2025 warm=ja ziele=ja`);
    expect(world.store.cases.byCode(CODE)!.intakeLate).toBe(false);
    expect(directTo('tl-fm-ue25')).toHaveLength(0);
  });
});

describe('/fm uebernahme: refusals change nothing', () => {
  const ok = `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`;
  const cases: Array<[string, string, string, RegExp]> = [
    ['another FM of the team', 'fm-aylin', ok, /Nur die zuständige Fachkraft \(Tobias Krüger\) oder die Teamleitung von „Fallmanagement Ü25“/],
    ['the referring IFK', 'ifk-lena', ok, /Nur die zuständige Fachkraft/],
    ['the lead of another FM team', 'tl-fm-u25', ok, /Nur die zuständige Fachkraft/],
    ['an unknown case code', 'fm-tobias', ok.replace(CODE, 'FM-2025-0099'), /Den Fall FM-2025-0099 gibt es nicht/],
    ['something that is no case code', 'fm-tobias', ok.replace(CODE, 'Meier'), /„Meier“ ist kein Fallzeichen/],
    ['no case code', 'fm-tobias', ok.replace(` ${CODE}`, ''), /fall: Bitte den Fall angeben/],
    ['two different case codes', 'fm-tobias', `${ok} fall=FM-2025-0002`, /nur einmal/],
    ['a missing date', 'fm-tobias', ok.replace(' datum=20.10.2025', ''), /datum: Diese Angabe fehlt/],
    ['an impossible date', 'fm-tobias', ok.replace('20.10.2025', '31.11.2025'), /datum: Bitte das Datum .* als TT\.MM\.JJJJ/],
    ['a date in the future', 'fm-tobias', ok.replace('20.10.2025', '21.10.2025'), /datum: Der 21\.10\.2025 liegt in der Zukunft/],
    ['a date before the referral', 'fm-tobias', ok.replace('20.10.2025', '17.10.2025'), /datum: .*vor der Vormerkung am 20\.10\.2025/],
    ['no warm handover without a reason (R11)', 'fm-tobias', ok.replace('warm=ja', 'warm=nein'), /grund: .*\(R11\)/],
    ['a missing answer on the goals (R6)', 'fm-tobias', ok.replace(' ziele=ja', ''), /ziele: Diese Angabe fehlt/],
    ['warm=vielleicht', 'fm-tobias', ok.replace('warm=ja', 'warm=vielleicht'), /warm: Bitte „ja“ oder „nein“/],
    ['an overlong reason', 'fm-tobias', `${ok} grund="${'x'.repeat(301)}"`, /grund: Bitte kürzer fassen \(301 Zeichen, höchstens 300\)/],
  ];

  it.each(cases)('%s', (_name, personId, line, expected) => {
    referAndAssign();
    const before = world.counts();
    const response = run(personId, line);
    expect(response.kind).toBe('error');
    expect(textOf(response)).toMatch(expected);
    expect(world.counts()).toEqual(before);
    expect(world.store.cases.byCode(CODE)!.status).toBe('zugewiesen');
  });

  it('refuses a referral that has not been assigned yet', () => {
    run('ifk-lena', REFERRAL);
    const before = world.counts();
    expect(textOf(run('tl-fm-ue25', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`))).toMatch(
      /Der Fall FM-2025-0001 ist vorgemerkt\. Das geht nur bei Fällen, die zugewiesen sind/,
    );
    expect(world.counts()).toEqual(before);
  });

  it('refuses a second intake of the same case', () => {
    referAndAssign();
    run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`);
    const before = world.counts();
    expect(textOf(run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`))).toMatch(/ist aktiv/);
    expect(world.counts()).toEqual(before);
  });

  it('reports every wrong field at once', () => {
    referAndAssign();
    const response = run('fm-tobias', `uebernahme ${CODE} datum=gestern warm=nein ziele=x`);
    expect(response.kind === 'error' && Object.keys(response.fieldErrors).sort()).toEqual(['datum', 'grund', 'ziele']);
  });
});
