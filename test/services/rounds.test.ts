import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionResponse, BotResponse, Caller } from '../../src/messaging/ports.js';
import { toPlainText, type Block } from '../../src/messaging/reply.js';
import { insertCase, referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

const as = (userId: string): Caller => ({ platform: 'console', userId });

function plain(response: BotResponse | ActionResponse): string {
  if (response.kind === 'message' || response.kind === 'update') return toPlainText(response.message);
  if (response.kind === 'error') return response.text;
  return '';
}

let world: World;
beforeEach(() => {
  // Monday 21.12.2026: Katrin is absent from today until 04.01.2027.
  world = createWorld({ now: '2026-12-21T09:00:00+01:00' });
  const ifks = ['ifk-lena', 'ifk-murat', 'ifk-felix', 'ifk-anna', 'ifk-sabine', 'ifk-lena'];
  ifks.forEach((ifk, i) => {
    const response = world.bot.handleCommand(as(ifk), referralLine({ kunde: `100A00000${i}`, ...(i === 2 ? { hb: 'sucht,wohnen,schulden' } : {}) }));
    expect(response.kind).toBe('message');
  });
  world.clock.set(Date.parse('2026-12-22T09:00:00+01:00')); // the Tuesday meeting
});
afterEach(() => world.close());

function selects(blocks: Block[]): Extract<Block, { kind: 'select' }>[] {
  return blocks.filter((b): b is Extract<Block, { kind: 'select' }> => b.kind === 'select');
}

describe('the weekly assignment round (R9)', () => {
  it('posts a proposal to the team channel by individual caseload, leaving out the absent FM and saying why', () => {
    const reply = world.bot.handleCommand(as('fm-tobias'), 'runde');
    expect(plain(reply)).toContain('6 Vormerkungen');
    const posted = world.store.outbox.all().filter((i) => i.dedupeKey.startsWith('round.post'));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.target).toEqual({ kind: 'channel', teamId: 'fm-ue25' });
    const text = toPlainText(posted[0]!.message);
    expect(text).toContain('Katrin');
    expect(text).toMatch(/am Rundentag abwesend/);
    expect(text).not.toMatch(/100A0000/); // no client references in the channel

    const round = world.store.rounds.currentProposal('fm-ue25')!;
    const perFm = new Map<string, number>();
    for (const row of round.rows) perFm.set(row.fmId!, (perFm.get(row.fmId!) ?? 0) + 1);
    expect(perFm.get('fm-katrin')).toBeUndefined();
    expect(perFm.get('fm-aylin')).toBe(1); // 0.5 FTE: capacity 75
    expect((perFm.get('fm-tobias') ?? 0) + (perFm.get('fm-stefan') ?? 0)).toBe(5);
    expect(selects(posted[0]!.message.blocks)).toHaveLength(6);
  });

  it('lets the team change a row, confirms once, and tells each FM and IFK by direct message', () => {
    world.bot.handleCommand(as('fm-tobias'), 'runde');
    const round = world.store.rounds.currentProposal('fm-ue25')!;
    const moved = round.rows.find((r) => r.fmId !== 'fm-aylin')!;

    const changed = world.bot.handleAction(as('fm-stefan'), { actionId: 'round.choose', value: `${round.id}|${moved.caseCode}|fm-aylin` });
    expect(changed.kind).toBe('update');
    expect(world.store.rounds.byId(round.id)!.rows.find((r) => r.caseCode === moved.caseCode)?.fmId).toBe('fm-aylin');

    const confirmed = world.bot.handleAction(as('tl-fm-ue25'), { actionId: 'round.confirm', value: String(round.id) });
    expect(confirmed.kind).toBe('update');
    expect(plain(confirmed)).toMatch(/bestätigt/);
    expect(plain(confirmed)).toMatch(/Bestätigt von .* am 22\.12\.2026 09:00/);
    const cases = world.store.cases.list({ statuses: ['zugewiesen'] });
    expect(cases).toHaveLength(6);
    expect(world.store.cases.byCode(moved.caseCode)?.assignedFmId).toBe('fm-aylin');

    const dms = world.store.outbox.all().filter((i) => i.target.kind === 'direct' && i.dedupeKey.startsWith('case.assigned'));
    expect(dms).toHaveLength(12);
    const aylinDm = dms.find((i) => i.target.kind === 'direct' && i.target.personId === 'fm-aylin' && JSON.stringify(i.message).includes(moved.caseCode))!;
    const dmText = toPlainText(aylinDm.message);
    expect(dmText).toMatch(/100A0000\d/); // the FM's own DM carries the client reference
    expect(dmText).toMatch(/R5/);
    expect(dmText).toMatch(/R6/);
    expect(dmText).toMatch(/R8/);
  });

  it('ignores a second confirm and refuses a non-member, changing nothing', () => {
    world.bot.handleCommand(as('fm-tobias'), 'runde');
    const round = world.store.rounds.currentProposal('fm-ue25')!;

    const outsider = world.bot.handleAction(as('fm-jonas'), { actionId: 'round.confirm', value: String(round.id) });
    expect(outsider.kind).toBe('error');
    expect(plain(outsider)).toMatch(/Nur Mitglieder und Leitungen/);
    expect(world.store.rounds.byId(round.id)!.status).toBe('proposed');

    world.bot.handleAction(as('fm-tobias'), { actionId: 'round.confirm', value: String(round.id) });
    const before = world.counts();
    const again = world.bot.handleAction(as('tl-fm-ue25'), { actionId: 'round.confirm', value: String(round.id) });
    expect(again.kind).toBe('update');
    expect(again.kind === 'update' && again.note && toPlainText(again.note)).toMatch(/bereits .* bestätigt/);
    expect(world.counts()).toEqual(before);
    expect(world.store.rounds.byId(round.id)!.confirmedBy).toBe('fm-tobias');
  });

  it('works by typing too: change, recompute and confirm with /fm runde …', () => {
    world.bot.handleCommand(as('fm-tobias'), 'runde');
    const round = world.store.rounds.currentProposal('fm-ue25')!;
    const code = round.rows[0]!.caseCode;
    expect(plain(world.bot.handleCommand(as('fm-tobias'), `runde aendern ${code} fm=fm-stefan`))).toContain(code);
    expect(world.bot.handleCommand(as('fm-tobias'), `runde aendern ${code} fm=fm-jonas`)).toMatchObject({ kind: 'error' });
    expect(world.bot.handleCommand(as('fm-tobias'), 'runde neu').kind).toBe('message');
    expect(plain(world.bot.handleCommand(as('fm-tobias'), 'runde bestaetigen'))).toMatch(/6 Fälle zugewiesen/);
    expect(plain(world.bot.handleCommand(as('fm-tobias'), 'runde bestaetigen'))).toMatch(/keinen offenen Vorschlag/);
  });

  it('marks overflow and tells the team lead when the referrals exceed capacity (R4)', () => {
    // Fill everyone but Katrin to capacity with existing cases.
    world.store.transaction(() => {
      for (const [fmId, count] of [['fm-tobias', 150], ['fm-stefan', 150], ['fm-aylin', 75]] as const) {
        for (let i = 0; i < count; i++) insertCase(world.store, { status: 'aktiv', fmId, intakeOn: '2026-01-05' });
      }
    });
    world.bot.handleCommand(as('tl-fm-ue25'), 'runde');
    const round = world.store.rounds.currentProposal('fm-ue25')!;
    expect(round.rows.every((r) => r.overflow)).toBe(true);
    // The lead decides the overflow in the team's escalation thread (R4) and is asked by direct message.
    const leadDm = world.store.outbox.all().find((i) => i.dedupeKey.startsWith('escalation.decide') && i.target.kind === 'direct' && i.target.personId === 'tl-fm-ue25');
    expect(toPlainText(leadDm!.message)).toMatch(/R4/);
    const parent = world.store.outbox.all().find((i) => i.dedupeKey.startsWith('escalation.') && i.target.kind === 'channel' && !i.target.threadOf && !i.target.replaces);
    expect(parent?.target).toMatchObject({ kind: 'channel', teamId: 'fm-ue25' });
  });

  it('takes the team of the Slack or Teams channel the command was typed in', () => {
    const inUe25 = (platform: 'slack' | 'teams', userId: string, channelId: string) =>
      world.bot.handleCommand({ platform, userId, channelId }, 'runde');
    expect(plain(inUe25('teams', '29:platzhalter-fm-jonas', '19:platzhalter-fm-ue25@thread.tacv2'))).toMatch(/Nur Mitglieder und Leitungen von Fallmanagement Ü25/);
    expect(plain(inUe25('slack', 'U0FMJONAS', 'C0FMUE25'))).toMatch(/Nur Mitglieder und Leitungen von Fallmanagement Ü25/);
    expect(plain(inUe25('teams', '29:platzhalter-fm-tobias', '19:platzhalter-fm-ue25@thread.tacv2'))).toContain('6 Vormerkungen');
  });

  it('refuses the round to someone outside FM teams', () => {
    expect(plain(world.bot.handleCommand(as('ifk-lena'), 'runde'))).toMatch(/FM-Teams/);
    expect(world.store.rounds.currentProposal('fm-ue25')).toBeUndefined();
  });
});
