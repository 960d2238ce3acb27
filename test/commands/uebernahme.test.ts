import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/messaging/reply.js';
import { harness, type Harness } from './lifecycle.support.js';

const CLIENT = '123A456789';
const CODE = 'FM-2025-0001'; // flagged Monday 20.10.2025, deadline 10.11.2025 (R4, 31.10. is a holiday in Bremen)

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('/fm uebernahme: the intake makes the case active', () => {
  it('records a warm intake within the deadline and tells the referring IFK by direct message (R4–R6)', () => {
    h.assignedCase({ client: CLIENT });
    h.at('2025-11-03T10:00:00+01:00');
    const response = h.run('fm-tobias', `uebernahme ${CODE} datum=03.11.2025 warm=ja ziele=ja`);

    expect(response.kind).toBe('message');
    const reply = h.textOf(response);
    expect(reply).toContain('Übernahme erfasst');
    expect(reply).toContain('123A456789');
    expect(reply).toMatch(/Frist \(R4\): 10\.11\.2025 – eingehalten/);
    const record = h.world.store.cases.byCode(CODE)!;
    expect(record).toMatchObject({ status: 'aktiv', intakeOn: '2025-11-03', intakeWarm: true, intakeGoals: true, intakeLate: false });
    expect(h.world.store.audit.forCase(CODE).map((e) => e.action)).toEqual(['referral.created', 'case.intake']);

    const [dm, ...more] = h.outboxTo('direct', 'ifk-lena');
    expect(more).toHaveLength(0);
    expect(toPlainText(dm!.message)).toMatch(/FM-2025-0001 \(Kundenreferenz 123A456789\) hat am 03\.11\.2025 stattgefunden/);
    expect(h.outboxTo('direct', 'tl-fm-ue25')).toHaveLength(0);
  });

  it('accepts the case code in lower case and as fall= from a submitted form', () => {
    h.assignedCase({ client: CLIENT });
    h.assignedCase({ client: '123A000002' });
    expect(h.run('fm-tobias', 'uebernahme fm-2025-0001 datum=20.10.2025 warm=ja ziele=ja').kind).toBe('message');
    const submitted = h.world.bot.submitForm({ platform: 'console', userId: 'fm-tobias' }, 'uebernahme', {
      fall: 'FM-2025-0002',
      datum: '20.10.2025',
      warm: 'ja',
      ziele: 'nein',
      grund: '',
    });
    expect(h.textOf(submitted)).toContain('R6'); // the goals still have to be formulated jointly
    expect(h.world.store.cases.byCode('FM-2025-0002')!.status).toBe('aktiv');
  });

  it('offers the FM a form listing the assigned cases, and refuses it to an FM without any', () => {
    h.assignedCase({ client: CLIENT });
    const response = h.run('fm-tobias', 'uebernahme');
    expect(response.kind).toBe('form');
    if (response.kind !== 'form') return;
    const fall = response.form.fields.find((f) => f.key === 'fall');
    expect(fall?.kind === 'select' && fall.options.map((o) => o.value)).toEqual([CODE]);
    expect(h.textOf(h.run('fm-aylin', 'uebernahme'))).toMatch(/keine Fälle/);
  });

  it('records an intake without warm handover together with its reason (R11)', () => {
    h.assignedCase({ client: CLIENT });
    const response = h.run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=nein ziele=ja grund="IFK im Urlaub"`);
    expect(response.kind).toBe('message');
    expect(h.world.store.cases.byCode(CODE)).toMatchObject({ intakeWarm: false, intakeNote: 'IFK im Urlaub' });
    expect(toPlainText(h.outboxTo('direct', 'ifk-lena')[0]!.message)).toMatch(/ohne Dreiergespräch statt \(R11\)/);
  });

  it('lets the lead of the receiving team record the intake for the assigned FM', () => {
    h.assignedCase({ client: CLIENT });
    expect(h.run('tl-fm-ue25', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`).kind).toBe('message');
    expect(h.world.store.cases.byCode(CODE)!.status).toBe('aktiv');
  });
});

