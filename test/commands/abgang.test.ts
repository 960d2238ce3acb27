import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/messaging/reply.js';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;
let code: string;

beforeEach(() => {
  h = harness();
  code = h.activeCase({ client: '123A456789' }); // referred by ifk-lena, fm-tobias, intake 20.10.2025
  h.at('2026-06-10T10:00:00+02:00');
});
afterEach(() => h.close());

/** The request for the return talk to the referring IFK. */
const askMessages = () => h.outboxTo('direct', 'ifk-lena').filter((i) => i.dedupeKey.startsWith('case.return.ask'));

describe('/fm abgang: the FM plans the exit, the case stays open until the return talk (R22, R24, R26, R27)', () => {
  it('R26: plans the exit — the case stays active with its FM, shown as „Rückgabe“, and the IFK is asked with the two buttons', () => {
    const reply = h.ok('fm-tobias', `abgang ${code} grund=ziele-erreicht`);

    expect(reply).toContain('Abgang geplant – Rückgabe an die Integrationsfachkraft');
    expect(reply).toContain('Status: Rückgabe');
    expect(reply).toContain('Grund (R22): Ziele erreicht');
    expect(reply).toContain('Rückgabegespräch mit (R26): Lena Schröder');
    expect(reply).toContain('Rückmeldung erwartet bis: 24.06.2026'); // 10 working days after Wednesday 10.06.2026
    expect(h.world.store.cases.byCode(code)).toMatchObject({ status: 'aktiv', assignedFmId: 'fm-tobias' });
    expect(h.world.store.cases.byCode(code)!.endedOn).toBeUndefined();
    expect(h.world.store.returns.openFor(code)).toMatchObject({ status: 'pending', reason: 'ziele-erreicht', addresseeId: 'ifk-lena', plannedBy: 'fm-tobias' });
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.return.planned', actorId: 'fm-tobias', details: { endReason: 'ziele-erreicht' } });
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('Status: Rückgabe');

    const [ask, ...more] = askMessages();
    expect(more).toEqual([]);
    expect(toPlainText(ask!.message)).toMatch(/FM-2025-0001 \(Kundenreferenz 123A456789\) zu beenden\. Grund: Ziele erreicht\./);
    expect(toPlainText(ask!.message)).toMatch(/Rückgabegespräch vereinbaren \(R26\)/);
    const buttons = ask!.message.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : []));
    expect(buttons.map((b) => [b.label, b.actionId, b.value])).toEqual([
      ['Rückgabegespräch geführt', 'return.confirm', code],
      ['Widerspruch', 'return.object', code],
    ]);
  });

  it('R26, R27: the IFK confirms the return talk — the case ends with the planned reason, the FM is reminded of profiling and VerBIS', () => {
    h.ok('fm-tobias', `abgang ${code} grund=ziele-erreicht`);
    const reply = h.ok('ifk-lena', `rueckgabe ${code} bestaetigt`);

    expect(reply).toContain('Beendet am: 10.06.2026');
    expect(h.world.store.cases.byCode(code)).toMatchObject({ status: 'beendet', endedOn: '2026-06-10', endReason: 'ziele-erreicht', exitSuccessful: true });
    expect(h.world.store.returns.forCase(code)).toEqual([expect.objectContaining({ status: 'confirmed', decidedBy: 'ifk-lena' })]);
    expect(h.world.store.audit.forCase(code).map((a) => a.action).slice(-2)).toEqual(['case.return.confirmed', 'case.exit']);
    const [toFm] = h.directTo('fm-tobias').filter((m) => m.includes('bestätigt'));
    expect(toFm).toMatch(/Profiling aktualisieren und den Abgang in VerBIS .*„Fallabgang“ erfassen \(R26\)/);
    expect(toFm).toContain('Nachhalten (R27): 10.12.2026, 10.06.2027, 10.06.2028');
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('10.12.2026');
  });

  it('counts only goals reached and integration as successful exits', () => {
    h.exit('fm-tobias', code, 'grund=kunde-lehnt-ab');
    expect(h.world.store.cases.byCode(code)!.exitSuccessful).toBe(false);
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('Nichts fällig.');
  });

  it('asks for the follow-ups in "meine" around 6, 12 and 24 months after a successful exit (R27)', () => {
    h.exit('fm-tobias', code, 'grund=integration');
    expect(h.ok('fm-tobias', 'meine')).toContain('Du hast zurzeit keine');
    h.at('2026-11-20T10:00:00+01:00');
    expect(h.ok('fm-tobias', 'meine')).toMatch(/FM-2025-0001 · 123A456789 · beendet — Nachhalten nach 6 Monaten: Arbeit aufgenommen\? \(R27\): 10\.12\.2026/);
    h.at('2027-02-01T10:00:00+01:00');
    expect(h.ok('fm-tobias', 'meine')).not.toContain('FM-2025-0001');
  });

  it('records no potential together with the recommended alternatives and passes them to the IFK (R24)', () => {
    const reply = h.ok('fm-tobias', `abgang ${code} grund=kein-potenzial empfehlung="Verfahren nach § 44a SGB II prüfen"`);
    expect(reply).toContain('Empfehlung (R24): Verfahren nach § 44a SGB II prüfen');
    expect(toPlainText(askMessages()[0]!.message)).toContain('Empfohlen wird: „Verfahren nach § 44a SGB II prüfen“');
    h.ok('ifk-lena', `rueckgabe ${code} bestaetigt`);
    expect(h.world.store.cases.byCode(code)).toMatchObject({ exitSuccessful: false, exitRecommendation: 'Verfahren nach § 44a SGB II prüfen' });
  });

  it('lets the team lead plan the exit for the FM; the IFK hears of the case\'s FM', () => {
    h.ok('tl-fm-ue25', `abgang ${code} grund=zustaendigkeit`);
    expect(h.world.store.cases.byCode(code)!.status).toBe('aktiv');
    expect(toPlainText(askMessages()[0]!.message)).toContain('@{fm-tobias} plant, das FM');
  });

  it('offers a form with the catalogue of reasons, without "missed appointments only"', () => {
    const response = h.run('fm-tobias', 'abgang');
    expect(response.kind).toBe('form');
    if (response.kind !== 'form') return;
    const grund = response.form.fields.find((f) => f.key === 'grund');
    const codes = grund?.kind === 'select' ? grund.options.map((o) => o.value) : [];
    expect(codes).toHaveLength(10);
    expect(codes).toContain('keine-mitwirkung');
    expect(codes).not.toContain('nur-termine-versaeumt');
  });
});

