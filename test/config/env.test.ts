import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, parseIsoInstant } from '../../src/config/env.js';

/** The ConfigError's problems for an environment that must not start. */
function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('environment: defaults and platforms', () => {
  it('starts only the console on the demo organisation when no platform credentials are set', () => {
    expect(loadEnv({})).toEqual({
      orgPath: 'config/org.example.json',
      dbPath: 'data/fm-lotse.db',
      now: undefined,
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      slack: undefined,
      teams: undefined,
      platforms: ['console'],
    });
  });

  it('treats blank values as unset, as a `KEY=` line in an env file means', () => {
    expect(loadEnv({ SLACK_BOT_TOKEN: '', PORT: ' ', FM_LOTSE_DB: '' })).toMatchObject({
      platforms: ['console'],
      port: 3000,
      dbPath: 'data/fm-lotse.db',
    });
  });

  it('takes paths, port, host and log level from the environment', () => {
    const env = loadEnv({
      FM_LOTSE_ORG: '/etc/fm-lotse/org.json',
      FM_LOTSE_DB: '/var/lib/fm-lotse/db.sqlite',
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
    });
    expect(env).toMatchObject({
      orgPath: '/etc/fm-lotse/org.json',
      dbPath: '/var/lib/fm-lotse/db.sqlite',
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
    });
  });

  it('runs Slack over HTTP with bot token and signing secret', () => {
    const env = loadEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'geheim', SLACK_API_URL: 'http://127.0.0.1:4000/api/' });
    expect(env.slack).toEqual({
      mode: 'http',
      botToken: 'xoxb-1',
      signingSecret: 'geheim',
      appToken: undefined,
      apiUrl: 'http://127.0.0.1:4000/api/',
    });
    expect(env.platforms).toEqual(['slack']);
  });

  it('runs Slack in Socket Mode with bot token and app token', () => {
    const env = loadEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(env.slack).toMatchObject({ mode: 'socket', botToken: 'xoxb-1', appToken: 'xapp-1' });
    expect(env.platforms).toEqual(['slack']);
  });

  it('runs Teams as a single-tenant app with all three Microsoft variables', () => {
    const env = loadEnv({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: 'tenant' });
    expect(env.teams).toEqual({ auth: 'single-tenant', appId: 'app', appPassword: 'pw', tenantId: 'tenant' });
    expect(env.platforms).toEqual(['teams']);
  });

  it('runs Slack and Teams side by side when both are configured', () => {
    const env = loadEnv({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_PASSWORD: 'pw',
      MICROSOFT_APP_TENANT_ID: 'tenant',
    });
    expect(env.platforms).toEqual(['slack', 'teams']);
  });

  it('allows Teams without authentication only on 127.0.0.1 (TEAMS_LOCAL_NOAUTH)', () => {
    expect(loadEnv({ TEAMS_LOCAL_NOAUTH: '1', HOST: '127.0.0.1' })).toMatchObject({ teams: { auth: 'none' }, platforms: ['teams'] });
    expect(loadEnv({ TEAMS_LOCAL_NOAUTH: '0' })).toMatchObject({ teams: undefined, platforms: ['console'] });
    expect(problemsOf({ TEAMS_LOCAL_NOAUTH: '1' })).toEqual([
      'TEAMS_LOCAL_NOAUTH=1 startet Teams ohne jede Anmeldung und ist nur für lokale Tests erlaubt: HOST muss „127.0.0.1“ sein (ist „0.0.0.0“).',
    ]);
    expect(problemsOf({ TEAMS_LOCAL_NOAUTH: '1', HOST: '127.0.0.1', MICROSOFT_APP_ID: 'app' })[0]).toMatch(
      /^TEAMS_LOCAL_NOAUTH=1 und MICROSOFT_APP_\* schließen sich aus/,
    );
    expect(problemsOf({ TEAMS_LOCAL_NOAUTH: 'ja' })).toEqual(['TEAMS_LOCAL_NOAUTH: erwartet „1“ (an) oder „0“ (aus), gefunden „ja“']);
  });
});

