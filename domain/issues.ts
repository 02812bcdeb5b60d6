import type { z } from 'zod';

/** A value's place, as zod names it and a person reads it: `organizations.1.focalPoints.0.email`. */
export function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * One readable line per zod issue: `path: rule`. `whole` names the value itself, for an issue
 * with no path. Every boundary (configuration, files, Update payloads, activity requests) uses it.
 */
export function issueLines(issues: readonly z.core.$ZodIssue[], whole: string): string[] {
  return issues.map((i) => `${pathOf(i.path) || whole}: ${i.message}`);
}
