import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotResponse, Caller } from '../../src/messaging/ports.js';
import type { Org, Person } from '../../src/config/org.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { CLIENT, referralForm, referralLine } from '../support/build.js';
import { createWorld, exampleOrg, type World } from '../support/world.js';

const FULL = referralLine({ kunde: CLIENT });

function textOf(response: BotResponse): string {
  if (response.kind === 'message') return toPlainText(response.message);
  if (response.kind === 'error') return response.text;
  return JSON.stringify(response.form);
}

let world: World;
let ifk: Person;
let console_: (person: Person) => Caller;

beforeEach(() => {
  world = createWorld({ now: '2025-10-20T09:00:00+02:00' });
  ifk = world.org.org.people.find((p) => p.roles.includes('ifk'))!;
  console_ = (person) => ({ platform: 'console', userId: person.id });
});
afterEach(() => world.close());

function refer(line: string, as: Person = ifk): BotResponse {
  return world.bot.handleCommand(console_(as), line);
}

describe('/fm vormerken: success', () => {
  it('confirms privately with case code, client reference, counted needs and the 14-working-day deadline (R4)', () => {
    const response = refer(FULL);
    expect(response.kind).toBe('message');
    const text = textOf(response);
    expect(text).toContain('FM-2025-0001');
    expect(text).toContain('123A456789');
    expect(text).toContain('10.11.2025'); // 31.10. is Reformation Day in Bremen
    expect(text).toMatch(/Handlungsbedarfe.*3/);
  });

  it('queues a notice for the receiving Ü25 team that never contains the client reference', () => {
    refer(FULL);
    const [item] = world.store.outbox.all();
    const ue25 = world.org.teamsOfKind('fm_ue25')[0]!;
    expect(item?.target).toEqual({ kind: 'channel', teamId: ue25.id });
    const notice = JSON.stringify(item?.message);
    expect(notice).toContain('FM-2025-0001');
    expect(notice).toContain('10.11.2025');
    expect(notice).not.toContain('123A456789');
    expect(world.store.audit.forCase('FM-2025-0001').map((e) => e.action)).toEqual(['referral.created']);
  });

  it('routes a U25 referral to the U25 team and stores the month of the 25th birthday (R10, R13)', () => {
    const response = refer(referralLine({ gruppe: 'u25', u25bis: '2027-04' }));
    expect(response.kind).toBe('message');
    const record = world.store.cases.byCode('FM-2025-0001')!;
    expect(record.receivingTeamId).toBe(world.org.teamsOfKind('fm_u25')[0]!.id);
    expect(record.u25Until).toBe('2027-04');
  });

  it('numbers cases sequentially and starts again in a new Berlin year', () => {
    refer(FULL);
    refer(referralLine());
    expect(world.store.cases.byCode('FM-2025-0002')).toBeDefined();
    world.clock.set(Date.parse('2025-12-31T23:30:00Z')); // already 1 January 2026 in Berlin
    expect(textOf(refer(referralLine()))).toContain('FM-2026-0001');
  });

  it('accepts the individual-case route with a reason even for a market-near client (R2)', () => {
    const response = refer(referralLine({ zugang: 'einzelfall', prognose: 'marktnah', hb: 'wohnen', grund: 'akut' }));
    expect(response.kind).toBe('message');
    expect(textOf(response)).toMatch(/Einzelfallentscheidung/);
  });

  it('lets an IFK who typed a lower-case letter in the customer number still refer', () => {
    expect(textOf(refer(referralLine({ kunde: '123a456789' })))).toContain('123A456789');
  });
});

