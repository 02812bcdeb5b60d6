import type { Zone } from 'luxon';
import { WEEKDAY_NUMBER } from '../domain/organization';
import { FindFairSlotsRequest, type FairSlots, type ProposedSlot, type SlotParticipant } from './contracts';
import { parseDuration } from './durations';
import { CalendarError, parseOrThrow } from './errors';
import { DAY_MS, dayNumberOf, isoInZone, MINUTE_MS } from './local-time';
import { zoneNamed } from './zones';

const DAY_MINUTES = 1440;
/** How far to look for a working day; weekends are at most three days, so a week is plenty. */
const SEARCH_DAYS = 7;
/** A candidate list this long is a mistake (a year at one-minute steps), not a request. */
const MAX_CANDIDATES = 200_000;

/**
 * Ranked meeting times for participants across zones. Best first: the slot that leaves outside
 * working hours the fewest times over those who were already outside them at earlier meetings of the
 * series (each counts the meetings they bore), so the inconvenience rotates instead of falling on the
 * same people every time; then the most participants (by weight) inside their working hours; then
 * the slot whose worst-off participant is least far from their working hours; then the least total
 * distance; then the earliest. Distance is multiplied by one plus the number of earlier meetings at
 * which that participant was outside working hours. Without a history, the first rule ties.
 */
export function findFairSlots(request: FindFairSlotsRequest): FairSlots {
  const input = parseOrThrow(FindFairSlotsRequest, request, 'slots');
  const durationMinutes = Math.round(parseDuration(input.duration, 'duration').toMillis() / MINUTE_MS);
  const stepMs = parseDuration(input.step, 'step').toMillis();
  const fromMs = Math.ceil(Date.parse(input.from) / stepMs) * stepMs; // slots on round UTC times
  const lastStartMs = Date.parse(input.to) - durationMinutes * MINUTE_MS;
  const count = lastStartMs < fromMs ? 0 : Math.floor((lastStartMs - fromMs) / stepMs) + 1;
  if (count > MAX_CANDIDATES) {
    throw new CalendarError('calendar.tooManySlots', { count: String(count) });
  }

  const timesInconvenienced = countInconvenience(input.history);
  const people = input.participants.map((p) => localRules(p, fromMs, lastStartMs, timesInconvenienced));
  const scores = Array.from({ length: count }, (_, i) =>
    scoreSlot(fromMs + i * stepMs, durationMinutes, people),
  );
  scores.sort(bestFirst);
  const slots = scores.slice(0, input.limit).map((score) => describeSlot(score, durationMinutes, people));
  return { slots, bearsInconvenience: slots[0]?.inconvenienced ?? [], candidatesConsidered: count };
}

/** One participant's working week, in the numbers the inner loop needs. */
interface LocalRules {
  readonly id: string;
  readonly timeZone: string;
  readonly zone: Zone;
  readonly weight: number;
  /** Meetings of the series at which they were already outside working hours. */
  readonly timesBefore: number;
  /** 1 + timesBefore: scales their distance. */
  readonly burdenFactor: number;
  /** Minutes after local midnight. */
  readonly opens: number;
  readonly closes: number;
  /** Working day or not, for each local day number from `firstDay` on (a table: this is the hot loop). */
  readonly firstDay: number;
  readonly working: Uint8Array;
}

function localRules(
  participant: SlotParticipant,
  fromMs: number,
  toMs: number,
  timesInconvenienced: ReadonlyMap<string, number>,
): LocalRules {
  const weekend = new Set(participant.weekendDays.map((day) => WEEKDAY_NUMBER[day]));
  const holidays = new Set(participant.holidays.map(dayNumberOf));
  // Local days differ from UTC days by less than one; a search margin either side.
  const firstDay = Math.floor(fromMs / DAY_MS) - SEARCH_DAYS - 1;
  const lastDay = Math.floor(toMs / DAY_MS) + SEARCH_DAYS + 1;
  const working = new Uint8Array(lastDay - firstDay + 1);
  for (let day = firstDay; day <= lastDay; day++) {
    // Day 0 of the epoch, 1970-01-01, was a Thursday (ISO weekday 4).
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
    working[day - firstDay] = weekend.has(weekday) || holidays.has(day) ? 0 : 1;
  }
  return {
    id: participant.id,
    timeZone: participant.timeZone,
    zone: zoneNamed(participant.timeZone),
    weight: participant.weight,
    timesBefore: timesInconvenienced.get(participant.id) ?? 0,
    burdenFactor: 1 + (timesInconvenienced.get(participant.id) ?? 0),
    opens: minutesOfDay(participant.workingHours.start),
    closes: minutesOfDay(participant.workingHours.end),
    firstDay,
    working,
  };
}

