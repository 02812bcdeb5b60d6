import type { z } from 'zod';

/**
 * A calendar rule the caller broke: a bad policy, a meeting on a holiday, a zone that does not exist.
 * The message says what failed, for which thing, and what to do; the activity layer turns it into a
 * non-retryable failure, because retrying the same input cannot succeed.
 */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
}

/** One readable line per zod issue, prefixed with where the value came from: "policy.inputDeadline.before: …". */
export function describeZodError(error: z.ZodError, source: string): string {
  const lines = error.issues.map((issue) => {
    const where = pathOf(issue.path);
    return `${source}: ${where ? `${where}: ` : ''}${issue.message}`;
  });
  return lines.join('\n');
}

/** ['holidays', 12, 'date'] → "holidays[12].date", as a reader would write it. */
function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${String(key)}`))
    .join('');
}

/** Parse with a schema, or throw a CalendarError whose message names the source and each problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new CalendarError(describeZodError(result.error, source));
  return result.data;
}
