/**
 * Calendars of the partner organizations and the time arithmetic built on them. Pure and
 * deterministic (the clock is always a parameter); activities/calendar.ts exposes it to workflows.
 *
 *   zones.ts              zone names, instants, local date-times, DST gaps and overlaps
 *   zone-offsets.ts       the time-zone database, asked once per day and remembered
 *   local-time.ts         wall-clock arithmetic on numbers (the fast path under everything)
 *   durations.ts          ISO 8601 durations
 *   format.ts             how a time reads in a message
 *   holidays.ts           holiday calendar files (config/holidays/*.json)
 *   business-calendar.ts  one organization's working days and hours
 *   registry.ts           organization id → business calendar
 *   timeline.ts           milestones of a preparation cycle
 *   reminders.ts          when each recipient is reminded of a deadline
 *   coincidence.ts        the high-level meeting and its Security Council meeting
 *   slots.ts              fair meeting times across zones, rotating who bears the inconvenience
 *   contracts.ts          the JSON shapes that cross the activity boundary
 */
export * from './business-calendar';
export * from './coincidence';
export * from './contracts';
export * from './durations';
export * from './errors';
export * from './format';
export * from './holidays';
export * from './registry';
export * from './reminders';
export * from './slots';
export * from './timeline';
export * from './zones';
