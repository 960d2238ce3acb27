import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './lifecycle.support.js';

let h: Harness;
let code: string;

beforeEach(() => {
  h = harness();
  code = h.activeCase({ client: '123A456789' }); // referred by ifk-lena, fm-tobias, intake 20.10.2025
  h.at('2026-06-10T10:00:00+02:00');
});
afterEach(() => h.close());

/** The direct messages to the referring IFK after the intake notice. */
const returnMessages = () => h.directTo('ifk-lena').filter((m) => m.includes('beendet'));

describe('/fm abgang: the FM ends the case (R22, R26, R27)', () => {
  it('ends a case whose goals are reached, schedules the follow-ups and asks the IFK for the return talk', () => {
    const reply = h.ok('fm-tobias', `abgang ${code} grund=ziele-erreicht`);

    expect(reply).toContain('Fallabgang erfasst');
    expect(reply).toContain('Grund (R22): Ziele erreicht');
    expect(reply).toContain('Nachhalten (R27): 10.12.2026, 10.06.2027, 10.06.2028');
    expect(reply).toMatch(/Rückgabegespräch zu vereinbaren \(R26\)/);
    expect(h.world.store.cases.byCode(code)).toMatchObject({
      status: 'beendet',
      endedOn: '2026-06-10',
      endReason: 'ziele-erreicht',
      exitSuccessful: true,
    });
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({
      action: 'case.exit',
      actorId: 'fm-tobias',
      details: { endReason: 'ziele-erreicht', successful: true },
    });
    const [dm, ...more] = returnMessages();
    expect(more).toEqual([]);
    expect(dm).toMatch(/FM-2025-0001 \(Kundenreferenz 123A456789\) beendet\. Grund: Ziele erreicht\./);
    expect(dm).toMatch(/Rückgabegespräch vereinbaren \(R26\)/);
  });

  it('counts only goals reached and integration as successful exits', () => {
    h.ok('fm-tobias', `abgang ${code} grund=kunde-lehnt-ab`);
    expect(h.world.store.cases.byCode(code)!.exitSuccessful).toBe(false);
    expect(h.ok('fm-tobias', `fall ${code}`)).toContain('Nichts fällig.');
  });

  it('asks for the follow-ups in "meine" around 6, 12 and 24 months after a successful exit (R27)', () => {
    h.ok('fm-tobias', `abgang ${code} grund=integration`);
    expect(h.ok('fm-tobias', 'meine')).toContain('Du hast zurzeit keine');
    h.at('2026-11-20T10:00:00+01:00');
    expect(h.ok('fm-tobias', 'meine')).toMatch(/FM-2025-0001 · 123A456789 · beendet — Nachhalten nach 6 Monaten: Arbeit aufgenommen\? \(R27\): 10\.12\.2026/);
    h.at('2027-02-01T10:00:00+01:00');
    expect(h.ok('fm-tobias', 'meine')).not.toContain('FM-2025-0001');
  });

  it('records no potential together with the recommended alternatives and passes them to the IFK (R24)', () => {
    const reply = h.ok('fm-tobias', `abgang ${code} grund=kein-potenzial empfehlung="Verfahren nach § 44a SGB II prüfen"`);
    expect(reply).toContain('Empfehlung (R24): Verfahren nach § 44a SGB II prüfen');
    expect(reply).toContain('Nachhalten (R27): entfällt');
    expect(h.world.store.cases.byCode(code)).toMatchObject({ exitSuccessful: false, exitRecommendation: 'Verfahren nach § 44a SGB II prüfen' });
    expect(returnMessages()[0]).toContain('Empfohlen wird: „Verfahren nach § 44a SGB II prüfen“');
  });

  it('lets the team lead record the exit for the FM', () => {
    h.ok('tl-fm-ue25', `abgang ${code} grund=zustaendigkeit`);
    expect(h.world.store.cases.byCode(code)!.status).toBe('beendet');
    expect(returnMessages()[0]).toContain('@{fm-tobias} hat das FM');
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

  it('refuses a second exit, a case not taken in, and people not involved', () => {
    const assigned = h.assignedCase();
    expect(h.refused('fm-tobias', `abgang ${assigned} grund=integration`)).toMatch(/ist zugewiesen/);
    expect(h.refused('ifk-lena', `abgang ${code} grund=integration`)).toMatch(/Nur die zuständige Fachkraft/);
    h.ok('fm-tobias', `abgang ${code} grund=integration`);
    expect(h.refused('fm-tobias', `abgang ${code} grund=integration`)).toMatch(/ist beendet/);
  });
});
