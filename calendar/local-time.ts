/**
 * Wall-clock arithmetic on epoch milliseconds and day numbers. Luxon can do all of this, but each of
 * its operations costs more than this whole module does per call, and planning reminders for thirty
 * organizations takes hundreds of them; so the hot paths work on numbers, and luxon is used to parse
 * and to name things.
 */
import type { Duration } from 'luxon';
import { CalendarError } from './errors';
import { offsetAt } from './zone-offsets';

/** A calendar day, "YYYY-MM-DD", with no zone: the day as the people in one zone live it. */
export type LocalDate = string;

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** What a clock and a wall calendar in a zone show at an instant. */
export interface WallClock {
  readonly date: LocalDate;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  /** hour × 60 + minute. */
  readonly minuteOfDay: number;
  /** Minutes ahead of UTC. */
  readonly offset: number;
}

export function wallClock(ms: number, zone: string): WallClock {
  const offset = offsetAt(ms, zone);
  const localMs = ms + offset * MINUTE_MS;
  const dayNumber = Math.floor(localMs / DAY_MS);
  const minuteOfDay = Math.floor((localMs - dayNumber * DAY_MS) / MINUTE_MS);
  const { year, month, day } = civilFromDays(dayNumber);
  return {
    date: formatDate(year, month, day),
    year,
    month,
    day,
    weekday: weekdayOfDayNumber(dayNumber),
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
    minuteOfDay,
    offset,
  };
}

export function localDateAt(ms: number, zone: string): LocalDate {
  return dateOfDayNumber(Math.floor((ms + offsetAt(ms, zone) * MINUTE_MS) / DAY_MS));
}

/**
 * Every instant at which a clock in `zone` shows the wall time `wallMs` (that wall time written as if
 * it were UTC), earliest first: one normally, none in a spring-forward gap, two in a fall-back overlap.
 */
export function instantsShowing(wallMs: number, zone: string): number[] {
  // The offsets in force a day either side cover both sides of any transition near this wall time.
  const [before, after] = [offsetAt(wallMs - DAY_MS, zone), offsetAt(wallMs + DAY_MS, zone)];
  const candidates = before === after ? [before] : [before, after];
  return candidates
    .map((offset) => wallMs - offset * MINUTE_MS)
    .filter((ms) => offsetAt(ms, zone) * MINUTE_MS === wallMs - ms)
    .sort((a, b) => a - b);
}

/**
 * The instant a clock in `zone` shows `minuteOfDay` on `date`. In a fall-back overlap, the first of
 * the two; in a spring-forward gap, the same distance past the gap (02:30 that does not exist → 03:30).
 */
export function instantAt(date: LocalDate, minuteOfDay: number, zone: string): number {
  const wallMs = dayNumberOf(date) * DAY_MS + minuteOfDay * MINUTE_MS;
  // Nearly always no clock change within a day either side: one offset, one answer.
  const offset = offsetAt(wallMs - DAY_MS, zone);
  if (offset === offsetAt(wallMs + DAY_MS, zone)) return wallMs - offset * MINUTE_MS;
  const [first] = instantsShowing(wallMs, zone);
  return first ?? wallMs - offset * MINUTE_MS;
}

/**
 * `ms` moved by `sign` × `duration` as people count it in `zone`: years, months, weeks and days on the
 * wall calendar, keeping the wall-clock time across a DST change ("60 days before" a 10:00 meeting is
 * at 10:00); hours, minutes and seconds as elapsed time. A date the month lacks (31 April) becomes the
 * month's last day, as in luxon.
 */
export function shiftBy(ms: number, duration: Duration, sign: 1 | -1, zone: string): number {
  const { years, months, weeks, days, hours, minutes, seconds, milliseconds } = duration;
  let result = ms;
  if (years || months || weeks || days) {
    const clock = wallClock(ms, zone);
    const monthIndex = clock.year * 12 + (clock.month - 1) + sign * (years * 12 + months);
    const [year, month] = [Math.floor(monthIndex / 12), (monthIndex % 12) + 1];
    const day = Math.min(clock.day, daysInMonth(year, month));
    const dayNumber = daysFromCivil(year, month, day) + sign * (weeks * 7 + days);
    const secondsAndMillis = ((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
    result = instantAt(dateOfDayNumber(dayNumber), clock.minuteOfDay, zone) + secondsAndMillis;
  }
  const elapsed = ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds;
  return result + sign * elapsed;
}

/** "2006-07-03T18:00:00.000-04:00": the instant with the zone's offset at that moment. */
export function isoInZone(ms: number, zone: string): string {
  const offset = offsetAt(ms, zone);
  const sign = offset < 0 ? '-' : '+';
  return `${localIso(ms + offset * MINUTE_MS)}${sign}${pad2(Math.floor(Math.abs(offset) / 60))}:${pad2(Math.abs(offset) % 60)}`;
}

/** "2006-07-03T22:00:00.000Z": the one shape instants travel in (as Date#toISOString, at a third of the cost). */
export function isoUtc(ms: number): string {
  return `${localIso(ms)}Z`;
}

/** "2006-07-03T18:00:00.000" for a wall time written as epoch ms. */
function localIso(wallMs: number): string {
  const dayNumber = Math.floor(wallMs / DAY_MS);
  const msOfDay = wallMs - dayNumber * DAY_MS;
  const [hour, minute] = [Math.floor(msOfDay / 3_600_000), Math.floor(msOfDay / MINUTE_MS) % 60];
  const [second, millis] = [Math.floor(msOfDay / 1000) % 60, msOfDay % 1000];
  const fraction = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : String(millis);
  return `${dateOfDayNumber(dayNumber)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${fraction}`;
}

// Local dates carry no zone: counting days on them is plain arithmetic on day numbers (days since
// 1970-01-01), with Howard Hinnant's civil-calendar conversions.

export function addDays(date: LocalDate, days: number): LocalDate {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** ISO weekday of a local date, 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return weekdayOfDayNumber(dayNumberOf(date));
}

/** Days since 1970-01-01; a CalendarError for anything that is not a real "YYYY-MM-DD". */
export function dayNumberOf(date: LocalDate): number {
  let dayNumber = dayNumbers.get(date);
  if (dayNumber === undefined) {
    dayNumber = parseDate(date);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(date, dayNumber);
  }
  return dayNumber;
}
/** Calendars ask about the same few thousand dates over and over. */
const dayNumbers = new Map<LocalDate, number>();

function parseDate(date: LocalDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CalendarError('calendar.notDate', { date });
  }
  return daysFromCivil(year, month, day);
}

export function dateOfDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = civilFromDays(dayNumber);
  return formatDate(year, month, day);
}

function weekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function formatDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
