/**
 * Slack end to end for controlling (R35): signed requests into Bolt, the real bot on SQLite with the seeded month of
 * kennzahlen.support.ts, and the fake Slack Web API. The charts are uploaded through files.getUploadURLExternal,
 * the upload URL and files.completeUploadExternal into the person's direct conversation; the App Home is published
 * with views.publish when opened and after the person's own changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toPlainText } from '../../../src/messaging/reply.js';
import { DUE_ACTIONS } from '../../../src/services/clocks.js';
import { seedOctober, type SeededMonth } from '../../commands/kennzahlen.support.js';
import type { SlackCall } from '../../support/fakeSlack.js';
import { decodePng } from '../../support/png.js';
import { post, slashCommand, TEST_TEAM } from '../../support/slackRequests.js';
import { startSlackWorld, type SlackWorld } from '../../support/slackWorld.js';

const LEAD = 'U0TLFMUE25';
const LENA = 'U0IFKLENA';
const FM_CHANNEL = 'C0FMUE25';

let slack: SlackWorld;
let seeded: SeededMonth;
let eventCounter = 0;

beforeEach(async () => {
  slack = await startSlackWorld('2025-10-01T09:00:00+02:00');
  const { world } = slack;
  seeded = seedOctober({
    world,
    at: (iso) => world.clock.set(Date.parse(iso)),
    ok: (personId, line) => {
      const response = world.bot.handleCommand({ platform: 'console', userId: personId }, line);
      if (response.kind !== 'message') throw new Error(JSON.stringify(response));
      return toPlainText(response.message);
    },
  });
  world.clock.set(Date.parse('2025-11-05T10:00:00+01:00'));
  slack.fake.reset();
});
afterEach(() => slack.close());

const command = (text: string, userId = LEAD) => post(slack.events, slashCommand({ text, userId, channelId: FM_CHANNEL }));

function homeOpened(userId: string) {
  eventCounter++;
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEST_TEAM.id,
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: `Ev0HOME${eventCounter}`,
    event_time: 1_700_000_200 + eventCounter,
    authorizations: [{ enterprise_id: null, team_id: TEST_TEAM.id, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event: { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home', event_ts: `1700000200.${String(eventCounter).padStart(6, '0')}` },
  });
  return post(slack.events, body, { headers: { 'content-type': 'application/json' } });
}

/** What a Home view may hold (Block Kit: at most 100 blocks of the kinds a Home tab accepts, texts within limits). */
function expectValidHome(call: SlackCall, userId: string): Array<Record<string, any>> {
  expect(call.params.user_id).toBe(userId);
  const view = typeof call.params.view === 'string' ? JSON.parse(call.params.view) : call.params.view;
  expect(view.type).toBe('home');
  expect(view.blocks.length).toBeGreaterThan(1);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  for (const block of view.blocks) {
    expect(['header', 'section', 'actions', 'divider', 'context']).toContain(block.type);
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'section' && block.fields) expect(block.fields.length).toBeLessThanOrEqual(10);
  }
  return view.blocks;
}

const shown = (blocks: unknown) => JSON.stringify(blocks);

