/**
 * The project's workflow-side counters, through the workflow metric meter: the SDK drops them while
 * a workflow replays, so a counter moves once per thing that happened, and they change no command
 * (no history, no patch). Each carries the workflow id; the SDK adds namespace, task queue and
 * workflow type.
 *
 * Created at the call, not at module load: the meter works only inside a workflow's context.
 */
import {
  ApplicationFailure,
  metricMeter,
  workflowInfo,
  type Next,
  type UpdateInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
} from '@temporalio/workflow';
import { REJECTED_FAILURE_TYPE } from '../domain/rejection';

function count(name: string, description: string, tags: Record<string, string>): void {
  metricMeter
    .createCounter(name, undefined, description)
    .add(1, { ...tags, workflow_id: workflowInfo().workflowId });
}

/** An escalation sent: an overdue input to the organizers, an overdue decision up its ladder. */
export function countEscalation(kind: 'input' | 'decision', step: number): void {
  count('convene_escalations', 'escalations sent, by what was overdue and the ladder step', {
    kind,
    step: String(step),
  });
}

/** A decision entered a status (adopted when tracking begins). */
export function countDecisionStatus(status: string): void {
  count('convene_decision_statuses', 'decisions entering a status', { status });
}

/** A refused action, by Update and reason code (see domain/rejection.ts). */
function countRejection(update: string, err: unknown): void {
  if (!(err instanceof ApplicationFailure) || err.type !== REJECTED_FAILURE_TYPE) return;
  const details = err.details?.[0] as { code?: unknown } | undefined;
  count('convene_rejections', 'refused user actions, by Update and reason code', {
    update,
    code: typeof details?.code === 'string' ? details.code : 'unknown',
  });
}

/** Counts every refusal in one place, whether the validator or the handler refused. */
class RejectionCounter implements WorkflowInboundCallsInterceptor {
  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    try {
      next(input);
    } catch (err) {
      countRejection(input.name, err);
      throw err;
    }
  }

  async handleUpdate(
    input: UpdateInput,
    next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>,
  ): Promise<unknown> {
    try {
      return await next(input);
    } catch (err) {
      countRejection(input.name, err);
      throw err;
    }
  }
}

export const interceptors = (): WorkflowInterceptors => ({ inbound: [new RejectionCounter()] });
