import type { z } from 'zod';

/**
 * An action a workflow refuses: wrong actor, wrong moment or malformed payload. Validators throw it;
 * the message is shown to the person as it is, so it says who may act or what to fix.
 */
export class RejectedAction extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RejectedAction';
  }
}

/** Parses an Update payload; the rejection names each field and its rule. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.map(String).join('.') || what}: ${i.message}`);
  throw new RejectedAction(`${what} is malformed: ${lines.join('; ')}`);
}
