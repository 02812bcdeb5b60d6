/**
 * Who takes part in a meeting, as the fair-slot finder needs them: each organization's zone,
 * working hours, weekend and holidays from the directory and its holiday calendar. One place builds
 * them, for `convene slots` and for the committee's review meeting.
 */
import type { HolidayCalendar } from '../calendar/holidays';
import type { SlotParticipant } from '../calendar/contracts';
import type { Organization } from '../domain/organization';

export interface SlotSeat {
  /** Who this seat is in the proposal (an organization id, or a member's address). */
  id: string;
  /** Defaults to the organization's headquarters. */
  timeZone?: string;
  /** A chair may count double. */
  weight?: number;
}

export function slotParticipant(
  org: Organization,
  calendars: ReadonlyMap<string, HolidayCalendar>,
  seat: SlotSeat = { id: org.id },
): SlotParticipant {
  const calendar = org.holidayCalendar ? calendars.get(org.holidayCalendar) : undefined;
  return {
    id: seat.id,
    timeZone: seat.timeZone ?? org.headquarters.timeZone,
    workingHours: org.businessHours,
    weekendDays: org.weekendDays,
    holidays: calendar?.holidays.map((h) => h.date) ?? [],
    weight: seat.weight ?? 1,
  };
}
