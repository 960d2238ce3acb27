/**
 * A fake Slack Web API on 127.0.0.1 that records every call. Answers follow the response examples of
 * Slack's OpenAPI description of the Web API (specs/README.md names its source); parameters keep its names.
 * Point a client at `fake.apiUrl` (WebClient `slackApiUrl`, env SLACK_API_URL).
 *
 * It also plays Slack's side of Socket Mode: `apps.connections.open` (with the app token) returns a
 * ws:// URL on the same server, which greets with `hello`; `sendEnvelope` delivers a payload and
 * resolves with the app's acknowledgement. The WebSocket framing is the minimum of RFC 6455 the
 * client uses (unfragmented text, ping/pong, close), so no extra package is needed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { inspect } from 'node:util';
import type { Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';

export interface SlackCall {
  method: string;
  /** Form or JSON parameters; `blocks`, `view` and `attachments` (JSON strings on the wire) parsed. */
  params: Record<string, any>;
  /** The bearer token the call carried, if any. */
  token?: string;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  response?: Record<string, any>;
}

/** A scripted failure for the next calls of one method. */
export type Failure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503 }
  | { error: string };

const JSON_PARAMS = ['blocks', 'view', 'attachments'];
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** What the app sent back for one Socket Mode envelope. */
export interface EnvelopeAck {
  envelope_id: string;
  payload?: Record<string, any>;
}

function wsFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
  return Buffer.concat([header, payload]);
}

