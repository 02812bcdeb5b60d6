/**
 * Signals land here parsed. Any client that can reach the server can send one, and a signal has no
 * caller to answer: a payload that does not fit its schema is ignored and logged, so a stray or
 * hostile signal can neither change a workflow nor fail it.
 */
import { log, setHandler, workflowInfo, type SignalDefinition } from '@temporalio/workflow';
import { parsePayload, RejectedAction, type Schema } from '../domain/rejection';

export function onSignal<T>(
  signal: SignalDefinition<[T]>,
  schema: Schema<T>,
  handle: (payload: T) => void,
): void {
  setHandler(signal, (raw: unknown) => {
    let payload: T;
    try {
      payload = parsePayload(schema, raw, `the ${signal.name} signal`);
    } catch (err) {
      if (!(err instanceof RejectedAction)) throw err;
      log.warn(`ignored: ${err.message}`, { workflowId: workflowInfo().workflowId });
      return;
    }
    handle(payload);
  });
}
