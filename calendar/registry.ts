import type { Organization } from '../domain/organization';
import { BusinessCalendar } from './business-calendar';
import { CalendarError } from './errors';
import type { HolidayCalendar } from './holidays';

/** The parts of a directory entry a calendar needs. */
export type OrganizationCalendarSource = Pick<
  Organization,
  'id' | 'acronym' | 'headquarters' | 'weekendDays'
> &
  Partial<Pick<Organization, 'businessHours' | 'holidayCalendar'>>;

/** Organization id → its business calendar; what the calendar activities look things up in. */
export interface CalendarRegistry {
  calendarOf(organizationId: string): BusinessCalendar;
  organizationIds(): readonly string[];
}

/**
 * Build every organization's calendar once, at start-up, so a directory entry that names a missing
 * holiday calendar stops the worker instead of failing a workflow months later.
 */
export function createCalendarRegistry(
  organizations: readonly OrganizationCalendarSource[],
  holidayCalendars: ReadonlyMap<string, HolidayCalendar>,
): CalendarRegistry {
  const calendars = new Map(
    organizations.map((org) => [org.id, calendarOfOrganization(org, holidayCalendars)]),
  );
  return {
    calendarOf(organizationId) {
      const calendar = calendars.get(organizationId);
      if (!calendar) {
        throw new CalendarError('calendar.notInDirectory', {
          organization: organizationId,
          known: [...calendars.keys()].join(', '),
        });
      }
      return calendar;
    },
    organizationIds: () => [...calendars.keys()],
  };
}

export function calendarOfOrganization(
  org: OrganizationCalendarSource,
  holidayCalendars: ReadonlyMap<string, HolidayCalendar>,
): BusinessCalendar {
  const holidays = org.holidayCalendar ? holidayCalendars.get(org.holidayCalendar) : undefined;
  if (org.holidayCalendar && !holidays) {
    throw new CalendarError('calendar.unknownHolidayCalendar', {
      organization: org.id,
      calendar: org.holidayCalendar,
      known: [...holidayCalendars.keys()].join(', ') || 'none',
    });
  }
  try {
    return new BusinessCalendar({
      label: holidays?.name ?? org.acronym,
      timeZone: org.headquarters.timeZone,
      weekendDays: org.weekendDays,
      businessHours: org.businessHours,
      holidays: holidays?.holidays ?? [],
    });
  } catch (error) {
    if (error instanceof CalendarError)
      throw new CalendarError('calendar.ofOrganization', { organization: org.id, problem: error.phrase });
    throw error;
  }
}
