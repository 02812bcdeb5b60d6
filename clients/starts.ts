/**
 * Starting a long-lived workflow under its business id (hlm-27, decision-7-94b), once, by someone
 * the configuration trusts. The id is a claim on the thing: a second start from the same input
 * answers with the workflow already there; one from a different input is refused, so nobody can
 * squat an id or attach silently to a workflow someone else started first.
 */
import { createHash } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { Contact } from '../domain/roster';
import { START_MEMO } from '../domain/ids';
import { sameAddress } from '../domain/people';
import type { Phrase, RefusalValues } from '../domain/rejection';
import { translator, type MessageKey } from '../i18n/catalog';
import { sentence } from './sentences';

/** The sentences a refused start says: `start.refused.*` messages of the catalogs. */
export type StartRefusalKey = Extract<MessageKey, `start.refused.${string}`>;

/** What kind of thing a start was given, as the refusal names it. */
export type StartedFrom = 'decision' | 'specification' | 'session';

/**
 * A refusal to start, in a sentence the person can act on: a catalog key and its values, said in
 * the reader's language where it is shown; its `message` is the English.
 */
export class StartRefused extends Error {
  constructor(
    readonly key: StartRefusalKey,
    readonly values: RefusalValues,
  ) {
    super(sentence(key, values, translator('en')));
  }
}

/** The person who starts must be an organizer of the trusted configuration, never of the file. */
export function requireTrustedOrganizer(as: string, organizers: readonly Contact[], where: string): void {
  if (organizers.some((o) => sameAddress(o.email, as))) return;
  const named = organizers.map((o) => o.email).join(', ');
  throw new StartRefused('start.refused.onlyOrganizers', { as, where, organizers: named });
}

/** SHA-256 of the value as canonical JSON (keys sorted), so the same input always hashes the same. */
export function inputHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface StartOnce {
  handle: WorkflowHandle;
  /** True when a workflow started from the same input was already running: nothing new started. */
  existing: boolean;
}

/** Starts the workflow, or answers with the running one started from the same input, or refuses. */
export async function startOnce<T extends Workflow>(
  client: Client,
  workflowType: string,
  options: WorkflowStartOptions<T>,
  claim: { hash: string; as: string; what: StartedFrom },
): Promise<StartOnce> {
  const memo = { ...options.memo, [START_MEMO.inputHash]: claim.hash, [START_MEMO.startedBy]: claim.as };
  try {
    // The default conflict policy (FAIL) is the point: a running workflow is never attached to blindly.
    const handle = await client.workflow.start(workflowType, { ...options, memo });
    return { handle, existing: false };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const handle = client.workflow.getHandle(options.workflowId);
  const refusal = await refusalOfExisting(handle, claim);
  if (refusal) throw new StartRefused(refusal.key, refusal.values);
  return { handle, existing: true };
}

/**
 * Whether a workflow may be taken as started from this input: null when nothing is under the id or
 * it was started from the same input (its memo's hash), otherwise the sentence that refuses it:
 * its English, and the same as a catalog phrase for the reader of the workflow's refusal.
 */
export async function claimRefusal(
  client: Client,
  workflowId: string,
  claim: { hash: string; what: StartedFrom },
): Promise<{ reason: string; said: Phrase } | null> {
  try {
    const refusal = await refusalOfExisting(client.workflow.getHandle(workflowId), claim);
    return (
      refusal && {
        reason: sentence(refusal.key, refusal.values, translator('en')),
        said: { phrase: refusal.key, values: refusal.values },
      }
    );
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

async function refusalOfExisting(
  handle: WorkflowHandle,
  claim: { hash: string; what: StartedFrom },
): Promise<{ key: StartRefusalKey; values: RefusalValues } | null> {
  const described = await handle.describe();
  const theirs = described.memo?.[START_MEMO.inputHash];
  if (theirs === claim.hash) return null;
  const by = described.memo?.[START_MEMO.startedBy];
  return {
    key: 'start.refused.exists',
    values: {
      id: handle.workflowId,
      running: described.status.name === 'RUNNING' ? 'yes' : 'no',
      at: described.startTime.toISOString(),
      hasBy: typeof by === 'string' ? 'yes' : 'no',
      by: typeof by === 'string' ? by : '',
      recorded: theirs ? 'yes' : 'no',
      what: claim.what,
    },
  };
}
