/**
 * The application service behind every platform: identifies the caller, parses the /fm text (or a
 * submitted form), checks the caller's roles against the subcommand's declared ones, runs it and turns
 * expected failures into German replies. Unexpected errors propagate to the platform's central error handler.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { checkShape } from '../../commands/fields.js';
import { voteByThreadReply } from '../../commands/eskalieren.js';
import { hilfe } from '../../commands/hilfe.js';
import { COMMANDS, findAction, findCommand } from '../../commands/index.js';
import { assertCleanText, parseCommandLine, type ParsedCommand } from '../../commands/parse.js';
import type { CommandDefinition, CommandRegistry } from '../../commands/types.js';
import type { CommandContext, CommandDeps } from '../services/context.js';
import type { OrgIndex } from '../config/orgIndex.js';
import type { Person } from '../config/org.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { UserError, UserErrors } from '../domain/errors.js';
import { DEFAULT_NEED_CATALOGUE, type NeedDefinition } from '../domain/needs.js';
import type { Clock } from '../domain/time.js';
import { commonTexts } from '../i18n/commands.js';
import { StoreUnavailableError, type Store } from '../store/ports.js';
import { receiptTexts, storeTexts } from '../i18n/faults.js';
import { formatInTimeZone } from '../domain/format.js';
import { escalationOfThread, parseThreadVote } from '../services/escalations/index.js';
import type { ActionInput, ActionResponse, BotApi, BotResponse, Caller, ThreadReply } from '../messaging/ports.js';
import { neutraliseFreeText } from '../messaging/freeText.js';
import { message as messageOf, text as textBlock, type Message } from '../messaging/reply.js';
import { homeMessage } from './home.js';
import { metrics } from './metrics.js';

export interface BotDeps {
  org: OrgIndex;
  store: Store;
  clock: Clock;
  calendar: WorkCalendar;
  needCatalogue?: NeedDefinition[];
}

export class Bot implements BotApi {
  private readonly deps: CommandDeps;
  /** The receipt of the request being handled, across the awaits between its acknowledgement and its handling. */
  private readonly requests = new AsyncLocalStorage<string>();

  /** `commands`: the registry to route by; tests pass the real one plus a fixture command. */
  constructor(
    deps: BotDeps,
    private readonly commands: CommandRegistry = COMMANDS,
    /** Called after every handled request: it may have queued messages (the delivery sends them promptly). */
    private readonly onHandled: () => void = () => undefined,
  ) {
    this.deps = { ...deps, needCatalogue: deps.needCatalogue ?? DEFAULT_NEED_CATALOGUE };
  }

  identify(caller: Caller): Person | undefined {
    const { org } = this.deps;
    switch (caller.platform) {
      case 'slack':
        return org.personBySlackId(caller.userId);
      case 'teams':
        return org.personByTeamsId(caller.userId);
      case 'console':
        return org.person(caller.userId);
    }
  }

  handleCommand(caller: Caller, text: string): BotResponse {
    return counted('command', this.named(text.trim().split(/\s+/)[0] ?? '')?.name, () => this.handleCommandUncounted(caller, text));
  }

  private handleCommandUncounted(caller: Caller, text: string): BotResponse {
    return this.asActor(caller, (ctx) => {
      const parsed = asTypedText(parseCommandLine(text));
      // A bare /fm shows the help.
      const def = this.command(parsed.name || hilfe.name);
      assertMayUse(def, ctx.actor);
      const bare = parsed.args.size === 0 && parsed.positionals.length === 0;
      return this.asDeclared(def, () => {
        if (bare && def.form) return { kind: 'form', form: def.form(ctx) };
        checkShape(def, parsed);
        return { kind: 'message', message: def.run(ctx, parsed, this.commands) };
      });
    });
  }

  submitForm(caller: Caller, command: string, values: Record<string, string>): BotResponse {
    return counted('form', findCommand(command, this.commands)?.name, () => this.submitFormUncounted(caller, command, values));
  }

  private submitFormUncounted(caller: Caller, command: string, values: Record<string, string>): BotResponse {
    return this.asActor(caller, (ctx) => {
      const def = this.command(command);
      // Checked again on submit: a submission names its command itself and may come long after the form opened.
      assertMayUse(def, ctx.actor);
      const parsed: ParsedCommand = { name: def.name, positionals: [], args: new Map() };
      for (const [key, value] of Object.entries(values)) {
        const trimmed = value.trim();
        assertCleanText(trimmed, key);
        if (trimmed !== '') parsed.args.set(key.toLowerCase(), neutraliseFreeText(trimmed));
      }
      checkShape(def, parsed);
      return this.asDeclared(def, () => ({ kind: 'message', message: def.run(ctx, parsed, this.commands) }));
    });
  }

  /** A command declared read-only runs where a write throws (its receipt was left out on that promise). */
  private asDeclared<R>(def: CommandDefinition, work: () => R): R {
    return def.readOnly ? this.deps.store.readOnly(work) : work();
  }

  handleAction(caller: Caller, action: ActionInput): ActionResponse {
    return counted('action', findAction(action.actionId)?.actionId, () => this.handleActionUncounted(caller, action));
  }

  private handleActionUncounted(caller: Caller, action: ActionInput): ActionResponse {
    return this.asActor<ActionResponse>(caller, (ctx) => {
      const def = findAction(action.actionId);
      if (!def) throw new UserError(commonTexts.unknownAction);
      assertCleanText(action.value);
      return def.run(ctx, action);
    });
  }

  handleThreadReply(caller: Caller, reply: ThreadReply): BotResponse | undefined {
    const escalation = escalationOfThread(this.deps, reply.channelId, reply.threadId);
    // A chat message may span lines; as a decision it is one sentence.
    const line = reply.text.replace(/\s+/g, ' ').trim();
    const vote = escalation && parseThreadVote(line);
    if (!escalation || !vote) return undefined;
    return counted('thread', 'eskalation', () =>
      this.asActor(caller, (ctx) => {
        assertCleanText(line, 'kommentar');
        return { kind: 'message', message: voteByThreadReply(ctx, escalation, asTypedVote(vote)) };
      }),
    );
  }

  /**
   * Issue #13 item 9: a private reply (case codes, deadlines, a customer number for the person themself) that
   * the platform did not take goes through the outbox as a direct message to that person, with its guarantees.
   */
  queuePrivateReply(caller: Caller, message: Message): boolean {
    const person = this.identify(caller);
    if (!person) return false;
    const { store, clock } = this.deps;
    const now = clock.now();
    try {
      store.transaction(() => {
        store.outbox.enqueue({ dedupeKey: `reply:${person.id}:${now}:${randomUUID()}`, target: { kind: 'direct', personId: person.id }, message, createdAt: now });
      });
    } catch (error) {
      if (error instanceof StoreUnavailableError) return false;
      throw error;
    }
    this.onHandled();
    return true;
  }

  /**
   * Issue #13 item 9 — an acknowledged request is stored, or its sender is told it was not. The platform calls
   * this before it acknowledges: a receipt is written, removed by the transaction that stores the request's
   * change (Store.withReceipt) or after `handle` ends. A receipt still there at start-up is a request acknowledged
   * by a process that died before storing it: `tellInterrupted` tells its sender.
   */
  async track<T>(caller: Caller, label: string, handle: () => Promise<T>, command?: string): Promise<T> {
    const { store, clock } = this.deps;
    // A question has nothing to store: an interrupted `/fm hilfe` loses nothing, and its answer comes sooner.
    if (command !== undefined && this.named(command)?.readOnly) return handle();
    const id = randomUUID();
    try {
      store.transaction(() => store.receipts.open({ id, platform: caller.platform, userId: caller.userId, label, receivedAt: clock.now() }));
    } catch (error) {
      if (error instanceof StoreUnavailableError) return handle(); // it will be refused as not stored anyway
      throw error;
    }
    try {
      return await this.requests.run(id, handle);
    } finally {
      try {
        store.receipts.close(id);
      } catch {
        // left for tellInterrupted; the request itself was handled
      }
    }
  }

  /** At start-up: tells each sender of a request acknowledged but not stored before the last stop. Returns how many. */
  tellInterrupted(): number {
    const { store, clock } = this.deps;
    const receipts = store.receipts.all();
    if (receipts.length === 0) return 0;
    let told = 0;
    store.transaction(() => {
      for (const r of receipts) {
        const platform = r.platform as Caller['platform'];
        const person = this.identify({ platform, userId: r.userId });
        if (person) {
          const notice = receiptTexts.interrupted(r.label, formatInTimeZone(r.receivedAt));
          store.outbox.enqueue({
            dedupeKey: `interrupted:${r.id}`,
            target: { kind: 'direct', personId: person.id },
            message: messageOf(notice, textBlock(notice)),
            createdAt: clock.now(),
          });
          told++;
        }
        store.receipts.close(r.id);
      }
    });
    this.onHandled();
    return told;
  }

  home(caller: Caller): Message | undefined {
    const actor = this.identify(caller);
    return actor ? homeMessage(this.deps, actor) : undefined;
  }

  /** The subcommand a typed name means (any case; none is /fm hilfe), if there is one. */
  private named(name: string): CommandDefinition | undefined {
    return findCommand(name.toLowerCase() || hilfe.name, this.commands);
  }

  private command(name: string): CommandDefinition {
    const def = findCommand(name, this.commands);
    if (!def) throw new UserError(commonTexts.unknownSubcommand(name, this.commands.map((c) => c.name)));
    return def;
  }

  private asActor<R extends ActionResponse = BotResponse>(caller: Caller, work: (ctx: CommandContext) => R): R | BotResponse {
    const actor = this.identify(caller);
    if (!actor) {
      const admins = this.deps.org.admins().map((p) => p.name);
      return { kind: 'error', text: commonTexts.unknownUser(caller.userId, admins), fieldErrors: {} };
    }
    try {
      const queuedBefore = this.deps.store.outbox.enqueuedCount();
      const result = this.deps.store.withReceipt(this.requests.getStore(), () => work({ ...this.deps, actor, caller }));
      // Delivery is kicked only when the request queued something (a read-only command sends nothing).
      if (this.deps.store.outbox.enqueuedCount() !== queuedBefore) this.onHandled();
      return result;
    } catch (error) {
      // The database is locked by another process (or cannot write): nothing was stored, and the person is told
      // so at once instead of waiting for the lock (issue #13 item 9: acknowledged means stored, or told it was not).
      if (error instanceof StoreUnavailableError) return { kind: 'error', text: storeTexts.unavailable, fieldErrors: {} };
      const problems = error instanceof UserErrors ? error.errors : error instanceof UserError ? [error] : undefined;
      if (!problems) throw error;
      return refusal(problems);
    }
  }
}

