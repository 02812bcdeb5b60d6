/**
 * Heartbeats while an activity works, so that the server learns within the heartbeat timeout that
 * a worker died (killed, or its machine lost) and retries the activity elsewhere, instead of
 * waiting out its start-to-close timeout. The beat is a timer, not progress: a slow mail server
 * keeps the activity alive, only a dead process stops it.
 */
import { Context } from '@temporalio/activity';

/** How often a working activity heartbeats; the workflows' heartbeat timeouts are a few times this. */
export const HEARTBEAT_EVERY_MS = 2_000;

export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = currentContext();
  if (!context) return work(); // called outside an activity (a script, a test of the function)
  context.heartbeat();
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
