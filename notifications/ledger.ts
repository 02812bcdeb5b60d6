/**
 * What the mail activity needs of a sent-ledger: run each recipient's send once per key, across
 * retries and machines, remembering its outcome. The ledger itself lives in the shared store
 * (store/sent-ledger.ts), so a retry on any machine finds what an earlier attempt sent.
 */

/** One recipient's copy of one message: the workflow's idempotency key and the address. */
export interface CopyKey {
  idempotencyKey: string;
  recipient: string;
}

/** What the SMTP server (or the outbox) answered for one copy. */
export interface Outcome {
  messageId: string;
  status: 'delivered' | 'rejected-permanently';
  subject: string;
  serverReply: string;
}

export interface SentRecord extends Outcome {
  /** When the outcome was recorded, ISO-8601 in UTC. */
  at: string;
}

export interface Ledger {
  once(copy: CopyKey, send: () => Promise<Outcome>): Promise<{ record: SentRecord; replayed: boolean }>;
}

/** Another attempt is sending this copy right now; retrying later finds its outcome. */
export class MessageInFlightError extends Error {
  override readonly name = 'MessageInFlight';
}
