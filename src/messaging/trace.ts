/**
 * One id per incoming chat request (a Slack envelope, a Teams activity), carried implicitly through everything
 * the request causes: log lines (src/app/log.ts), its audit entries and the outbox rows it queues (and so the
 * log lines of their sends, later). Platforms start the scope where a request arrives (`withRequestId`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const scope = new AsyncLocalStorage<string>();

/** Runs `work` (and whatever it awaits or schedules) as part of the request `id`. */
export function withRequestId<T>(id: string, work: () => T): T {
  return scope.run(id, work);
}

/** The id of the request being handled, if any (none in scheduled jobs and the CLI). */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}

/** A fresh request id: 12 hex digits (of a random UUID: Node draws those from a buffer, cheap on every request). */
export function newRequestId(): string {
  const uuid = randomUUID();
  return uuid.slice(0, 8) + uuid.slice(9, 13);
}
