import type { z } from 'zod';
import { issueDetails } from '../domain/issues';
import type { Phrase, PhraseLines, RefusalValues } from '../domain/rejection';
import { translator, type MessageKey } from '../i18n/catalog';

/** The sentences a CalendarError says: `calendar.*` messages of the catalogs. */
export type CalendarKey = Extract<MessageKey, `calendar.${string}`>;

/**
 * A calendar rule the caller broke: a bad policy, a meeting on a holiday, a zone that does not exist.
 * The message says what failed, for which thing, and what to do; the activity layer turns it into a
 * non-retryable failure, because retrying the same input cannot succeed. Like a refusal it carries
 * a catalog key and its values, which travel with that failure so that the person who asked (a
 * reschedule refused, say) reads it in their language; `message` is the English.
 */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  constructor(
    readonly key: CalendarKey,
    readonly values: RefusalValues = {},
  ) {
    super(english(key, values));
  }

  /** The sentence as a phrase inside another (`{reason}` of a refusal). */
  get phrase(): Phrase {
    return { phrase: this.key, values: this.values };
  }
}

/** A phrase inside a calendar sentence. */
export function phrase(key: MessageKey, values?: RefusalValues): Phrase {
  return values ? { phrase: key, values } : { phrase: key };
}

/**
 * The English, from the catalog. Not clients/sentences: the calendar sits below i18n/dates, which
 * that renderer needs; a time here reads as its `shown` English.
 */
export function english(key: MessageKey, values: RefusalValues): string {
  const en = translator('en');
  const plain = (v: RefusalValues[string]): string | number => {
    if (typeof v !== 'object') return v;
    if ('shown' in v) return v.shown;
    if ('lines' in v) return v.lines.map(plain).join('\n');
    if ('issues' in v) {
      const lines = v.issues.map((issue) => `${issue.where}: ${issue.message}`);
      return v.asLines ? lines.map((line) => `  - ${line}`).join('\n') : lines.join('; ');
    }
    if ('phrase' in v)
      return en.t(
        v.phrase,
        Object.fromEntries(Object.entries(v.values ?? {}).map(([k, x]) => [k, plain(x)])),
      );
    return JSON.stringify(v);
  };
  return en.t(key, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, plain(v)])));
}

/**
 * One problem per zod issue, named by where the value came from: "policy: inputDeadline.before: …",
 * each its own line. The issues travel (to the CLI, or in an activity's failure to a refusal) and
 * are said in the reader's language there; the English reads as it always has.
 */
function problemLines(error: z.ZodError, source: string, value: unknown): PhraseLines {
  const details = issueDetails(error.issues, source, value);
  return {
    lines: details.map((detail, i) => {
      const where = pathOf(error.issues[i]?.path ?? []);
      return phrase('calendar.problem', {
        issue: { issues: [{ ...detail, where: where ? `${source}: ${where}` : source }] },
      });
    }),
  };
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
  if (!result.success)
    throw new CalendarError('calendar.invalid', { problems: problemLines(result.error, source, value) });
  return result.data;
}
