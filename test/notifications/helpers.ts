/** Shared set-up: a temp data folder, the mail activities over a transport, a Temporal-like retry. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { ParsedMail } from 'mailparser';
import nodeIcal, { type VEvent } from 'node-ical';
import { createMailActivities } from '../../activities/mail';
import { createTransport, type MailTransport, type TransportSettings } from '../../notifications';
import { SentLedger } from '../../store/sent-ledger';
import type { Store } from '../../store/store';
import { testStore } from '../helpers/temporal';

export const FROM = 'convene <convene@un.example.org>';
export const NOW = new Date('2006-08-01T12:00:00Z');

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'convene-mail-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** One store schema per data folder: mailers on the same folder are workers sharing a ledger. */
const stores = new Map<string, Store>();

/** The activities as a worker would build them: the outbox in `dataDir`, the ledger in its folder's store schema. */
export function mailer(
  dataDir: string,
  settings: Partial<TransportSettings> = {},
  wrap = (t: MailTransport) => t,
) {
  const transport = wrap(
    createTransport({
      from: FROM,
      outboxDir: path.join(dataDir, 'outbox'),
      pool: { maxConnections: 2 },
      ...settings,
    }),
  );
  let store = stores.get(dataDir);
  if (!store) stores.set(dataDir, (store = testStore()));
  const ledger = new SentLedger(store);
  return { transport, ...createMailActivities({ transport, ledger, now: () => NOW, from: FROM }) };
}

/** What Temporal does with a failed activity: try again with backoff, unless told not to. */
export async function retryLikeTemporal<T>(
  attempt: () => Promise<T>,
  maxAttempts = 6,
): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(), attempts: n };
    } catch (err) {
      if ((err instanceof ApplicationFailure && err.nonRetryable) || n >= maxAttempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** n));
    }
  }
}

/** The calendar entry of a received message, read by an independent parser. */
export function calendarOf(mail: ParsedMail): { method: string; event: VEvent } {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no text/calendar part in "${mail.subject ?? ''}"`);
  const parsed = nodeIcal.sync.parseICS(part.content.toString('utf8'));
  const event = Object.values(parsed).find((c): c is VEvent => c?.type === 'VEVENT');
  const method = (parsed.vcalendar as { method?: string } | undefined)?.method;
  if (!event || !method) throw new Error('calendar part has no VEVENT or METHOD');
  return { method, event };
}
