/**
 * The FM digest (a scheduled ping) delivered in Teams: into the personal chats the bot knows, with working
 * buttons; a person the bot cannot reach yet is reported to the team lead once, and gets the digest as soon
 * as they have written to the bot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS } from '../../../jobs/index.js';
import { runJobs } from '../../../src/app/scheduler.js';
import { DEFAULT_NEED_CATALOGUE } from '../../../src/domain/needs.js';
import { insertCase } from '../../support/build.js';
import { cardOf, shown, type ConnectorCall } from '../../support/fakeBotConnector.js';
import { FORM_VERB } from '../../../src/platforms/teams/render.js';
import { cardAction, personalChatId, personalInstall, personalMessage } from './activities.js';
import { createTeamsWorld, type TeamsWorld } from './teamsWorld.js';

let w: TeamsWorld;

beforeEach(async () => {
  w = await createTeamsWorld('2026-03-02T06:00:00+01:00'); // a Monday
});

afterEach(async () => {
  await w.shutdown();
});

const since = (mark: number, ...kinds: ConnectorCall['kind'][]) => w.connector.calls.slice(mark).filter((c) => kinds.includes(c.kind) && c.status < 300);

/** An active Ü25 case of the FM (customer number 200A000001) whose last contact, the intake, lies more than three months back (R13). */
function overdueCase(fmId: string): string {
  return insertCase(w.store, { status: 'aktiv', fmId, intakeOn: '2025-11-20', clientRef: '200A000001' }).caseCode;
}

function runJobsAt(iso: string): void {
  w.clock.set(Date.parse(iso));
  runJobs({ org: w.org, store: w.store, clock: w.clock, calendar: w.calendar, needCatalogue: DEFAULT_NEED_CATALOGUE }, JOBS, w.clock.now());
}

const install = (personId: string) => w.post(personalInstall({ serviceUrl: w.connector.serviceUrl, from: w.sender(personId) }));
const digestKey = (fmId: string) => `ping.digest:${fmId}:2026-03-02`;

describe('the FM digest in Teams (R13, R16)', () => {
  it('arrives once in the personal chat at 07:30, and its "erledigt" asks for the kind of contact and records it (R16)', async () => {
    const code = overdueCase('fm-tobias');
    await install('fm-tobias');
    runJobsAt('2026-03-02T07:30:00+01:00');
    const mark = w.connector.calls.length;
    expect(await w.flush()).toBe(1);
    const [digest] = since(mark, 'send');
    const chat = personalChatId(w.sender('fm-tobias').id);
    expect(digest!.conversationId).toBe(chat);
    expect(shown(digest!)).toContain(code);
    expect(shown(digest!)).toContain('200A000001'); // the client reference: only in this direct message

    runJobsAt('2026-03-02T07:45:00+01:00');
    expect(await w.flush()).toBe(0);

    const done = findButton(cardOf(digest!), 'due.done');
    expect(done.title).toBe('erledigt');
    const response = await w.post(
      cardAction({ serviceUrl: w.connector.serviceUrl, from: w.sender('fm-tobias'), conversationId: chat, conversationType: 'personal', replyToId: digest!.response.id, verb: done.verb, data: done.data }),
    );
    // "erledigt" on a contact asks for the kind of contact (R16: a click alone is no qualified contact).
    const answer = response.json();
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const form = answer.value;
    expect(JSON.stringify(form)).toContain(code);
    expect(w.store.contacts.forCase(code)).toHaveLength(0);

    const submit = form.body.at(-1).actions[0];
    expect(submit.verb).toBe(FORM_VERB);
    const submitted = await w.post(
      cardAction({ serviceUrl: w.connector.serviceUrl, from: w.sender('fm-tobias'), conversationId: chat, conversationType: 'personal', replyToId: digest!.response.id, verb: FORM_VERB, data: { ...submit.data, fall: code, art: 'telefon' } }),
    );
    expect(submitted.status).toBe(200);
    expect(JSON.stringify(submitted.json().value)).toContain(code);
    expect(w.store.contacts.forCase(code)).toMatchObject([{ kind: 'telefon', qualified: true }]);
  });

  it("reports an FM the bot cannot reach yet to the team lead once, and delivers the digest after the FM's first message", async () => {
    overdueCase('fm-aylin');
    await install('tl-fm-ue25');
    runJobsAt('2026-03-02T07:30:00+01:00');

    let mark = w.connector.calls.length;
    expect(await w.flush()).toBe(1); // the notice to the lead, queued by the failed try
    expect(w.store.outbox.byKey(digestKey('fm-aylin'))).toMatchObject({ status: 'pending', attempts: 1 });
    expect(w.store.outbox.byKey('teams.noref:fm-aylin:tl-fm-ue25')).toMatchObject({ status: 'sent', target: { kind: 'direct', personId: 'tl-fm-ue25' } });
    const [notice] = since(mark, 'send');
    expect(notice!.conversationId).toBe(personalChatId(w.sender('tl-fm-ue25').id));
    expect(shown(notice!)).toContain('Aylin Demir');
    expect(shown(notice!)).not.toContain('200A'); // says who, never what

    // Later tries (the outbox backs off from 5 seconds) report nothing again.
    w.clock.advance(10_000);
    expect(await w.flush()).toBe(0);
    expect(w.store.outbox.all().filter((i) => i.dedupeKey.startsWith('teams.noref:'))).toHaveLength(1);

    await w.post(personalMessage({ serviceUrl: w.connector.serviceUrl, from: w.sender('fm-aylin'), text: 'hilfe' }));
    w.clock.advance(20_000);
    mark = w.connector.calls.length;
    expect(await w.flush()).toBe(1);
    const [digest] = since(mark, 'send');
    expect(digest!.conversationId).toBe(personalChatId(w.sender('fm-aylin').id));
    expect(w.store.outbox.byKey(digestKey('fm-aylin'))).toMatchObject({ status: 'sent' });
  });
});

function findButton(card: any, verb: string): any {
  const walk = (items: any[]): any[] => items.flatMap((e) => [e, ...walk(e.items ?? [])]);
  return walk(card.body)
    .filter((e) => e.type === 'ActionSet')
    .flatMap((e) => e.actions)
    .find((a: any) => a.verb === verb);
}
