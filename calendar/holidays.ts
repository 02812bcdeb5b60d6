/**
 * Holiday calendars: one JSON file per calendar in config/holidays/, named after its id.
 *
 * To add a calendar, create config/holidays/<id>.json:
 *
 *   {
 *     "id": "ecowas-abuja",                       // lower-case letters, digits, dashes; equals the file name
 *     "name": "ECOWAS Commission, Abuja",         // shown in messages: "2026-10-01 is Independence Day (…)"
 *     "timeZone": "Africa/Lagos",                 // optional, for readers: the organization's zone decides
 *     "notes": "Where the dates come from.",      // optional
 *     "holidays": [{ "date": "2026-10-01", "name": "Independence Day" }]
 *   }
 *
 * and point an organization at it with `holidayCalendar: "ecowas-abuja"` in the directory. List the
 * day the office is actually closed (the observed day). A date that is not a real day, or the same
 * date twice in one file, stops start-up with a message naming the file and the entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ruleIssue } from '../domain/issues';
import { CalendarError, parseOrThrow } from './errors';
import { dayNumberOf } from './local-time';
import { TimeZone } from './zones';

export const DEFAULT_HOLIDAYS_DIRECTORY = path.resolve(__dirname, '..', 'config', 'holidays');

/** "YYYY-MM-DD" naming a day that exists (no 30 February). */
export const LocalDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .superRefine((date, ctx) => {
    if (!isRealDate(date))
      ctx.addIssue(
        ruleIssue([], 'rule.notCalendarDay', { value: date }, `${date} is not a day of the calendar`),
      );
  });

export const Holiday = z.object({
  date: LocalDateString,
  name: z.string().trim().min(1, 'must name the holiday'),
});
export type Holiday = z.infer<typeof Holiday>;

export const HolidayCalendar = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes'),
    name: z.string().trim().min(1, 'must say whose holidays these are'),
    timeZone: TimeZone.optional(),
    notes: z.string().optional(),
    holidays: z.array(Holiday),
  })
  .superRefine((calendar, ctx) => {
    const firstIndexOfDate = new Map<string, number>();
    calendar.holidays.forEach((holiday, index) => {
      const earlier = firstIndexOfDate.get(holiday.date);
      if (earlier === undefined) {
        firstIndexOfDate.set(holiday.date, index);
        return;
      }
      const first = calendar.holidays[earlier];
      const values = {
        date: holiday.date,
        name: holiday.name,
        earlier: String(earlier),
        first: first?.name ?? '',
      };
      ctx.addIssue(
        ruleIssue(
          ['holidays', index, 'date'],
          'rule.holidayTwice',
          values,
          `${values.date} ("${values.name}") is already listed at holidays[${values.earlier}] ("${values.first}"); ` +
            'keep one entry per date and join the names with "; "',
        ),
      );
    });
  });
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

function isRealDate(date: string): boolean {
  try {
    dayNumberOf(date);
    return true;
  } catch {
    return false;
  }
}

/** Validate one calendar; `source` (usually the file path) starts every error line. */
export function parseHolidayCalendar(value: unknown, source: string): HolidayCalendar {
  return parseOrThrow(HolidayCalendar, value, source);
}

/** Read every config/holidays/*.json into a map from calendar id to calendar. */
export function loadHolidayCalendars(directory = DEFAULT_HOLIDAYS_DIRECTORY): Map<string, HolidayCalendar> {
  const calendars = new Map<string, HolidayCalendar>();
  for (const fileName of readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const file = path.join(directory, fileName);
    const calendar = parseHolidayCalendar(readJson(file), file);
    const expectedId = fileName.slice(0, -'.json'.length);
    if (calendar.id !== expectedId) {
      throw new CalendarError('calendar.idMismatch', { file, id: calendar.id, fileName });
    }
    calendars.set(calendar.id, calendar);
  }
  return calendars;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new CalendarError('calendar.inFile', {
      file,
      problem: error instanceof Error ? error.message : String(error),
    });
  }
}