/** One complete (client-to-server, masked) frame at the start of `buffer`, or undefined if incomplete. */
function readWsFrame(buffer: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = buffer[0]! & 0x0f;
  const masked = (buffer[1]! & 0x80) !== 0;
  let length = buffer[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buffer[maskOffset + (i % 4)]!;
  return { opcode, payload, size: offset + length };
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Acknowledgements received over Socket Mode, in order. */
  readonly acks: EnvelopeAck[] = [];
  /**
   * Web API answers wait this long after the call was recorded, as a slow Slack would: a process killed
   * meanwhile has posted the message (Slack has it) without learning so.
   */
  answerDelayMs = 0;
  /** Per method, scripted outcomes of the next calls; `undefined` answers normally. */
  private readonly failures = new Map<string, Array<Failure | undefined>>();
  private readonly sockets = new Set<Duplex>();
  private tsCounter = 0;

  private constructor(
    private readonly server: Server,
    readonly token: string,
    readonly appToken: string,
  ) {}

  /** Starts the fake; only `token` (and `appToken` for apps.connections.open) pass auth, others get `invalid_auth`. */
  static async start(opts: { token?: string; appToken?: string } = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => fake?.upgrade(req, socket));
    fake = new FakeSlack(server, opts.token ?? 'xoxb-test-token', opts.appToken ?? 'xapp-test-token');
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A response_url as Slack puts into command and action payloads, answered by this fake. */
  responseUrl(id: string = randomUUID()): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Base URL for the Web API client (with trailing slash, as WebClient expects). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Answers the next `times` calls of `method` with `failure`. */
  failNext(method: string, times: number, failure: Failure): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Of the next `calls` calls of `method` (after those scripted already), every `n`-th gets `failure`. */
  failEvery(method: string, n: number, failure: Failure, calls: number): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 1; i <= calls; i++) queue.push(i % n === 0 ? failure : undefined);
    this.failures.set(method, queue);
  }

  /** Calls of `method` that Slack accepted (HTTP 200 with ok: true). */
  succeeded(method: string): SlackCall[] {
    return this.callsTo(method).filter((c) => c.response?.ok === true);
  }

  /** Resolves once `count` calls of `method` have arrived (the app answers Slack before it calls back). */
  async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<SlackCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(method).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} call(s) of ${method}, got ${this.callsTo(method).length}; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.callsTo(method);
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
  }

  /** Number of Socket Mode connections currently open. */
  get socketCount(): number {
    return this.sockets.size;
  }

  /**
   * Delivers a Socket Mode envelope (`slash_commands` with the command's form fields as payload,
   * `interactive` with a block_actions / view_submission payload) and resolves with the app's ack.
   */
  async sendEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, timeoutMs = 5000): Promise<EnvelopeAck> {
    const [socket] = this.sockets;
    if (!socket) throw new Error('no Socket Mode connection');
    const envelopeId = randomUUID();
    const envelope = { envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' };
    socket.write(wsFrame(0x1, Buffer.from(JSON.stringify(envelope))));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ack = this.acks.find((a) => a.envelope_id === envelopeId);
      if (ack) return ack;
      if (Date.now() > deadline) throw new Error(`no ack for envelope ${type}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = url.pathname.replace(/^\/api\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');

    // The upload URL of files.getUploadURLExternal: the file's bytes in, "OK" out; recorded as method "file_upload".
    // Slack takes the bytes raw or as the one part of a multipart/form-data body (what @slack/web-api sends).
    if (url.pathname.startsWith('/upload/')) {
      const body = Buffer.concat(chunks);
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
      let bytes = body;
      if (boundary) {
        const start = body.indexOf('\r\n\r\n') + 4;
        const end = body.indexOf(`\r\n--${boundary[1] ?? boundary[2]}`, start);
        bytes = body.subarray(start, end);
      }
      this.calls.push({ method: 'file_upload', params: { path: url.pathname, bytes, contentType: req.headers['content-type'] } });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }

    // response_url of commands and actions: JSON in, "ok" out; recorded as method "response_url".
    if (url.pathname.startsWith('/response/')) {
      this.calls.push({ method: 'response_url', params: { ...JSON.parse(raw || '{}'), path: url.pathname } });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }

    const params: Record<string, any> = Object.fromEntries(url.searchParams);
    if ((req.headers['content-type'] ?? '').startsWith('application/json')) Object.assign(params, raw ? JSON.parse(raw) : {});
    else Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
    for (const key of JSON_PARAMS) if (typeof params[key] === 'string') params[key] = JSON.parse(params[key]);

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof params.token === 'string' ? params.token : undefined);
    delete params.token;
    const call: SlackCall = { method, params, ...(token ? { token } : {}) };
    this.calls.push(call);
    if (this.answerDelayMs > 0) await new Promise((r) => setTimeout(r, this.answerDelayMs));

    const failure = this.failures.get(method)?.shift();
    if (failure && 'status' in failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.status === 429) headers['retry-after'] = String(failure.retryAfterSeconds);
      res.writeHead(failure.status, headers).end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }));
      return;
    }
    const body =
      failure !== undefined
        ? { ok: false, error: failure.error }
        : token === undefined
          ? { ok: false, error: 'not_authed' }
          : token !== (method === 'apps.connections.open' ? this.appToken : this.token)
            ? { ok: false, error: 'invalid_auth' }
            : this.answer(method, params);
    call.response = body;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }

  private upgrade(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string' || !req.url?.startsWith('/socket')) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
    this.sockets.add(socket);
    let buffer = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      for (let frame = readWsFrame(buffer); frame; frame = readWsFrame(buffer)) {
        buffer = buffer.subarray(frame.size);
        if (frame.opcode === 0x8) {
          socket.end(wsFrame(0x8, frame.payload.subarray(0, 2)));
          this.sockets.delete(socket);
        } else if (frame.opcode === 0x9) {
          socket.write(wsFrame(0xa, frame.payload));
        } else if (frame.opcode === 0x1) {
          const message = JSON.parse(frame.payload.toString('utf8'));
          if (typeof message.envelope_id === 'string') this.acks.push(message);
        }
      }
    });
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    const hello = { type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0TEST' } };
    socket.write(wsFrame(0x1, Buffer.from(JSON.stringify(hello))));
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, params: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fm-lotse-test.slack.com/',
          team: 'FM-Lotse Test',
          user: 'fm-lotse',
          team_id: 'T0TEST',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return {
          ok: true,
          channel: params.channel,
          ts,
          message: { type: 'message', subtype: 'bot_message', text: params.text ?? '', bot_id: 'B0BOT', ts, ...(params.blocks ? { blocks: params.blocks } : {}) },
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text ?? '', message: { text: params.text ?? '', user: 'U0BOT' } };
      case 'views.open': {
        const view = params.view ?? {};
        return {
          ok: true,
          view: {
            id: `V${this.nextTs().replace('.', '')}`,
            team_id: 'T0TEST',
            app_id: 'A0TEST',
            bot_id: 'B0BOT',
            hash: '1700000000.abcdef',
            state: { values: {} },
            root_view_id: null,
            previous_view_id: null,
            clear_on_close: false,
            notify_on_close: false,
            external_id: '',
            private_metadata: '',
            callback_id: '',
            ...view,
          },
        };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket?ticket=${randomUUID()}` };
      case 'files.getUploadURLExternal': {
        const id = `F${this.nextTs().replace('.', '')}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = typeof params.files === 'string' ? JSON.parse(params.files) : (params.files ?? []);
        return { ok: true, files: files.map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title ?? '', name: f.title ?? '' })) };
      }
      case 'views.publish':
        return { ok: true, view: { id: `V${this.nextTs().replace('.', '')}`, team_id: 'T0TEST', type: 'home', ...(params.view ?? {}) } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(params.users ?? 'UNKNOWN').split(',')[0]}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** A Bolt logger that keeps what it is told, for assertions and quiet test output. */
export function memoryLogger(): Logger & { lines: Array<{ level: LogLevel; text: string }> } {
  const lines: Array<{ level: LogLevel; text: string }> = [];
  let level = LogLevel.DEBUG;
  const push =
    (l: LogLevel) =>
    (...msg: unknown[]): void => {
      lines.push({ level: l, text: msg.map((m) => (typeof m === 'string' ? m : inspect(m))).join(' ') });
    };
  return {
    lines,
    debug: push(LogLevel.DEBUG),
    info: push(LogLevel.INFO),
    warn: push(LogLevel.WARN),
    error: push(LogLevel.ERROR),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
