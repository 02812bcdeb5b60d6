import { BusinessCalendar } from '../../calendar/business-calendar';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { createCalendarRegistry, type OrganizationCalendarSource } from '../../calendar/registry';

/** The shipped holiday files, read once per test file. */
export const holidayCalendars = loadHolidayCalendars();

function organization(
  id: string,
  acronym: string,
  timeZone: string,
  weekendDays: OrganizationCalendarSource['weekendDays'],
  holidayCalendar?: string,
): OrganizationCalendarSource {
  return {
    id,
    acronym,
    headquarters: { city: acronym, country: acronym, timeZone },
    weekendDays,
    holidayCalendar,
  };
}

/** A few partners whose calendars differ in the ways that matter. */
export const organizations: OrganizationCalendarSource[] = [
  organization('un', 'UN', 'America/New_York', ['saturday', 'sunday'], 'un-new-york'),
  organization('eu', 'EU', 'Europe/Brussels', ['saturday', 'sunday'], 'eu-brussels'),
  organization('au', 'AU', 'Africa/Addis_Ababa', ['saturday', 'sunday'], 'au-addis-ababa'),
  organization('las', 'LAS', 'Africa/Cairo', ['friday', 'saturday'], 'las-cairo'),
  organization('gcc', 'GCC', 'Asia/Riyadh', ['friday', 'saturday'], 'gcc-riyadh'),
  organization('pif', 'PIF', 'Pacific/Fiji', ['saturday', 'sunday']),
  organization('saarc', 'SAARC', 'Asia/Kathmandu', ['saturday']),
  organization('chatham', 'CHT', 'Pacific/Chatham', ['saturday', 'sunday']),
];

export const registry = createCalendarRegistry(organizations, holidayCalendars);

export const unHeadquarters: BusinessCalendar = registry.calendarOf('un');
