import { DateTime } from 'luxon';
import { CheckCoincidenceRequest, type CoincidenceResult, type CoincidenceWindow } from './contracts';
import { parseDuration } from './durations';
import type { Moment, Phrase } from '../domain/rejection';
import { CalendarError, english, parseOrThrow, phrase } from './errors';
import { cityOfZone, formatForRecipient } from './format';
import { meetingTime, zoneNamed } from './zones';

/**
 * Whether a high-level meeting and the Security Council meeting it accompanies coincide (para 2 of the
 * report: "ensuring that these coincide"); by default, whether they fall in the same ISO week in New
 * York. Each date is named in its own zone and in the other meeting's zone.
 */
export function checkCoincidence(request: CheckCoincidenceRequest): CoincidenceResult {
  const input = parseOrThrow(CheckCoincidenceRequest, request, 'coincidence');
  const { highLevelMeeting: hlm, securityCouncil: council } = input;
  const hlmStart = meetingTime(hlm.start, hlm.timeZone, 'The high-level meeting start');
  const councilStart = meetingTime(council.start, council.timeZone, 'The Security Council meeting start');
  const { coincide, rule } = compare(hlmStart, councilStart, input.window);
  const said = phrase(coincide ? 'calendar.coincidence.yes' : 'calendar.coincidence.no', {
    hlm: moment(hlmStart, hlm.timeZone, council.timeZone),
    council: moment(councilStart, council.timeZone, hlm.timeZone),
    rule,
  });
  return { coincide, explanation: english(said.phrase, said.values ?? {}), said };
}

/** A date as the explanation names it: in its own zone, then the other meeting's (its English, `shown`). */
function moment(ms: number, zone: string, otherZone: string): Moment {
  return { at: new Date(ms).toISOString(), zone, shown: formatForRecipient(new Date(ms), zone, otherZone) };
}

/** As `checkCoincidence`, but a pair that does not coincide is an error. */
export function assertCoincidence(request: CheckCoincidenceRequest): CoincidenceResult {
  const result = checkCoincidence(request);
  if (!result.coincide)
    throw new CalendarError('calendar.noCoincidence', { explanation: result.said ?? result.explanation });
  return result;
}

function compare(
  hlmMs: number,
  councilMs: number,
  window: CoincidenceWindow,
): { coincide: boolean; rule: Phrase } {
  switch (window.kind) {
    case 'same-iso-week': {
      const [a, b] = [isoWeek(hlmMs, window.timeZone), isoWeek(councilMs, window.timeZone)];
      const city = cityOfZone(window.timeZone);
      return a === b
        ? { coincide: true, rule: phrase('calendar.coincidence.sameWeek', { week: a, city }) }
        : { coincide: false, rule: phrase('calendar.coincidence.differentWeeks', { a, b, city }) };
    }
    case 'same-day': {
      const [a, b] = [localDate(hlmMs, window.timeZone), localDate(councilMs, window.timeZone)];
      const city = cityOfZone(window.timeZone);
      return a === b
        ? { coincide: true, rule: phrase('calendar.coincidence.sameDay', { day: a, city }) }
        : { coincide: false, rule: phrase('calendar.coincidence.differentDays', { a, b, city }) };
    }
    case 'within': {
      const limitMs = parseDuration(window.duration, 'window.duration').toMillis();
      const gapMs = Math.abs(hlmMs - councilMs);
      const values = { hours: Math.round(gapMs / 360_000) / 10, limit: window.duration };
      return gapMs <= limitMs
        ? { coincide: true, rule: phrase('calendar.coincidence.within', values) }
        : { coincide: false, rule: phrase('calendar.coincidence.beyond', values) };
    }
  }
}

// Two instants per check: luxon's ISO weeks are worth their cost here.
function inZone(ms: number, zone: string): DateTime {
  return DateTime.fromMillis(ms, { zone: zoneNamed(zone) });
}

function isoWeek(ms: number, zone: string): string {
  const local = inZone(ms, zone);
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

function localDate(ms: number, zone: string): string {
  return inZone(ms, zone).toISODate() ?? '';
}