describe('Slack App Home (R35)', () => {
  it("publishes the team lead's own view when the Home tab is opened, and again after the lead's own change", async () => {
    expect((await homeOpened(LEAD)).status).toBe(200);
    const [first] = await slack.fake.waitFor('views.publish');
    const blocks = expectValidHome(first!, LEAD);
    expect(shown(blocks)).toContain('Fallmanagement Ü25 – Kennzahlen 10.2025 (R35)');
    expect(shown(blocks)).toContain('Übernahmen in der Frist (R4)*\\n75 %');
    expect(shown(blocks)).toContain('Geplante Abgänge (Rückgabe, R25/R26)');
    expect(shown(blocks)).toContain(`${seeded.objected} – Widerspruch der IFK, die Teamleitungen entscheiden (R25); geplant am 29.10.2025`);
    expect(shown(blocks)).toContain(`${seeded.objected} – Rückgabe (R25), seit 29.10.2025`); // and among the open escalations
    for (const client of seeded.clients) expect(shown(blocks)).not.toContain(client);

    await command('kennzahlen potenzial=9 monat=10.2025');
    await slack.fake.waitFor('chat.postEphemeral');
    const [, second] = await slack.fake.waitFor('views.publish', 2);
    expectValidHome(second!, LEAD);
  });

  it("shows an FM today's and this week's due items with the digest's buttons, and the caseload against capacity", async () => {
    const fmId = slack.world.store.cases.byCode(seeded.individual)!.assignedFmId!;
    const fmSlack = slack.world.org.person(fmId)!.slackUserId!;
    await homeOpened(fmSlack);
    const [call] = await slack.fake.waitFor('views.publish');
    const blocks = expectValidHome(call!, fmSlack);
    expect(shown(blocks)).toContain('Heute und diese Woche fällig');
    expect(shown(blocks)).toContain(seeded.individual); // the intake is overdue (R4)
    const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: { action_id: string }) => e.action_id));
    expect(buttons).toContain(DUE_ACTIONS.later);
    expect(shown(blocks)).toContain('Fallbestand und Kapazität');
  });

  it('shows an IFK their referrals and where each stands, with case codes only', async () => {
    await homeOpened(LENA);
    const [call] = await slack.fake.waitFor('views.publish');
    const blocks = expectValidHome(call!, LENA);
    expect(shown(blocks)).toContain('Deine Vormerkungen');
    expect(shown(blocks)).toContain(`${seeded.declined} – abgelehnt`);
    expect(shown(blocks)).toContain(`${seeded.late} – aktiv (übernommen am 24.10.2025)`);
    for (const client of seeded.clients) expect(shown(blocks)).not.toContain(client);
  });

  it('publishes nothing for a person who has not opened the Home tab', async () => {
    await command('kennzahlen');
    await slack.fake.waitFor('chat.postEphemeral');
    expect(slack.fake.callsTo('views.publish')).toEqual([]);
  });
});

describe('charts in Slack (R35)', () => {
  it("uploads each chart as a PNG into the lead's direct conversation, never into a channel", async () => {
    await command('kennzahlen von=10.2025 bis=10.2025 grafik=ja');
    const [reply] = await slack.fake.waitFor('chat.postEphemeral');
    expect(reply!.params).toMatchObject({ channel: FM_CHANNEL, user: LEAD });
    const completes = await slack.fake.waitFor('files.completeUploadExternal', 3, 20_000);

    const [open] = slack.fake.callsTo('conversations.open');
    expect(open!.params.users).toBe(LEAD);
    const urls = slack.fake.callsTo('files.getUploadURLExternal');
    expect(urls.map((c) => c.params.filename)).toEqual(['auslastung-fm-ue25-2025-10.png', 'verlauf-fm-ue25-2025-10.png', 'abgaenge-fm-ue25-2025-10-2025-10.png']);
    const uploads = slack.fake.callsTo('file_upload');
    expect(uploads).toHaveLength(3);
    for (const [i, upload] of uploads.entries()) {
      const bytes = upload.params.bytes as Buffer;
      expect(Number(urls[i]!.params.length)).toBe(bytes.length);
      const png = decodePng(bytes);
      expect(png.width).toBeGreaterThan(500);
    }
    for (const complete of completes) {
      expect(complete.params.channel_id).toBe(`D${LEAD}`);
      const files = typeof complete.params.files === 'string' ? JSON.parse(complete.params.files) : complete.params.files;
      expect(files[0].title).toMatch(/Fallmanagement Ü25/);
    }
    expect(slack.fake.calls.filter((c) => c.params.channel_id?.startsWith?.('C'))).toEqual([]);
  });
});
