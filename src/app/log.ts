/**
 * The process's one logger (pino): JSON lines when a chat platform runs (stdout; error and fatal to stderr), a
 * short readable line on stderr in the console chat, so the chat itself stays readable. `LOG_LEVEL` sets the
 * level. Every line written while a chat request is handled carries its id as `req` (src/messaging/trace.ts).
 * Bolt's and the Web API client's logs go through it too (`boltLogger`).
 *
 * What is logged at info and below is operational: ids, names, counts, outcomes — never a customer number and
 * never a message text (those stay in the database, where retention erases them).
 */
import { inspect } from 'node:util';
import { pino, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../config/env.js';
import { currentRequestId } from '../messaging/trace.js';

export type Logger = PinoLogger;
export type LogFormat = 'json' | 'pretty';
/** Where lines go: a stream, or anything taking one string per line. */
export interface LineSink {
  write(line: string): unknown;
}

export interface LogOptions {
  level: LogLevel;
  format: LogFormat;
  /** Defaults: process.stdout / process.stderr. */
  stdout?: LineSink;
  stderr?: LineSink;
}

export function createLogger(opts: LogOptions): Logger {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const options = {
    level: opts.level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: () => {
      const req = currentRequestId();
      return req === undefined ? {} : { req };
    },
  };
  if (opts.format === 'pretty') return pino(options, { write: (line: string) => void stderr.write(pretty(line)) });
  return pino(
    options,
    pino.multistream(
      [
        { level: 'trace', stream: stdout as NodeJS.WritableStream },
        { level: 'error', stream: stderr as NodeJS.WritableStream },
      ],
      { dedupe: true },
    ),
  );
}

const LEVEL_TAGS: Record<string, string> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR', fatal: 'FATAL' };

/** One JSON line as `HH:MM:SS LEVEL message [req] key=value …` (UTC time, as in the JSON). */
export function pretty(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { time, level, msg, req, ...rest } = entry;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `${[clock, LEVEL_TAGS[String(level)] ?? String(level), String(msg ?? ''), req ? `[${String(req)}]` : '', ...fields].filter((p) => p !== '').join(' ')}\n`;
}

let current: Logger = createLogger({ level: 'info', format: 'json' });

/** The process's logger (set once at start by `useLogger`). */
export function log(): Logger {
  return current;
}

export function useLogger(logger: Logger): void {
  current = logger;
}

/** Bolt's Logger interface (also the Web API client's and the Socket Mode client's) on top of the process's logger. */
export interface BoltLogger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: string): void;
  getLevel(): string;
  setName(name: string): void;
}

/**
 * Bolt and its clients call setLevel/setName at start; the level stays LOG_LEVEL's and the name becomes the
 * line's `component`. Arguments are joined as Bolt's console logger would; errors show their name and message.
 */
export function boltLogger(component: string, base: () => Logger = log): BoltLogger {
  let name = component;
  const text = (msg: unknown[]): string =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? `${m.name}: ${m.message}` : inspect(m, { depth: 3, breakLength: Infinity }))).join(' ');
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]): void => {
    const logger = base();
    if (logger.isLevelEnabled(level)) logger[level]({ component: name }, text(msg));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => undefined,
    getLevel: () => {
      const level = base().level;
      return level === 'trace' || level === 'silent' || level === 'fatal' ? (level === 'trace' ? 'debug' : 'error') : level;
    },
    setName: (n: string) => {
      name = n;
    },
  };
}
