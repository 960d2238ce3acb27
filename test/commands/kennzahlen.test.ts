import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/platforms/slack/render.js';
import { exampleOrg } from '../support/world.js';
import { harness, type Harness } from './lifecycle.support.js';
import { figureValues, seedOctober, teamPart, type SeededMonth } from './kennzahlen.support.js';

let h: Harness;
let seeded: SeededMonth;

beforeEach(() => {
  h = harness('2025-10-01T09:00:00+02:00');
  seeded = seedOctober(h);
  h.at('2025-11-05T10:00:00+01:00');
});
afterEach(() => h.close());

/** Figures the seeded October must show (September, the month before, is empty). */
const OCTOBER: Array<[string, string]> = [
  ['Potenzial (R35)', '12'], // 5 referrals meeting R1 + 7 entered from VerBIS
  ['Potenzial: Vormerkungen mit formalen Kriterien (R1)', '5'],
  ['Potenzial: nicht vorgemerkt, laut VerBIS (von der Teamleitung erfasst)', '7'],
  ['Vormerkungen', '6'],
  ['Vormerkungen: formaler Zugang (R1)', '5'],
  ['Vormerkungen: Einzelfall (R2)', '1'],
  ['Einzelfall: akute Krise', '1'],
  ['Übernahmen (angenommen)', '4'],
  ['Übernahmen: formaler Zugang', '4'],
  ['Übernahmen in der Frist (R4)', '75 %'],
  ['Ablehnungen (R12)', '1'],
  ['Ablehnungen: formaler Zugang', '1'],
  ['Ablehnung: Mitwirkung verweigert', '1'], // the coded occasion (R12, R35)
  ['Fallbestand am Monatsende', '4'], // 6 assigned − 1 declined − 1 ended
  ['Sechsmonatsprüfungen (R20)', '1'],
  ['Sechsmonatsprüfungen fristgerecht', '100 %'],
  ['Verweildauer über 6 Monate', '0'],
  ['Abgänge (R22)', '1'],
  ['Abgang: Integration in Arbeit', '1'],
  ['Rückgaben mit Widerspruch der IFK (R25)', '1'],
  ['Handlungsbedarfe festgestellt: Leistungsfähigkeit', '6'],
  ['Handlungsbedarfe festgestellt: Rahmenbedingungen', '11'],
  ['Handlungsbedarfe erledigt: Rahmenbedingungen', '2'],
  ['Fälle mit Mindestkontakten (R16)', '100 %'],
];