describe('/fm vormerken: refusals change nothing', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['R1 with only two needs in the key groups', referralLine({ hb: 'gesundheit,sucht' }), /hb:.*R1/s],
    ['needs outside the key groups do not count (R1)', referralLine({ hb: 'gesundheit,sucht,sprache' }), /R1/],
    ['a market-near prognosis on the formal route (R1a)', referralLine({ prognose: 'marktnah' }), /prognose:.*R1/s],
    ['integration within 12 months likely (R1b)', referralLine({ integration12: 'ja' }), /integration12:.*R1/s],
    ['no concrete progress expected (R1c)', referralLine({ einschaetzung: 'nein' }), /einschaetzung:.*R1/s],
    ['the individual-case route without a reason (R2)', referralLine({ zugang: 'einzelfall' }), /grund:.*R2/s],
    ['no consent (R8)', referralLine({ zustimmung: 'nein' }), /zustimmung:.*R8/s],
    ['client not informed (R8)', referralLine({ informiert: 'nein' }), /informiert:.*R8/s],
    ['not flagged in VerBIS (R3)', referralLine({ verbis: 'nein' }), /verbis:.*R3/s],
    ['U25 without the birthday month (R10)', referralLine({ gruppe: 'u25', u25bis: undefined }), /u25bis:.*R10/s],
    ['unknown subcommand', 'vormerkn kunde=123A456789', /„vormerkn“ kenne ich nicht/],
    ['unknown key', FULL + ' name=Meier', /name: Diese Angabe gibt es bei „vormerken“ nicht/],
    ['repeated key', FULL + ' gruppe=u25', /gruppe: .*mehrfach/],
    ['missing field', referralLine({ verbis: undefined }), /verbis: Diese Angabe fehlt/],
    ['wrong value', referralLine({ gruppe: 'ü30' }), /gruppe: Erlaubt sind nur „u25“, „ue25“/],
    ['malformed client reference', referralLine({ kunde: 'Max-Mustermann' }), /kunde: .*3 Ziffern, ein Buchstabe, 6 Ziffern/],
    ['unknown need code', referralLine({ hb: 'gesundheit,sucht,lotto' }), /hb: Unbekannte Handlungsbedarfe: lotto/],
    ['repeated need code', referralLine({ hb: 'sucht,sucht,schulden' }), /hb: Doppelt genannt: sucht/],
    ['a text of 10,000 characters', referralLine({ grund: 'x'.repeat(10_000) }), /zu lang/],
    ['control characters', FULL.replace('gruppe', 'gruppe\u0007'), /Steuerzeichen/],
  ];

  it.each(cases)('%s', (_name, line, expected) => {
    const before = world.counts();
    const response = refer(line);
    expect(response.kind).toBe('error');
    expect(textOf(response)).toMatch(expected);
    expect(world.counts()).toEqual(before);
  });

  it('reports every wrong field at once, each by its name', () => {
    const response = refer(referralLine({ gruppe: 'x', verbis: 'vielleicht' }));
    expect(response.kind === 'error' && Object.keys(response.fieldErrors).sort()).toEqual(['gruppe', 'verbis']);
  });

  it('refuses a client with an open referral, naming the existing case code', () => {
    refer(FULL);
    const before = world.counts();
    const response = refer(FULL);
    expect(textOf(response)).toMatch(/kunde: .*FM-2025-0001/);
    expect(world.counts()).toEqual(before);
  });

  it('lets only IFK refer (R3)', () => {
    const fm = world.org.org.people.find((p) => p.roles.includes('fm'))!;
    const response = refer(FULL, fm);
    expect(textOf(response)).toMatch(/nur Integrationsfachkräfte/);
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('tells a Slack user who is not in the organisation file that they are unknown and who can add them', () => {
    const response = world.bot.handleCommand({ platform: 'slack', userId: 'U0STRANGER' }, FULL);
    const admin = world.org.admins()[0]!;
    expect(textOf(response)).toMatch(/nicht eingetragen \(Benutzer-ID U0STRANGER\)/);
    expect(textOf(response)).toContain(admin.name);
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });

  it('refuses when the receiving FM team has no Slack channel configured, and stores nothing', () => {
    world.close();
    const org: Org = exampleOrg();
    for (const team of org.teams) if (team.kind === 'fm_ue25') delete team.slackChannel;
    world = createWorld({ now: '2025-10-20T09:00:00+02:00', org });
    const slackIfk = org.people.find((p) => p.roles.includes('ifk') && p.slackUserId)!;
    const response = world.bot.handleCommand({ platform: 'slack', userId: slackIfk.slackUserId! }, FULL);
    expect(textOf(response)).toMatch(/keinen Slack-Kanal/);
    expect(world.counts()).toEqual({ cases: 0, audit: 0, outbox: 0 });
  });
});

describe('/fm vormerken as a form', () => {
  it('opens a form with the needs grouped by key group when called bare', () => {
    const response = refer('vormerken');
    expect(response.kind).toBe('form');
    if (response.kind !== 'form') return;
    const hb = response.form.fields.find((f) => f.key === 'hb');
    expect(hb?.kind).toBe('multiselect');
    if (hb?.kind !== 'multiselect') return;
    expect(hb.groups.map((g) => g.label)).toEqual(['Leistungsfähigkeit', 'Rahmenbedingungen', 'Sonstige']);
    expect(response.form.fields.map((f) => f.key)).toContain('verbis');
  });

  it('refuses the form to someone who may not refer', () => {
    const lead = world.org.org.people.find((p) => p.roles.includes('officelead'))!;
    expect(refer('vormerken', lead).kind).toBe('error');
  });

  it('saves a submitted form and maps wrong values to their fields', () => {
    const values = referralForm({ hb: 'gesundheit,sucht', grund: '', u25bis: '' });
    const refused = world.bot.submitForm(console_(ifk), 'vormerken', values);
    expect(refused.kind === 'error' && Object.keys(refused.fieldErrors)).toEqual(['hb']);
    expect(world.counts().cases).toBe(0);
    const saved = world.bot.submitForm(console_(ifk), 'vormerken', { ...values, hb: 'gesundheit,sucht,wohnen' });
    expect(textOf(saved)).toContain('FM-2025-0001');
  });
});

describe('/fm vormerkungen and /fm hilfe', () => {
  it('shows an IFK their own open referrals and the receiving team its own, but not another team', () => {
    refer(FULL);
    const fmUe25 = world.org.org.people.find((p) => p.roles.includes('fm') && world.org.team(p.team!)?.kind === 'fm_ue25')!;
    const fmU25 = world.org.org.people.find((p) => p.roles.includes('fm') && world.org.team(p.team!)?.kind === 'fm_u25')!;
    expect(textOf(world.bot.handleCommand(console_(ifk), 'vormerkungen'))).toContain('FM-2025-0001');
    expect(textOf(world.bot.handleCommand(console_(fmUe25), 'vormerkungen'))).toContain('FM-2025-0001');
    expect(textOf(world.bot.handleCommand(console_(fmU25), 'vormerkungen'))).toContain('Keine offenen Vormerkungen');
  });

  it('refuses the list to someone with no team role', () => {
    const admin = world.org.admins()[0]!;
    expect(world.bot.handleCommand(console_(admin), 'vormerkungen').kind).toBe('error');
  });

  it('lists every subcommand with an example in German', () => {
    const text = textOf(world.bot.handleCommand(console_(ifk), 'hilfe'));
    for (const name of ['/fm hilfe', '/fm vormerken', '/fm vormerkungen']) expect(text).toContain(name);
    expect(text).toContain('sucht');
    expect(textOf(world.bot.handleCommand(console_(ifk), ''))).toBe(text);
  });
});
