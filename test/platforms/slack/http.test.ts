/**
 * The Slack platform over real HTTP: Bolt's receiver on 127.0.0.1, a fake Web API behind it, and a
 * scripted BotApi so each answer kind (message, form, refusal, crash) can be provoked on purpose.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionInput, ActionResponse, BotApi, BotResponse, Caller } from '../../../src/messaging/ports.js';
import { OrgIndex } from '../../../src/config/orgIndex.js';
import { heading, message, text, type Form } from '../../../src/messaging/reply.js';
import { createSlackPlatform, type SlackPlatform } from '../../../src/platforms/slack/app.js';
import { FakeSlack, memoryLogger } from '../../support/fakeSlack.js';
import { blockActions, post, slashCommand, TEST_SIGNING_SECRET, viewSubmission } from '../../support/slackRequests.js';
import { exampleOrg } from '../../support/world.js';

const org = new OrgIndex(exampleOrg());

const FORM: Form = {
  command: 'vormerken',
  title: 'Vormerken',
  submitLabel: 'Speichern',
  fields: [
    { kind: 'text', key: 'kunde', label: 'Kundenreferenz', required: true },
    { kind: 'select', key: 'gruppe', label: 'Gruppe', required: true, options: [{ value: 'ue25', label: 'Ü25' }] },
  ],
};

/** A BotApi that answers what the test sets and records what it was asked. */
class ScriptedBot implements BotApi {
  next: () => BotResponse = () => ({ kind: 'message', message: message('Hallo', text('Hallo')) });
  nextAction: () => ActionResponse = () => this.next();
  readonly commands: Array<{ userId: string; channelId?: string | undefined; text: string }> = [];
  readonly submissions: Array<{ userId: string; channelId?: string | undefined; command: string; values: Record<string, string> }> = [];
  readonly actions: Array<{ caller: Caller; action: ActionInput }> = [];
  handleCommand(caller: Caller, line: string): BotResponse {
    this.commands.push({ userId: caller.userId, channelId: caller.channelId, text: line });
    return this.next();
  }
  submitForm(caller: Caller, command: string, values: Record<string, string>): BotResponse {
    this.submissions.push({ userId: caller.userId, channelId: caller.channelId, command, values });
    return this.next();
  }
  handleAction(caller: Caller, action: ActionInput): ActionResponse {
    this.actions.push({ caller, action });
    return this.nextAction();
  }
  handleThreadReply(): undefined {
    return undefined;
  }
}

let fake: FakeSlack;
let platform: SlackPlatform;
let bot: ScriptedBot;
let healthy: () => boolean;
let logger: ReturnType<typeof memoryLogger>;
let events: string;

beforeEach(async () => {
  fake = await FakeSlack.start();
  bot = new ScriptedBot();
  healthy = () => true;
  logger = memoryLogger();
  platform = createSlackPlatform({
    botToken: fake.token,
    signingSecret: TEST_SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    bot,
    org,
    healthy: () => healthy(),
    logger,
  });
  await platform.start();
  events = `http://127.0.0.1:${platform.port()}/slack/events`;
});

afterEach(async () => {
  await platform.stop();
  await fake.close();
});

