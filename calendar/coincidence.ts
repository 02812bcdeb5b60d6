import { DateTime } from 'luxon';
import { CheckCoincidenceRequest, type CoincidenceResult, type CoincidenceWindow } from './contracts';
import { parseDuration } from './durations';
import { CalendarError, parseOrThrow } from './errors';
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
  const dates =
    `The high-level meeting (${formatForRecipient(new Date(hlmStart), hlm.timeZone, council.timeZone)}) ` +
    `and the Security Council meeting (${formatForRecipient(new Date(councilStart), council.timeZone, hlm.timeZone)})`;
  const explanation = coincide
    ? `${dates} coincide: ${rule}.`
    : `${dates} do not coincide: ${rule}; move one of them.`;
  return { coincide, explanation };
}

/** As `checkCoincidence`, but a pair that does not coincide is an error. */
export function assertCoincidence(request: CheckCoincidenceRequest): CoincidenceResult {
  const result = checkCoincidence(request);
  if (!result.coincide)
    throw new CalendarError('calendar.noCoincidence', { explanation: result.explanation });
  return result;
}

function compare(
  hlmMs: number,
  councilMs: number,
  window: CoincidenceWindow,
): { coincide: boolean; rule: string } {
  switch (window.kind) {
    case 'same-iso-week': {
      const [a, b] = [isoWeek(hlmMs, window.timeZone), isoWeek(councilMs, window.timeZone)];
      const where = `in ${cityOfZone(window.timeZone)}`;
      return a === b
        ? { coincide: true, rule: `both fall in ISO week ${a} ${where}` }
        : { coincide: false, rule: `they fall in different ISO weeks ${where} (${a} and ${b})` };
    }
    case 'same-day': {
      const [a, b] = [localDate(hlmMs, window.timeZone), localDate(councilMs, window.timeZone)];
      const where = `in ${cityOfZone(window.timeZone)}`;
      return a === b
        ? { coincide: true, rule: `both fall on ${a} ${where}` }
        : { coincide: false, rule: `they fall on different days ${where} (${a} and ${b})` };
    }
    case 'within': {
      const limitMs = parseDuration(window.duration, 'window.duration').toMillis();
      const gapMs = Math.abs(hlmMs - councilMs);
      const gap = `${Math.round(gapMs / 360_000) / 10} hours apart`;
      return gapMs <= limitMs
        ? { coincide: true, rule: `they are ${gap}, within ${window.duration}` }
        : { coincide: false, rule: `they are ${gap}, more than ${window.duration}` };
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
