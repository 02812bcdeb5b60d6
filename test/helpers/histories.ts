/**
 * Recorded workflow histories, replayed in CI so that a change to workflow code that would break
 * running workflows fails a test. Record anew with `CONVENE_RECORD_HISTORIES=1 npx jest <test>`
 * (only after a deliberate, patched() change; keep the earlier file as `<name>-vN.json`, so both the
 * old and the new code paths replay). The Temporal CLI writes them, in its JSON format.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const HISTORIES_DIR = path.join(__dirname, '..', 'histories');

export async function recordHistory(workflowId: string, name: string): Promise<void> {
  const cli = process.env.CONVENE_TEST_TEMPORAL_CLI ?? 'temporal';
  const { stdout } = await promisify(execFile)(
    cli,
    [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      '--address',
      process.env.TEMPORAL_ADDRESS ?? '',
      '--output',
      'json',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  await fs.writeFile(path.join(HISTORIES_DIR, `${name}.json`), stdout);
}