/** Totals only: per-participant detail is recomputed for the few slots that are shown. */
interface SlotScore {
  readonly startMs: number;
  /** For each participant outside working hours, the earlier meetings they were outside, summed. */
  readonly repeated: number;
  readonly insideWeight: number;
  readonly worstBurden: number;
  readonly worstOff: number;
  readonly totalOutside: number;
}

function scoreSlot(startMs: number, durationMinutes: number, people: readonly LocalRules[]): SlotScore {
  let [repeated, insideWeight, worstBurden, worstOff, totalOutside] = [0, 0, 0, -1, 0];
  for (let index = 0; index < people.length; index++) {
    const person = people[index];
    if (!person) continue;
    const outside = minutesOutside(startMs, durationMinutes, person);
    if (outside === 0) insideWeight += person.weight;
    else repeated += person.timesBefore;
    const burden = outside * person.burdenFactor;
    if (burden > worstBurden) {
      worstBurden = burden;
      worstOff = index;
    }
    totalOutside += outside;
  }
  return { startMs, repeated, insideWeight, worstBurden, worstOff, totalOutside };
}

/**
 * How far (in minutes) a meeting starting at `startMs` must move to lie inside one of the person's
 * working days: 0 when it does; 120 at 07:00 for a 09:00 opening; on a weekend, the distance to the
 * last working day's close or the next one's opening, whichever is nearer.
 */
function minutesOutside(startMs: number, durationMinutes: number, person: LocalRules): number {
  const start = startMs / MINUTE_MS + person.zone.offset(startMs); // local minutes since the epoch
  const today = Math.floor(start / DAY_MINUTES);
  // A meeting longer than the working day fits nowhere: started at opening, it overruns by `overrun`.
  const overrun = Math.max(0, durationMinutes - (person.closes - person.opens));
  const latestStart = person.closes - durationMinutes + overrun;
  if (overrun === 0 && isWorkingDay(person, today)) {
    const dayStart = today * DAY_MINUTES;
    if (start >= dayStart + person.opens && start <= dayStart + latestStart) return 0;
  }
  let best = SEARCH_DAYS * DAY_MINUTES;
  for (let day = today; day <= today + SEARCH_DAYS; day++) {
    const opening = day * DAY_MINUTES + person.opens;
    if (opening >= start && isWorkingDay(person, day)) {
      best = opening - start;
      break;
    }
  }
  for (let day = today; day >= today - SEARCH_DAYS; day--) {
    const lastStart = day * DAY_MINUTES + latestStart;
    if (lastStart <= start && isWorkingDay(person, day)) {
      best = Math.min(best, start - lastStart);
      break;
    }
  }
  return best + overrun;
}

function isWorkingDay(person: LocalRules, day: number): boolean {
  return person.working[day - person.firstDay] === 1;
}

function bestFirst(a: SlotScore, b: SlotScore): number {
  return (
    a.repeated - b.repeated ||
    b.insideWeight - a.insideWeight ||
    a.worstBurden - b.worstBurden ||
    a.totalOutside - b.totalOutside ||
    a.startMs - b.startMs
  );
}

function describeSlot(
  score: SlotScore,
  durationMinutes: number,
  people: readonly LocalRules[],
): ProposedSlot {
  const participants = people.map((person) => {
    const outside = minutesOutside(score.startMs, durationMinutes, person);
    return {
      id: person.id,
      localStart: isoInZone(score.startMs, person.timeZone),
      insideWorkingHours: outside === 0,
      minutesOutside: outside,
    };
  });
  return {
    start: new Date(score.startMs).toISOString(),
    end: new Date(score.startMs + durationMinutes * MINUTE_MS).toISOString(),
    insideWeight: score.insideWeight,
    insideCount: participants.filter((p) => p.insideWorkingHours).length,
    inconvenienced: participants.filter((p) => !p.insideWorkingHours).map((p) => p.id),
    worstOff: people[score.worstOff]?.id ?? null,
    participants,
  };
}

function countInconvenience(
  history: ReadonlyArray<{ inconvenienced: readonly string[] }>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const meeting of history) {
    for (const id of new Set(meeting.inconvenienced)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function minutesOfDay(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}
