import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { BOT_EVENTS, EVENTS_PATH, REQUIRED_BOT_SCOPES, SLASH_COMMAND } from '../src/platforms/slack/app.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object with the plugin as `default`.
const addFormats = ajvFormats.default;
const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const schema = JSON.parse(fs.readFileSync(path.resolve(root, 'specs/slack-manifest.schema.1.0.0.json'), 'utf8'));

function manifestValidator() {
  // Strict mode stays on for keywords; Slack's schema leaves some types implicit, which is no error in draft-07.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  // Slack's schema carries comments as "_note" and spells one pattern as the non-standard "regex".
  ajv.addKeyword('_note');
  ajv.addKeyword({ keyword: 'regex', type: 'string', schemaType: 'string', validate: (re: string, data: string) => new RegExp(re).test(data) });
  return ajv.compile(schema);
}

describe('Slack app manifest', () => {
  it('is valid against Slack manifest schema 1.0.0 (JSON Schema draft-07)', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const validate = manifestValidator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused with a command without slash or a colour that is no hex code', () => {
    const validate = manifestValidator();
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = 'fm';
    broken.display_information.background_color = 'blue';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/display_information/background_color', '/features/slash_commands/0/command']);
  });

  it('declares exactly the one slash command the code listens to, with a German description', () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c: { command: string }) => c.command)).toEqual([SLASH_COMMAND]);
    expect(commands[0].description).toMatch(/vormerken/);
    expect(commands[0].usage_hint).toContain('hilfe');
  });

  it('asks for exactly the bot scopes the code needs', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...REQUIRED_BOT_SCOPES].sort());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('subscribes to exactly the events the code listens to: messages in channels, for decisions in escalation threads', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
    expect(manifest.settings.event_subscriptions.user_events).toBeUndefined();
    // Each message event needs its history scope, or Slack delivers nothing.
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['channels:history', 'groups:history']));
  });

  it('sends commands, interactivity and events to the one HTTP path of the receiver, over HTTP rather than Socket Mode', () => {
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.bot_user.display_name).toBe('FM-Lotse');
  });
});
