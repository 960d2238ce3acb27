/**
 * Ack first, always (issue #13, item 1): a listener acknowledges its request, then awaits `workTurn()` before it
 * does the request's work. Work waits while requests are still arriving: it starts once no request has come in
 * for QUIET_MS (or once it has waited MAX_HOLD_MS, so a steady stream cannot starve it), and then runs one piece
 * per turn of the event loop (setImmediate), so Node reads its sockets between two pieces and a request that
 * arrives meanwhile is verified and acknowledged before the next piece runs (and holds the rest back again).
 * Without it, the work of the first requests of a burst (rules, SQLite, the answer's Web API call) runs before
 * the later ones are even read, and their acks wait for all of it.
 */

/** How long no request must have arrived before work runs: a burst's requests come closer together than this. */
export const QUIET_MS = 4;
/** The longest a piece of work waits for a quiet moment; far inside Slack's 3 s for a form's answer. */
export const MAX_HOLD_MS = 250;

interface Waiting {
  resolve: () => void;
  since: number;
}

const waiting: Waiting[] = [];
let scheduled = false;
let lastArrival = Number.NEGATIVE_INFINITY;

/** Called where a request arrives (before it is read or verified): work holds back while requests come in. */
export function noteArrival(): void {
  lastArrival = performance.now();
}

/** Resolves once the requests arriving now have been acknowledged, on a later turn of the event loop. */
export function workTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push({ resolve, since: performance.now() });
    schedule();
  });
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  const wait = holdFor(performance.now());
  if (wait > 0) setTimeout(runOne, wait);
  else setImmediate(runOne);
}

/** Milliseconds the first piece of work still has to wait for a quiet moment (0: it may run now). */
function holdFor(now: number): number {
  const first = waiting[0];
  if (!first) return 0;
  const quiet = lastArrival + QUIET_MS - now;
  const capped = first.since + MAX_HOLD_MS - now;
  return Math.max(0, Math.min(quiet, capped));
}

function runOne(): void {
  scheduled = false;
  if (holdFor(performance.now()) > 0) {
    schedule(); // a request came in meanwhile: it is acknowledged first
    return;
  }
  const next = waiting.shift();
  // The next piece is scheduled from here, so it runs after the next poll phase: the sockets are read in between.
  if (waiting.length > 0) schedule();
  next?.resolve();
}
