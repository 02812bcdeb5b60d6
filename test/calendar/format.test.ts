import { cityOfZone, formatForRecipient, formatInZone } from '../../calendar/format';

describe('times in messages', () => {
  test('a recipient in New York reads the meeting time in New York first, then in Suva where it is already Saturday', () => {
    expect(formatForRecipient('2006-09-15T22:00:00Z', 'America/New_York', 'Pacific/Fiji')).toBe(
      'Friday 15 September 2006, 18:00 New York time (EDT) — Saturday 16 September, 10:00 in Suva (UTC+12)',
    );
  });

  test('a recipient in the meeting zone reads one time only', () => {
    expect(formatForRecipient(new Date('2006-09-22T14:00:00Z'), 'America/New_York', 'America/New_York')).toBe(
      'Friday 22 September 2006, 10:00 New York time (EDT)',
    );
    expect(formatForRecipient('2006-09-22T14:00:00Z', 'Europe/Brussels')).toBe(
      'Friday 22 September 2006, 16:00 Brussels time (CEST)',
    );
  });

  test('the year is repeated when the two local dates are in different years', () => {
    expect(formatForRecipient('2006-12-31T22:00:00Z', 'America/New_York', 'Pacific/Fiji')).toBe(
      'Sunday 31 December 2006, 17:00 New York time (EST) — Monday 1 January 2007, 10:00 in Suva (UTC+12)',
    );
  });

  test('New York shows EST in winter and EDT in summer', () => {
    expect(formatInZone('2026-03-08T06:59:00Z', 'America/New_York')).toBe(
      'Sunday 8 March 2026, 01:59 New York time (EST)',
    );
    expect(formatInZone('2026-03-08T07:00:00Z', 'America/New_York')).toBe(
      'Sunday 8 March 2026, 03:00 New York time (EDT)',
    );
  });

  test('Brussels shows CET in winter and CEST in summer', () => {
    expect(formatInZone('2026-10-25T00:30:00Z', 'Europe/Brussels')).toBe(
      'Sunday 25 October 2026, 02:30 Brussels time (CEST)',
    );
    expect(formatInZone('2026-10-25T01:30:00Z', 'Europe/Brussels')).toBe(
      'Sunday 25 October 2026, 02:30 Brussels time (CET)',
    );
  });

  test('Kathmandu, five hours forty-five ahead of UTC, is shown with its offset', () => {
    expect(formatInZone('2026-09-14T03:15:00Z', 'Asia/Kathmandu')).toBe(
      'Monday 14 September 2026, 09:00 Kathmandu time (UTC+5:45)',
    );
  });

  test('the Chatham Islands are 13:45 ahead in their summer and 12:45 in their winter', () => {
    expect(formatInZone('2026-01-15T20:15:00Z', 'Pacific/Chatham')).toBe(
      'Friday 16 January 2026, 10:00 Chatham time (UTC+13:45)',
    );
    expect(formatInZone('2026-07-15T21:15:00Z', 'Pacific/Chatham')).toBe(
      'Thursday 16 July 2026, 10:00 Chatham time (UTC+12:45)',
    );
  });

  test('a time in UTC reads as UTC', () => {
    expect(formatInZone('2026-07-15T21:15:00Z', 'UTC')).toBe('Wednesday 15 July 2026, 21:15 UTC');
    expect(formatForRecipient('2026-07-15T21:15:00Z', 'Europe/London', 'UTC')).toBe(
      'Wednesday 15 July 2026, 22:15 London time (BST) — Wednesday 15 July, 21:15 UTC',
    );
  });

  test('a zone is named after its city', () => {
    expect(cityOfZone('America/New_York')).toBe('New York');
    expect(cityOfZone('Africa/Addis_Ababa')).toBe('Addis Ababa');
    expect(cityOfZone('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(cityOfZone('Pacific/Fiji')).toBe('Suva');
    expect(cityOfZone('Etc/GMT-12')).toBe('UTC+12');
  });

  test('a zone that does not exist is refused with the name of the zone', () => {
    expect(() => formatInZone('2026-07-15T21:15:00Z', 'Mars/Olympus_Mons')).toThrow(
      /"Mars\/Olympus_Mons" is not an IANA/,
    );
  });
});
