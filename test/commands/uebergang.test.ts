import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestTransferFlag } from '../../commands/uebergang.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { harness, type Harness } from './lifecycle.support.js';

const CLIENT = '123A456789';
const U25 = 'FM-2025-0001';
const UE25 = 'FM-2025-0002';

let h: Harness;

beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

/** A U25 case referred by ifk-nele, of fm-jonas, active since its intake on 20.10.2025. */
const activeU25Case = (u25Until: string) => h.activeCase({ group: 'u25', client: CLIENT, u25Until });

describe('R10: the last day to flag the transfer', () => {
  it('is the first day of the month three months before the 25th-birthday month', () => {
    expect(latestTransferFlag('2027-04')).toBe('2027-01-01');
    expect(latestTransferFlag('2026-02')).toBe('2025-11-01');
    expect(latestTransferFlag('2026-12')).toBe('2026-09-01');
  });
});

describe('/fm uebergang: U25 → Ü25 (R10)', () => {
  it('creates an Ü25 referral linked to the U25 case with the same client data, in time', () => {
    activeU25Case('2026-04');
    const response = h.run('fm-jonas', `uebergang ${U25}`);

    expect(response.kind).toBe('message');
    const reply = h.textOf(response);
    expect(reply).toContain(UE25);
    expect(reply).toContain('123A456789');
    expect(reply).toMatch(/Vormerken spätestens \(R10\): 01\.01\.2026 – eingehalten/);
    const u25 = h.world.store.cases.byCode(U25)!;
    expect(h.world.store.cases.byCode(UE25)).toMatchObject({
      status: 'vorgemerkt',
      group: 'ue25',
      clientRef: u25.clientRef,
      needs: u25.needs,
      prognosis: u25.prognosis,
      route: u25.route,
      u25Until: '2026-04',
      transferFrom: U25,
      transferLate: false,
      referringPersonId: 'ifk-nele', // R26: the IFK who referred the client stays the referring person
      referringTeamId: 'fm-u25',
      receivingTeamId: 'fm-ue25',
      flaggedOn: '2025-10-20',
      intakeDeadline: '2025-11-10',
    });
    expect(h.world.store.cases.byCode(U25)!.status).toBe('aktiv'); // ends only with the Ü25 intake
    expect(h.world.store.audit.forCase(UE25).map((e) => e.action)).toEqual(['referral.created']);
    expect(h.world.store.audit.forCase(U25).map((e) => e.action)).toContain('transfer.flagged');
    expect(h.outboxTo('direct', 'tl-fm-u25')).toHaveLength(0);
  });

  it('tells the Ü25 channel the new referral and its origin, without the client reference', () => {
    activeU25Case('2026-04');
    h.run('fm-jonas', `uebergang ${U25}`);
    const [notice, ...more] = h.outboxTo('channel', 'fm-ue25');
    expect(more).toHaveLength(0);
    const text = JSON.stringify(notice!.message);
    expect(text).toContain(`Neue Vormerkung ${UE25} (Übergang aus U25)`);
    expect(text).toContain(U25);
    expect(text).toContain('10.11.2025');
    expect(text).not.toContain('123A456789');
  });

  it('accepts a late transfer but marks it and tells the U25 lead with case codes only', () => {
    activeU25Case('2026-01'); // flag by 01.10.2025 at the latest
    const reply = h.textOf(h.run('fm-jonas', `uebergang ${U25}`));

    expect(reply).toMatch(/01\.10\.2025 – verspätet/);
    expect(reply).toMatch(/Teamleitung von „Fallmanagement U25“ ist informiert/);
    expect(h.world.store.cases.byCode(UE25)!.transferLate).toBe(true);
    const [dm] = h.outboxTo('direct', 'tl-fm-u25');
    const text = JSON.stringify(dm!.message);
    expect(text).toContain(U25);
    expect(text).toContain(UE25);
    expect(text).not.toContain('123A456789');
    expect(JSON.stringify(h.outboxTo('channel', 'fm-ue25')[0]!.message)).toMatch(/später als drei Monate/);
  });

  it('counts a transfer flagged on the last allowed day as in time', () => {
    activeU25Case('2026-04');
    h.at('2026-01-01T10:00:00+01:00');
    h.run('fm-jonas', `uebergang ${U25}`);
    expect(h.world.store.cases.byCode('FM-2026-0001')!.transferLate).toBe(false);
  });

  it('lets the U25 lead flag it for the FM; the referring person stays the IFK who referred the client (R10, R26)', () => {
    activeU25Case('2026-04');
    expect(h.run('tl-fm-u25', `uebergang ${U25}`).kind).toBe('message');
    expect(h.world.store.cases.byCode(UE25)!.referringPersonId).toBe('ifk-nele');
  });

  it('lets the stand-in of an absent U25 FM flag it, who gets the weekly reminder meanwhile (R10, R17)', () => {
    activeU25Case('2026-04');
    h.world.store.absences.add({ personId: 'fm-jonas', from: '2025-10-20', to: '2025-10-31', recordedBy: 'fm-jonas', recordedAt: 0 });
    expect(h.ok('fm-mira', `uebergang ${U25}`)).toContain(UE25);
    expect(h.world.store.cases.byCode(UE25)!.referringPersonId).toBe('ifk-nele');
  });

  it('offers a form listing only U25 cases of the FM', () => {
    activeU25Case('2026-04');
    const response = h.run('fm-jonas', 'uebergang');
    expect(response.kind === 'form' && response.form.fields[0]?.kind === 'select' && response.form.fields[0].options.map((o) => o.value)).toEqual([
      U25,
    ]);
  });
});

