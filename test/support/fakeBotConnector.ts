/**
 * A fake Bot Connector service on 127.0.0.1: the `serviceUrl` Teams would put into every activity. It
 * records what the bot sends under `/v3/conversations/…` — new conversations, new messages, replies and
 * in-place updates — and answers like the Bot Framework REST API (ResourceResponse / ConversationResourceResponse).
 * A reply is either form the protocol knows: POST `…/activities/{id}` (ReplyToActivity) or POST `…/activities`
 * with `replyToId` in the body (what the Teams SDK v2 sends).
 * It can be told to fail the next calls of a kind (429 with Retry-After, 5xx, 403).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorCallKind = 'createConversation' | 'send' | 'reply' | 'update' | 'other';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  /** The conversation id from the path, URL-decoded (a channel thread keeps its `;messageid=…`). */
  conversationId?: string;
  /** The conversation without a thread suffix. */
  baseConversationId?: string;
  /** The thread (`;messageid=…`) the call addresses, if any. */
  threadId?: string;
  /** `reply`: the activity replied to; `update`: the activity replaced. */
  activityId?: string;
  body: any;
  authorization?: string;
  status: number;
  /** What the fake answered, e.g. `{ id }` of a new activity. */
  response?: any;
}

export type ConnectorFailure = { status: 429; retryAfterSeconds: number } | { status: 403 | 404 | 500 | 502 | 503 };

const THREAD = ';messageid=';

function splitConversation(id: string): { base: string; thread?: string } {
  const cut = id.indexOf(THREAD);
  return cut === -1 ? { base: id } : { base: id.slice(0, cut), thread: id.slice(cut + THREAD.length) };
}

export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  /** Every activity the bot created, by id, with the conversation it lives in. */
  readonly activities = new Map<string, { conversationId: string; body: any }>();
  private readonly failures = new Map<ConnectorCallKind, ConnectorFailure[]>();
  private readonly waiters = new Set<() => void>();
  private serial = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeBotConnector> {
    let fake: FakeBotConnector | undefined;
    const server = createServer((req, res) => fake!.handle(req, res));
    fake = new FakeBotConnector(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The service URL to put into activities (with the trailing slash Teams uses). */
  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** The next `count` calls of `kind` fail like this. */
  failNext(kind: ConnectorCallKind, count: number, failure: ConnectorFailure): void {
    this.failures.set(kind, [...(this.failures.get(kind) ?? []), ...Array.from({ length: count }, () => failure)]);
  }

  /** Successful calls of these kinds, oldest first. */
  callsOf(...kinds: ConnectorCallKind[]): ConnectorCall[] {
    return this.calls.filter((c) => kinds.includes(c.kind) && c.status < 300);
  }

  /** Messages the bot posted (new or as replies) into a conversation, thread suffix ignored. */
  messagesIn(conversationId: string): ConnectorCall[] {
    const { base } = splitConversation(conversationId);
    return this.callsOf('send', 'reply').filter((c) => c.baseConversationId === base);
  }

  /** Resolves once `predicate` holds for the recorded calls; fails after `timeoutMs`. */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate(this.calls)) return;
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this.calls)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake Bot Connector: condition not met within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.kind} ${c.status}`).join(', ')}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextId(prefix: string): string {
    this.serial += 1;
    return `${prefix}${this.serial}`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const call = this.route(req.method ?? 'GET', path, body);
      if (typeof req.headers.authorization === 'string') call.authorization = req.headers.authorization;
      const failure = this.failures.get(call.kind)?.shift();
      if (failure) {
        call.status = failure.status;
        call.response = { error: { code: failure.status === 429 ? 'Throttled' : 'ServiceError', message: 'scripted failure' } };
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (failure.status === 429) headers['retry-after'] = String(failure.retryAfterSeconds);
        this.record(call);
        res.writeHead(failure.status, headers).end(JSON.stringify(call.response));
        return;
      }
      this.answer(call);
      this.record(call);
      res.writeHead(call.status, { 'content-type': 'application/json' }).end(JSON.stringify(call.response ?? {}));
    });
  }

  private record(call: ConnectorCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) waiter();
  }

  private route(method: string, path: string, body: any): ConnectorCall {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const call: ConnectorCall = { kind: 'other', method, body, status: 200 };
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return call;
    if (parts.length === 2 && method === 'POST') return { ...call, kind: 'createConversation' };
    const conversationId = parts[2];
    if (conversationId === undefined || parts[3] !== 'activities') return call;
    const { base, thread } = splitConversation(conversationId);
    const located = { ...call, conversationId, baseConversationId: base, ...(thread ? { threadId: thread } : {}) };
    if (parts.length === 4 && method === 'POST') {
      const replyToId: unknown = body?.replyToId;
      return typeof replyToId === 'string' && replyToId !== '' ? { ...located, kind: 'reply', activityId: replyToId } : { ...located, kind: 'send' };
    }
    if (parts.length === 5 && method === 'POST') return { ...located, kind: 'reply', activityId: parts[4] };
    if (parts.length === 5 && method === 'PUT') return { ...located, kind: 'update', activityId: parts[4] };
    return located;
  }

  private answer(call: ConnectorCall): void {
    switch (call.kind) {
      case 'createConversation': {
        const members: Array<{ id: string }> = call.body?.members ?? [];
        const channel: string | undefined = call.body?.channelData?.channel?.id;
        if (channel) {
          const activityId = this.nextId('act-');
          const id = `${channel}${THREAD}${activityId}`;
          this.activities.set(activityId, { conversationId: id, body: call.body?.activity });
          call.response = { id, activityId };
        } else {
          // Teams answers a one-to-one request with the existing chat of that user and bot.
          call.response = { id: `a:chat-${members.map((m) => m.id).join('+')}` };
        }
        return;
      }
      case 'send':
      case 'reply': {
        const id = this.nextId('act-');
        this.activities.set(id, { conversationId: call.conversationId!, body: call.body });
        call.response = { id };
        return;
      }
      case 'update': {
        const known = this.activities.get(call.activityId!);
        if (!known || splitConversation(known.conversationId).base !== call.baseConversationId) {
          call.status = 404;
          call.response = { error: { code: 'NotFound', message: `no activity ${call.activityId} in ${call.conversationId}` } };
          return;
        }
        known.body = call.body;
        call.response = { id: call.activityId };
        return;
      }
      default:
        call.status = 404;
        call.response = { error: { code: 'NotFound', message: 'not part of the fake' } };
    }
  }
}

/** The Adaptive Card a sent activity carries (the first attachment's content). */
export function cardOf(call: ConnectorCall): any {
  return call.body?.attachments?.[0]?.content;
}

/** Everything a card shows or carries, as one string, for "contains"/"does not contain" checks. */
export function shown(call: ConnectorCall): string {
  return JSON.stringify(call.body);
}
