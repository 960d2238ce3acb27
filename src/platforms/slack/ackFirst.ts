/**
 * Ack first, always (issue #13, item 1): a listener acknowledges its request, then awaits `workTurn()` before it
 * does the request's work. The turns are handed out one per turn of the event loop (setImmediate), so between
 * two requests' work Node reads its sockets again and every request that has arrived meanwhile is verified and
 * acknowledged before the next piece of work runs. Without it, the synchronous work of the first requests of a
 * burst (rules, SQLite) runs before the later ones are even read, and their acks wait for all of it.
 */
const waiting: Array<() => void> = [];
let scheduled = false;

/** Resolves on a later turn of the event loop, after the I/O ready now (other requests' acks) had its turn. */
export function workTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(runOne);
}

function runOne(): void {
  scheduled = false;
  const next = waiting.shift();
  // The next turn is scheduled from inside the check phase, so it runs after the next poll phase: one piece of
  // work per loop iteration, with the sockets read in between.
  if (waiting.length > 0) schedule();
  next?.();
}
