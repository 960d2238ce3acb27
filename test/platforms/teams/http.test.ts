/**
 * The Teams platform over real HTTP with a scripted BotApi, so each path can be provoked on purpose: who the
 * caller is, unexpected errors, actions on cards the app no longer knows, the no-authentication guard.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionInput, ActionResponse, BotApi, BotResponse, Caller, ThreadReply } from '../../../src/messaging/ports.js';
import { OrgIndex } from '../../../src/config/orgIndex.js';
import { ManualClock } from '../../../src/domain/time.js';
import { message, text } from '../../../src/messaging/reply.js';
import { createTeamsPlatform, MESSAGES_PATH, type TeamsPlatform } from '../../../src/platforms/teams/app.js';
import { SqliteStore } from '../../../src/store/sqlite/store.js';
import { FakeBotConnector, shown } from '../../support/fakeBotConnector.js';
import { exampleOrg } from '../../support/world.js';
import { cardAction, channelMessage, personalChatId, personalMessage, postActivity, TENANT } from './activities.js';

const LENA_AAD = '6c1f0a52-3b8e-4d0f-9a71-2b5c4e8d9f01';

/** A BotApi that answers what the test sets and records whom it was asked by. */
class ScriptedBot implements BotApi {
  next: () => BotResponse = () => ({ kind: 'message', message: message('Hallo', text('Hallo')) });
  nextAction: () => ActionResponse = () => this.next();
  nextThreadReply: () => BotResponse | undefined = () => undefined;
  readonly callers: Caller[] = [];
  readonly lines: string[] = [];
  readonly threadReplies: ThreadReply[] = [];
  handleCommand(caller: Caller, line: string): BotResponse {
    this.callers.push(caller);
    this.lines.push(line);
    return this.next();
  }
  submitForm(caller: Caller): BotResponse {
    this.callers.push(caller);
    return this.next();
  }
  handleAction(caller: Caller, _action: ActionInput): ActionResponse {
    this.callers.push(caller);
    return this.nextAction();
  }
  handleThreadReply(caller: Caller, reply: ThreadReply): BotResponse | undefined {
    this.callers.push(caller);
    this.threadReplies.push(reply);
    return this.nextThreadReply();
  }
}

let bot: ScriptedBot;
let connector: FakeBotConnector;
let store: SqliteStore;
let platform: TeamsPlatform;
let endpoint: string;
const logged: string[] = [];

beforeEach(async () => {
  const org = exampleOrg();
  // An admin may name a person by Entra object id instead of the Bot Framework id.
  org.people = org.people.map((p) => (p.id === 'ifk-lena' ? { ...p, teamsUserId: LENA_AAD } : p));
  bot = new ScriptedBot();
  connector = await FakeBotConnector.start();
  store = SqliteStore.open(':memory:');
  logged.length = 0;
  platform = createTeamsPlatform({
    auth: { auth: 'none' },
    port: 0,
    host: '127.0.0.1',
    bot,
    org: new OrgIndex(org),
    store,
    clock: new ManualClock(Date.parse('2025-10-20T09:00:00+02:00')),
    healthy: () => store.isHealthy(),
    logger: { info() {}, warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) },
  });
  await platform.start();
  endpoint = `http://127.0.0.1:${platform.port()}${MESSAGES_PATH}`;
});

afterEach(async () => {
  await platform.stop();
  await connector.close();
  store.close();
});

const LENA = { id: '29:lena-bot-framework-id', name: 'Lena Schröder', aadObjectId: LENA_AAD };
const TOBIAS = { id: '29:platzhalter-fm-tobias', name: 'Tobias Krüger', aadObjectId: 'aad-of-tobias' };

