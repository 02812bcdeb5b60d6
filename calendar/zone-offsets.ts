/** The time-zone database, asked once and remembered. */
import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { CalendarError } from './errors';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Whether the time-zone database knows the zone. Luxon asks Intl afresh on every call, which costs
 * more than all the arithmetic of a timeline, so known zones are remembered (unknown names are not:
 * they come from input, and there is no end to them).
 */
export function isKnownZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  const known = IANAZone.isValidZone(zone);
  if (known) knownZones.add(zone);
  return known;
}
const knownZones = new Set<string>();

export function assertZone(zone: string, what = 'time zone'): string {
  if (!isKnownZone(zone)) {
    throw new CalendarError('calendar.notZone', { what, zone });
  }
  return zone;
}

/** A UTC day's offsets: the same all day, or one change at `at` (never two in a day). */
type DayOffsets = number | { readonly at: number; readonly before: number; readonly after: number };

/**
 * An IANA zone that remembers its offsets. Asking Intl for an offset is nearly all the time a
 * timeline, a reminder plan or a slot search would take; a zone's offset is the same all day except
 * on the few days its clocks change, so each UTC day is asked about once (and a day with a change is
 * bisected to the minute once). Luxon accepts it wherever it takes a zone.
 */
class RememberingZone extends Zone {
  private readonly iana: IANAZone;
  private readonly days = new Map<number, DayOffsets>();
  private lastDay = Number.NaN;
  private lastOffsets: DayOffsets = 0;

  constructor(name: string) {
    super();
    this.iana = IANAZone.create(name);
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.iana.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): boolean {
    return this.iana.isValid;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.iana.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.iana.formatOffset(ts, format);
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }

  override offset(ts: number): number {
    const day = Math.floor(ts / DAY_MS);
    // Callers walk through time in order, so the day asked about last is usually asked about again.
    if (day !== this.lastDay) {
      let offsets = this.days.get(day);
      if (offsets === undefined) {
        offsets = this.offsetsOfDay(day);
        this.days.set(day, offsets);
      }
      [this.lastDay, this.lastOffsets] = [day, offsets];
    }
    const offsets = this.lastOffsets;
    return typeof offsets === 'number' ? offsets : ts >= offsets.at ? offsets.after : offsets.before;
  }

  private offsetsOfDay(day: number): DayOffsets {
    let [low, high] = [day * DAY_MS, (day + 1) * DAY_MS - MINUTE_MS];
    const [before, after] = [this.iana.offset(low), this.iana.offset(high)];
    if (before === after) return before;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (this.iana.offset(middle) === after) high = middle;
      else low = middle;
    }
    return { at: high, before, after };
  }
}

const zones = new Map<string, Zone>();

/** The shared luxon zone for an IANA name; a CalendarError for a name the database does not know. */
export function zoneNamed(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new RememberingZone(assertZone(name));
    zones.set(name, zone);
  }
  return zone;
}

/** Minutes ahead of UTC in `zone` at the instant `ms` (negative west of Greenwich). */
export function offsetAt(ms: number, zone: string): number {
  return zoneNamed(zone).offset(ms);
}
