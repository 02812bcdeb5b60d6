/**
 * Benchmark of the calendar module (not a test: timings depend on the machine).
 *
 *   npx tsx scripts/bench-calendar.ts
 *
 * 1. One preparation cycle for 30 organizations, through the activities: the timeline, and reminders
 *    (P14D, P7D, P1D) of the input deadline for two focal points of each organization. Target: median ≤ 5 ms.
 * 2. Fair slots for 30 participants in 30 zones over 4 weeks at 15-minute steps. Target: median ≤ 50 ms.
 *
 * Each is printed with a baseline measured in the same run: constructing one luxon DateTime for each
 * instant the task produces or examines, so the figures can be compared across machines as ratios.
 */
import { DateTime } from 'luxon';
import { createCalendarActivities } from '../activities/calendar';
import type { FindFairSlotsRequest, PlanRemindersRequest } from '../calendar/contracts';
import { loadHolidayCalendars } from '../calendar/holidays';
import { createCalendarRegistry, type OrganizationCalendarSource } from '../calendar/registry';
import { findFairSlots } from '../calendar/slots';

/** Thirty zones, west to east, with the awkward ones: half-hour and 45-minute offsets, the date line. */
const ZONES = [
  'Pacific/Pago_Pago',
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'America/Mexico_City',
  'America/New_York',
  'America/Guyana',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Atlantic/Cape_Verde',
  'Europe/London',
  'Africa/Lagos',
  'Europe/Brussels',
  'Europe/Vienna',
  'Africa/Gaborone',
  'Africa/Cairo',
  'Africa/Addis_Ababa',
  'Asia/Riyadh',
  'Asia/Tehran',
  'Asia/Dubai',
  'Asia/Kabul',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Dhaka',
  'Asia/Jakarta',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Fiji',
  'Pacific/Chatham',
];
const HOLIDAY_CALENDARS = [
  'un-new-york',
  'eu-brussels',
  'au-addis-ababa',
  'las-cairo',
  'gcc-riyadh',
  undefined,
];
const FRIDAY_WEEKEND_ZONES = new Set([
  'Africa/Cairo',
  'Asia/Riyadh',
  'Asia/Tehran',
  'Asia/Dubai',
  'Asia/Kabul',
]);

const organizations: OrganizationCalendarSource[] = ZONES.map((timeZone, i) => ({
  id: `org-${i + 1}`,
  acronym: `ORG${i + 1}`,
  headquarters: { city: timeZone, country: '-', timeZone },
  weekendDays: FRIDAY_WEEKEND_ZONES.has(timeZone) ? ['friday', 'saturday'] : ['saturday', 'sunday'],
  holidayCalendar: HOLIDAY_CALENDARS[i % HOLIDAY_CALENDARS.length],
}));
organizations[0] = {
  ...organizations[0]!,
  id: 'un',
  headquarters: { city: 'New York', country: 'US', timeZone: 'America/New_York' },
  holidayCalendar: 'un-new-york',
};

const activities = createCalendarActivities({
  calendars: createCalendarRegistry(organizations, loadHolidayCalendars()),
  now: () => new Date('2026-01-05T00:00:00Z'),
});

const MEETING = { start: '2026-09-22T10:00', end: '2026-09-22T18:00', timeZone: 'America/New_York' };

async function planCycle(): Promise<string[]> {
  const timeline = await activities.planTimeline({ meeting: MEETING, organizer: 'un' });
  const inputDeadline = timeline.milestones.find((m) => m.name === 'inputDeadline');
  const request: PlanRemindersRequest = {
    deadline: inputDeadline?.at ?? '',
    recipients: organizations.flatMap((org) => [
      { id: `chair@${org.id}.example.org`, organization: org.id },
      { id: `deputy@${org.id}.example.org`, organization: org.id, timeZone: 'Europe/Zurich' },
    ]),
  };
  const { reminders } = await activities.planReminders(request);
  return [...timeline.milestones.map((m) => m.at), ...reminders.map((r) => r.at)];
}

const SLOTS: FindFairSlotsRequest = {
  participants: ZONES.map((timeZone, i) => ({ id: `p${i + 1}`, timeZone })),
  duration: 'PT2H',
  from: '2026-10-05T00:00:00Z', // four weeks across the European and North American clock changes
  to: '2026-11-02T00:00:00Z',
  step: 'PT15M',
};

// ── measuring ──────────────────────────────────────────────────────────────────────────────────────

interface Figures {
  median: number;
  p90: number;
}

async function measure(runs: number, warmup: number, task: () => unknown): Promise<Figures> {
  for (let i = 0; i < warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { median: at(0.5), p90: at(0.9) };
}

/** The baseline: one luxon DateTime per instant, in a zone, as a naive implementation would build. */
function constructDateTimes(instants: readonly number[], zones: readonly string[]): number {
  let checksum = 0;
  instants.forEach((ms, i) => {
    checksum += DateTime.fromMillis(ms, { zone: zones[i % zones.length] }).hour;
  });
  return checksum;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

function report(
  label: string,
  figures: Figures,
  target: number,
  baseline: Figures,
  baselineLabel: string,
): void {
  const verdict = figures.median <= target ? 'met' : 'MISSED';
  console.log(`${label}`);
  console.log(
    `  median ${ms(figures.median)}, p90 ${ms(figures.p90)} — target median ≤ ${target} ms: ${verdict}`,
  );
  console.log(`  baseline, ${baselineLabel}: median ${ms(baseline.median)}, p90 ${ms(baseline.p90)}`);
  console.log(`  ratio to baseline (median): ${(figures.median / baseline.median).toFixed(3)}`);
}

async function main(): Promise<void> {
  console.log(`calendar benchmark — node ${process.version}\n`);

  const instants = (await planCycle()).map((iso) => Date.parse(iso));
  const cycle = await measure(200, 20, planCycle);
  const cycleBaseline = await measure(200, 20, () => constructDateTimes(instants, ZONES));
  report(
    `1. Timeline + reminders for 30 organizations (60 recipients × P14D/P7D/P1D → ${instants.length} instants)`,
    cycle,
    5,
    cycleBaseline,
    `${instants.length} luxon DateTime constructions`,
  );

  const candidates = findFairSlots(SLOTS).candidatesConsidered;
  const localTimes = Array.from(
    { length: candidates * ZONES.length },
    (_, i) => Date.parse(SLOTS.from) + Math.floor(i / ZONES.length) * 15 * 60_000,
  );
  const slots = await measure(30, 3, () => findFairSlots(SLOTS));
  const slotsBaseline = await measure(5, 1, () => constructDateTimes(localTimes, ZONES));
  console.log('');
  report(
    `2. Fair slots, 30 zones × 4 weeks at 15 minutes (${candidates} candidates × 30 participants = ${localTimes.length} local times)`,
    slots,
    50,
    slotsBaseline,
    `${localTimes.length} luxon DateTime constructions`,
  );
}

void main();
