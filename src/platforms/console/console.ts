/**
 * The local console chat: the default platform when no credentials are set (like Hubot's shell adapter).
 * You type as a person of the organisation file; replies, channel notices and direct messages all appear
 * in the terminal. Works on pipes as well as terminals, so tests and scripts can drive it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { BotApi, BotResponse, Caller, Transport } from '../../messaging/ports.js';
import type { Person } from '../../config/org.js';
import type { OrgIndex } from '../../config/orgIndex.js';
import { UserError } from '../../domain/errors.js';
import { consoleTexts as t } from '../../i18n/console.js';
import { message, type Form, type FormField, type ImagePart, type Target } from '../../messaging/reply.js';
import { renderDelivered, renderError, renderFieldIntro, renderPrivate, type RenderOptions } from './render.js';

export interface ConsoleOptions {
  bot: BotApi;
  org: OrgIndex;
  input: Readable;
  output: Writable;
  /** Delivers queued outbox messages (through the console transport); called after every command. */
  flush: () => Promise<unknown>;
  /** Person id to start as; default: the first person with role ifk. */
  startAs?: string;
  /** The simulated time for the welcome text (when FM_LOTSE_NOW is set). */
  nowText?: () => string;
  /** `/zeit …`: moves the simulated clock and runs what became due; returns the text to show. */
  travel?: (arg: string) => Promise<string>;
  /** Where the charts of a reply are written as PNG files; default a folder in the system's temporary directory. */
  chartDir?: string;
}

function isTerminal(stream: Readable | Writable): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** Outgoing messages on the console: every person and team is reachable, messages go to `output`. */
export function createConsoleTransport(opts: { org: OrgIndex; output: Writable; ansi?: boolean }): Transport {
  const render: RenderOptions = { ansi: opts.ansi ?? isTerminal(opts.output), org: opts.org };
  let posted = 0;
  return {
    platform: 'console',
    address: (target: Target) => (target.kind === 'channel' ? target.teamId : target.personId),
    send: async (address, target, message, thread) => {
      opts.output.write(renderDelivered(target, message, opts.org, render, thread ? 'thread' : undefined));
      posted += 1;
      return { channelId: address, messageId: String(posted) };
    },
    update: async (where, message) => {
      opts.output.write(renderDelivered({ kind: 'channel', teamId: where.channelId }, message, opts.org, render, 'update'));
    },
  };
}

/** Runs the chat loop; resolves when the input ends or on `/ende`. */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  await new ConsoleSession(opts).run();
}

/** A walk-through answer: a value ('' = skipped), or the user left the form. */
type Answer = { value: string } | { stop: 'cancel' | 'end' };

class ConsoleSession {
  private readonly rl: Interface;
  private readonly lines: AsyncIterator<string>;
  private readonly render: RenderOptions;
  /** Piped input is not echoed by a terminal; echoing it keeps transcripts readable. */
  private readonly echo: boolean;
  private person: Person;

  constructor(private readonly opts: ConsoleOptions) {
    const terminal = isTerminal(opts.input) && isTerminal(opts.output);
    this.rl = createInterface({ input: opts.input, output: opts.output, terminal });
    // The iterator buffers lines that arrive while a command is still running (piped input).
    this.lines = this.rl[Symbol.asyncIterator]();
    this.render = { ansi: isTerminal(opts.output), org: opts.org };
    this.echo = !isTerminal(opts.input);
    this.person = this.startPerson();
  }

  async run(): Promise<void> {
    try {
      const welcome = t.welcome({
        jobcenter: this.opts.org.org.jobcenter.name,
        who: this.describe(this.person),
        nowText: this.opts.nowText?.(),
      });
      this.write(welcome.join('\n') + '\n');
      for (;;) {
        const line = await this.ask(`${this.person.id}> `);
        if (line === undefined) break;
        const keepRunning = await this.dispatch(line.trim());
        await this.flush();
        if (!keepRunning) break;
      }
    } finally {
      this.rl.close();
    }
  }

  private startPerson(): Person {
    const { org } = this.opts;
    if (this.opts.startAs !== undefined) {
      const chosen = org.person(this.opts.startAs);
      if (!chosen) throw new UserError(t.unknownPerson(this.opts.startAs, this.personIds()));
      return chosen;
    }
    const people = org.org.people;
    // The schema guarantees at least one person.
    return people.find((p) => p.roles.includes('ifk')) ?? people[0]!;
  }

  private get caller(): Caller {
    return { platform: 'console', userId: this.person.id };
  }

  /** Handles one typed line; false ends the console. */
  private async dispatch(line: string): Promise<boolean> {
    if (!line) return true;
    const word = line.split(/\s+/, 1)[0]!;
    const rest = line.slice(word.length).trim();
    switch (word) {
      case '/ende':
        return false;
      case '/als':
        this.switchTo(rest);
        return true;
      case '/wer':
        this.who();
        return true;
      case '/hilfe':
        this.write(t.help.join('\n') + '\n');
        // A bare /fm: the bot answers with its help, whatever the registry calls that command.
        return this.command('');
      case '/abbrechen':
        this.write(t.noFormRunning + '\n');
        return true;
      case '/zeit':
        await this.travel(rest);
        return true;
    }
    if (/^\/?fm$/i.test(word)) return this.command(rest);
    if (word.startsWith('/')) {
      this.write(renderError(t.unknownConsoleCommand(word), {}, this.render));
      return true;
    }
    return this.command(line);
  }

  private async travel(arg: string): Promise<void> {
    if (!this.opts.travel) {
      this.write(renderError(t.noTravel, {}, this.render));
      return;
    }
    try {
      this.write(renderPrivate(message(await this.opts.travel(arg)), this.render));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      this.write(renderError(error.message, {}, this.render));
    }
  }

