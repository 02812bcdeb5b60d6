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

/**
 * A zod issue as it travels to the reader (clients/issues.ts renders it in their language): where,
 * zod's code and parameters, and the English message. The value itself is never carried; for a
 * value of the wrong type, a stand-in of the type it had, which is all the rule's sentence names.
 */
export interface IssueDetail {
  where: string;
  code: string;
  message: string;
  [param: string]: unknown;
}

export function issueDetails(
  issues: readonly z.core.$ZodIssue[],
  whole: string,
  value: unknown,
): IssueDetail[] {
  return issues.map((issue) => {
    const { path, message, code, ...params } = issue;
    delete params.input;
    const detail: IssueDetail = { where: pathOf(path) || whole, code, message, ...params };
    if (code === 'invalid_type') detail.input = standIn(valueAt(value, path));
    return detail;
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** A value of the same type and nothing of its content. */
function standIn(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? value : 0;
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) return [];
  return typeof value === 'object' ? {} : String(typeof value);
}