describe('/fm uebergang: the Ü25 FM decides', () => {
  it('ends the U25 case with the Ü25 intake and tells the U25 FM (R10)', () => {
    activeU25Case('2026-04');
    h.run('fm-jonas', `uebergang ${U25}`);
    h.assign(UE25, 'fm-tobias');
    h.at('2025-11-03T10:00:00+01:00');
    const reply = h.textOf(h.run('fm-tobias', `uebernahme ${UE25} datum=03.11.2025 warm=ja ziele=ja`));

    expect(reply).toContain(`Der U25-Fall ${U25} ist mit dieser Übernahme beendet`);
    expect(h.world.store.cases.byCode(UE25)!.status).toBe('aktiv');
    expect(h.world.store.cases.byCode(U25)).toMatchObject({ status: 'beendet', endedOn: '2025-11-03', endReason: 'uebergang-ue25' });
    expect(h.world.store.audit.forCase(U25).map((e) => e.action)).toContain('case.ended');
    const dms = h.outboxTo('direct', 'fm-jonas');
    expect(dms).toHaveLength(1);
    expect(toPlainText(dms[0]!.message)).toMatch(/Der U25-Fall FM-2025-0001 ist damit beendet/);
    expect(h.textOf(h.run('tl-fm-u25', 'team'))).toMatch(/Jonas Becker: 0 Fälle/);
  });

  it('keeps the U25 case when the Ü25 FM declines, and allows a new transfer then', () => {
    activeU25Case('2026-04');
    h.run('fm-jonas', `uebergang ${U25}`);
    h.assign(UE25, 'fm-tobias');
    h.run('fm-tobias', `ablehnen ${UE25} grund="Übergabe erst nach Therapieende"`);

    expect(h.world.store.cases.byCode(U25)!.status).toBe('aktiv');
    // The decline goes to the referring person on record, now the IFK (commands/ablehnen.ts).
    expect(h.directTo('ifk-nele').some((m) => m.includes('Übergabe erst nach Therapieende'))).toBe(true);
    expect(h.textOf(h.run('fm-jonas', `uebergang ${U25}`))).toContain('FM-2025-0003');
  });

  it('tells the U25 FM as well as the IFK when the Ü25 FM declines the transfer (R10)', () => {
    activeU25Case('2026-04');
    h.run('fm-jonas', `uebergang ${U25}`);
    h.assign(UE25, 'fm-tobias');
    h.run('fm-tobias', `ablehnen ${UE25} grund="Übergabe erst nach Therapieende"`);
    expect(h.directTo('fm-jonas').some((m) => m.includes('Übergabe erst nach Therapieende'))).toBe(true);
    expect(h.directTo('ifk-nele').some((m) => m.includes('Übergabe erst nach Therapieende'))).toBe(true);
  });

  it('sends the return talk at the end of the Ü25 case to the IFK who referred the client, not the U25 FM (R26)', () => {
    activeU25Case('2026-04');
    h.run('fm-jonas', `uebergang ${U25}`);
    h.assign(UE25, 'fm-tobias');
    h.at('2025-11-03T10:00:00+01:00');
    h.ok('fm-tobias', `uebernahme ${UE25} datum=03.11.2025 warm=ja ziele=ja`);
    const jonasBefore = h.outboxTo('direct', 'fm-jonas').length;

    expect(h.ok('fm-tobias', `abgang ${UE25} grund=integration`)).toMatch(/Rückgabegespräch/);
    const [returnTalk] = h.outboxTo('direct', 'ifk-nele').filter((i) => i.dedupeKey.startsWith('case.return'));
    expect(returnTalk?.dedupeKey).toBe(`case.return.ask:${h.world.store.returns.openFor(UE25)!.id}:ifk-nele`);
    expect(toPlainText(returnTalk!.message)).toMatch(/Rückgabegespräch vereinbaren \(R26\)/);
    expect(h.outboxTo('direct', 'fm-jonas')).toHaveLength(jonasBefore);
  });
});