  private async command(text: string): Promise<boolean> {
    const response = this.call(() => this.opts.bot.handleCommand(this.caller, text));
    return response ? this.show(response) : true;
  }

  /** Shows a bot response; a form is walked through. False when the input ended meanwhile. */
  private async show(response: BotResponse): Promise<boolean> {
    switch (response.kind) {
      case 'message':
        this.write(renderPrivate(response.message, this.render));
        if (response.message.images?.length) await this.writeCharts(response.message.images);
        return true;
      case 'error':
        this.write(renderError(response.text, response.fieldErrors, this.render));
        return true;
      case 'form':
        return this.walk(response.form);
    }
  }

  /** Charts (R35) become PNG files; the console prints where each one is. */
  private async writeCharts(images: readonly ImagePart[]): Promise<void> {
    const dir = this.opts.chartDir ?? path.join(os.tmpdir(), 'fm-lotse-grafiken');
    fs.mkdirSync(dir, { recursive: true });
    const { chartPng } = await import('../charts.js');
    for (const image of images) {
      const file = path.join(dir, image.fileName);
      fs.writeFileSync(file, await chartPng(image));
      this.write(t.chartWritten(image.title, file) + '\n');
    }
  }

  /** Asks the form's fields one by one, submits, and re-asks only the fields the bot refused. */
  private async walk(form: Form): Promise<boolean> {
    this.write(t.formIntro(form.title).join('\n') + '\n');
    const labels = Object.fromEntries(form.fields.map((f) => [f.key, f.label]));
    const values: Record<string, string> = {};
    let pending = form.fields;
    for (;;) {
      for (const field of pending) {
        const answer = await this.askField(field);
        if ('stop' in answer) {
          this.write(t.formCancelled + '\n');
          return answer.stop === 'cancel';
        }
        if (answer.value) values[field.key] = answer.value;
        else delete values[field.key];
      }
      const response = this.call(() => this.opts.bot.submitForm(this.caller, form.command, values));
      if (!response) return true;
      if (response.kind !== 'error') return this.show(response);
      this.write(renderError(response.text, response.fieldErrors, this.render, labels));
      pending = form.fields.filter((f) => f.key in response.fieldErrors);
      // A refusal that names no field of this form cannot be fixed by asking again.
      if (pending.length === 0) return true;
      this.write(t.formRetry + '\n');
    }
  }

  private async askField(field: FormField): Promise<Answer> {
    this.write(renderFieldIntro(field, this.render));
    for (;;) {
      const raw = await this.ask(`${field.key}> `);
      if (raw === undefined) return { stop: 'end' };
      const value = raw.trim();
      if (value === '/abbrechen') return { stop: 'cancel' };
      if (value === '/ende') return { stop: 'end' };
      if (!value) {
        if (!field.required) return { value: '' };
        this.write(t.answerRequired + '\n');
        continue;
      }
      if (field.kind === 'text') return { value };
      const options = field.kind === 'select' ? field.options : field.groups.flatMap((g) => g.options);
      const given = field.kind === 'select' ? [value] : value.split(/[\s,;]+/).filter(Boolean);
      // Codes and labels are both accepted, in any case; the bot receives the codes.
      const match = (v: string) =>
        options.find((o) => o.value.toLowerCase() === v.toLowerCase() || o.label.toLowerCase() === v.toLowerCase());
      const unknown = given.filter((v) => !match(v));
      if (unknown.length) {
        this.write(t.notAnOption(unknown) + '\n');
        continue;
      }
      return { value: given.map((v) => match(v)!.value).join(',') };
    }
  }

  private switchTo(id: string): void {
    const person = id ? this.opts.org.person(id) : undefined;
    if (!person) {
      const message = id ? t.unknownPerson(id, this.personIds()) : t.missingPersonId(this.personIds());
      this.write(renderError(message, {}, this.render));
      return;
    }
    this.person = person;
    this.write(t.switched(this.describe(person)) + '\n');
  }

  private who(): void {
    const people = this.opts.org.org.people;
    const width = Math.max(...people.map((p) => p.id.length));
    const lines = people.map((p) =>
      t.whoLine(p.id === this.person.id ? '▶' : ' ', p.id.padEnd(width), p.name, this.roles(p), this.teamText(p)),
    );
    this.write([t.whoHeading, ...lines].join('\n') + '\n');
  }

  private describe(p: Person): string {
    return t.personSummary(p.name, p.id, this.roles(p), this.teamText(p));
  }

  private roles(p: Person): string {
    return p.roles.map(t.roleLabel).join(', ');
  }

  private teamText(p: Person): string {
    if (!p.team) return '';
    const team = this.opts.org.team(p.team);
    return t.teamText(p.team, team?.name);
  }

  private personIds(): string[] {
    return this.opts.org.org.people.map((p) => p.id);
  }

  /** Runs a bot call; expected refusals and unexpected failures are shown instead of ending the chat. */
  private call(work: () => BotResponse): BotResponse | undefined {
    try {
      return work();
    } catch (error) {
      const text = error instanceof UserError ? error.message : t.unexpectedError(String((error as Error)?.message ?? error));
      this.write(renderError(text, {}, this.render));
      return undefined;
    }
  }

  private async flush(): Promise<void> {
    try {
      await this.opts.flush();
    } catch (error) {
      this.write(renderError(t.deliveryError(String((error as Error)?.message ?? error)), {}, this.render));
    }
  }

  private async ask(prompt: string): Promise<string | undefined> {
    this.rl.setPrompt(prompt);
    this.rl.prompt();
    const next = await this.lines.next();
    if (next.done) {
      this.write('\n');
      return undefined;
    }
    if (this.echo) this.write(next.value + '\n');
    return next.value;
  }

  private write(text: string): void {
    this.opts.output.write(text);
  }
}