describe('/fm kennzahlen: the figures of a seeded month (R35)', () => {
  it('shows the team lead the last full month and the one before side by side, exactly as seeded (R35)', () => {
    const reply = h.ok('tl-fm-ue25', 'kennzahlen');
    expect(reply).toContain('Kennzahlen Fallmanagement Ü25');
    expect(reply).toContain('Monate: 09.2025 | 10.2025');
    for (const [label, october] of OCTOBER) {
      const september = label.startsWith('Potenzial: nicht vorgemerkt') ? '–' : label.includes('%') || october.endsWith('%') ? '–' : '0';
      expect([label, figureValues(reply, label)]).toEqual([label, [september, october]]);
    }
    // A breakdown that is zero in every month is left out.
    expect(reply).not.toContain('Abgang: Höchstdauer erreicht');
  });

  it('gives each FM of the team their caseload against capacity to the team lead only (R13, R14, R35)', () => {
    const loads = new Map<string, number>();
    for (const c of [...seeded.onTime, seeded.late, seeded.individual].filter((x) => x !== seeded.ended)) {
      const fm = h.world.store.cases.byCode(c)!.assignedFmId!;
      loads.set(fm, (loads.get(fm) ?? 0) + 1);
    }
    const reply = h.ok('tl-fm-ue25', 'kennzahlen von=10.2025 bis=10.2025');
    expect(reply).toContain('Monate: 10.2025');
    // Aylin works half time: capacity 150 × 0.5 = 75 (R14).
    const aylin = loads.get('fm-aylin') ?? 0;
    expect(reply).toContain(`Aylin Demir: Fallbestand ${aylin} · Kapazität 75 · Auslastung ${Math.round((100 * aylin) / 75)} %`);
    const tobias = loads.get('fm-tobias') ?? 0;
    expect(reply).toContain(`Tobias Krüger: Fallbestand ${tobias} · Kapazität 150 · Auslastung ${Math.round((100 * tobias) / 150)} %`);
    expect([...loads.values()].reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('carries no customer number, no case code and no free text (R35, data protection)', () => {
    for (const person of ['tl-fm-ue25', 'gl-mitte']) {
      const reply = h.ok(person, 'kennzahlen');
      expect(reply).not.toMatch(/FM-\d{4}-\d{4}/);
      for (const client of seeded.clients) expect(reply).not.toContain(client);
      for (const free of seeded.texts) expect(reply).not.toContain(free);
    }
    // Nothing went to a channel or anyone else.
    const before = h.world.store.outbox.count();
    h.ok('gl-mitte', 'kennzahlen');
    expect(h.world.store.outbox.count()).toBe(before);
  });

  it('shows the office lead every FM team of the office, with figures of fewer than 3 clients as "< 3" (R35)', () => {
    const reply = h.ok('gl-mitte', 'kennzahlen');
    expect(reply).toContain('Kennzahlen Fallmanagement Ü25');
    expect(reply).toContain('Kennzahlen Fallmanagement U25');
    expect(figureValues(reply, 'Vormerkungen')).toEqual(['0', '6']);
    expect(figureValues(reply, 'Ablehnungen (R12)')).toEqual(['0', '< 3']);
    expect(figureValues(reply, 'Abgänge (R22)')).toEqual(['0', '< 3']);
    expect(figureValues(reply, 'Handlungsbedarfe erledigt: Rahmenbedingungen')).toEqual(['0', '< 3']);
    // A share of fewer than 3 clients is hidden too; one of 4 is shown.
    expect(figureValues(reply, 'Sechsmonatsprüfungen fristgerecht')).toEqual(['–', '< 3']);
    expect(figureValues(reply, 'Übernahmen in der Frist (R4)')).toEqual(['–', '75 %']);
    expect(reply).toContain('„< 3“ (Datenschutz, R35)');
  });

  it('shows a team lead only their own team; an FM and an IFK are refused (R35)', () => {
    const u25 = h.ok('tl-fm-u25', 'kennzahlen');
    expect(u25).toContain('Kennzahlen Fallmanagement U25');
    expect(u25).not.toContain('Fallmanagement Ü25');
    expect(u25).not.toContain('Tobias');
    expect(h.refused('tl-fm-u25', 'kennzahlen team=fm-ue25')).toMatch(/^team: „fm-ue25“ ist keines deiner FM-Teams\. Möglich: fm-u25 \(R35\)/);
    expect(h.refused('fm-tobias', 'kennzahlen')).toMatch(/„kennzahlen“ können nur Personen mit einer der Rollen „teamlead“, „officelead“/);
    expect(h.refused('ifk-lena', 'kennzahlen')).toMatch(/„kennzahlen“ können nur/);
  });
});

/** FM U25 in 09.2025 | 10.2025: four cases over 24 months by the occasion of the extension that carried them there. */
const U25_REASONS: Array<[string, [string, string]]> = [
  ['Verweildauer über 24 Monate', ['4', '4']],
  ['Über 24 Monate, Anlass der Verlängerung: lange (Sucht-)Therapie', ['2', '2']],
  ['Über 24 Monate, Anlass der Verlängerung: ohne Angabe', ['1', '1']], // extended with a typed line without a code
  ['Über 24 Monate, Anlass der Verlängerung: ohne Verlängerung', ['1', '1']], // past its planned end, never extended
  ['Verlängerungen bewilligt (R19)', ['1', '0']],
  ['Ablehnungen (R12)', ['0', '1']],
  ['Ablehnung: ohne Angabe', ['0', '1']], // declined with a typed line without a code
];

describe('/fm kennzahlen: declines and stays over 24 months by coded reason (R12, R19, R35)', () => {
  it('counts the stays over 24 months by the code of the first extension, and declines by code, for the team lead (R35)', () => {
    const reply = h.ok('tl-fm-u25', 'kennzahlen');
    for (const [label, values] of U25_REASONS) expect([label, figureValues(reply, label)]).toEqual([label, values]);
    // The second extension (fortschritt) did not carry the case past 24 months: it is not its reason.
    expect(reply).not.toContain('Anlass der Verlängerung: Integrationsfortschritt absehbar');
    expect(reply).not.toContain('Ablehnung: Mitwirkung verweigert');
  });

  it('shows the office lead the reasons of fewer than 3 clients as "< 3", and no free text (R35, data protection)', () => {
    const reply = h.ok('gl-mitte', 'kennzahlen');
    const u25 = teamPart(reply, 'Fallmanagement U25');
    expect(figureValues(u25, 'Verweildauer über 24 Monate')).toEqual(['4', '4']);
    expect(figureValues(u25, 'Über 24 Monate, Anlass der Verlängerung: lange (Sucht-)Therapie')).toEqual(['< 3', '< 3']);
    expect(figureValues(u25, 'Ablehnung: ohne Angabe')).toEqual(['0', '< 3']);
    expect(figureValues(teamPart(reply, 'Fallmanagement Ü25'), 'Ablehnung: Mitwirkung verweigert')).toEqual(['0', '< 3']);
    for (const free of seeded.texts) expect(reply).not.toContain(free);
    expect(reply).not.toMatch(/FM-\d{4}-\d{4}/);
  });

  it('counts a stay by the extension granted by that month: a later extension changes the later months only (R35)', () => {
    // Before September 2025 no case was over 24 months (intake 11.09.2023).
    expect(figureValues(h.ok('tl-fm-u25', 'kennzahlen von=07.2025 bis=08.2025'), 'Verweildauer über 24 Monate')).toEqual(['0', '0']);
    const fm = h.world.store.cases.byCode(seeded.unextended)!.assignedFmId!;
    h.ok(fm, `verlaengern ${seeded.unextended} monate=6 anlass=massnahme grund="Kurs läuft noch"`);
    h.at('2025-12-03T10:00:00+01:00');
    const reply = h.ok('tl-fm-u25', 'kennzahlen');
    expect(reply).toContain('Monate: 10.2025 | 11.2025');
    expect(figureValues(reply, 'Über 24 Monate, Anlass der Verlängerung: ohne Verlängerung')).toEqual(['1', '0']);
    expect(figureValues(reply, 'Über 24 Monate, Anlass der Verlängerung: laufende Maßnahme abschließen')).toEqual(['0', '1']);
    expect(figureValues(reply, 'Über 24 Monate, Anlass der Verlängerung: lange (Sucht-)Therapie')).toEqual(['2', '2']);
  });
});

describe('/fm kennzahlen: months and the potential entered from VerBIS (R35)', () => {
  it('refuses wrong months, naming the field, and changes nothing (R35)', () => {
    expect(h.refused('tl-fm-ue25', 'kennzahlen von=13.2025')).toMatch(/von: „13\.2025“ ist kein Monat\. Bitte als MM\.JJJJ angeben/);
    expect(h.refused('tl-fm-ue25', 'kennzahlen von=10.2025 bis=09.2025')).toMatch(/von: 10\.2025 liegt nach bis 09\.2025 \(R35\)/);
    expect(h.refused('tl-fm-ue25', 'kennzahlen bis=12.2025')).toMatch(/bis: 12\.2025 hat noch nicht begonnen \(R35\)/);
    expect(h.refused('tl-fm-ue25', 'kennzahlen von=01.2024 bis=10.2025')).toMatch(/bis: Höchstens 12 Monate/);
  });

  it('replaces an entered potential, with an audit entry, and refuses a bad one (R35)', () => {
    expect(h.ok('tl-fm-ue25', 'kennzahlen potenzial=9 monat=10.2025')).toContain('Potenzial Fallmanagement Ü25 10.2025: 9 (vorher 7) (R35)');
    expect(figureValues(h.ok('tl-fm-ue25', 'kennzahlen'), 'Potenzial (R35)')).toEqual(['0', '14']);
    const audit = h.world.store.audit.byAction('controlling.potential');
    expect(audit.at(-1)).toMatchObject({ actorId: 'tl-fm-ue25', details: { teamId: 'fm-ue25', month: '2025-10', value: 9, replaced: 7 } });
    expect(h.refused('tl-fm-ue25', 'kennzahlen potenzial=viele monat=10.2025')).toMatch(/potenzial: „viele“ ist keine Anzahl/);
    expect(h.refused('tl-fm-ue25', 'kennzahlen potenzial=3')).toMatch(/monat: Bitte den Monat des Potenzials angeben/);
    expect(h.refused('gl-mitte', 'kennzahlen potenzial=3 monat=10.2025')).toMatch(/team: Bitte das FM-Team angeben: fm-ue25, fm-u25/);
    expect(h.ok('gl-mitte', 'kennzahlen potenzial=3 monat=10.2025 team=fm-u25')).toContain('Potenzial Fallmanagement U25 10.2025: 3');
  });
});

describe('/fm bedarf: needs resolved during FM (R35)', () => {
  it('records each found need once and names the ones still open; the review names them too (R20, R35)', () => {
    const code = seeded.onTime[2]!;
    const fm = h.world.store.cases.byCode(code)!.assignedFmId!;
    const reply = h.ok(fm, `bedarf ${code} erledigt=gesundheit`);
    expect(reply).toContain('Neu erledigt: gesundheit (05.11.2025)');
    expect(reply).toContain('Noch offen: sucht, schulden');
    expect(h.world.store.audit.forCase(code).at(-1)).toMatchObject({ action: 'case.needs_resolved', details: { needs: ['gesundheit'] } });
    expect(h.refused(fm, `bedarf ${code} erledigt=gesundheit`)).toMatch(/erledigt: gesundheit ist schon als erledigt erfasst \(R35\)/);
    expect(h.refused(fm, `bedarf ${code} erledigt=wohnen,sucht`)).toMatch(/erledigt: „wohnen“ wurde bei der Vormerkung nicht festgestellt\. Festgestellt: gesundheit, sucht, schulden \(R35\)/);
    expect(h.refused(fm, `bedarf ${code}`)).toMatch(/erledigt: Bitte die erledigten Handlungsbedarfe angeben/);
    expect(h.refused('ifk-lena', `bedarf ${code} erledigt=sucht`)).toMatch(/Nur/);
    expect(h.ok(fm, `pruefung ${code}`)).toContain(`Noch offene Handlungsbedarfe: sucht, schulden. Erledigte bitte erfassen: \`/fm bedarf ${code} erledigt=sucht\``);
    expect(figureValues(h.ok('tl-fm-ue25', 'kennzahlen von=11.2025 bis=11.2025'), 'Handlungsbedarfe erledigt: Leistungsfähigkeit')).toEqual(['1']);
  });

  it('takes the resolved needs at the six-monthly review too, in the same transaction (R20, R35)', () => {
    const code = seeded.onTime[2]!;
    const fm = h.world.store.cases.byCode(code)!.assignedFmId!;
    // A need not found at the referral: neither the review nor the need is recorded.
    expect(h.refused(fm, `pruefung ${code} erledigt=wohnen`)).toMatch(/erledigt: „wohnen“ wurde bei der Vormerkung nicht festgestellt/);
    expect(h.world.store.cases.byCode(code)!.lastReviewOn).toBeUndefined();
    const reply = h.ok(fm, `pruefung ${code} erledigt=sucht,schulden`);
    expect(reply).toContain('Neu erledigt: sucht, schulden');
    expect(reply).toContain('Noch offene Handlungsbedarfe: gesundheit.');
    expect(h.world.store.cases.byCode(code)!.lastReviewOn).toBe('2025-11-05');
    expect(h.world.store.controlling.resolvedNeeds(code).sort()).toEqual(['schulden', 'sucht']);
    const form = h.run(fm, 'pruefung');
    expect(form.kind === 'form' && form.form.fields.map((f) => f.key)).toEqual(['fall', 'datum', 'erledigt']);
  });
});

describe('/fm kennzahlen for a large office (R35)', () => {
  /** The demo organisation with `extra` more FM teams of the office, each with one FM. */
  function largeOffice(extra: number) {
    const org = exampleOrg();
    for (let i = 1; i <= extra; i++) {
      org.teams.push({ ...org.teams[0]!, id: `fm-extra-${i}`, name: `Fallmanagement Extra ${i}`, leads: [], slackChannel: undefined, teamsChannel: undefined });
      org.people.push({ ...org.people.find((p) => p.id === 'fm-stefan')!, id: `fm-extra-${i}`, name: `Fachkraft Extra ${i}`, team: `fm-extra-${i}`, slackUserId: undefined, teamsUserId: undefined, deputy: undefined });
    }
    return org;
  }

  it("fits eight FM teams into one Slack message for the office lead, and asks for a team beyond that (R35)", () => {
    const big = harness('2025-11-05T10:00:00+01:00', { org: largeOffice(6) });
    try {
      const response = big.run('gl-mitte', 'kennzahlen');
      expect(response.kind).toBe('message');
      if (response.kind !== 'message') return;
      const rendered = renderMessage(response.message);
      expect(rendered.blocks.length).toBeLessThanOrEqual(50);
      expect(big.textOf(response)).toContain('Kennzahlen Fallmanagement Extra 6');
    } finally {
      big.close();
    }
    const bigger = harness('2025-11-05T10:00:00+01:00', { org: largeOffice(7) });
    try {
      expect(bigger.refused('gl-mitte', 'kennzahlen')).toMatch(/^team: Höchstens 8 FM-Teams auf einmal – bitte eines wählen: fm-ue25, fm-u25, fm-extra-1/);
      expect(bigger.ok('gl-mitte', 'kennzahlen team=fm-extra-7')).toContain('Kennzahlen Fallmanagement Extra 7');
    } finally {
      bigger.close();
    }
  });
});
