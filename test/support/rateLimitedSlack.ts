/**
 * Slack's rate limits in front of the fake Web API (fakeSlack.ts): an HTTP proxy on 127.0.0.1 that answers
 * `429 Too Many Requests` with a `Retry-After` header (whole seconds, as Slack does) beyond the limit, and
 * passes every other call on to the fake. The model (bench/RATE_LIMITS.md explains it with Slack's wording):
 *
 * - per method, per workspace: a token bucket of `perMethod[method].burst` calls, refilled at
 *   `perMethod[method].perSecond` calls per second (Slack: "per API method per app per workspace");
 * - per conversation, for the methods that post (chat.postMessage): a bucket of `perConversation.burst` calls
 *   refilled at `perConversation.perSecond` (Slack: "1 per second per channel, short bursts allowed").
 *
 * A call is accepted only when every bucket it draws from holds a whole token; a refused call takes none, and
 * its Retry-After is the time until the emptiest of them holds one again, rounded up to whole seconds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSlack } from './fakeSlack.js';

export interface Limit {
  perSecond: number;
  burst: number;
}

export interface RateLimitModel {
  perMethod: Record<string, Limit>;
  /** Applied per `channel` parameter to the methods listed in `methods`. */
  perConversation: Limit & { methods: string[] };
}

class Bucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly limit: Limit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.at = now;
  }
  /** Milliseconds until a whole token is there (0: there is one now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.limit.perSecond) * 1000;
  }
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
  private refill(now: number): void {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.at) / 1000) * this.limit.perSecond);
    this.at = now;
  }
}

export class RateLimitedSlack {
  /** Calls answered 429, by method. */
  readonly refused = new Map<string, number>();
  private readonly methodBuckets = new Map<string, Bucket>();
  private readonly conversationBuckets = new Map<string, Bucket>();

  private constructor(
    private readonly server: Server,
    private readonly fake: FakeSlack,
    readonly model: RateLimitModel,
    private readonly now: () => number,
  ) {}

  static async start(fake: FakeSlack, model: RateLimitModel, now: () => number = () => performance.now()): Promise<RateLimitedSlack> {
    let proxy: RateLimitedSlack | undefined;
    const server = createServer((req, res) => void proxy?.handle(req, res));
    proxy = new RateLimitedSlack(server, fake, model, now);
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
    return proxy;
  }

  /** Base URL for the Web API client (SLACK_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/api\//, '');
    const wait = this.admit(method, channelOf(req, body.toString('utf8')));
    if (wait > 0) {
      this.refused.set(method, (this.refused.get(method) ?? 0) + 1);
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil(wait / 1000)) })
        .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(`${this.fake.apiUrl}${method}`, { method: req.method ?? 'POST', headers, body: req.method === 'GET' ? undefined : body });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
  }

  /** 0 when the call may pass (its tokens are taken), else the milliseconds until it could. */
  private admit(method: string, channel: string | undefined): number {
    const now = this.now();
    const buckets: Bucket[] = [];
    const perMethod = this.model.perMethod[method];
    if (perMethod) buckets.push(this.bucket(this.methodBuckets, method, perMethod, now));
    const conv = this.model.perConversation;
    if (channel !== undefined && conv.methods.includes(method)) buckets.push(this.bucket(this.conversationBuckets, channel, conv, now));
    const wait = Math.max(0, ...buckets.map((b) => b.waitMs(now)));
    if (wait === 0) for (const b of buckets) b.take(now);
    return wait;
  }

  private bucket(map: Map<string, Bucket>, key: string, limit: Limit, now: number): Bucket {
    let bucket = map.get(key);
    if (!bucket) map.set(key, (bucket = new Bucket(limit, now)));
    return bucket;
  }
}

function channelOf(req: IncomingMessage, raw: string): string | undefined {
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      const parsed = JSON.parse(raw) as { channel?: unknown };
      return typeof parsed.channel === 'string' ? parsed.channel : undefined;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(raw).get('channel') ?? undefined;
}

/**
 * The least time the model allows for `calls` (method → conversation → count), starting with full buckets: per
 * method, (calls − burst) / rate; per conversation the same; the floor is the largest of these (milliseconds).
 */
export function floorMs(model: RateLimitModel, calls: Map<string, Map<string, number>>): number {
  let floor = 0;
  for (const [method, byConversation] of calls) {
    const total = [...byConversation.values()].reduce((a, b) => a + b, 0);
    const perMethod = model.perMethod[method];
    if (perMethod) floor = Math.max(floor, (Math.max(0, total - perMethod.burst) / perMethod.perSecond) * 1000);
    if (model.perConversation.methods.includes(method)) {
      for (const n of byConversation.values()) {
        floor = Math.max(floor, (Math.max(0, n - model.perConversation.burst) / model.perConversation.perSecond) * 1000);
      }
    }
  }
  return floor;
}
