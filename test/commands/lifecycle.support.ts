/**
 * Shared by the lifecycle command tests: a world on the demo organisation, pinned to Monday 20.10.2025,
 * with cases made through the real commands (referral, assignment, intake).
 */
import { expect } from 'vitest';
import type { BotResponse } from '../../src/app/ports.js';
import { toPlainText } from '../../src/messaging/reply.js';
import { createWorld, type World } from '../support/world.js';

const REFERRAL =
  'vormerken zugang=formal prognose=nicht-marktnah hb=gesundheit,sucht,schulden ' +
  'integration12=nein einschaetzung=ja zustimmung=ja informiert=ja verbis=ja';

export const START = '2025-10-20T09:00:00+02:00';

export interface Harness {
  world: World;
  run(personId: string, line: string): BotResponse;
  /** The reply as plain text, or the refusal's text; fails the test when it is neither. */
  textOf(response: BotResponse): string;
  /** Runs a command that must succeed and returns its reply text. */
  ok(personId: string, line: string): string;
  /** Runs a command that must be refused without changing anything, and returns the refusal. */
  refused(personId: string, line: string): string;
  at(iso: string): void;
  /** A referral assigned to the FM (status zugewiesen); returns the case code. */
  assignedCase(options?: { fmId?: string; client?: string; group?: 'u25' | 'ue25'; referrer?: string }): string;
  /** Like assignedCase, then taken in on `intakeOn` (TT.MM.JJJJ, default today). */
  activeCase(options?: { fmId?: string; client?: string; group?: 'u25' | 'ue25'; referrer?: string; intakeOn?: string }): string;
  directTo(personId: string): string[];
  close(): void;
}

let clientSeq = 0;

export function harness(now = START): Harness {
  const world = createWorld({ now });
  const run = (personId: string, line: string) => world.bot.handleCommand({ platform: 'console', userId: personId }, line);
  const textOf = (response: BotResponse): string => {
    if (response.kind === 'message') return toPlainText(response.message);
    if (response.kind === 'error') return response.text;
    return JSON.stringify(response.form);
  };
  const counts = () => ({
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
      const before = counts();
      const response = run(personId, line);
      expect(response.kind, textOf(response)).toBe('error');
      expect(counts()).toEqual(before);
      return textOf(response);
    },
    at(iso) {
      world.clock.set(Date.parse(iso));
    },
    assignedCase({ fmId, client, group = 'ue25', referrer } = {}) {
      const ref = client ?? `123A${String(++clientSeq).padStart(6, '0')}`;
      const u25 = group === 'u25' ? ' u25bis=2030-04' : '';
      const reply = h.ok(referrer ?? (group === 'u25' ? 'ifk-nele' : 'ifk-lena'), `${REFERRAL} kunde=${ref} gruppe=${group}${u25}`);
      const code = /FM-\d{4}-\d{4}/.exec(reply)![0];
      const at = world.clock.now();
      const fm = fmId ?? (group === 'u25' ? 'fm-jonas' : 'fm-tobias');
      world.store.cases.transition(code, ['vorgemerkt'], 'zugewiesen', { assignedFmId: fm, assignedAt: at }, at);
      return code;
    },
    activeCase(options = {}) {
      const code = h.assignedCase(options);
      const fm = world.store.cases.byCode(code)!.assignedFmId!;
      const today = world.calendar.today(world.clock.now()).split('-').reverse().join('.');
      h.ok(fm, `uebernahme ${code} datum=${options.intakeOn ?? today} warm=ja ziele=ja`);
      return code;
    },
    directTo(personId) {
      return world.store.outbox
        .all()
        .filter((i) => i.target.kind === 'direct' && i.target.personId === personId)
        .map((i) => toPlainText(i.message));
    },
    close: () => world.close(),
  };
  return h;
}