describe('/fm uebergang: refusals change nothing', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['an Ü25 FM', 'fm-tobias', /Nur die zuständige Fachkraft \(Jonas Becker\), ihre Vertretung während einer Abwesenheit \(R17\) oder die Teamleitung von „Fallmanagement U25“/],
    ['another U25 FM', 'fm-mira', /Nur die zuständige Fachkraft/],
    ['the IFK who referred the client', 'ifk-nele', /Nur die zuständige Fachkraft/],
    ['the Ü25 lead', 'tl-fm-ue25', /Nur die zuständige Fachkraft/],
  ];

  it.each(cases)('refuses %s', (_name, personId, expected) => {
    activeU25Case('2026-04');
    const before = h.counts();
    expect(h.textOf(h.run(personId, `uebergang ${U25}`))).toMatch(expected);
    expect(h.counts()).toEqual(before);
  });

  it('refuses a second transfer while the first is open, naming it', () => {
    activeU25Case('2026-04');
    h.run('fm-jonas', `uebergang ${U25}`);
    const before = h.counts();
    expect(h.textOf(h.run('fm-jonas', `uebergang ${U25}`))).toMatch(/läuft schon ein Übergang: FM-2025-0002 \(vorgemerkt\)/);
    expect(h.counts()).toEqual(before);
  });

  it('refuses a U25 referral that is not assigned yet', () => {
    h.referredCase({ group: 'u25', client: CLIENT, u25Until: '2026-04' });
    const before = h.counts();
    expect(h.textOf(h.run('tl-fm-u25', `uebergang ${U25}`))).toMatch(/ist vorgemerkt\. Das geht nur bei Fällen, die zugewiesen oder aktiv sind/);
    expect(h.counts()).toEqual(before);
  });

  it('refuses an Ü25 case (R10)', () => {
    h.assignedCase({ client: CLIENT }); // referred by ifk-lena, assigned to fm-tobias
    const before = h.counts();
    expect(h.textOf(h.run('fm-tobias', `uebergang ${U25}`))).toMatch(/kein U25-Fall.*\(R10\)/);
    expect(h.counts()).toEqual(before);
  });

  it('refuses an unknown case code and keys it does not take', () => {
    activeU25Case('2026-04');
    const before = h.counts();
    expect(h.textOf(h.run('fm-jonas', 'uebergang FM-2025-0042'))).toMatch(/Den Fall FM-2025-0042 gibt es nicht/);
    expect(h.textOf(h.run('fm-jonas', `uebergang ${U25} datum=01.11.2025`))).toMatch(/datum: Diese Angabe gibt es bei „uebergang“ nicht/);
    expect(h.counts()).toEqual(before);
  });
});
