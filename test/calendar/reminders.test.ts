import { planReminders } from '../../calendar/reminders';
import { registry, unHeadquarters } from './fixtures';

const NOW = '2006-06-01T00:00:00Z';

describe('reminder planning', () => {
  test('a focal point in New York is reminded 14, 7 and 1 days ahead at 09:00 New York time', () => {
    const { reminders, dropped } = planReminders({
      deadline: '2006-07-21T22:00:00Z', // Friday 21 July, 18:00 EDT
      offsets: ['P14D', 'P7D', 'P1D'],
      now: NOW,
      recipients: [{ id: 'amina.rahman@un.example.org', calendar: unHeadquarters }],
    });
    expect(reminders.map((r) => r.display)).toEqual([
      'Friday 7 July 2006, 09:00 New York time (EDT)',
      'Friday 14 July 2006, 09:00 New York time (EDT)',
      'Thursday 20 July 2006, 09:00 New York time (EDT)',
    ]);
    expect(dropped).toEqual([]);
  });

  test('a reminder due on Independence Day goes out the business day before', () => {
    const { reminders } = planReminders({
      deadline: '2006-07-05T22:00:00Z',
      offsets: ['P1D'],
      now: NOW,
      recipients: [{ id: 'jonas.berg@un.example.org', calendar: unHeadquarters }],
    });
    expect(reminders.map((r) => r.inRecipientZone)).toEqual(['2006-07-03T09:00:00.000-04:00']);
  });

  test('in Cairo, where Friday and Saturday are the weekend, a reminder due on Friday goes out on Thursday', () => {
    const { reminders } = planReminders({
      deadline: '2026-09-19T12:00:00Z', // Saturday 15:00 in Cairo
      offsets: ['P1D'],
      now: '2026-09-01T00:00:00Z',
      recipients: [{ id: 'focal@las.example.org', calendar: registry.calendarOf('las') }],
    });
    expect(reminders.map((r) => r.display)).toEqual(['Thursday 17 September 2026, 09:00 Cairo time (EEST)']);
  });

  test('two offsets that land on the same local day send one reminder and say why the other was dropped', () => {
    const { reminders, dropped } = planReminders({
      deadline: '2006-07-24T22:00:00Z', // Monday
      offsets: ['P1D', 'P2D', 'P3D'], // Sunday, Saturday → Friday; Friday
      now: NOW,
      recipients: [{ id: 'a@un.example.org', calendar: unHeadquarters }],
    });
    expect(reminders.map((r) => [r.offset, r.inRecipientZone])).toEqual([
      ['P3D', '2006-07-21T09:00:00.000-04:00'],
    ]);
    expect(dropped).toEqual([
      {
        recipient: 'a@un.example.org',
        offset: 'P2D',
        reason: 'the P3D reminder already goes out that day (2006-07-21)',
      },
      {
        recipient: 'a@un.example.org',
        offset: 'P1D',
        reason: 'the P3D reminder already goes out that day (2006-07-21)',
      },
    ]);
  });

  test('a reminder that would already be past is dropped, with the time it would have had', () => {
    const { reminders, dropped } = planReminders({
      deadline: '2006-07-21T22:00:00Z',
      offsets: ['P14D', 'P1D'],
      now: '2006-07-10T00:00:00Z',
      recipients: [{ id: 'a@un.example.org', calendar: unHeadquarters }],
    });
    expect(reminders.map((r) => r.offset)).toEqual(['P1D']);
    expect(dropped).toEqual([
      {
        recipient: 'a@un.example.org',
        offset: 'P14D',
        reason: 'it would go out Friday 7 July 2006, 09:00 New York time (EDT), which is already past',
      },
    ]);
  });

  test('a reminder a few hours ahead of an early deadline goes out the business morning before, never after it', () => {
    const { reminders } = planReminders({
      deadline: '2006-07-20T12:00:00Z', // Thursday 08:00 in New York, before opening
      offsets: ['PT2H'],
      now: NOW,
      recipients: [{ id: 'a@un.example.org', calendar: unHeadquarters }],
    });
    expect(reminders.map((r) => r.inRecipientZone)).toEqual(['2006-07-19T09:00:00.000-04:00']);
  });

  test('a focal point working in Geneva for a Pacific organization is reminded at 09:00 in Geneva', () => {
    const { reminders } = planReminders({
      deadline: '2006-07-21T22:00:00Z',
      offsets: ['P1D'],
      now: NOW,
      recipients: [
        { id: 'suva@pif.example.org', calendar: registry.calendarOf('pif') },
        { id: 'geneva@pif.example.org', calendar: registry.calendarOf('pif'), timeZone: 'Europe/Zurich' },
      ],
    });
    expect(reminders.map((r) => [r.recipient, r.display])).toEqual([
      // The deadline is already Saturday 10:00 in Suva, so "one day before" is Friday there.
      ['suva@pif.example.org', 'Friday 21 July 2006, 09:00 Suva time (UTC+12)'],
      ['geneva@pif.example.org', 'Friday 21 July 2006, 09:00 Zurich time (CEST)'],
    ]);
  });

  test('in 2006 New York changed its clocks on 2 April, and reminders either side still go out at 09:00 local', () => {
    const { reminders } = planReminders({
      deadline: '2006-04-05T22:00:00Z', // Wednesday 18:00 EDT
      offsets: ['P7D', 'P2D'],
      now: '2006-03-01T00:00:00Z',
      recipients: [{ id: 'a@un.example.org', calendar: unHeadquarters }],
    });
    expect(reminders.map((r) => r.at)).toEqual(['2006-03-29T14:00:00.000Z', '2006-04-03T13:00:00.000Z']);
  });

  test('a reminder in Brussels across the spring clock change stays at 09:00 local', () => {
    const { reminders } = planReminders({
      deadline: '2026-04-01T16:00:00Z',
      offsets: ['P7D', 'P1D'],
      now: '2026-03-01T00:00:00Z',
      recipients: [{ id: 'b@eu.example.org', calendar: registry.calendarOf('eu') }],
    });
    expect(reminders.map((r) => r.inRecipientZone)).toEqual([
      '2026-03-25T09:00:00.000+01:00',
      '2026-03-31T09:00:00.000+02:00',
    ]);
  });

  test('in a compressed rehearsal, reminders go out exactly their offset before the deadline', () => {
    const { reminders, dropped } = planReminders({
      deadline: '2026-03-07T12:00:00Z', // a Saturday: rehearsals ignore weekends
      offsets: ['PT14S', 'PT7S', 'PT1S', 'PT2M'],
      now: '2026-03-07T11:59:00Z',
      snapToBusinessDays: false,
      recipients: [{ id: 'a@un.example.org', calendar: unHeadquarters }],
    });
    expect(reminders.map((r) => r.at)).toEqual([
      '2026-03-07T11:59:46.000Z',
      '2026-03-07T11:59:53.000Z',
      '2026-03-07T11:59:59.000Z',
    ]);
    expect(dropped.map((d) => d.offset)).toEqual(['PT2M']);
  });

  test('in the Chatham Islands a reminder goes out at 09:00 local, 13:45 ahead of UTC before the clocks go back and 12:45 after', () => {
    const { reminders } = planReminders({
      deadline: '2026-04-10T03:00:00Z', // Friday 15:45 in Chatham
      offsets: ['P7D', 'P1D'],
      now: '2026-03-01T00:00:00Z',
      recipients: [{ id: 'chatham@example.org', calendar: registry.calendarOf('chatham') }],
    });
    expect(reminders.map((r) => [r.at, r.display])).toEqual([
      ['2026-04-02T19:15:00.000Z', 'Friday 3 April 2026, 09:00 Chatham time (UTC+13:45)'],
      ['2026-04-08T20:15:00.000Z', 'Thursday 9 April 2026, 09:00 Chatham time (UTC+12:45)'],
    ]);
  });

  test('in Kathmandu, where only Saturday is off, a reminder due on Sunday goes out on Sunday at 03:15 UTC', () => {
    const { reminders } = planReminders({
      deadline: '2026-09-14T12:15:00Z', // Monday 18:00 in Kathmandu
      offsets: ['P1D'],
      now: '2026-09-01T00:00:00Z',
      recipients: [{ id: 'saarc@example.org', calendar: registry.calendarOf('saarc') }],
    });
    expect(reminders.map((r) => [r.at, r.display])).toEqual([
      ['2026-09-13T03:15:00.000Z', 'Sunday 13 September 2026, 09:00 Kathmandu time (UTC+5:45)'],
    ]);
  });
});
