import { z } from 'zod';
import { BusinessHours, Weekday, WEEKDAY_NUMBER } from '../domain/organization';
import type { Phrase } from '../domain/rejection';
import { CalendarError, parseOrThrow, phrase } from './errors';
import { cityOfZone } from './format';
import { Holiday } from './holidays';
import { addDays, instantAt, localDateAt, wallClock, weekdayOf } from './local-time';
import { TimeZone, toMillis, type InstantInput, type LocalDate } from './zones';

/** What a business calendar is made of; an Organization provides all of it. */
export const CalendarSpec = z.object({
  timeZone: TimeZone,
  weekendDays: z.array(Weekday).max(6, 'must leave at least one working day in the week'),
  businessHours: BusinessHours.default({ start: '09:00', end: '18:00' }),
  holidays: z.array(Holiday).default([]),
  /** Whose calendar this is, for messages ("UN Headquarters"); defaults to the zone's city. */
  label: z.string().trim().min(1).optional(),
});
export type CalendarSpec = z.input<typeof CalendarSpec>;

const WEEKDAY_NAME = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** A year of closures is more than any real calendar has; beyond that the data is wrong. */
const SEARCH_LIMIT_DAYS = 366;

/** A day moved to a business day: where it landed and every closed day it skipped, with the reason. */
export interface SnappedDay {
  readonly date: LocalDate;
  readonly skipped: readonly string[];
  /** The same reasons as phrases of the catalogs, for a reader of another language. */
  readonly said: readonly Phrase[];
}

/**
 * When an organization works: its zone, weekend, business hours and holidays. Days are local dates
 * ("YYYY-MM-DD") in the calendar's zone; instants are ISO strings, Dates, DateTimes or epoch ms.
 */
export class BusinessCalendar {
  readonly label: string;
  readonly timeZone: string;
  readonly weekendDays: readonly Weekday[];
  readonly businessHours: BusinessHours;
  readonly holidays: readonly Holiday[];
  private readonly weekend: ReadonlySet<number>;
  private readonly holidayNames: ReadonlyMap<LocalDate, string>;
  /** Minutes after local midnight. */
  private readonly opens: number;
  private readonly closes: number;
  private readonly elsewhere = new Map<string, BusinessCalendar>();

  constructor(input: CalendarSpec) {
    const spec = parseOrThrow(CalendarSpec, input, 'calendar');
    this.timeZone = spec.timeZone;
    this.label = spec.label ?? cityOfZone(spec.timeZone);
    this.weekendDays = spec.weekendDays;
    this.businessHours = spec.businessHours;
    this.holidays = spec.holidays;
    this.weekend = new Set(spec.weekendDays.map((day) => WEEKDAY_NUMBER[day]));
    this.holidayNames = new Map(spec.holidays.map((holiday) => [holiday.date, holiday.name]));
    this.opens = minutesOfDay(spec.businessHours.start);
    this.closes = minutesOfDay(spec.businessHours.end);
  }

  /** The same rules lived in another zone: a focal point who works away from headquarters. */
  inZone(timeZone: string): BusinessCalendar {
    if (timeZone === this.timeZone) return this;
    let calendar = this.elsewhere.get(timeZone);
    if (!calendar) {
      const { weekendDays, businessHours, holidays, label } = this;
      calendar = new BusinessCalendar({
        timeZone,
        weekendDays: [...weekendDays],
        businessHours,
        holidays: [...holidays],
        label,
      });
      this.elsewhere.set(timeZone, calendar);
    }
    return calendar;
  }

  /** The local date of an instant in this calendar's zone. */
  dateOf(instant: InstantInput): LocalDate {
    return localDateAt(toMillis(instant), this.timeZone);
  }

  /** Why the office is closed that day ("2006-07-04 is Independence Day (UN Headquarters)"), if it is. */
  closureReason(date: LocalDate): string | undefined {
    const holiday = this.holidayNames.get(date);
    if (holiday) return `${date} is ${holiday} (${this.label})`;
    const weekday = weekdayOf(date);
    if (this.weekend.has(weekday))
      return `${date} is a ${WEEKDAY_NAME[weekday - 1] ?? ''}, a weekend day for ${this.label}`;
    return undefined;
  }

  /** The same reason as a phrase of the catalogs, for a sentence the reader reads in their language. */
  closurePhrase(date: LocalDate): Phrase | undefined {
    const holiday = this.holidayNames.get(date);
    if (holiday) return phrase('calendar.closed.holiday', { date, holiday, calendar: this.label });
    const weekday = weekdayOf(date);
    if (this.weekend.has(weekday))
      return phrase('calendar.closed.weekend', {
        date,
        weekday: (WEEKDAY_NAME[weekday - 1] ?? 'Sunday').toLowerCase(),
        calendar: this.label,
      });
    return undefined;
  }

  isBusinessDay(date: LocalDate): boolean {
    return !this.holidayNames.has(date) && !this.weekend.has(weekdayOf(date));
  }

  /** Open for business at that instant: a business day, at or after opening, before closing. */
  isBusinessMoment(instant: InstantInput): boolean {
    const local = wallClock(toMillis(instant), this.timeZone);
    return (
      this.isBusinessDay(local.date) && local.minuteOfDay >= this.opens && local.minuteOfDay < this.closes
    );
  }

  /** The first business day strictly after `date`. */
  nextBusinessDay(date: LocalDate): LocalDate {
    return this.businessDayOnOrAfter(addDays(date, 1)).date;
  }

  /** The last business day strictly before `date`. */
  previousBusinessDay(date: LocalDate): LocalDate {
    return this.businessDayOnOrBefore(addDays(date, -1)).date;
  }

  businessDayOnOrAfter(date: LocalDate): SnappedDay {
    return this.walkToBusinessDay(date, 1);
  }

  businessDayOnOrBefore(date: LocalDate): SnappedDay {
    return this.walkToBusinessDay(date, -1);
  }

  /** Opening time of that day: when a morning message should arrive. */
  businessMorning(date: LocalDate): Date {
    return new Date(instantAt(date, this.opens, this.timeZone));
  }

  /** Closing time of that day: when a deadline on that day falls. */
  closeOfBusiness(date: LocalDate): Date {
    return new Date(instantAt(date, this.closes, this.timeZone));
  }

  private walkToBusinessDay(date: LocalDate, step: 1 | -1): SnappedDay {
    const skipped: string[] = [];
    const said: Phrase[] = [];
    let day = date;
    for (let i = 0; i <= SEARCH_LIMIT_DAYS; i++) {
      const reason = this.closureReason(day);
      if (reason === undefined) return { date: day, skipped, said };
      skipped.push(reason);
      said.push(this.closurePhrase(day)!);
      day = addDays(day, step);
    }
    throw new CalendarError('calendar.noBusinessDay', {
      direction: step > 0 ? 'after' : 'before',
      date,
      calendar: this.label,
    });
  }
}

/** Build a calendar from an Organization-like input: {timeZone, weekendDays, businessHours, holidays}. */
export function createBusinessCalendar(spec: CalendarSpec): BusinessCalendar {
  return new BusinessCalendar(spec);
}

function minutesOfDay(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}
