/** How the CLI prints: a table for people, JSON (with --json) for scripts; and what it fails with. */
import type { RejectionCode } from '../domain/rejection';

export interface Output {
  json: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A plain text table: columns as wide as their widest cell. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n',
  );
}

/** A failure the user can act on: printed without a stack, exit code 1 (2 for configuration). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A workflow refused the action (see cli/act.ts): printed as `Rejected: <reason>`, exit code 1. */
export class RejectedError extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

/** An action failed for another reason than a refusal: exit code 1, and what to try. */
export class UpdateFailedError extends Error {}
