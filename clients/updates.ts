/**
 * Sending an Update across a workflow's hand-over. When an Update arrives in the very task in which
 * a workflow continues as new (or completes), the server fails that task (UnhandledCommand) and the
 * Update with it: FAILED_PRECONDITION, "unexpected workflow task failure". Nothing was applied, so
 * the same Update, under the same id (the server keeps one per id), is sent again; the next run
 * takes it. Every client (CLI, portal, scripts, tests) sends Updates through here.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition, Workflow } from '@temporalio/common';

/** gRPC's FAILED_PRECONDITION, with which the server fails an Update caught in a failed task. */
const FAILED_PRECONDITION = 9;
const HAND_OVER_ATTEMPTS = 5;
const HAND_OVER_PAUSE_MS = 200;

export async function executeUpdate<Ret, Args extends [unknown, ...unknown[]]>(
  handle: WorkflowHandle<Workflow>,
  update: UpdateDefinition<Ret, Args>,
  options: { args: Args; updateId?: string },
): Promise<Ret> {
  const once = { ...options, updateId: options.updateId ?? randomUUID() };
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.executeUpdate(update, once);
    } catch (err) {
      if (attempt >= HAND_OVER_ATTEMPTS || !isHandOverRace(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, HAND_OVER_PAUSE_MS * attempt));
    }
  }
}

function isHandOverRace(err: unknown): boolean {
  const cause =
    err instanceof ServiceError ? (err.cause as { code?: number; details?: string } | undefined) : undefined;
  return cause?.code === FAILED_PRECONDITION && /workflow task failure/i.test(cause.details ?? '');
}
