import fc from 'fast-check';
import { DateTime, Duration, IANAZone } from 'luxon';
import { BusinessCalendar } from '../../calendar/business-calendar';
import { MILESTONE_KIND } from '../../calendar/contracts';
import { CalendarError } from '../../calendar/errors';
import { instantsShowing, shiftBy } from '../../calendar/local-time';
import { planReminders } from '../../calendar/reminders';
import { planTimeline } from '../../calendar/timeline';
import { offsetAt } from '../../calendar/zone-offsets';
import type { Weekday } from '../../domain/organization';
import { registry } from './fixtures';

const ZONES = [
  'America/New_York',
  'Europe/Brussels',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Fiji',
  'Africa/Cairo',
  'Asia/Riyadh',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/St_Johns',
];
const WEEKENDS: Weekday[][] = [['saturday', 'sunday'], ['friday', 'saturday'], ['friday'], ['saturday'], []];
const ORGANIZERS = ['un', 'eu', 'au', 'las', 'gcc', 'pif', 'saarc', 'chatham'];
const FROM_2025 = Date.parse('2025-01-01T00:00:00Z');
const TO_2028 = Date.parse('2028-12-31T00:00:00Z');
const DAY_MS = 86_400_000;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Any plausible calendar: a zone, a weekend, business hours on the quarter hour, some holidays. */
const anyCalendar = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekendDays: fc.constantFrom(...WEEKENDS),
    opens: fc.integer({ min: 24, max: 44 }).map((q) => q * 15), // 06:00–11:00
    hours: fc.integer({ min: 16, max: 44 }).map((q) => q * 15), // 4–11 hours
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 4 * 366 }), { maxLength: 40 }),
  })
  .map(
    ({ timeZone, weekendDays, opens, hours, holidays }) =>
      new BusinessCalendar({
        timeZone,
        weekendDays,
        businessHours: { start: hhmm(opens), end: hhmm(Math.min(opens + hours, 23 * 60 + 45)) },
        holidays: holidays.map((day) => ({
          date: new Date(FROM_2025 + day * DAY_MS).toISOString().slice(0, 10),
          name: `Holiday ${day}`,
        })),
      }),
  );

const anyOffset = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((days) => `P${days}D`),
  fc.integer({ min: 1, max: 72 }).map((hours) => `PT${hours}H`),
);

