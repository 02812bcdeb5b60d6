/**
 * ISO-8601 durations ("P3M", "P30D", "PT5S") as workflows need them: parsed and added to instants
 * with plain arithmetic on UTC dates, so replay never depends on a clock library or the time-zone
 * database. Months and years follow the UTC calendar (31 January + P1M is 28 or 29 February);
 * time-zone niceties such as "a business morning" belong to the calendar activities.
 */
import { z } from 'zod';

const PATTERN =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A duration of zero or more ("PT0S" means "at once", e.g. the first step of an escalation ladder). */
export const IsoDurationText = z
  .string()
  .regex(PATTERN, 'must be an ISO-8601 duration such as P3M, P30D, PT12H or PT5S');

export function parseIsoDuration(text: string): DurationParts {
  const match = PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not an ISO-8601 duration such as P3M, P30D, PT12H or PT5S`);
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return {
    years: years ?? 0,
    months: months ?? 0,
    weeks: weeks ?? 0,
    days: days ?? 0,
    hours: hours ?? 0,
    minutes: minutes ?? 0,
    seconds: seconds ?? 0,
  };
}

/** The instant `duration` after `fromMs` (or before it, with `direction` -1). */
export function addIsoDuration(fromMs: number, duration: string, direction: 1 | -1 = 1): number {
  const d = parseIsoDuration(duration);
  const calendarMonths = d.years * 12 + d.months;
  const shifted = calendarMonths ? addCalendarMonths(fromMs, direction * calendarMonths) : fromMs;
  const fixedMs =
    (d.weeks * 7 + d.days) * DAY_MS + d.hours * HOUR_MS + d.minutes * MINUTE_MS + d.seconds * SECOND_MS;
  return shifted + direction * Math.round(fixedMs);
}

/** Adds whole months in UTC, keeping the day of the month where it exists (else the month's last day). */
function addCalendarMonths(fromMs: number, months: number): number {
  const date = new Date(fromMs);
  const day = date.getUTCDate();
  const target = new Date(fromMs);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.getTime();
}

/** The ISO instant `duration` after `fromIso`. */
export function instantAfter(fromIso: string, duration: string): string {
  return new Date(addIsoDuration(Date.parse(fromIso), duration)).toISOString();
}