describe('environment: incomplete credentials stop the start with a fix', () => {
  it('names the missing signing secret when only the bot token is set', () => {
    const [problem, ...rest] = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^SLACK_SIGNING_SECRET fehlt: SLACK_BOT_TOKEN ist gesetzt/);
    expect(problem).toContain('SLACK_SIGNING_SECRET ergänzen');
    expect(problem).toContain('oder SLACK_BOT_TOKEN entfernen, um ohne Slack zu starten');
  });

  it('names the missing bot token when only the signing secret or app token is set', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xapp-1' })[0]).toMatch(
      /^SLACK_BOT_TOKEN fehlt: SLACK_SIGNING_SECRET und SLACK_APP_TOKEN sind gesetzt/,
    );
  });

  it('notices swapped Slack tokens', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xapp-1', SLACK_APP_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_BOT_TOKEN: sieht nicht nach dem richtigen Token aus (erwartet „xoxb-…“); sind SLACK_BOT_TOKEN und SLACK_APP_TOKEN vertauscht?',
      'SLACK_APP_TOKEN: sieht nicht nach dem richtigen Token aus (erwartet „xapp-…“); sind SLACK_BOT_TOKEN und SLACK_APP_TOKEN vertauscht?',
    ]);
  });

  it('names every missing Microsoft variable', () => {
    expect(problemsOf({ MICROSOFT_APP_ID: 'app' })[0]).toMatch(
      /^MICROSOFT_APP_PASSWORD und MICROSOFT_APP_TENANT_ID fehlen: Microsoft Teams braucht/,
    );
  });

  it('lists all problems at once in the error message', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', PORT: 'achtzig', LOG_LEVEL: 'laut', SLACK_API_URL: 'localhost:4000' };
    expect(problemsOf(env)).toEqual([
      'SLACK_API_URL: keine http(s)-URL „localhost:4000“, z. B. http://127.0.0.1:4000/api/',
      'PORT: erwartet eine ganze Zahl von 0 bis 65535, gefunden „achtzig“',
      'LOG_LEVEL: unbekannte Stufe „laut“; erlaubt: debug, info, warn, error, silent',
      expect.stringMatching(/^SLACK_SIGNING_SECRET fehlt/),
    ]);
    expect(() => loadEnv(env)).toThrow(/^Die Konfiguration ist unvollständig oder fehlerhaft:\n- SLACK_API_URL: /);
  });

  it('refuses a port above 65535', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT: erwartet eine ganze Zahl von 0 bis 65535, gefunden „70000“']);
  });
});

describe('FM_LOTSE_NOW: the instant the clock starts from', () => {
  it('reads UTC and explicit offsets as given', () => {
    expect(loadEnv({ FM_LOTSE_NOW: '2026-03-02T07:00:00Z' }).now).toBe(Date.UTC(2026, 2, 2, 7));
    expect(loadEnv({ FM_LOTSE_NOW: '2026-03-02T08:00:00+01:00' }).now).toBe(Date.UTC(2026, 2, 2, 7));
    expect(parseIsoInstant('2026-03-02T08:00:00.250-0130')).toBe(Date.UTC(2026, 2, 2, 9, 30, 0, 250));
  });

  it('reads a time without offset as Berlin time, in winter and in summer', () => {
    expect(parseIsoInstant('2026-03-02T08:00')).toBe(Date.UTC(2026, 2, 2, 7));
    expect(parseIsoInstant('2026-07-01T08:00:00')).toBe(Date.UTC(2026, 6, 1, 6));
    expect(parseIsoInstant('2026-12-21')).toBe(Date.UTC(2026, 11, 20, 23));
  });

  it('moves a Berlin time inside the spring-forward gap to the hour after', () => {
    expect(parseIsoInstant('2026-03-29T02:30')).toBe(Date.UTC(2026, 2, 29, 1, 30)); // = 03:30 CEST
  });

  it('refuses text that is no real instant and says what it expects', () => {
    expect(problemsOf({ FM_LOTSE_NOW: 'morgen früh' })).toEqual([
      'FM_LOTSE_NOW: kein ISO-8601-Zeitpunkt „morgen früh“; Beispiele: 2026-03-02T08:00:00+01:00, 2026-03-02T07:00:00Z oder 2026-03-02T08:00 (Berliner Zeit)',
    ]);
    expect(parseIsoInstant('2026-02-30T08:00Z')).toBeUndefined();
    expect(parseIsoInstant('2026-03-02T24:00Z')).toBeUndefined();
    expect(parseIsoInstant('02.03.2026')).toBeUndefined();
  });
});