describe('/fm uebernahme after the deadline (R4)', () => {
  it('marks the intake late and tells the team lead with the case code only', () => {
    h.assignedCase({ client: CLIENT });
    h.at('2025-11-12T10:00:00+01:00');
    const reply = h.textOf(h.run('fm-tobias', `uebernahme ${CODE} datum=11.11.2025 warm=ja ziele=ja`));

    expect(reply).toMatch(/10\.11\.2025 – verspätet/);
    expect(reply).toMatch(/Teamleitung von „Fallmanagement Ü25“ ist informiert/);
    expect(h.world.store.cases.byCode(CODE)!.intakeLate).toBe(true);
    const [dm] = h.outboxTo('direct', 'tl-fm-ue25');
    const leadText = JSON.stringify(dm!.message);
    expect(leadText).toContain(CODE);
    expect(leadText).toContain('11.11.2025');
    expect(leadText).not.toContain('123A456789');
  });

  it('counts the late intake in the team overview of the lead', () => {
    h.assignedCase({ client: CLIENT });
    h.at('2025-11-12T10:00:00+01:00');
    h.run('fm-tobias', `uebernahme ${CODE} datum=11.11.2025 warm=ja ziele=ja`);
    expect(h.textOf(h.run('tl-fm-ue25', 'team'))).toMatch(/Verspätete Übernahmen 2025 \(R4\): 1/);
  });

  it('sends the lead no message about a late intake the lead recorded personally', () => {
    h.assignedCase({ client: CLIENT });
    h.at('2025-11-12T10:00:00+01:00');
    const reply = h.textOf(h.run('tl-fm-ue25', `uebernahme ${CODE} datum=11.11.2025 warm=ja ziele=ja`));
    expect(reply).toMatch(/verspätet/);
    expect(reply).not.toMatch(/ist informiert/);
    expect(h.outboxTo('direct', 'tl-fm-ue25')).toHaveLength(0);
    expect(h.world.store.cases.byCode(CODE)!.intakeLate).toBe(true);
  });

  it('takes an intake on the deadline itself as in time', () => {
    h.assignedCase({ client: CLIENT });
    h.at('2025-11-10T16:00:00+01:00');
    h.run('fm-tobias', `uebernahme ${CODE} datum=10.11.2025 warm=ja ziele=ja`);
    expect(h.world.store.cases.byCode(CODE)!.intakeLate).toBe(false);
    expect(h.outboxTo('direct', 'tl-fm-ue25')).toHaveLength(0);
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
    h.assignedCase({ client: CLIENT });
    const before = h.counts();
    const response = h.run(personId, line);
    expect(response.kind).toBe('error');
    expect(h.textOf(response)).toMatch(expected);
    expect(h.counts()).toEqual(before);
    expect(h.world.store.cases.byCode(CODE)!.status).toBe('zugewiesen');
  });

  it('refuses a referral that has not been assigned yet', () => {
    h.referredCase({ client: CLIENT });
    const before = h.counts();
    expect(h.textOf(h.run('tl-fm-ue25', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`))).toMatch(
      /Der Fall FM-2025-0001 ist vorgemerkt\. Das geht nur bei Fällen, die zugewiesen sind/,
    );
    expect(h.counts()).toEqual(before);
  });

  it('refuses a second intake of the same case', () => {
    h.assignedCase({ client: CLIENT });
    h.run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`);
    const before = h.counts();
    expect(h.textOf(h.run('fm-tobias', `uebernahme ${CODE} datum=20.10.2025 warm=ja ziele=ja`))).toMatch(/ist aktiv/);
    expect(h.counts()).toEqual(before);
  });

  it('reports every wrong field at once', () => {
    h.assignedCase({ client: CLIENT });
    const response = h.run('fm-tobias', `uebernahme ${CODE} datum=gestern warm=nein ziele=x`);
    expect(response.kind === 'error' && Object.keys(response.fieldErrors).sort()).toEqual(['datum', 'grund', 'ziele']);
  });
});