/**
 * What people typed is shown as text wherever it goes: mention, link and broadcast syntax in it is made inert
 * before any command sees it (issue #13 item 9; src/messaging/freeText.ts).
 */
function asTypedText(parsed: ParsedCommand): ParsedCommand {
  const args = new Map([...parsed.args].map(([key, value]) => [key, neutraliseFreeText(value)] as const));
  return { ...parsed, positionals: parsed.positionals.map(neutraliseFreeText), args };
}

/** A vote typed in a thread: its comment is free text too. */
function asTypedVote<V extends { comment?: string }>(vote: V): V {
  return vote.comment === undefined ? vote : { ...vote, comment: neutraliseFreeText(vote.comment) };
}

/**
 * Counts a handled request in fm_lotse_commands_total (/metrics): its kind, the subcommand or action it named
 * (`unbekannt` for a name nobody declared, so a typo adds no new series) and its outcome.
 */
function counted<R extends ActionResponse>(kind: string, command: string | undefined, handle: () => R): R {
  const labels = { kind, command: command ?? 'unbekannt' };
  try {
    const response = handle();
    const outcome = response.kind === 'error' ? 'refused' : response.kind === 'form' ? 'form' : 'ok';
    metrics.commands.inc({ ...labels, outcome });
    return response;
  } catch (error) {
    metrics.commands.inc({ ...labels, outcome: 'error' });
    throw error;
  }
}

/** The one role check of every subcommand: the roles it declares (commands/types.ts, CommandListing). */
function assertMayUse(def: CommandDefinition, actor: Person): void {
  if (actor.roles.some((role) => def.roles.includes(role))) return;
  throw def.refusal?.(actor) ?? new UserError(commonTexts.notForRole(def.name, def.roles, actor.roles));
}

function refusal(problems: UserError[]): BotResponse {
  const fieldErrors: Record<string, string> = {};
  for (const p of problems) if (p.field && !(p.field in fieldErrors)) fieldErrors[p.field] = p.message;
  const text =
    problems.length === 1 ? problems[0]!.message : [commonTexts.problemsHeading, ...problems.map((p) => `• ${p.message}`)].join('\n');
  const general = problems.filter((p) => !p.field).map((p) => p.message);
  return general.length ? { kind: 'error', text, fieldErrors, general } : { kind: 'error', text, fieldErrors };
}
