import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;
let code: string;

beforeEach(() => {
  h = harness();
  code = h.activeCase(); // fm-tobias, intake 20.10.2025
  h.at('2027-09-01T10:00:00+02:00');
});
afterEach(() => h.close());

const extensionsOf = () => h.world.store.extensions.forCase(code);

describe('/fm verlaengern: up to 12 months; twice within 48 months freely, beyond that with the lead, never past 60 (R18, R19)', () => {
  it('starts from a planned end 24 months after the intake (R18)', () => {
    expect(h.world.store.cases.byCode(code)!.plannedEndOn).toBe('2027-10-20');
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('Geplantes Ende (R18/R19): 20.10.2027');
  });

  it('extends by 12 months: planned end moved, extension documented with its reason', () => {
    const reply = h.ok('fm-tobias', `verlaengern ${code} monate=12 grund="Therapie läuft bis Sommer"`);

    expect(reply).toContain('Verlängerung erfasst');
    expect(reply).toContain('Geplantes Ende: 20.10.2028');
    expect(reply).toContain('Dauer insgesamt: 36 Monate');
    expect(reply).toContain('Verlängerungen (2 ohne Zustimmung, R19): 1');
    expect(h.world.store.cases.byCode(code)).toMatchObject({ plannedEndOn: '2028-10-20', extensions: 1 });
    expect(extensionsOf()).toEqual([
      expect.objectContaining({ months: 12, reason: 'Therapie läuft bis Sommer', status: 'granted', requestedBy: 'fm-tobias', decidedBy: 'fm-tobias' }),
    ]);
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({
      action: 'case.extension.granted',
      details: { months: 12, plannedEndOn: '2028-10-20', extensions: 1 },
    });
  });

  it('records the coded occasion next to the free-text reason, for the figures (R19, R35)', () => {
    const reply = h.ok('fm-tobias', `verlaengern ${code} monate=6 anlass=therapie grund="Therapie läuft bis Sommer"`);
    expect(reply).toContain('Anlass: lange (Sucht-)Therapie');
    expect(extensionsOf()).toEqual([expect.objectContaining({ reasonCode: 'therapie', reason: 'Therapie läuft bis Sommer', status: 'granted' })]);
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.extension.granted', details: { anlass: 'therapie' } });
    // Without a code (typed line) the extension counts as „ohne Angabe“.
    expect(h.ok('fm-tobias', `verlaengern ${code} monate=6 grund="x"`)).toContain('Anlass: ohne Angabe');
    expect(extensionsOf()[1]).not.toHaveProperty('reasonCode');
  });

  it('keeps the code of a pending request and grants it with that code when the lead agrees (R19, R35)', () => {
    h.ok('fm-tobias', `verlaengern ${code} monate=12 grund="a"`);
    h.ok('fm-tobias', `verlaengern ${code} monate=12 grund="b"`);
    expect(h.ok('fm-tobias', `verlaengern ${code} monate=6 anlass=therapie grund="Suchttherapie"`)).toContain('Anlass: lange (Sucht-)Therapie');
    const pending = h.world.store.extensions.pendingFor(code)!;
    expect(pending).toMatchObject({ reasonCode: 'therapie' });
    const escalation = h.world.store.escalations.openFor(code, 'verlaengerung')!;
    h.ok('tl-fm-ue25', `eskalation-zustimmen ${escalation.id}`);
    expect(extensionsOf().at(-1)).toMatchObject({ id: pending.id, status: 'granted', reasonCode: 'therapie' });
    expect(h.world.store.audit.forCase(code).find((e) => e.action === 'case.extension.granted' && e.details.requestId === pending.id)).toMatchObject({
      details: { anlass: 'therapie' },
    });
  });

  it('refuses an unknown occasion code naming the field and changes nothing (R19)', () => {
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=6 anlass=urlaub grund="x"`)).toMatch(
      /anlass: „urlaub“ gibt es nicht\. Möglich sind: fortschritt, massnahme, therapie, arbeitsaufnahme, sonstiges \(R19\)/,
    );
    expect(extensionsOf()).toEqual([]);
  });

  it('refuses 13 months with the rule text and changes nothing', () => {
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=13 grund="x"`)).toMatch(/monate: Eine Verlängerung umfasst 1 bis 12 Monate \(genannt: 13\).*\(R19\)/);
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=0 grund="x"`)).toMatch(/1 bis 12 Monate/);
    expect(extensionsOf()).toEqual([]);
  });

  it('asks the team lead for a third extension that stays within 48 months, saying why (R19)', () => {
    h.ok('fm-tobias', `verlaengern ${code} monate=6 grund="a"`);
    h.ok('fm-tobias', `verlaengern ${code} monate=6 grund="b"`);
    const reply = h.ok('fm-tobias', `verlaengern ${code} monate=6 grund="c"`);
    expect(reply).toContain('Zustimmung der Teamleitung nötig');
    expect(reply).toContain('eine dritte nur mit Zustimmung der Teamleitung (R19)');
    expect(reply).not.toContain('Über 48 Monate');
    expect(h.world.store.cases.byCode(code)).toMatchObject({ extensions: 2 });
    expect(h.world.store.extensions.pendingFor(code)).toMatchObject({ months: 6, reason: 'c' });
    expect(h.world.store.escalations.openFor(code, 'verlaengerung')).toBeDefined();
  });

  it('records a request past 48 months as pending and asks the team lead to decide in the escalation thread (R19)', () => {
    h.ok('fm-tobias', `verlaengern ${code} monate=12 grund="a"`);
    h.ok('fm-tobias', `verlaengern ${code} monate=12 grund="b"`); // 48 months: 20.10.2029
    const reply = h.ok('fm-tobias', `verlaengern ${code} monate=6 grund="Suchttherapie"`);

    expect(reply).toContain('Zustimmung der Teamleitung nötig');
    expect(reply).toMatch(/Teamleitung von „Fallmanagement Ü25“ ist benachrichtigt/);
    expect(h.world.store.cases.byCode(code)).toMatchObject({ plannedEndOn: '2029-10-20', extensions: 2 });
    expect(h.world.store.extensions.pendingFor(code)).toMatchObject({ months: 6, reason: 'Suchttherapie', requestedBy: 'fm-tobias' });
    expect(h.world.store.audit.forCase(code).find((e) => e.action === 'case.extension.requested')).toMatchObject({ details: { months: 6, totalMonths: 54 } });
    const [dm, ...more] = h.directTo('tl-fm-ue25');
    expect(more).toEqual([]);
    expect(dm).toContain(code);
    expect(dm).toContain('20.04.2030');
    expect(dm).toContain('Suchttherapie'); // the reason goes to the decider privately, never into the channel
    const channel = h.world.store.outbox.all().filter((i) => i.target.kind === 'channel' && i.dedupeKey.startsWith('escalation'));
    expect(channel.length).toBeGreaterThan(0);
    expect(JSON.stringify(channel.map((i) => i.message))).not.toMatch(/Suchttherapie|Kundenreferenz/);
    expect(h.world.store.escalations.openFor(code, 'verlaengerung')).toBeDefined();

    // One pending request at a time.
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=3 grund="c"`)).toMatch(/schon ein Antrag auf Verlängerung um 6 Monate vom 01\.09\.2027 vor/);
    expect(h.ok('fm-tobias', `fall ${code}`)).toMatch(/Verlängerungen \(R19\): 2 · Antrag über 6 Monate vom 01\.09\.2027 wartet/);
  });

  it('lets the team lead extend past 48 months directly: that is the consent (R19)', () => {
    h.ok('fm-tobias', `verlaengern ${code} monate=12 grund="a"`);
    h.ok('fm-tobias', `verlaengern ${code} monate=12 grund="b"`);
    const reply = h.ok('tl-fm-ue25', `verlaengern ${code} monate=12 grund="Therapie"`);
    expect(reply).toContain('Geplantes Ende: 20.10.2030');
    expect(reply).toContain('mit Zustimmung der Teamleitung');
    expect(h.world.store.cases.byCode(code)).toMatchObject({ plannedEndOn: '2030-10-20', extensions: 3 });
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.extension.granted', details: { leadConsent: true } });
    // At 60 months nothing more is possible, not even with the lead's consent.
    expect(h.refused('tl-fm-ue25', `verlaengern ${code} monate=1 grund="c"`)).toMatch(/61 Monate\. .*darüber hinaus nicht \(R19\)/);
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=1 grund="c"`)).toMatch(/darüber hinaus nicht \(R19\)/);
  });

  it('refuses an extension beyond 60 months with the rule text', () => {
    // A case already run past 48 months with the lead's consent as its second extension (ends after 54 months).
    const now = h.world.clock.now();
    h.world.store.cases.transition(code, ['aktiv'], 'aktiv', { plannedEndOn: '2030-04-20', extensions: 2 }, now);
    const before = h.directTo('tl-fm-ue25').length;
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=7 grund="x"`)).toMatch(
      /bis 20\.11\.2030 führen, also 61 Monate\. .*höchstens 48 Monate, .* bis zu 60 Monate – darüber hinaus nicht \(R19\)/,
    );
    expect(h.refused('tl-fm-ue25', `verlaengern ${code} monate=7 grund="x"`)).toMatch(/darüber hinaus nicht \(R19\)/);
    expect(h.directTo('tl-fm-ue25')).toHaveLength(before);
  });

  it('needs a reason and a whole number of months', () => {
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=6`)).toMatch(/grund: Bitte kurz begründen.*\(R19\)/);
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=sechs grund="x"`)).toMatch(/monate: Bitte die Zahl der Monate als ganze Zahl/);
    expect(h.refused('fm-tobias', `verlaengern ${code} grund="x"`)).toMatch(/monate: Diese Angabe fehlt/);
  });

  it('refuses colleagues who are not standing in, and ended cases', () => {
    expect(h.refused('fm-aylin', `verlaengern ${code} monate=6 grund="x"`)).toMatch(/Nur die zuständige Fachkraft/);
    h.exit('fm-tobias', code, 'grund=integration');
    expect(h.refused('fm-tobias', `verlaengern ${code} monate=6 grund="x"`)).toMatch(/ist beendet/);
  });

  it('offers a form with the planned end of each active case and the months 1 to 12', () => {
    const response = h.run('fm-tobias', 'verlaengern');
    expect(response.kind).toBe('form');
    if (response.kind !== 'form') return;
    const [fall, monate, anlass] = response.form.fields;
    expect(fall?.kind === 'select' && fall.options[0]?.label).toContain('geplantes Ende 20.10.2027, 0× verlängert');
    // R35: the coded occasion is asked for in the form.
    expect(anlass?.kind === 'select' && anlass.required && anlass.options.map((o) => o.label)).toEqual([
      'Integrationsfortschritt absehbar',
      'laufende Maßnahme abschließen',
      'lange (Sucht-)Therapie',
      'Arbeitsaufnahme begleiten',
      'sonstiger Grund',
    ]);
    expect(monate?.kind === 'select' && monate.options.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
  });
});
