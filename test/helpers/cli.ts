/** Runs the real `bin/convene` as a user would, with the given environment. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Settings } from '../../config/settings';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const CONVENE_BIN = path.join(__dirname, '..', '..', 'bin', 'convene');

export function convene(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      CONVENE_BIN,
      args,
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The environment that points the CLI at a test file's server, queue, data folder and committee. */
export function cliEnv(settings: Settings): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: settings.temporal.address,
    CONVENE_TASK_QUEUE: settings.taskQueue,
    CONVENE_DATA_DIR: settings.dataDir,
    CONVENE_COMMITTEE_ID: settings.committeeWorkflowId,
  };
}
