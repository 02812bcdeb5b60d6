import { Duration } from 'luxon';
import { z } from 'zod';
import { ruleIssue } from '../domain/issues';
import { CalendarError } from './errors';

/**
 * A positive ISO 8601 duration: "P120D", "P2W", "PT30S" (compressed rehearsal timelines). Years,
 * months, weeks and days are whole: they count calendar days, which have no fractions.
 */
export const IsoDuration = z.string().superRefine((text, ctx) => {
  if (durationOf(text) === undefined)
    ctx.addIssue(
      ruleIssue(
        [],
        'rule.notIsoDuration',
        { value: text },
        `${text} is not a positive ISO 8601 duration; write it like P60D, P2W or PT30S (days and longer in whole numbers)`,
      ),
    );
});

export function parseDuration(text: string, what = 'duration'): Duration {
  const duration = durationOf(text);
  if (!duration) {
    throw new CalendarError('calendar.notDuration', { what, text });
  }
  return duration;
}

/** Shorter than a calendar day: only hours, minutes and seconds, adding up to less than 24 hours. */
export function isSubDay(duration: Duration | string): boolean {
  if (typeof duration === 'string') {
    const parsed = durationOf(duration);
    return parsed !== undefined && isSubDay(parsed);
  }
  const { years, months, weeks, days } = duration;
  return !years && !months && !weeks && !days && elapsedMillis(duration) < 86_400_000;
}

/**
 * Length in milliseconds, counting a day as 24 hours and a month as 30 days: enough to order durations
 * (luxon's own conversion does the same, much more slowly).
 */
export function approximateMillis(duration: Duration): number {
  const { years, months, weeks, days } = duration;
  return (years * 365 + months * 30 + weeks * 7 + days) * 24 * 3_600_000 + elapsedMillis(duration);
}

function elapsedMillis({ hours, minutes, seconds, milliseconds }: Duration): number {
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds;
}

/**
 * Parsed durations, remembered: a policy names the same few durations again and again, and luxon's
 * parser is slow next to the rest of a plan. The map is cleared if it ever grows large.
 */
const parsed = new Map<string, Duration | undefined>();

function durationOf(text: string): Duration | undefined {
  if (parsed.has(text)) return parsed.get(text);
  const duration = Duration.fromISO(text);
  const valid = isPositiveWhole(duration) ? duration : undefined;
  if (parsed.size > 1000) parsed.clear();
  parsed.set(text, valid);
  return valid;
}

function isPositiveWhole(duration: Duration): boolean {
  const { years, months, weeks, days } = duration;
  return (
    duration.isValid &&
    duration.toMillis() > 0 &&
    Object.values(duration.toObject()).every((n) => n >= 0) &&
    [years, months, weeks, days].every(Number.isInteger)
  );
}
