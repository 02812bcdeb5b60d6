/**
 * Recorded workflow histories, replayed in CI so that a change to workflow code that would break
 * running workflows fails a test. Record anew with `CONVENE_RECORD_HISTORIES=1 npx jest <test>` or
 * `npx tsx test/decisions/record-histories.ts` (only after a deliberate, patched() change; keep the
 * earlier file as `<name>-vN.json`, so both the old and the new code paths replay).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = path.join(__dirname, '..', 'histories');

/** The one recorder: the handle's history, in the JSON the replayer reads, as `<name>.json`. */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  const history = await handle.fetchHistory();
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(history) + '\n');
  console.log(
    `recorded ${handle.workflowId}: ${history.events?.length ?? 0} events → test/histories/${name}.json`,
  );
}
