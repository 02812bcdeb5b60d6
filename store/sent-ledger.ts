/**
 * The sent-ledger in the shared store: one row per recipient of each message, so a retried
 * activity, on this machine or another, sends only to the recipients not yet answered for.
 *
 * A send first claims its row in one statement (insert, or take over a stale claim); only the
 * attempt that claimed it sends, and it records the outcome once the server has answered. Another
 * attempt meanwhile is told to try again later (MessageInFlightError, retried by Temporal) and
 * then finds the outcome. The sender renews its claim while the server has not answered, so a
 * claim not renewed for a while was left by a sender that crashed; it is taken over, the one case
 * where a copy may go out twice, with the same Message-ID. Times are the database's, so machines
 * with drifting clocks agree on what is stale.
 */
import { randomUUID } from 'node:crypto';
import {
  MessageInFlightError,
  type CopyKey,
  type Ledger,
  type Outcome,
  type SentRecord,
} from '../notifications/ledger';
import { openText, sealText } from '../codec/at-rest';
import type { KeyRing } from '../codec/keys';
import type { Store } from './store';

export interface SentLedgerOptions {
  /** A claim not renewed for this long is stale (its sender renews it every third of this). */
  claimTimeoutMs?: number;
  /**
   * A sender renews its claim for at most this long: the mail activity's start-to-close timeout,
   * after which Temporal has given the attempt up, so a send hung in a live process frees the row.
   */
  maxSendMs?: number;
  /** Seals the subject at rest (it may carry a title a person wrote); workers and the portal give it. */
  keys?: KeyRing;
}

interface Row {
  state: 'sending' | 'sent';
  message_id: string | null;
  status: Outcome['status'] | null;
  subject: string | null;
  server_reply: string | null;
  sent_at: Date | null;
}

export class SentLedger implements Ledger {
  private readonly claimTimeoutMs: number;
  private readonly maxSendMs: number;
  private readonly keys?: KeyRing;

  constructor(
    private readonly store: Store,
    options: SentLedgerOptions = {},
  ) {
    this.claimTimeoutMs = options.claimTimeoutMs ?? 30_000;
    this.maxSendMs = options.maxSendMs ?? 2 * 60_000;
    this.keys = options.keys;
  }

  async lookup(copy: CopyKey): Promise<SentRecord | undefined> {
    const [row] = await this.store.query<Row>(
      'select * from sent_ledger where idempotency_key = $1 and recipient = $2',
      [copy.idempotencyKey, normalized(copy.recipient)],
    );
    return row?.state === 'sent' ? this.toRecord(row) : undefined;
  }

  async once(
    copy: CopyKey,
    send: () => Promise<Outcome>,
  ): Promise<{ record: SentRecord; replayed: boolean }> {
    const claim = randomUUID();
    const key = [copy.idempotencyKey, normalized(copy.recipient)];
    if (!(await this.claim(key, claim))) {
      const earlier = await this.lookup(copy);
      if (earlier) return { record: earlier, replayed: true };
      throw new MessageInFlightError(
        `the message ${copy.idempotencyKey} to ${copy.recipient} is being sent by another attempt; try again later`,
      );
    }
    let outcome: Outcome;
    const renewUntil = Date.now() + this.maxSendMs;
    const renewing = setInterval(() => {
      if (Date.now() > renewUntil) clearInterval(renewing);
      else void this.renew(key, claim);
    }, this.claimTimeoutMs / 3);
    renewing.unref(); // a send that never ends must not keep its process alive
    try {
      outcome = await send();
    } catch (err) {
      // Nothing was accepted: free the row so the retry sends.
      await this.store.query(
        "delete from sent_ledger where idempotency_key = $1 and recipient = $2 and state = 'sending' and claimed_by = $3",
        [...key, claim],
      );
      throw err;
    } finally {
      clearInterval(renewing);
    }
    const [row] = await this.store.query<Row>(
      `update sent_ledger
          set state = 'sent', message_id = $3, status = $4, subject = $5, server_reply = $6, sent_at = now()
        where idempotency_key = $1 and recipient = $2 and state = 'sending'
        returning *`,
      [...key, outcome.messageId, outcome.status, this.sealed(outcome.subject), outcome.serverReply],
    );
    // No row: an attempt that took our claim over (we were slower than the timeout) recorded first.
    const record = row ? this.toRecord(row) : await this.lookup(copy);
    if (!record)
      throw new Error(`the sent-ledger lost the row of ${copy.idempotencyKey} to ${copy.recipient}`);
    return { record, replayed: false };
  }

  /** Keeps this attempt's claim fresh; a failed renewal only lets the claim age, as a crash would. */
  private async renew(key: string[], claim: string): Promise<void> {
    await this.store
      .query(
        "update sent_ledger set claimed_at = now() where idempotency_key = $1 and recipient = $2 and state = 'sending' and claimed_by = $3",
        [...key, claim],
      )
      .catch(() => undefined);
  }

  private sealed(subject: string): string {
    return this.keys ? sealText(this.keys, subject) : subject;
  }

  private toRecord(row: Row): SentRecord {
    return {
      messageId: row.message_id!,
      status: row.status!,
      subject: this.keys ? openText(this.keys, row.subject!) : row.subject!,
      serverReply: row.server_reply!,
      at: row.sent_at!.toISOString(),
    };
  }

  /** True when this attempt now holds the row: it was free, or its claim was stale. */
  private async claim(key: string[], claim: string): Promise<boolean> {
    const rows = await this.store.query(
      `insert into sent_ledger (idempotency_key, recipient, state, claimed_by, claimed_at)
       values ($1, $2, 'sending', $3, now())
       on conflict (idempotency_key, recipient) do update
          set claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
        where sent_ledger.state = 'sending'
          and sent_ledger.claimed_at < now() - make_interval(secs => $4::double precision / 1000)
       returning claimed_by`,
      [...key, claim, this.claimTimeoutMs],
    );
    return rows.length === 1;
  }
}

/** Addresses compare without case, as mail servers treat them. */
function normalized(email: string): string {
  return email.toLowerCase();
}
