/**
 * The environment (docs/interface.md, "Environment"). This is the only module that reads process.env;
 * everything else receives the typed `Env`. Which platforms run follows from which credentials are present.
 */
import { TZDate } from '@date-fns/tz';
import { z } from 'zod/v4';
import type { Instant } from '../domain/time.js';
import { envText, zodIssueText } from '../i18n/config.js';

/** A configuration that cannot start the bot; `problems` lists every one, the message says how to fix them. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super([envText.heading, ...problems.map((p) => `- ${p}`)].join('\n'));
    this.name = 'ConfigError';
  }
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type Platform = 'slack' | 'teams' | 'console';

export interface SlackEnv {
  /** `socket` when SLACK_APP_TOKEN is set (Socket Mode), else Bolt's HTTP receiver at /slack/events. */
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  /** Base URL of the Web API (tests point it at a local fake). */
  apiUrl?: string;
}

export type TeamsEnv =
  | { auth: 'single-tenant'; appId: string; appPassword: string; tenantId: string }
  /** TEAMS_LOCAL_NOAUTH=1: no Microsoft credentials, no authentication; only ever on 127.0.0.1. */
  | { auth: 'none' };

export interface Env {
  orgPath: string;
  dbPath: string;
  /** FM_LOTSE_NOW: the instant the process clock starts from, time then runs on. */
  now: Instant | undefined;
  port: number;
  host: string;
  logLevel: LogLevel;
  slack: SlackEnv | undefined;
  teams: TeamsEnv | undefined;
  /** At least one; `console` exactly when no platform credentials are present. */
  platforms: Platform[];
}

const BERLIN = 'Europe/Berlin';
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 instant to epoch milliseconds. Without an offset the time is read as Berlin wall
 * time (a date alone as midnight there), since that is what an operator typing a demo time means.
 */
export function parseIsoInstant(text: string): Instant | undefined {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  const real =
    probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d &&
    probe.getUTCHours() === h && probe.getUTCMinutes() === mi && probe.getUTCSeconds() === s;
  if (!real) return undefined;
  const offset = m[8];
  if (offset === undefined) return new TZDate(y, mo - 1, d, h, mi, s, ms, BERLIN).getTime();
  if (offset.toUpperCase() === 'Z') return probe.getTime();
  const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
  const minutes = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  return probe.getTime() - minutes * 60_000;
}

const optional = z.string().optional();
const envSchema = z.object({
  FM_LOTSE_ORG: z.string().default('config/org.example.json'),
  FM_LOTSE_DB: z.string().default('data/fm-lotse.db'),
  FM_LOTSE_NOW: optional.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const instant = parseIsoInstant(value);
    if (instant === undefined) ctx.addIssue({ code: 'custom', message: envText.now(value), input: value });
    return instant;
  }),
  SLACK_API_URL: optional.refine((v) => v === undefined || (/^https?:\/\//i.test(v) && URL.canParse(v)), {
    error: (issue) => envText.url(issue.input),
  }),
  TEAMS_LOCAL_NOAUTH: z.enum(['0', '1'], { error: (issue) => envText.flag(issue.input) }).optional(),
  PORT: z
    .string()
    .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65_535, { error: (issue) => envText.port(issue.input) })
    .transform(Number)
    .default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: (issue) => envText.logLevel(issue.input, LOG_LEVELS) }).default('info'),
});

type Vars = Record<string, string | undefined>;

/** Reads and checks the environment; throws ConfigError listing every problem. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env, opts: { sendOnly?: boolean } = {}): Env {
  // Blank values count as unset: a `KEY=` line in an env file should not switch anything on.
  const vars: Vars = Object.fromEntries(
    Object.entries(env)
      .map(([key, value]) => [key, value?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const problems: string[] = [];
  const parsed = envSchema.safeParse(vars, { error: zodIssueText });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  const host = vars.HOST ?? '0.0.0.0';
  const slack = deriveSlack(vars, problems, opts.sendOnly ?? false);
  const teams = deriveTeams(vars, host, problems);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const e = parsed.data;
  const platforms: Platform[] = [];
  if (slack) platforms.push('slack');
  if (teams) platforms.push('teams');
  if (platforms.length === 0) platforms.push('console');
  return {
    orgPath: e.FM_LOTSE_ORG,
    dbPath: e.FM_LOTSE_DB,
    now: e.FM_LOTSE_NOW,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    slack,
    teams,
    platforms,
  };
}

/** `sendOnly`: a command that only sends (jobs run) needs the bot token, not the signing secret. */
function deriveSlack(vars: Vars, problems: string[], sendOnly: boolean): SlackEnv | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = vars;
  const present = (['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const).filter((k) => vars[k]);
  if (present.length === 0) return undefined;
  if (!botToken) {
    problems.push(envText.slackMissing('SLACK_BOT_TOKEN', present));
    return undefined;
  }
  if (!signingSecret && !appToken && !sendOnly) {
    problems.push(envText.slackMissing('SLACK_SIGNING_SECRET', present));
    return undefined;
  }
  // Only a clearly swapped pair is refused; other prefixes stay allowed for fakes in tests.
  if (botToken.startsWith('xapp-')) problems.push(envText.slackTokenSwapped('SLACK_BOT_TOKEN', 'xoxb-'));
  if (appToken?.startsWith('xox')) problems.push(envText.slackTokenSwapped('SLACK_APP_TOKEN', 'xapp-'));
  return {
    mode: appToken ? 'socket' : 'http',
    botToken,
    signingSecret,
    appToken,
    apiUrl: vars.SLACK_API_URL,
  };
}

function deriveTeams(vars: Vars, host: string, problems: string[]): TeamsEnv | undefined {
  const names = ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'] as const;
  const present = names.filter((k) => vars[k]);
  const missing = names.filter((k) => !vars[k]);
  if (vars.TEAMS_LOCAL_NOAUTH === '1') {
    // An empty app id disables authentication entirely in the Teams SDK (README, "Microsoft Teams"): loopback only.
    if (present.length > 0) problems.push(envText.teamsNoAuthWithCredentials);
    if (host !== '127.0.0.1') problems.push(envText.teamsNoAuthHost(host));
    return { auth: 'none' };
  }
  if (present.length === 0) return undefined;
  if (missing.length > 0) {
    problems.push(envText.teamsMissing(missing, present));
    return undefined;
  }
  return {
    auth: 'single-tenant',
    appId: vars.MICROSOFT_APP_ID!,
    appPassword: vars.MICROSOFT_APP_PASSWORD!,
    tenantId: vars.MICROSOFT_APP_TENANT_ID!,
  };
}
