import type { Duration } from 'luxon';
import type { BusinessCalendar } from './business-calendar';
import type { DroppedReminder, PlannedReminder, PlannedReminders } from './contracts';
import { approximateMillis, parseDuration } from './durations';
import { formatInZone } from './format';
import { addDays, isoInZone, isoUtc, shiftBy } from './local-time';
import { toMillis, type InstantInput, type LocalDate } from './zones';

export interface ReminderRecipientCalendar {
  /** Who gets it: an e-mail address or any id the caller uses. */
  readonly id: string;
  /** The recipient's organization's calendar: its weekend, holidays and business hours apply. */
  readonly calendar: BusinessCalendar;
  /** The recipient's own zone, when not the organization's headquarters zone. */
  readonly timeZone?: string;
}

export interface ReminderPlanInput {
  readonly deadline: InstantInput;
  readonly recipients: readonly ReminderRecipientCalendar[];
  /** ISO durations before the deadline, e.g. ['P14D', 'P7D', 'P1D']. */
  readonly offsets: readonly string[];
  /** The planning moment: nothing is planned before it. Pure code never reads the clock. */
  readonly now: InstantInput;
  /** false in compressed rehearsals: reminders go out exactly `offset` before the deadline. */
  readonly snapToBusinessDays?: boolean;
}

/** How many days before its offset day a reminder may move (over closures) before it is given up. */
const MAX_DAYS_BACK = 31;

/**
 * When each recipient is reminded of a deadline. A reminder goes out at the opening of business, in
 * the recipient's zone, on the offset day or the last business day before it (earlier, never later:
 * a reminder that comes late is no reminder). It is dropped, with the reason, when it would be in the
 * past, not before the deadline, or on a local day that already has a reminder for that recipient.
 */
export function planReminders(input: ReminderPlanInput): PlannedReminders {
  const deadline = toMillis(input.deadline);
  const now = toMillis(input.now);
  const snap = input.snapToBusinessDays !== false;
  // Largest offset first, so that when two offsets share a day the earlier-announced one is kept.
  const offsets = input.offsets
    .map((text) => ({ text, duration: parseDuration(text, 'reminder offset') }))
    .sort((a, b) => approximateMillis(b.duration) - approximateMillis(a.duration));
  const reminders: PlannedReminder[] = [];
  const dropped: DroppedReminder[] = [];
  for (const recipient of input.recipients) {
    const calendar = recipient.calendar.inZone(recipient.timeZone ?? recipient.calendar.timeZone);
    const daysTaken = new Map<LocalDate, string>();
    for (const offset of offsets) {
      const at = planOne(deadline, offset, calendar, { snap, now, daysTaken });
      if (typeof at === 'string') {
        dropped.push({ recipient: recipient.id, offset: offset.text, reason: at });
        continue;
      }
      daysTaken.set(calendar.dateOf(at), offset.text);
      reminders.push({
        recipient: recipient.id,
        offset: offset.text,
        at: isoUtc(at),
        timeZone: calendar.timeZone,
        inRecipientZone: isoInZone(at, calendar.timeZone),
        display: formatInZone(at, calendar.timeZone),
      });
    }
  }
  reminders.sort((a, b) => a.at.localeCompare(b.at) || a.recipient.localeCompare(b.recipient));
  return { reminders, dropped };
}

/** The instant of one reminder (epoch ms), or why it is dropped. */
function planOne(
  deadline: number,
  offset: { text: string; duration: Duration },
  calendar: BusinessCalendar,
  context: { snap: boolean; now: number; daysTaken: ReadonlyMap<LocalDate, string> },
): number | string {
  const at = context.snap
    ? businessMorningBefore(deadline, offset.duration, calendar)
    : shiftBy(deadline, offset.duration, -1, calendar.timeZone);
  if (at === undefined) {
    return `${calendar.label} has no business morning in the ${MAX_DAYS_BACK} days before the ${offset.text} day`;
  }
  if (at >= deadline) {
    const [when, due] = [formatInZone(at, calendar.timeZone), formatInZone(deadline, calendar.timeZone)];
    return `it would go out ${when}, not before the deadline ${due}`;
  }
  if (at < context.now)
    return `it would go out ${formatInZone(at, calendar.timeZone)}, which is already past`;
  const day = calendar.dateOf(at);
  const sameDay = context.daysTaken.get(day);
  // In a rehearsal, reminders seconds apart on one day are the point.
  if (sameDay !== undefined && context.snap)
    return `the ${sameDay} reminder already goes out that day (${day})`;
  return at;
}

/**
 * The opening of business on the offset day (in the calendar's zone) or the closest business day
 * before it, and strictly before the deadline.
 */
function businessMorningBefore(
  deadline: number,
  offset: Duration,
  calendar: BusinessCalendar,
): number | undefined {
  let day = calendar.dateOf(shiftBy(deadline, offset, -1, calendar.timeZone));
  for (let tries = 0; tries < MAX_DAYS_BACK; tries++, day = addDays(day, -1)) {
    if (!calendar.isBusinessDay(day)) continue;
    const morning = calendar.businessMorning(day).getTime();
    if (morning < deadline) return morning;
  }
  return undefined;
}
