import { DateTime } from 'luxon';
import { wallClock, type WallClock } from './local-time';
import { toMillis, zoneNamed, type InstantInput } from './zones';
import type { Moment } from '../domain/rejection';

/**
 * How a time reads in a message. English, en-GB order ("Friday 15 September 2006, 18:00"), written
 * out by hand rather than through Intl so that every machine renders the same words.
 */

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Zones whose IANA name is not the city people know (the name is a country or an island group). */
const CITY_OF_ZONE: Readonly<Record<string, string>> = {
  'Pacific/Fiji': 'Suva',
  'Pacific/Chatham': 'Chatham',
  'Pacific/Tongatapu': "Nuku'alofa",
  'Pacific/Efate': 'Port Vila',
  'Pacific/Guadalcanal': 'Honiara',
  'Asia/Calcutta': 'Kolkata',
  'Asia/Saigon': 'Ho Chi Minh City',
  'Asia/Katmandu': 'Kathmandu',
};

const UTC_NAMES = new Set(['UTC', 'ETC/UTC', 'ETC/UCT', 'UCT', 'GMT', 'ETC/GMT', 'ZULU', 'ETC/ZULU', 'Z']);

/** 'America/New_York' → 'New York'; 'Pacific/Fiji' → 'Suva'; 'UTC' → 'UTC'. */
export function cityOfZone(zone: string): string {
  let city = cities.get(zone);
  if (city === undefined) {
    city = cityOf(zone);
    cities.set(zone, city);
  }
  return city;
}
const cities = new Map<string, string>();

function cityOf(zone: string): string {
  const known = CITY_OF_ZONE[zone];
  if (known) return known;
  if (UTC_NAMES.has(zone.toUpperCase())) return 'UTC';
  const fixed = /^Etc\/GMT([+-]\d+)$/i.exec(zone);
  // POSIX sign: Etc/GMT-12 is twelve hours AHEAD of UTC.
  if (fixed?.[1]) return utcOffsetLabel(-Number(fixed[1]) * 60);
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

/** "Friday 15 September 2006, 18:00 New York time (EDT)"; in UTC, "Friday 15 September 2006, 22:00 UTC". */
export function formatInZone(instant: InstantInput, zone: string): string {
  const ms = toMillis(instant);
  const local = wallClock(ms, zone);
  const place = isUtcLike(zone)
    ? cityOfZone(zone)
    : `${cityOfZone(zone)} time (${zoneAbbreviation(ms, zone)})`;
  return `${dayAndDate(local, true)}, ${clock(local)} ${place}`;
}

/**
 * A time for one recipient: first in the recipient's zone, then, when the meeting is elsewhere, in the
 * meeting's zone — "Friday 15 September 2006, 18:00 New York time (EDT) — Saturday 16 September, 10:00 in
 * Suva (UTC+12)". The year is repeated only when the two local dates fall in different years.
 */
export function formatForRecipient(
  instant: string | Date,
  recipientZone: string,
  meetingZone?: string,
): string {
  const first = formatInZone(instant, recipientZone);
  if (!meetingZone || meetingZone.toLowerCase() === recipientZone.toLowerCase()) return first;
  const ms = toMillis(instant);
  const [there, here] = [wallClock(ms, meetingZone), wallClock(ms, recipientZone)];
  const place = isUtcLike(meetingZone)
    ? cityOfZone(meetingZone)
    : `in ${cityOfZone(meetingZone)} (${zoneAbbreviation(ms, meetingZone)})`;
  return `${first} — ${dayAndDate(there, there.year !== here.year)}, ${clock(there)} ${place}`;
}

/**
 * The abbreviation people use for the zone at that moment ("EDT", "CEST", "BST"), or the UTC offset
 * ("UTC+12", "UTC+5:45") where the zone has none. Intl knows some abbreviations only in en-US (EDT) and
 * others only in en-GB (CEST); asking is slow, so answers are remembered per zone and offset.
 */
export function zoneAbbreviation(instant: InstantInput, zone: string): string {
  const ms = toMillis(instant);
  const offset = zoneNamed(zone).offset(ms);
  let labels = abbreviations.get(zone);
  if (!labels) {
    labels = new Map();
    abbreviations.set(zone, labels);
  }
  let label = labels.get(offset);
  if (label === undefined) {
    const local = DateTime.fromMillis(ms, { zone: zoneNamed(zone) });
    label =
      lettersOnly(local.setLocale('en-US').offsetNameShort) ??
      lettersOnly(local.setLocale('en-GB').offsetNameShort) ??
      utcOffsetLabel(offset);
    labels.set(offset, label);
  }
  return label;
}
/** Zone → offset in minutes → abbreviation. */
const abbreviations = new Map<string, Map<number, string>>();

/** 720 → "UTC+12", 345 → "UTC+5:45", -180 → "UTC-3", 0 → "UTC". */
export function utcOffsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const hours = Math.floor(Math.abs(offsetMinutes) / 60);
  const minutes = Math.abs(offsetMinutes) % 60;
  return `UTC${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

function lettersOnly(name: string | null): string | undefined {
  return name && /^[A-Z]{2,5}$/.test(name) ? name : undefined;
}

/** UTC itself and the fixed Etc/GMT±N zones have no city: their name is their offset. */
export function isUtcLike(zone: string): boolean {
  return cityOfZone(zone).startsWith('UTC');
}

export function dayAndDate(local: WallClock, withYear: boolean): string {
  const weekday = WEEKDAYS[local.weekday - 1] ?? '';
  const month = MONTHS[local.month - 1] ?? '';
  return `${weekday} ${local.day} ${month}${withYear ? ` ${local.year}` : ''}`;
}

export function clock(local: WallClock): string {
  return `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}

/** An instant in a zone as a value of a calendar sentence: read as the reader reads times; `shown` in English. */
export function moment(instant: InstantInput, zone: string): Moment {
  const ms = toMillis(instant);
  return { at: new Date(ms).toISOString(), zone, shown: formatInZone(ms, zone) };
}
