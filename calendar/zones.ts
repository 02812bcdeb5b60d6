import { DateTime } from 'luxon';
import { z } from 'zod';
import { CalendarError } from './errors';
import { instantsShowing, isoInZone } from './local-time';
import { assertZone, isKnownZone, zoneNamed } from './zone-offsets';

export { assertZone, isKnownZone, zoneNamed } from './zone-offsets';

export type { LocalDate } from './local-time';

/** An IANA zone the time-zone database knows, such as "America/New_York". */
export const TimeZone = z.string().min(1).refine(isKnownZone, {
  message: 'must be an IANA time zone such as America/New_York or Pacific/Fiji',
});

/** Something that names one moment: an ISO string with an offset, a Date, a luxon DateTime, or epoch ms. */
export type InstantInput = string | Date | DateTime | number;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * Epoch milliseconds of an instant. A string without an offset is read as UTC here: callers that mean
 * a local wall-clock time use `meetingTime`, which knows the zone and checks DST.
 */
export function toMillis(instant: InstantInput): number {
  const ms =
    typeof instant === 'number'
      ? instant
      : instant instanceof Date
        ? instant.getTime()
        : instant instanceof DateTime
          ? instant.toMillis()
          : ISO_WITH_OFFSET.test(instant)
            ? parseCommonIso(instant)
            : DateTime.fromISO(instant, { zone: 'UTC' }).toMillis();
  if (!Number.isFinite(ms)) {
    throw new CalendarError('calendar.notInstant', { instant: String(instant) });
  }
  return ms;
}

/** An ISO string naming one instant: with its offset, and a real date and time. */
export function isInstant(text: string): boolean {
  return /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text) && Number.isFinite(toMillisOrNaN(text));
}

function toMillisOrNaN(text: string): number {
  try {
    return toMillis(text);
  } catch {
    return Number.NaN;
  }
}

/**
 * A meeting time as people write it: an instant with an offset, or a local wall-clock time in
 * `zone`. A local time the clocks skip (spring forward) or show twice (fall back) is refused rather
 * than guessed, because an invitation for the wrong hour is worse than a question.
 */
export function meetingTime(value: string, zone: string, what: string): number {
  assertZone(zone);
  if (HAS_OFFSET.test(value)) return toMillis(value);
  const wallMs = wallTime(value);
  if (!Number.isFinite(wallMs)) {
    throw new CalendarError('calendar.notDateTime', { what, value });
  }
  const candidates = instantsShowing(wallMs, zone);
  const [only, second] = candidates;
  if (only === undefined) {
    throw new CalendarError('calendar.skippedHour', { what, value, zone });
  }
  if (second !== undefined) {
    const options = candidates.map((ms) => isoInZone(ms, zone).replace('.000', '')).join(' or ');
    throw new CalendarError('calendar.twiceHour', { what, value, zone, options });
  }
  return only;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** A local date-time read as if it were UTC (epoch ms), or NaN. */
function wallTime(value: string): number {
  if (LOCAL_DATE_TIME.test(value)) return parseCommonIso(`${value}Z`);
  const wall = DateTime.fromISO(value, { zone: 'UTC' });
  return wall.isValid ? wall.toMillis() : Number.NaN;
}

/**
 * The common shape, "2006-09-22T10:00:00-04:00", without luxon's slower parser. Date.parse rolls
 * 30 February over into March and reads 24:00 as the next day; neither is a time anyone meant.
 */
function parseCommonIso(text: string): number {
  const ms = Date.parse(text);
  const [year, month, day, hour] = [
    text.slice(0, 4),
    text.slice(5, 7),
    text.slice(8, 10),
    text.slice(11, 13),
  ];
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return Number(day) <= daysInMonth && Number(hour) < 24 ? ms : Number.NaN;
}

/** As `meetingTime`, as a luxon DateTime in `zone`. */
export function localDateTime(value: string, zone: string, what: string): DateTime {
  return DateTime.fromMillis(meetingTime(value, zone, what), { zone: zoneNamed(zone) });
}
