/**
 * The one mail activity workflows call. Idempotent through the sent-ledger: each recipient's copy
 * has its own key (the workflow's key + the address), so a retry sends only what is not yet sent,
 * and returns the recorded outcome for the rest.
 *
 * Failures: a recipient the server refuses for good is an outcome in the result, for the workflow
 * to record and tell the organizer; a passing trouble (connection, timeout, 4xx) is thrown and
 * retried by Temporal; settings that cannot work are a non-retryable MailConfigurationError.
 */
import { issueLines } from '../domain/issues';
import { ApplicationFailure } from '@temporalio/common';
import { listIdFor } from '../notifications/list-id';
import type { z } from 'zod';
import { composeMail } from '../notifications/compose';
import { currentContext, whileHeartbeating } from './heartbeat';
import { countMail } from './metrics';
import type { Recipient } from '../notifications/fields';
import type { Ledger } from '../notifications/ledger';
import { withPageLink } from './mail-links';
import { deliveryKey, messageIdFor } from '../notifications/message-id';
import { MailConfigurationError, type MailTransport } from '../notifications/outgoing';
import {
  SendMessageInput,
  type Delivery,
  type SendMessageRequest,
  type SendMessageResult,
} from '../notifications/request';

export interface MailDeps {
  transport: MailTransport;
  ledger: Ledger;
  now: () => Date;
  /** The From header, e.g. MAIL_FROM; its domain also ends every Message-ID. */
  from: string;
  /** The portal's public address (CONVENE_PUBLIC_URL): the base of the links in mail. */
  publicUrl?: string;
}

/** Plain functions, not methods: the worker registers them by name, detached from this object. */
export interface MailActivities {
  sendMessage: (input: SendMessageInput) => Promise<SendMessageResult>;
}

export function createMailActivities(deps: MailDeps): MailActivities {
  return {
    sendMessage: (input) => whileHeartbeating(() => sendMessage(deps, input)),
  };
}

async function sendMessage(deps: MailDeps, input: SendMessageInput): Promise<SendMessageResult> {
  const parsed = parse(input);
  const request = {
    ...parsed,
    message: withPageLink(parsed.message, sendingWorkflowId(), deps.publicUrl),
  };
  // All recipients go at once (the SMTP pool bounds the connections); a failure for one
  // must not stop the others, whose outcomes the ledger keeps for the retry.
  const settled = await Promise.allSettled(
    uniqueByEmail(request.recipients).map((r) => deliver(deps, request, r)),
  );
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (failed.length) throw mostSerious(failed);
  const deliveries = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  return { kind: request.message.kind, deliveries };
}

async function deliver(deps: MailDeps, request: SendMessageRequest, recipient: Recipient): Promise<Delivery> {
  const key = deliveryKey(request.idempotencyKey, recipient.email);
  const messageId = messageIdFor(key, deps.from);
  const copy = { idempotencyKey: request.idempotencyKey, recipient: recipient.email };
  const { record, replayed } = await deps.ledger.once(copy, async () => {
    const workflowId = sendingWorkflowId();
    const listId = workflowId && listIdFor(workflowId, deps.from);
    const mail = composeMail(request, recipient, {
      messageId,
      from: deps.from,
      now: deps.now(),
      ...(listId ? { listId } : {}),
    });
    return { messageId, subject: mail.subject, ...(await deps.transport.send(mail)) };
  });
  const { status, subject, serverReply } = record;
  // A copy the ledger already had was counted when it went.
  if (!replayed) countMail(request.message.kind, status === 'delivered' ? 'sent' : 'refused');
  return {
    email: recipient.email,
    name: recipient.name,
    status,
    subject,
    messageId: record.messageId,
    serverReply,
    replayed,
  };
}

/** One copy per address: the same person listed twice (chair and focal point) gets one message. */
function uniqueByEmail(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => !seen.has(r.email) && seen.add(r.email));
}

function parse(input: SendMessageInput): SendMessageRequest {
  const parsed = SendMessageInput.safeParse(input);
  if (parsed.success) return parsed.data;
  throw ApplicationFailure.nonRetryable(
    `mail request is invalid: ${describe(parsed.error)}`,
    'InvalidMailRequest',
  );
}

function describe(error: z.ZodError): string {
  return issueLines(error.issues, '(request)').join('; ');
}

/** A configuration error stops the activity for good; anything else is retried as thrown. */
function mostSerious(errors: unknown[]): unknown {
  const config = errors.find((e) => e instanceof MailConfigurationError);
  if (config) return ApplicationFailure.nonRetryable(config.message, 'MailConfigurationError');
  return errors[0];
}

/** The workflow this activity runs for; none when called outside an activity (a script, a test). */
function sendingWorkflowId(): string | undefined {
  return currentContext()?.info.workflowExecution?.workflowId;
}
