/**
 * The sent-ledger: one small file per delivery key, under the data folder, so a retried activity
 * returns the recorded outcome instead of sending again.
 *
 * The file is created (O_EXCL) before sending, as a claim naming the process, and atomically
 * replaced by the outcome, synced to disk, once the server has answered. So two attempts on one
 * machine (two workers, or a retry overtaking a slow attempt) never send at once: the second is
 * told to try again later, and then finds the outcome. A claim whose process has died, or that is
 * older than any send can take, is stale and taken over. That is the crash case, where the server
 * may have accepted the message before the ledger heard of it: the message goes out again, with
 * the same Message-ID.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isCode, readIfExists, replaceFile } from './files';
import { keyHash } from './message-id';

export const SentRecord = z.object({
  key: z.string(),
  messageId: z.string(),
  status: z.enum(['delivered', 'rejected-permanently']),
  subject: z.string(),
  serverReply: z.string(),
  at: z.string(),
});
export type SentRecord = z.infer<typeof SentRecord>;
export type Outcome = Omit<SentRecord, 'key' | 'at'>;

const Claim = z.object({ state: z.literal('sending'), pid: z.int(), instance: z.string(), at: z.number() });
type Claim = z.infer<typeof Claim>;
const Entry = z.discriminatedUnion('state', [Claim, SentRecord.extend({ state: z.literal('sent') })]);
type Entry = z.infer<typeof Entry>;

/** Tells this process apart from an earlier one that had the same pid (containers restart as pid 1). */
const INSTANCE = randomBytes(8).toString('hex');
/** A claim file still empty after this long was left by a process that died while writing it. */
const CLAIM_WRITE_GRACE_MS = 10_000;

/** Another attempt is sending this message right now; retrying later finds its outcome. */
export class MessageInFlightError extends Error {
  override readonly name = 'MessageInFlight';
}

export interface LedgerOptions {
  /** A claim older than this is stale whoever holds it; longer than any SMTP send can take. */
  claimTimeoutMs?: number;
  now?: () => Date;
}

/** What the mail activity needs of a ledger: run a send once per key, remembering its outcome. */
export interface Ledger {
  once(key: string, send: () => Promise<Outcome>): Promise<{ record: SentRecord; replayed: boolean }>;
}

export class SentLedger implements Ledger {
  private readonly claimTimeoutMs: number;
  private readonly now: () => Date;

  constructor(
    readonly dir: string,
    options: LedgerOptions = {},
  ) {
    this.claimTimeoutMs = options.claimTimeoutMs ?? 15 * 60_000;
    this.now = options.now ?? (() => new Date());
    // Once, at start: a data folder that cannot be written stops the worker, not every send.
    mkdirSync(dir, { recursive: true });
  }

  async lookup(key: string): Promise<SentRecord | undefined> {
    const entry = await readEntry(this.file(key));
    return entry?.state === 'sent' ? SentRecord.parse(entry) : undefined;
  }

  /** Runs `send` unless the key is already settled; records its outcome before returning it. */
  async once(key: string, send: () => Promise<Outcome>): Promise<{ record: SentRecord; replayed: boolean }> {
    const earlier = await this.claim(key);
    if (earlier) return { record: earlier, replayed: true };
    let outcome: Outcome;
    try {
      outcome = await send();
    } catch (err) {
      await fs.rm(this.file(key), { force: true });
      throw err;
    }
    const record: SentRecord = { key, ...outcome, at: this.now().toISOString() };
    await replaceFile(this.file(key), JSON.stringify({ state: 'sent', ...record }), { durable: true });
    return { record, replayed: false };
  }

  /** Claims the key, or returns its recorded outcome; throws MessageInFlightError while another attempt holds it. */
  private async claim(key: string): Promise<SentRecord | undefined> {
    const file = this.file(key);
    const mine = JSON.stringify({
      state: 'sending',
      pid: process.pid,
      instance: INSTANCE,
      at: this.now().getTime(),
    });
    try {
      await fs.writeFile(file, mine, { flag: 'wx' });
      return undefined;
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
    }
    const entry = await readEntry(file);
    if (entry?.state === 'sent') return SentRecord.parse(entry);
    const who = key.replace(/\n/g, ' to ');
    if (entry?.state === 'sending' ? !this.isStale(entry) : await this.isFresh(file)) {
      throw new MessageInFlightError(`message ${who} is being sent by another attempt; try again later`);
    }
    // Taking over a stale claim: the one case where a message may go out twice (same Message-ID).
    await replaceFile(file, mine, { durable: false });
    return undefined;
  }

  private isStale(claim: Claim): boolean {
    if (this.now().getTime() - claim.at > this.claimTimeoutMs) return true;
    if (claim.pid === process.pid) return claim.instance !== INSTANCE;
    return !processAlive(claim.pid);
  }

  /** An unreadable claim is one being written right now, unless it has been so for a while. */
  private async isFresh(file: string): Promise<boolean> {
    const { mtimeMs } = await fs.stat(file);
    return this.now().getTime() - mtimeMs < CLAIM_WRITE_GRACE_MS;
  }

  private file(key: string): string {
    return path.join(this.dir, `${keyHash(key)}.json`);
  }
}

/** The entry in `file`; `unreadable` while a claim is half-written (or was, by a process that died). */
async function readEntry(file: string): Promise<Entry | { state: 'unreadable' } | undefined> {
  const text = await readIfExists(file);
  if (text === undefined) return undefined;
  try {
    return Entry.parse(JSON.parse(text));
  } catch {
    return { state: 'unreadable' };
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return isCode(err, 'EPERM');
  }
}
