/**
 * Sending mail from a workflow: one call per message kind and audience, with an idempotency key
 * stable across retries and replays. A recipient the server refuses for good is recorded and the
 * organizers are told; the workflow goes on.
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import type { MailActivities } from '../activities/mail';
import type { DeliveryFailure } from '../domain/delivery';
import type { Participant } from '../domain/people';
import type { MessageInput } from '../domain/messages';
import type { SendMessageInput } from '../notifications/request';

const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '2 minutes',
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
  edition: { number: number; title: string };
}

export async function send(
  ctx: MailContext,
  key: string,
  message: MessageInput,
  recipients: readonly Participant[],
  ics?: { sequence: number },
): Promise<void> {
  const unique = dedupe(recipients);
  if (!unique.length) return;
  const input: SendMessageInput = {
    idempotencyKey: key,
    message,
    recipients: unique.map((p) => ({ name: p.name, email: p.email, timeZone: p.timeZone })),
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
      idempotencyKey: `${key}:delivery-failure:${d.email}`,
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
      recipients: ctx.organizers.map((p) => ({ name: p.name, email: p.email, timeZone: p.timeZone })),
      meetingZone: ctx.meetingZone,
      rehearsal: ctx.rehearsal,
    });
  }
}

function dedupe(people: readonly Participant[]): Participant[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.email) && seen.add(p.email));
}
