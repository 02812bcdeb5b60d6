import type { z } from 'zod';
import { pathOf } from '../domain/issues';

/**
 * A configuration that cannot be used: one line per problem, each naming the key, what is wrong
 * and how to fix it. Start-up stops on it (see workers/main.ts).
 */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      `${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Turns zod issues into one readable line each: `path: problem (fix)`. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  fixes: Record<string, string> = {},
): string[] {
  return issues.map((issue) => {
    const where = pathOf(issue.path) || '(whole value)';
    const fix = fixes[String(issue.path[0] ?? '')];
    return fix ? `${where}: ${issue.message}. Fix: ${fix}` : `${where}: ${issue.message}`;
  });
}