describe('request authenticity', () => {
  it('verifies the bot token with auth.test before it listens', () => {
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('answers 401 to a forged signature and never reaches the bot', async () => {
    const body = slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' });
    const response = await post(events, body, { signature: `v0=${'0'.repeat(64)}` });
    expect(response.status).toBe(401);
    expect(bot.commands).toEqual([]);
  });

  it('answers 401 to a request signed with another secret', async () => {
    const body = slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' });
    expect((await post(events, body, { secret: 'someone-else' })).status).toBe(401);
  });

  it('answers 401 to a correctly signed request older than five minutes (replay)', async () => {
    const body = slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' });
    const response = await post(events, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
    expect(bot.commands).toEqual([]);
  });
});

describe('GET /healthz', () => {
  it('is 200 while the application is healthy and 503 when it is not', async () => {
    const base = `http://127.0.0.1:${platform.port()}/healthz`;
    expect((await fetch(base)).status).toBe(200);
    healthy = () => false;
    expect((await fetch(base)).status).toBe(503);
    healthy = () => {
      throw new Error('database is locked');
    };
    expect((await fetch(base)).status).toBe(503);
  });
});

describe('/fm', () => {
  it('acknowledges with an empty answer, then replies privately in the channel', async () => {
    bot.next = () => ({ kind: 'message', message: message('Hilfe', heading('FM-Lotse'), text('So geht es.')) });
    const response = await post(events, slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const [call] = await fake.waitFor('chat.postEphemeral');
    expect(call!.params).toMatchObject({ channel: 'C0MI1', user: 'U0IFKLENA', text: 'Hilfe' });
    expect(call!.params.blocks.map((b: any) => b.type)).toEqual(['header', 'section']);
    expect(call!.token).toBe(fake.token);
    expect(bot.commands).toEqual([{ userId: 'U0IFKLENA', channelId: 'C0MI1', text: 'hilfe' }]);
  });

  it('opens the form as a modal with the trigger id of the command', async () => {
    bot.next = () => ({ kind: 'form', form: FORM });
    await post(events, slashCommand({ text: 'vormerken', userId: 'U0IFKLENA', channelId: 'C0MI1', triggerId: 'trig-123' }));
    const [call] = await fake.waitFor('views.open');
    expect(call!.params.trigger_id).toBe('trig-123');
    expect(call!.params.view).toMatchObject({ type: 'modal', callback_id: 'fm_form' });
    expect(JSON.parse(call!.params.view.private_metadata)).toEqual({ command: 'vormerken', channelId: 'C0MI1' });
  });

  it('shows a refusal privately, listing field problems the text does not mention', async () => {
    bot.next = () => ({ kind: 'error', text: 'Das ging nicht.', fieldErrors: { hb: 'Mindestens drei Handlungsbedarfe (R1).' } });
    await post(events, slashCommand({ text: 'vormerken kunde=1', userId: 'U0IFKLENA', channelId: 'C0MI1' }));
    const [call] = await fake.waitFor('chat.postEphemeral');
    expect(JSON.stringify(call!.params.blocks)).toContain('Mindestens drei Handlungsbedarfe (R1).');
    expect(call!.params.text).toBe('Das ging nicht.');
  });

  it('sends a direct message when the bot cannot post into the conversation', async () => {
    fake.failNext('chat.postEphemeral', 1, { error: 'channel_not_found' });
    await post(events, slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'D0OTHERS' }));
    const [dm] = await fake.waitFor('chat.postMessage');
    expect(dm!.params).toMatchObject({ channel: 'U0IFKLENA', text: 'Hallo' });
  });
});

describe('form submissions', () => {
  const openedView = async (): Promise<Record<string, any>> => {
    bot.next = () => ({ kind: 'form', form: FORM });
    await post(events, slashCommand({ text: 'vormerken', userId: 'U0IFKLENA', channelId: 'C0MI1' }));
    const [call] = await fake.waitFor('views.open');
    return call!.params.view;
  };

  it('hands the values and the command to the bot, closes the modal and confirms in the channel', async () => {
    const view = await openedView();
    bot.next = () => ({ kind: 'message', message: message('Gespeichert', text('Gespeichert')) });
    const response = await post(events, viewSubmission({ userId: 'U0IFKLENA', view, values: { kunde: '123A456789', gruppe: 'ue25' } }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(bot.submissions).toEqual([
      { userId: 'U0IFKLENA', channelId: 'C0MI1', command: 'vormerken', values: { kunde: '123A456789', gruppe: 'ue25' } },
    ]);
    const [call] = await fake.waitFor('chat.postEphemeral');
    expect(call!.params).toMatchObject({ channel: 'C0MI1', user: 'U0IFKLENA', text: 'Gespeichert' });
  });

  it('keeps the modal open with the messages next to the fields', async () => {
    const view = await openedView();
    bot.next = () => ({ kind: 'error', text: 'Bitte korrigieren.', fieldErrors: { kunde: 'Format falsch', other: 'Sonstiges' } });
    const response = await post(events, viewSubmission({ userId: 'U0IFKLENA', view, values: { kunde: 'x', gruppe: 'ue25' } }));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ response_action: 'errors', errors: { kunde: 'Format falsch\nSonstiges' } });
  });

  it('confirms by direct message when the form came without a channel', async () => {
    const view = await openedView();
    view.private_metadata = JSON.stringify({ command: 'vormerken' });
    bot.next = () => ({ kind: 'message', message: message('Gespeichert', text('Gespeichert')) });
    await post(events, viewSubmission({ userId: 'U0IFKLENA', view, values: { kunde: '123A456789' } }));
    const [dm] = await fake.waitFor('chat.postMessage');
    expect(dm!.params.channel).toBe('U0IFKLENA');
    expect(fake.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it('replaces the modal when the bot answers with a follow-up form', async () => {
    const view = await openedView();
    const response = await post(events, viewSubmission({ userId: 'U0IFKLENA', view, values: { kunde: '123A456789' } }));
    expect(response.json()).toMatchObject({ response_action: 'update', view: { type: 'modal', callback_id: 'fm_form' } });
  });
});

describe('unexpected errors', () => {
  it('logs the error with a short id and tells the user privately with that id', async () => {
    bot.next = () => {
      throw new Error('disk on fire');
    };
    await post(events, slashCommand({ text: 'hilfe', userId: 'U0IFKLENA', channelId: 'C0MI1' }));
    const [call] = await fake.waitFor('chat.postEphemeral');
    const id = /Fehler-ID ([0-9a-f]{8})/.exec(call!.params.text)?.[1];
    expect(call!.params.text).toMatch(/^Da ist etwas schiefgelaufen\. Fehler-ID [0-9a-f]{8}/);
    expect(call!.params.user).toBe('U0IFKLENA');
    const logged = logger.lines.filter((l) => l.level === 'error' && l.text.includes(`[error ${id}]`));
    expect(logged.map((l) => l.text).join('\n')).toContain('disk on fire');
  });

  it('answers an unacknowledged form submission with 500, so Slack keeps the modal and its input', async () => {
    bot.next = () => ({ kind: 'form', form: FORM });
    await post(events, slashCommand({ text: 'vormerken', userId: 'U0IFKLENA', channelId: 'C0MI1' }));
    const [opened] = await fake.waitFor('views.open');
    bot.next = () => {
      throw new Error('boom');
    };
    const response = await post(events, viewSubmission({ userId: 'U0IFKLENA', view: opened!.params.view, values: { kunde: '1' } }));
    expect(response.status).toBe(500);
    const [call] = await fake.waitFor('chat.postEphemeral');
    expect(call!.params).toMatchObject({ channel: 'C0MI1', user: 'U0IFKLENA' });
    expect(call!.params.text).toContain('Fehler-ID');
  });
});

describe('buttons and selects in messages', () => {
  const click = (extra: Partial<Parameters<typeof blockActions>[0]> = {}) =>
    post(events, blockActions({ userId: 'U0FMTOBIAS', channelId: 'C0FMUE25', actionId: 'round.confirm', value: 'FM-2025-0001', ...extra }));
  const updated = message('Übernommen von @{fm-tobias}', text('FM-2025-0001 übernimmt @{fm-tobias}.'));

  it('hands the click with its value and message to the bot and updates that message for everyone', async () => {
    bot.nextAction = () => ({ kind: 'update', message: updated, note: message('Erledigt', text('Erledigt')) });
    const response = await click({ messageTs: '1700000000.000555' });
    expect(response.status).toBe(200);
    // Acknowledged first; the click is handled right after (ackFirst.ts), and the message updated.
    const [update] = await fake.waitFor('chat.update');
    expect(bot.actions).toEqual([
      {
        caller: { platform: 'slack', userId: 'U0FMTOBIAS', channelId: 'C0FMUE25' },
        action: { actionId: 'round.confirm', value: 'FM-2025-0001', message: { channelId: 'C0FMUE25', messageId: '1700000000.000555' } },
      },
    ]);
    expect(update!.params).toMatchObject({ channel: 'C0FMUE25', ts: '1700000000.000555' });
    // A mention notifies the person on Slack.
    expect(update!.params.blocks[0].text.text).toBe('FM-2025-0001 übernimmt <@U0FMTOBIAS>.');
    const [note] = await fake.waitFor('chat.postEphemeral');
    expect(note!.params).toMatchObject({ channel: 'C0FMUE25', user: 'U0FMTOBIAS', text: 'Erledigt' });
  });

  it('replaces an ephemeral message through its response_url, which chat.update cannot reach', async () => {
    bot.nextAction = () => ({ kind: 'update', message: updated });
    await click({ ephemeral: true, responseUrl: fake.responseUrl('eph-1') });
    const [replaced] = await fake.waitFor('response_url');
    expect(replaced!.params).toMatchObject({ replace_original: true, path: '/response/eph-1' });
    expect(fake.callsTo('chat.update')).toEqual([]);
  });

  it('passes the chosen option of a select as the value', async () => {
    bot.nextAction = () => ({ kind: 'message', message: message('Zugewiesen', text('Zugewiesen')) });
    await click({ actionId: 'round.assign', element: 'static_select', value: 'fm-aylin' });
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(bot.actions[0]!.action).toMatchObject({ actionId: 'round.assign', value: 'fm-aylin' });
    expect(reply!.params.text).toBe('Zugewiesen');
  });

  it('shows a refusal of the click privately to the person who clicked', async () => {
    bot.nextAction = () => ({ kind: 'error', text: 'Das darf nur die Teamleitung.', fieldErrors: {} });
    await click();
    const [reply] = await fake.waitFor('chat.postEphemeral');
    expect(reply!.params).toMatchObject({ user: 'U0FMTOBIAS', text: 'Das darf nur die Teamleitung.' });
  });

  it('opens a form with the trigger id of the click', async () => {
    bot.nextAction = () => ({ kind: 'form', form: FORM });
    await click();
    const [open] = await fake.waitFor('views.open');
    expect(JSON.parse(open!.params.view.private_metadata)).toEqual({ command: 'vormerken', channelId: 'C0FMUE25' });
  });
});

describe('start-up', () => {
  it('fails with a German message naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    const wrong = createSlackPlatform({
      botToken: 'xoxb-wrong',
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      bot,
      org,
      healthy: () => true,
      logger: memoryLogger(),
    });
    const error = await wrong.start().then(
      () => new Error('started'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/Bot-Token abgelehnt .*invalid_auth.*SLACK_BOT_TOKEN/);
    expect(wrong.port()).toBeUndefined();
  });

  it('refuses HTTP mode without a signing secret, saying what to set', () => {
    expect(() =>
      createSlackPlatform({ botToken: fake.token, port: 0, host: '127.0.0.1', bot, org, healthy: () => true, logger: memoryLogger() }),
    ).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
