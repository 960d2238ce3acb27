/**
 * Shared by the lifecycle command tests: a world on the demo organisation, pinned to Monday 20.10.2025,
 * with cases made through the real commands (referral, assignment, intake).
 */
import { expect } from 'vitest';
import type { BotResponse } from '../../src/messaging/ports.js';
import type { Org } from '../../src/config/org.js';
import { toPlainText } from '../../src/messaging/reply.js';
import type { OutboxItem } from '../../src/store/ports.js';
import { referralLine } from '../support/build.js';
import { createWorld, type World } from '../support/world.js';

export const START = '2025-10-20T09:00:00+02:00';

export interface CaseOptions {
  /** Default a fresh customer number. */
  client?: string;
  group?: 'u25' | 'ue25';
  /** Month of the 25th birthday (JJJJ-MM) of a U25 client; default 2030-04 (build.ts). */
  u25Until?: string;
  referrer?: string;
}

export interface Harness {
  world: World;
  run(personId: string, line: string): BotResponse;
  /** The reply as plain text, or the refusal's text; fails the test when it is neither. */
  textOf(response: BotResponse): string;
  /** Runs a command that must succeed and returns its reply text. */
  ok(personId: string, line: string): string;
  /** Runs a command that must be refused without changing anything, and returns the refusal. */
  refused(personId: string, line: string): string;
  /** Row counts of the tables a failed command must leave alone (as `world.counts()`). */
  counts(): ReturnType<World['counts']>;
  at(iso: string): void;
  /** A referral by the IFK (ifk-nele for U25, ifk-lena for Ü25 unless `referrer`), status vorgemerkt; returns the case code. */
  referredCase(options?: CaseOptions): string;
  /** Assigns a referral to the FM directly (the assignment round is not needed here). */
  assign(code: string, fmId: string): void;
  /** A referral assigned to the FM (status zugewiesen); returns the case code. */
  assignedCase(options?: CaseOptions & { fmId?: string }): string;
  /** Like assignedCase, then taken in on `intakeOn` (TT.MM.JJJJ, default today). */
  activeCase(options?: CaseOptions & { fmId?: string; intakeOn?: string }): string;
  /**
   * An exit as far as it goes today (R22, R26): the FM plans it with `/fm abgang … <args>`, the person asked
   * for the return talk confirms it with `/fm rueckgabe … bestaetigt`; returns the confirmation's text.
   */
  exit(fmId: string, code: string, args: string): string;
  /** The queued messages to a person (direct) or a team channel. */
  outboxTo(kind: 'direct' | 'channel', id: string): OutboxItem[];
  /** The direct messages to a person as plain text. */
  directTo(personId: string): string[];
  close(): void;
}

export function harness(now = START, options: { org?: Org } = {}): Harness {
  const world = createWorld({ now, ...options });
  const run = (personId: string, line: string) => world.bot.handleCommand({ platform: 'console', userId: personId }, line);
  const textOf = (response: BotResponse): string => {
    if (response.kind === 'message') return toPlainText(response.message);
    if (response.kind === 'error') return response.text;
    return JSON.stringify(response.form);
  };
  const allCounts = () => ({
    ...world.counts(),
    contacts: world.store.contacts.count(),
    absences: world.store.absences.all().length,
  });

  const h: Harness = {
    world,
    run,
    textOf,
    ok(personId, line) {
      const response = run(personId, line);
      expect(response.kind, textOf(response)).toBe('message');
      return textOf(response);
    },
    refused(personId, line) {
      const before = allCounts();
      const response = run(personId, line);
      expect(response.kind, textOf(response)).toBe('error');
      expect(allCounts()).toEqual(before);
      return textOf(response);
    },
    counts: () => world.counts(),
    at(iso) {
      world.clock.set(Date.parse(iso));
    },
    referredCase(options = {}) {
      const referrer = options.referrer ?? (options.group === 'u25' ? 'ifk-nele' : 'ifk-lena');
      const { client, group, u25Until } = options;
      const line = referralLine({ ...(client && { kunde: client }), ...(group && { gruppe: group }), ...(u25Until && { u25bis: u25Until }) });
      const reply = h.ok(referrer, line);
      return /FM-\d{4}-\d{4}/.exec(reply)![0];
    },
    assign(code, fmId) {
      const at = world.clock.now();
      world.store.cases.transition(code, ['vorgemerkt'], 'zugewiesen', { assignedFmId: fmId, assignedAt: at }, at);
    },
    assignedCase(options = {}) {
      const code = h.referredCase(options);
      h.assign(code, options.fmId ?? (options.group === 'u25' ? 'fm-jonas' : 'fm-tobias'));
      return code;
    },
    activeCase(options = {}) {
      const code = h.assignedCase(options);
      const fm = world.store.cases.byCode(code)!.assignedFmId!;
      const today = world.calendar.today(world.clock.now()).split('-').reverse().join('.');
      h.ok(fm, `uebernahme ${code} datum=${options.intakeOn ?? today} warm=ja ziele=ja`);
      return code;
    },
    exit(fmId, code, args) {
      h.ok(fmId, `abgang ${code} ${args}`);
      const asked = world.store.returns.openFor(code)!.addresseeId;
      return h.ok(asked, `rueckgabe ${code} bestaetigt`);
    },
    outboxTo(kind, id) {
      return world.store.outbox
        .all()
        .filter((i) => i.target.kind === kind && (i.target.kind === 'direct' ? i.target.personId : i.target.teamId) === id);
    },
    directTo(personId) {
      return h.outboxTo('direct', personId).map((i) => toPlainText(i.message));
    },
    close: () => world.close(),
  };
  return h;
}
