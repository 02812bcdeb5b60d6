/**
 * Sending mail from a workflow: one call per message kind and audience, with an idempotency key
 * stable across retries and replays. A recipient the server refuses for good is recorded and the
 * organizers are told; the workflow goes on.
 */
import { ActivityFailure, log, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { MailActivities } from '../activities/mail';
import type { DeliveryFailure } from '../domain/delivery';
import type { Addressee, Participant } from '../domain/people';
import type { MessageInput } from '../domain/messages';
import type { SendMessageInput } from '../notifications/request';

const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '2 minutes',
  // The activity heartbeats every 2 s while it works: a send on a worker that died is retried
  // elsewhere after this, not after the 2 minutes.
  heartbeatTimeout: '10 seconds',
  // Connection trouble and 4xx replies are retried for a day; configuration errors are non-retryable.
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 200,
  },
});

const REPORT_REFUSALS_OF_EARLIER_ATTEMPTS = 'mail-report-refusals-of-earlier-attempts';

export interface MailContext {
  meetingZone: string;
  rehearsal: boolean;
  organizers: readonly Participant[];
  /** Where failures are recorded (the workflow's state). */
  failures: DeliveryFailure[];
  edition: { number: number; title: string; series?: 'hlm' | 'council' };
}

export async function send(
  ctx: MailContext,
  key: string,
  message: MessageInput,
  recipients: readonly Addressee[],
  ics?: { sequence: number },
): Promise<void> {
  const unique = dedupe(recipients);
  if (!unique.length) return;
  const input: SendMessageInput = {
    idempotencyKey: ledgerKey(key),
    message,
    recipients: unique.map(recipientOf),
    meetingZone: ctx.meetingZone,
    rehearsal: ctx.rehearsal,
    ics,
  };
  const result = await mail.sendMessage(input);
  // A refusal that an earlier attempt of this activity recorded (replayed: true, after a retry for
  // another recipient's 4xx) is as new to the workflow as any: each call returns its outcomes once.
  // Before the patch such refusals were dropped; histories recorded then replay without it.
  const refused = result.deliveries.filter(
    (d) =>
      d.status === 'rejected-permanently' && (!d.replayed || patched(REPORT_REFUSALS_OF_EARLIER_ATTEMPTS)),
  );
  for (const d of refused) {
    const failure: DeliveryFailure = {
      at: new Date().toISOString(),
      kind: result.kind,
      subject: d.subject,
      recipient: d.email,
      serverReply: d.serverReply,
    };
    ctx.failures.push(failure);
    const organizer = ctx.organizers[0]!;
    await mail.sendMessage({
      idempotencyKey: ledgerKey(`${key}:delivery-failure:${d.email}`),
      message: {
        kind: 'delivery-failure',
        data: {
          edition: ctx.edition,
          contact: { name: organizer.name, email: organizer.email },
          failed: {
            subject: d.subject,
            recipient: { name: d.name, email: d.email },
            serverReply: d.serverReply,
            at: failure.at,
          },
        },
      },
      recipients: ctx.organizers.map(recipientOf),
      meetingZone: ctx.meetingZone,
      rehearsal: ctx.rehearsal,
    });
  }
}

/** Each copy is rendered in the recipient's own zone and language (absent: English), for their role. */
function recipientOf(p: Addressee) {
  const why = p.role ? { role: p.role, ...(p.group ? { group: p.group } : {}) } : {};
  return { name: p.name, email: p.email, timeZone: p.timeZone, language: p.language, ...why };
}

/**
 * The sent-ledger's key: the workflow's key within this run's chain. A second run under the same
 * workflow id (a new rehearsal of hlm-r7, a re-imported decision) is a new chain and sends again;
 * a continue-as-new keeps the first run's id, so nothing is sent twice within one chain.
 */
function ledgerKey(key: string): string {
  // Before this rule keys were the workflow id's alone; the activity's input is not replay-checked,
  // the marker keeps runs that began then on the old keys until the patch point.
  if (!patched('mail-keys-per-run')) return key;
  return `${workflowInfo().firstExecutionRunId}/${key}`;
}

function dedupe<P extends Participant>(people: readonly P[]): P[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.email) && seen.add(p.email));
}

/**
 * A send that cannot fail the workflow. A message that cannot go, after every retry or because the
 * request or the settings make it impossible, is recorded in the status and the organizers are
 * told (if mail can reach them); the workflow goes on. Returns whether the message went.
 */
export async function sendOrRecord(
  ctx: MailContext,
  key: string,
  message: MessageInput,
  recipients: readonly Addressee[],
  ics?: { sequence: number },
): Promise<boolean> {
  try {
    await send(ctx, key, message, recipients, ics);
    return true;
  } catch (err) {
    // Histories from before this rule failed the workflow here; they replay that way.
    if (!patched('mail-failure-recorded')) throw err;
    await recordUndelivered(ctx, key, message.kind, dedupe(recipients), failureMessage(err));
    return false;
  }
}

async function recordUndelivered(
  ctx: MailContext,
  key: string,
  kind: string,
  recipients: readonly Participant[],
  reason: string,
): Promise<void> {
  const at = new Date().toISOString();
  const first = recipients[0];
  const others = recipients.length > 1 ? ` (and ${recipients.length - 1} more recipients)` : '';
  ctx.failures.push({ at, kind, subject: key, recipient: listOf(recipients), serverReply: reason });
  log.warn('a message could not be sent; recorded and the organizers told', { key, kind, reason });
  if (!first) return;
  const organizer = ctx.organizers[0]!;
  try {
    await mail.sendMessage({
      idempotencyKey: ledgerKey(`${key}:undelivered`),
      message: {
        kind: 'delivery-failure',
        data: {
          edition: ctx.edition,
          contact: { name: organizer.name, email: organizer.email },
          failed: {
            subject: key,
            recipient: { name: first.name, email: first.email },
            serverReply: `${reason}${others}`,
            at,
          },
        },
      },
      recipients: ctx.organizers.map(recipientOf),
      meetingZone: ctx.meetingZone,
      rehearsal: ctx.rehearsal,
    });
  } catch (alertErr) {
    // Mail is down for the organizers too: the status still shows the failure.
    log.warn('the organizers could not be told of an undelivered message', {
      key,
      reason: failureMessage(alertErr),
    });
  }
}

function listOf(people: readonly Participant[]): string {
  return people.map((p) => p.email).join(', ') || '(nobody)';
}

function failureMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}
