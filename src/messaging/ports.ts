/**
 * The seam between platforms and the application. A platform (Slack, Teams, console) turns chat input
 * into calls on `BotApi` and renders what comes back; outgoing messages reach it through `Transport`.
 */
import type { Form, Message, Target } from './reply.js';

export type Platform = 'slack' | 'teams' | 'console';

/** Who is talking, as the platform knows them. */
export interface Caller {
  platform: Platform;
  /** Platform user id (Slack "U…", Teams "29:…"); on the console, the person id of the org file. */
  userId: string;
  /** Platform channel/conversation the command came from, if any. */
  channelId?: string;
}

export type BotResponse =
  /** Show this message privately to the caller (Slack: ephemeral). */
  | { kind: 'message'; message: Message }
  /** Open this form (Slack: modal via views.open). */
  | { kind: 'form'; form: Form }
  /** A clear German refusal; in a form, `fieldErrors` (by field key) go next to the fields. */
  | {
      kind: 'error';
      text: string;
      fieldErrors: Record<string, string>;
      /** Problems that belong to no field (a form shows them too, e.g. at its top or first field). */
      general?: string[];
    };

/** Where a clicked button or changed select lives, so the platform can update that message in place. */
export interface MessageRef {
  channelId: string;
  /** Slack: the message ts; Teams: the activity id. */
  messageId: string;
}

/** A click on a button or a choice in a select of a message the bot posted. */
export interface ActionInput {
  actionId: string;
  /** The button's value, or the chosen option's value. */
  value: string;
  message?: MessageRef;
}

export type ActionResponse =
  | BotResponse
  /** Replace the message the action came from (for everyone); `note` goes privately to the clicker. */
  | { kind: 'update'; message: Message; note?: Message };

export interface BotApi {
  /** `text` is what follows the slash command, e.g. `vormerken kunde=123A456789 gruppe=ue25 …` or ``. */
  handleCommand(caller: Caller, text: string): BotResponse;
  /** A submitted form: values by field key; a multi-select's values joined with ",". */
  submitForm(caller: Caller, command: string, values: Record<string, string>): BotResponse;
  /** A button click or select change on a bot message. */
  handleAction(caller: Caller, action: ActionInput): ActionResponse;
  /**
   * A reply in the thread of a bot message (e.g. "zustimmen" under an escalation); undefined when the thread
   * is not an escalation's or the text is no decision, so ordinary conversation stays unanswered.
   */
  handleThreadReply(caller: Caller, reply: ThreadReply): BotResponse | undefined;
  /**
   * A private answer the platform could not deliver (the platform is down or rate limited): queued in the
   * outbox as a direct message to the caller, sent as soon as the platform takes it. False when it could not be
   * queued (unknown caller, database not writing): then the platform reports the failure as before.
   */
  queuePrivateReply?(caller: Caller, message: Message): boolean;
  /**
   * Wraps the handling of one request; called before the platform acknowledges it, so a request acknowledged
   * is either stored or its sender told it was not (after a crash). `label`: the subcommand name, never text.
   * `command`: the /fm subcommand the request names (a slash command or a form's submission), if any; one that
   * only reads needs no receipt.
   */
  track?<T>(caller: Caller, label: string, handle: () => Promise<T>, command?: string): Promise<T>;
  /** The caller's own overview (Slack App Home); undefined for a person the organisation file does not know. */
  home?(caller: Caller): Message | undefined;
}

/** A message someone wrote in a thread: the channel, the thread's parent message id (Slack: thread_ts), the text. */
export interface ThreadReply {
  channelId: string;
  threadId: string;
  text: string;
}

/** Delivery failed; `retryable` ones are tried again later from the outbox (after `retryAfterMs` if given). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** One platform's way of sending outbox messages. */
export interface Transport {
  platform: Platform;
  /** The platform address (channel id, user id) of a target, or undefined when it has none on this platform. */
  address(target: Target): string | undefined;
  /**
   * Sends one message (as a reply in `thread` when given) and says where it landed; throws DeliveryError
   * on failure.
   */
  send(address: string, target: Target, message: Message, thread?: PostedMessage): Promise<PostedMessage>;
  /** Replaces a message this platform posted earlier. */
  update(posted: PostedMessage, message: Message): Promise<void>;
}

/** Where a platform put a message: channel (or conversation) and message id (Slack ts, Teams activity id). */
export interface PostedMessage {
  channelId: string;
  messageId: string;
}