describe('who is calling', () => {
  it('knows a person by Bot Framework id or by Entra object id, whichever the organisation file names', async () => {
    await postActivity(endpoint, personalMessage({ serviceUrl: connector.serviceUrl, from: TOBIAS, text: 'hilfe' }));
    await postActivity(endpoint, personalMessage({ serviceUrl: connector.serviceUrl, from: LENA, text: 'hilfe' }));
    await postActivity(endpoint, personalMessage({ serviceUrl: connector.serviceUrl, from: { id: '29:fremd', name: 'X', aadObjectId: 'aad-x' }, text: 'hilfe' }));
    expect(bot.callers.map((c) => c.userId)).toEqual(['29:platzhalter-fm-tobias', LENA_AAD, '29:fremd']);
    expect(bot.callers[0]).toEqual({ platform: 'teams', userId: '29:platzhalter-fm-tobias', channelId: personalChatId(TOBIAS.id) });
    // Direct messages find the chat by either id, too.
    expect(store.conversations.personalOf(LENA_AAD)?.conversationId).toBe(personalChatId(LENA.id));
  });

  it('passes a reply in a channel thread to the escalation check first, and treats it as a command when it is none', async () => {
    const channel = '19:fm@thread.tacv2';
    await postActivity(endpoint, channelMessage({ serviceUrl: connector.serviceUrl, from: TOBIAS, channelId: channel, threadId: 'root-1', text: 'zustimmen' }));
    expect(bot.threadReplies).toEqual([{ channelId: channel, threadId: 'root-1', text: 'zustimmen' }]);
    expect(bot.lines).toEqual(['zustimmen']);

    bot.nextThreadReply = () => ({ kind: 'message', message: message('Stimme gezählt', text('Stimme gezählt')) });
    await postActivity(endpoint, channelMessage({ serviceUrl: connector.serviceUrl, from: TOBIAS, channelId: channel, threadId: 'root-1', text: 'zustimmen' }));
    expect(bot.lines).toHaveLength(1);
    expect(connector.callsOf('send').some((c) => shown(c).includes('Stimme gezählt') && c.conversationId === personalChatId(TOBIAS.id))).toBe(true);
  });
});

describe('unexpected errors', () => {
  it('tells the sender of a message the error id and logs the error with it', async () => {
    bot.next = () => {
      throw new Error('database on fire');
    };
    const response = await postActivity(endpoint, personalMessage({ serviceUrl: connector.serviceUrl, from: TOBIAS, text: 'hilfe' }));
    expect(response.status).toBe(200);
    const [reply] = connector.callsOf('reply');
    const id = /Fehler-ID ([0-9a-f]{8})/.exec(reply!.body.text)?.[1];
    expect(id).toBeDefined();
    expect(logged.some((l) => l.includes(`[error ${id}]`) && l.includes('database on fire'))).toBe(true);
  });

  it('answers a failing card action on the card with the error id', async () => {
    bot.nextAction = () => {
      throw new Error('boom');
    };
    const response = await postActivity(
      endpoint,
      cardAction({ serviceUrl: connector.serviceUrl, from: TOBIAS, conversationId: personalChatId(TOBIAS.id), conversationType: 'personal', replyToId: 'act-1', verb: 'round.confirm', data: { fm: { kind: 'button', value: '1' } } }),
    );
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(response.json().value).toMatch(/Fehler-ID [0-9a-f]{8}/);
  });

  it('says that a button of a card it did not render is no longer active', async () => {
    const response = await postActivity(
      endpoint,
      cardAction({ serviceUrl: connector.serviceUrl, from: TOBIAS, conversationId: personalChatId(TOBIAS.id), conversationType: 'personal', replyToId: 'act-1', verb: 'old.verb', data: { foo: 1 } }),
    );
    expect(response.json().value).toContain('nicht mehr aktiv');
    expect(bot.callers).toHaveLength(0);
  });
});

describe('without Microsoft credentials', () => {
  it('refuses to be created for any address but 127.0.0.1', () => {
    const attempt = () =>
      createTeamsPlatform({
        auth: { auth: 'none' },
        port: 0,
        host: '0.0.0.0',
        bot,
        org: new OrgIndex(exampleOrg()),
        store,
        clock: new ManualClock(0),
        healthy: () => true,
        logger: { info() {}, warn() {}, error() {} },
      });
    expect(attempt).toThrow('nur auf 127.0.0.1 erlaubt');
  });
});

describe('with Microsoft credentials (single tenant)', () => {
  it("lets the Teams SDK refuse a request without a valid Bot Framework token: 401, nothing read, stored or sent", async () => {
    // The SDK's own switch from the environment does not turn authentication off: only `auth` decides.
    vi.stubEnv('DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS', 'true');
    const secured = createTeamsPlatform({
      auth: { auth: 'single-tenant', appId: '00000000-0000-0000-0000-0000000000b0', appPassword: 'not-a-real-secret', tenantId: TENANT },
      port: 0,
      host: '127.0.0.1',
      bot,
      org: new OrgIndex(exampleOrg()),
      store,
      clock: new ManualClock(0),
      healthy: () => true,
      logger: { info() {}, warn() {}, error() {} },
    });
    await secured.start();
    try {
      const url = `http://127.0.0.1:${secured.port()}${MESSAGES_PATH}`;
      const activity = personalMessage({ serviceUrl: connector.serviceUrl, from: TOBIAS, text: 'hilfe' });
      for (const authorization of [undefined, 'Bearer not-a-jwt']) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(activity),
        });
        expect(response.status).toBe(401);
      }
      expect(bot.callers).toHaveLength(0);
      expect(store.conversations.count()).toBe(0);
      expect(connector.calls).toHaveLength(0);
    } finally {
      await secured.stop();
      vi.unstubAllEnvs();
    }
  });
});
