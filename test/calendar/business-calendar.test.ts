import { createBusinessCalendar } from '../../calendar/business-calendar';
import { registry, unHeadquarters } from './fixtures';

describe('business calendars', () => {
  test('UN Headquarters is open at 09:00 and closed at 18:00 New York time on a working day', () => {
    expect(unHeadquarters.isBusinessMoment('2006-09-21T13:00:00Z')).toBe(true); // 09:00 EDT
    expect(unHeadquarters.isBusinessMoment('2006-09-21T12:59:00Z')).toBe(false);
    expect(unHeadquarters.isBusinessMoment('2006-09-21T22:00:00Z')).toBe(false); // 18:00 EDT
  });

  test('UN Headquarters is closed on Independence Day and says why', () => {
    expect(unHeadquarters.isBusinessMoment('2006-07-04T15:00:00Z')).toBe(false);
    expect(unHeadquarters.closureReason('2006-07-04')).toBe(
      '2006-07-04 is Independence Day (UN Headquarters)',
    );
    expect(unHeadquarters.nextBusinessDay('2006-07-03')).toBe('2006-07-05');
  });

  test('after Good Friday 2025 the next UN business day is Easter Monday', () => {
    expect(unHeadquarters.nextBusinessDay('2025-04-17')).toBe('2025-04-21');
    expect(unHeadquarters.previousBusinessDay('2025-04-21')).toBe('2025-04-17');
  });

  test('with a Friday–Saturday weekend, the day after Thursday is Sunday', () => {
    const cairo = registry.calendarOf('las');
    expect(cairo.nextBusinessDay('2026-09-17')).toBe('2026-09-20');
    expect(cairo.closureReason('2026-09-18')).toBe(
      '2026-09-18 is a Friday, a weekend day for League of Arab States, Cairo',
    );
    expect(cairo.isBusinessDay('2026-09-20')).toBe(true);
  });

  test('the Brussels end-of-year closure runs from Christmas Eve into the new year', () => {
    const brussels = registry.calendarOf('eu');
    expect(brussels.nextBusinessDay('2026-12-23')).toBe('2027-01-04');
  });

  test('the business morning in Kathmandu is 09:00 local, 03:15 UTC', () => {
    const kathmandu = registry.calendarOf('saarc');
    expect(kathmandu.businessMorning('2026-09-14').toISOString()).toBe('2026-09-14T03:15:00.000Z');
    expect(kathmandu.isBusinessDay('2026-09-13')).toBe(true); // Sunday works; only Saturday is off
  });

  test('the business morning keeps 09:00 local across the New York clock change', () => {
    expect(unHeadquarters.businessMorning('2026-03-06').toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(unHeadquarters.businessMorning('2026-03-09').toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  test('a calendar can be built from an Organization-like description', () => {
    const calendar = createBusinessCalendar({
      timeZone: 'Asia/Riyadh',
      weekendDays: ['friday', 'saturday'],
      businessHours: { start: '08:00', end: '15:00' },
      holidays: [{ date: '2026-09-23', name: 'Saudi National Day' }],
      label: 'OIC, Jeddah',
    });
    expect(calendar.isBusinessMoment('2026-09-22T05:00:00Z')).toBe(true); // Tuesday 08:00
    expect(calendar.isBusinessMoment('2026-09-22T12:00:00Z')).toBe(false); // 15:00, closed
    expect(calendar.closeOfBusiness('2026-09-24').toISOString()).toBe('2026-09-24T12:00:00.000Z');
    expect(calendar.nextBusinessDay('2026-09-22')).toBe('2026-09-24');
  });

  test('business hours that end before they start are refused', () => {
    expect(() =>
      createBusinessCalendar({
        timeZone: 'Europe/Vienna',
        weekendDays: ['saturday', 'sunday'],
        businessHours: { start: '18:00', end: '09:00' },
      }),
    ).toThrow(/businessHours: start must be before end/);
  });
});
