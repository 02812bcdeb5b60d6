/**
 * What the Update and portal benchmarks share: the example cycle (config/examples/hlm-27-2027.yaml)
 * at real speed under an edition of the benchmark's own, so that its groups take submissions for
 * the whole run, and the percentiles they report.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { readCycleSpecFile, resolveCycleSpec } from '../../config/cycle-spec';
import { loadDirectory } from '../../config/directory';
import type { Settings } from '../../config/settings';
import type { CycleInput } from '../../domain/cycle-input';
import { workflowIds } from '../../domain/ids';
import {
  cycleStatusQuery,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';

/** A started cycle whose groups have all opened (their deadlines are weeks away). */
export async function openExampleCycle(
  client: Client,
  settings: Settings,
  taskQueue: string,
  edition: number,
): Promise<{ cycle: ReturnType<Client['workflow']['getHandle']>; input: CycleInput }> {
  const spec = readCycleSpecFile(
    path.join(__dirname, '..', '..', 'config', 'examples', 'hlm-27-2027.yaml'),
  ) as Record<string, unknown>;
  spec.edition = edition;
  // A rehearsal at real speed, anchored at the call for inputs: the groups start at once.
  const input = resolveCycleSpec(spec, 'bench', {
    directory: loadDirectory(settings.directoryFile),
    holidays: loadHolidayCalendars(),
    now: new Date(),
    rehearsal: { secondsPerDay: 86_400 },
    defaults: settings.policies,
  });
  const cycle = await client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
    taskQueue,
    workflowId: workflowIds.cycle(input.editionKey),
    args: [input],
  });
  await until(async () => (await cycle.query(cycleStatusQuery)).groups.every((g) => g.deadline !== ''));
  return { cycle, input };
}

export async function until(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark timed out waiting for the cycle');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The q-quantile (0..1) of the samples, nearest rank. */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
