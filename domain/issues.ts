import type { z } from 'zod';
// The English catalog's keys, read here rather than through i18n/catalog, which needs domain/language (whose schema uses ruleIssue).
import type en from '../locales/en.json';

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

/** A rule of ours, as the catalogs word it: a `rule.*` message. */
export type RuleKey = Extract<keyof typeof en, `rule.${string}`>;

/** What a rule's sentence is filled with: the value the rule names (an id, a number), never a person's text. */
export type RuleValues = Record<string, string | number>;

/** The key and values a rule of ours puts in its issue's `params`, so that they reach the reader. */
export interface RuleParams {
  rule: RuleKey;
  values: RuleValues;
}

/**
 * A problem of ours whose sentence names a value ("94b is listed twice"): the English stays the
 * message (the workflow bundle and the configuration's errors hold no catalogs, and read it as it
 * is), and the rule's key and values travel in zod's `params`, through issueDetails, to the
 * renderer (clients/issues.ts), which says it in the reader's language. The English catalog entry
 * must read exactly as `english` (test/i18n/refusal-issues.test.ts checks every one).
 */
export function ruleIssue(
  path: PropertyKey[],
  rule: RuleKey,
  values: RuleValues,
  english: string,
): { code: 'custom'; path: PropertyKey[]; message: string; params: RuleParams } {
  return { code: 'custom', path, message: english, params: { rule, values } };
}