describe('/fm abgang: refusals change nothing', () => {
  it('refuses missed appointments alone as a reason for the return (R23)', () => {
    const text = h.refused('fm-tobias', `abgang ${code} grund=nur-termine-versaeumt`);
    expect(text).toMatch(/Allein versäumte Termine rechtfertigen keine Rückgabe an die Integrationsfachkraft \(R23\)/);
    expect(h.world.store.cases.byCode(code)!.status).toBe('aktiv');
  });

  it('refuses "no potential" without a recommendation (R24)', () => {
    expect(h.refused('fm-tobias', `abgang ${code} grund=kein-potenzial`)).toMatch(/empfehlung: .*§ 44a .*\(R24\)/);
    const submitted = h.world.bot.submitForm({ platform: 'console', userId: 'fm-tobias' }, 'abgang', {
      fall: code,
      grund: 'kein-potenzial',
      empfehlung: '  ',
    });
    expect(submitted.kind === 'error' && submitted.fieldErrors).toEqual({ empfehlung: expect.stringContaining('(R24)') });
    expect(h.world.store.cases.byCode(code)!.status).toBe('aktiv');
  });

  it.each([
    ['an unknown reason, listing the catalogue', `grund=umzug`, /grund: „umzug“ ist kein Abgangsgrund\. Möglich sind: ziele-erreicht, integration, .*hoechstdauer\. \(R22\)/],
    ['a missing reason', '', /grund: Bitte den Abgangsgrund angeben/],
    ['an overlong recommendation', `grund=kein-potenzial empfehlung="${'x'.repeat(301)}"`, /empfehlung: Bitte kürzer fassen \(301 Zeichen/],
  ])('%s', (_name, args, expected) => {
    expect(h.refused('fm-tobias', `abgang ${code} ${args}`)).toMatch(expected);
  });

  it('refuses a second plan, an ended case, a case not taken in, and people not involved', () => {
    const assigned = h.assignedCase();
    expect(h.refused('fm-tobias', `abgang ${assigned} grund=integration`)).toMatch(/ist zugewiesen/);
    expect(h.refused('ifk-lena', `abgang ${code} grund=integration`)).toMatch(/Nur die zuständige Fachkraft/);
    h.ok('fm-tobias', `abgang ${code} grund=integration`);
    expect(h.refused('fm-tobias', `abgang ${code} grund=kunde-lehnt-ab`)).toMatch(/ist seit 10\.06\.2026 ein Abgang geplant.*rueckgabe FM-2025-0001 zurueckziehen/);
    h.ok('ifk-lena', `rueckgabe ${code} bestaetigt`);
    expect(h.refused('fm-tobias', `abgang ${code} grund=integration`)).toMatch(/ist beendet/);
  });
});
