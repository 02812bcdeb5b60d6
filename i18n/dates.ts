/**
 * An instant as a person reads it in their language: in their zone, then, when the meeting is
 * elsewhere, in the meeting's ("jeudi 14 octobre 2027 à 10:00, heure de New York"). The catalog
 * says how the parts combine; Intl writes the dates of every language but English, whose words
 * stay the hand-written ones of calendar/format.ts so that existing mail reads as before.
 */
import { clock, cityOfZone, dayAndDate, isUtcLike, zoneAbbreviation } from '../calendar/format';
import { wallClock } from '../calendar/local-time';
import { toMillis } from '../calendar/zones';
import type { Translator } from './catalog';

export function formatTime(
  t: Translator,
  instant: string | Date,
  recipientZone: string,
  meetingZone?: string,
): string {
  const ms = toMillis(instant);
  const here = inZone(t, ms, recipientZone, 'time.here', true);
  if (!meetingZone || meetingZone.toLowerCase() === recipientZone.toLowerCase()) return here;
  const differentYear = wallClock(ms, meetingZone).year !== wallClock(ms, recipientZone).year;
  return t.t('time.both', { here, there: inZone(t, ms, meetingZone, 'time.there', differentYear) });
}

/** One zone's reading; `withYear` leaves the year out of the second reading of the same year. */
export function inZone(
  t: Translator,
  ms: number,
  zone: string,
  key: 'time.here' | 'time.there',
  withYear: boolean,
): string {
  const values = {
    date: dateWords(t, ms, zone, withYear),
    time: clockWords(t, ms, zone),
    city: cityName(t, zone),
    zone: zoneAbbreviation(ms, zone),
  };
  return t.t(isUtcLike(zone) ? 'time.utc' : key, values);
}

/** "Friday 15 September 2006", "vendredi 15 septembre 2006", "الجمعة، ١٥ سبتمبر ٢٠٠٦". */
export function dateWords(t: Translator, ms: number, zone: string, withYear = true): string {
  if (t.base === 'en') return dayAndDate(wallClock(ms, zone), withYear);
  return intlFormat(t.locale, zone, withYear ? 'date' : 'dateNoYear').format(ms);
}

function clockWords(t: Translator, ms: number, zone: string): string {
  if (t.base === 'en') return clock(wallClock(ms, zone));
  return intlFormat(t.locale, zone, 'clock').format(ms);
}

/** The catalog's name for the zone's city ("Addis-Abeba", "نيويورك"), else the zone's own. */
export function cityName(t: Translator, zone: string): string {
  return t.lookup(`city.${zone}`) ?? cityOfZone(zone);
}

const OPTIONS: Record<'date' | 'dateNoYear' | 'clock', Intl.DateTimeFormatOptions> = {
  date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dateNoYear: { weekday: 'long', day: 'numeric', month: 'long' },
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

/** Building a DateTimeFormat costs far more than using one; a mailing reuses a handful. */
const formats = new Map<string, Intl.DateTimeFormat>();

function intlFormat(locale: string, zone: string, style: keyof typeof OPTIONS): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${style}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone: zone });
    formats.set(key, f);
  }
  return f;
}