describe('properties that hold for any calendar', () => {
  test('a reminder is never outside the recipient’s business hours, never after the deadline, never in the past, at most one a day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FROM_2025, max: TO_2028 }),
        fc.integer({ min: 0, max: 60 * DAY_MS }),
        fc.array(fc.record({ calendar: anyCalendar, ownZone: fc.option(fc.constantFrom(...ZONES)) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.uniqueArray(anyOffset, { minLength: 1, maxLength: 5 }),
        (deadlineMs, lead, people, offsets) => {
          const recipients = people.map((p, i) => ({
            id: `r${i}`,
            calendar: p.calendar,
            timeZone: p.ownZone ?? undefined,
          }));
          const { reminders } = planReminders({
            deadline: new Date(deadlineMs),
            now: new Date(deadlineMs - lead),
            offsets,
            recipients,
          });
          const daysTaken = new Set<string>();
          for (const reminder of reminders) {
            const recipient = recipients.find((r) => r.id === reminder.recipient);
            const calendar = recipient?.calendar.inZone(reminder.timeZone);
            expect(calendar?.isBusinessMoment(reminder.at)).toBe(true);
            expect(Date.parse(reminder.at)).toBeLessThan(deadlineMs);
            expect(Date.parse(reminder.at)).toBeGreaterThanOrEqual(deadlineMs - lead);
            const day = `${reminder.recipient} ${calendar?.dateOf(reminder.at) ?? ''}`;
            expect(daysTaken.has(day)).toBe(false);
            daysTaken.add(day);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  /** A meeting on a business day of the organizer, and a policy whose milestones are 14+ days apart. */
  const orderedPlan = fc
    .record({
      organizer: fc.constantFrom(...ORGANIZERS),
      day: fc.integer({ min: 60, max: 3 * 366 }),
      invitations: fc.integer({ min: 1, max: 30 }),
      gaps: fc.array(fc.integer({ min: 14, max: 60 }), { minLength: 4, maxLength: 4 }),
      report: fc.integer({ min: 1, max: 60 }),
    })
    .map(({ organizer, day, invitations, gaps, report }) => {
      const calendar = registry.calendarOf(organizer);
      const date = calendar.businessDayOnOrAfter(
        new Date(FROM_2025 + day * DAY_MS).toISOString().slice(0, 10),
      ).date;
      const before = gaps.reduce((list, gap) => [...list, (list.at(-1) ?? invitations) + gap], [invitations]);
      const [inv = 0, comment = 0, consolidation = 0, input = 0, call = 0] = before;
      const policy = {
        callForInputs: `P${call}D`,
        inputDeadline: `P${input}D`,
        consolidationEnd: `P${consolidation}D`,
        commentPeriodEnd: `P${comment}D`,
        invitations: `P${inv}D`,
        outcomeReportDue: `P${report}D`,
      };
      const meeting = { start: `${date}T10:00`, end: `${date}T17:00`, timeZone: calendar.timeZone };
      return { calendar, meeting, policy };
    });

  test('a deadline never lands on a weekend or holiday: it falls at close of business, a sending at opening', () => {
    fc.assert(
      fc.property(orderedPlan, ({ calendar, meeting, policy }) => {
        const timeline = planTimeline({ meeting, policy }, calendar);
        for (const milestone of timeline.milestones) {
          const local = DateTime.fromISO(milestone.at, { zone: calendar.timeZone });
          expect(calendar.isBusinessDay(calendar.dateOf(milestone.at))).toBe(true);
          const expected =
            MILESTONE_KIND[milestone.name] === 'deadline'
              ? calendar.businessHours.end
              : calendar.businessHours.start;
          expect(local.toFormat('HH:mm')).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('milestones are always in order, or the policy is refused as out of order', () => {
    const anyPolicy = fc.record({
      callForInputs: fc.integer({ min: 1, max: 200 }).map((d) => `P${d}D`),
      inputDeadline: fc.integer({ min: 1, max: 200 }).map((d) => `P${d}D`),
      consolidationEnd: fc.integer({ min: 1, max: 200 }).map((d) => `P${d}D`),
      commentPeriodEnd: fc.integer({ min: 1, max: 200 }).map((d) => `P${d}D`),
      invitations: fc.integer({ min: 1, max: 200 }).map((d) => `P${d}D`),
      outcomeReportDue: fc.integer({ min: 1, max: 200 }).map((d) => `P${d}D`),
      snapToBusinessDays: fc.boolean(),
    });
    fc.assert(
      fc.property(orderedPlan, anyPolicy, ({ calendar, meeting }, policy) => {
        let timeline;
        try {
          timeline = planTimeline({ meeting, policy }, calendar);
        } catch (error) {
          expect(error).toBeInstanceOf(CalendarError);
          expect((error as Error).message).toMatch(/^The timeline is out of order: /);
          return;
        }
        const instants = timeline.milestones.map((m) => Date.parse(m.at));
        const beforeMeeting = instants.slice(0, -1);
        expect([...beforeMeeting].sort((a, b) => a - b)).toEqual(beforeMeeting);
        expect(new Set(beforeMeeting).size).toBe(beforeMeeting.length);
        expect(beforeMeeting.at(-1)).toBeLessThan(Date.parse(timeline.meeting.start));
        expect(instants.at(-1)).toBeGreaterThan(Date.parse(timeline.meeting.end));
      }),
      { numRuns: 200 },
    );
  });

  test('a policy whose milestones are two weeks apart is never refused', () => {
    fc.assert(
      fc.property(orderedPlan, ({ calendar, meeting, policy }) => {
        expect(() => planTimeline({ meeting, policy }, calendar)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

describe('the fast zone arithmetic agrees with luxon', () => {
  const anyInstant = fc.integer({
    min: Date.parse('2000-01-01T00:00:00Z'),
    max: Date.parse('2030-12-31T00:00:00Z'),
  });

  test('the remembered offset of a zone is the time-zone database’s offset, to the minute', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), anyInstant, (zone, ms) => {
        expect(offsetAt(ms, zone)).toBe(IANAZone.create(zone).offset(ms));
      }),
      { numRuns: 2000 },
    );
  });

  test('counting days and months back on the wall calendar gives what luxon gives', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        anyInstant,
        fc.record({ months: fc.integer({ min: 0, max: 14 }), days: fc.integer({ min: 0, max: 200 }) }),
        (zone, ms, { months, days }) => {
          const luxon = DateTime.fromMillis(ms, { zone }).minus({ months, days });
          // Luxon resolves a wall time inside a DST gap or overlap from a guess; we pick a fixed rule.
          fc.pre(instantsShowing(luxon.toMillis() + luxon.offset * 60_000, zone).length === 1);
          expect(shiftBy(ms, Duration.fromObject({ months, days }), -1, zone)).toBe(luxon.toMillis());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
