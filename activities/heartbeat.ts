/**
 * Heartbeats while an activity works, so that the server learns within the heartbeat timeout that
 * a worker died (killed, or its machine lost) and retries the activity elsewhere, instead of
 * waiting out its start-to-close timeout. The beat is a timer, not progress: a slow mail server
 * keeps the activity alive, only a dead process stops it.
 *
 * The first beat comes after one interval, not at the start: the server runs the heartbeat timeout
 * from the activity's start, so a worker that dies before its first beat is caught as soon, and a
 * send that ends within the interval (nearly all of them) costs no heartbeat at all. A beat at the
 * start was one more call to the server per message, a billed action on Temporal Cloud, and made
 * the send slower than the workflow task it ran beside (see scripts/bench-cycle.ts).
 */
import { Context } from '@temporalio/activity';

/** How often a working activity heartbeats; the workflows' heartbeat timeouts are a few times this. */
export const HEARTBEAT_EVERY_MS = 2_000;

export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = currentContext();
  if (!context) return work(); // called outside an activity (a script, a test of the function)
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** The running activity's context; undefined outside an activity (a script, a test). */
export function currentContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}
