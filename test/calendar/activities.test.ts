import { ApplicationFailure } from '@temporalio/common';
import { createCalendarActivities } from '../../activities/calendar';
import { registry } from './fixtures';
import { refusalSentence } from '../../clients/rejections';
import type { Phrase } from '../../domain/rejection';
import { translator } from '../../i18n/catalog';

const activities = createCalendarActivities({
  calendars: registry,
  now: () => new Date('2006-06-01T00:00:00Z'),
});

/** The failure an activity rejected with, for assertions on what a workflow would see. */
async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected the activity to fail');
}

const HLM_2006 = { start: '2006-09-22T10:00', end: '2006-09-22T18:00', timeZone: 'America/New_York' };

describe('calendar activities', () => {
  test('a timeline planned for the UN organizer comes back as plain JSON with UTC instants', async () => {
    const timeline = await activities.planTimeline({ meeting: HLM_2006, organizer: 'un' });
    expect(JSON.parse(JSON.stringify(timeline))).toEqual(timeline);
    expect(timeline.milestones.map((m) => m.at)).toContain('2006-07-24T22:00:00.000Z');
  });

  test('a meeting on a holiday fails for good, with the reason, so the workflow does not retry', async () => {
    const failure = await failureOf(
      activities.planTimeline({
        meeting: { start: '2006-07-04T10:00', end: '2006-07-04T12:00', timeZone: 'America/New_York' },
        organizer: 'un',
      }),
    );
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('CalendarError');
    expect(failure.message).toContain('2006-07-04 is Independence Day (UN Headquarters)');
  });

  test('a bad policy fails for good, naming the field', async () => {
    const failure = await failureOf(
      activities.planTimeline({
        meeting: HLM_2006,
        organizer: 'un',
        policy: { inputDeadline: 'sixty days' },
      }),
    );
    expect(failure).toMatchObject({ nonRetryable: true, type: 'CalendarError' });
    expect(failure.message).toMatch(
      /^planTimeline: policy\.inputDeadline: sixty days is not a positive ISO 8601 duration/,
    );
  });

  test('an organizer missing from the directory fails for good, listing the known ones', async () => {
    const failure = await failureOf(activities.planTimeline({ meeting: HLM_2006, organizer: 'nobody' }));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(
      /organization "nobody" is not in the directory; known organizations: un, eu/,
    );
  });

  test('reminders use the activity clock when the request carries no "now"', async () => {
    const plan = await activities.planReminders({
      deadline: '2006-06-09T22:00:00Z',
      recipients: [{ id: 'amina.rahman@un.example.org', organization: 'un' }],
    });
    expect(plan.reminders.map((r) => [r.offset, r.at])).toEqual([
      ['P7D', '2006-06-02T13:00:00.000Z'],
      ['P1D', '2006-06-08T13:00:00.000Z'],
    ]);
    expect(plan.dropped).toEqual([
      {
        recipient: 'amina.rahman@un.example.org',
        offset: 'P14D',
        reason: 'it would go out Friday 26 May 2006, 09:00 New York time (EDT), which is already past',
      },
    ]);
  });

  test('a focal point working away from headquarters is reminded in their own zone', async () => {
    const plan = await activities.planReminders({
      deadline: '2006-07-21T22:00:00Z',
      offsets: ['P1D'],
      recipients: [{ id: 'geneva@au.example.org', organization: 'au', timeZone: 'Europe/Zurich' }],
      now: '2006-07-01T00:00:00Z',
    });
    expect(plan.reminders[0]?.display).toBe('Friday 21 July 2006, 09:00 Zurich time (CEST)');
  });

  test('a Security Council meeting in another week fails for good, naming both dates', async () => {
    const failure = await failureOf(
      activities.checkCoincidence({
        highLevelMeeting: { start: '2006-09-22T10:00' },
        securityCouncil: { start: '2006-09-29T10:00' },
      }),
    );
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('Friday 22 September 2006, 10:00 New York time (EDT)');
    expect(failure.message).toContain('Friday 29 September 2006, 10:00 New York time (EDT)');
  });

  test('fair slots and formatted times come back ready for a message', async () => {
    const slots = await activities.findFairSlots({
      participants: [
        { id: 'un', timeZone: 'America/New_York' },
        { id: 'pif', timeZone: 'Pacific/Fiji' },
      ],
      duration: 'PT1H',
      from: '2026-09-14T00:00:00Z',
      to: '2026-09-16T00:00:00Z',
      limit: 1,
    });
    expect(slots.slots[0]).toMatchObject({ start: '2026-09-14T21:00:00.000Z', insideCount: 2 });
    const times = await activities.formatForRecipients({
      instant: slots.slots[0]?.start ?? '',
      meetingZone: 'America/New_York',
      recipientZones: ['Pacific/Fiji', 'America/New_York', 'Pacific/Fiji'],
    });
    expect(times.texts).toEqual([
      {
        timeZone: 'Pacific/Fiji',
        text: 'Tuesday 15 September 2026, 09:00 Suva time (UTC+12) — Monday 14 September, 17:00 in New York (EDT)',
      },
      { timeZone: 'America/New_York', text: 'Monday 14 September 2026, 17:00 New York time (EDT)' },
    ]);
  });

  test('a time zone that does not exist fails for good', async () => {
    const failure = await failureOf(
      activities.formatForRecipients({
        instant: '2026-09-14T21:00:00Z',
        meetingZone: 'UTC',
        recipientZones: ['Mars/Base'],
      }),
    );
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toBe(
      'formatForRecipients: recipientZones[0]: must be an IANA time zone such as America/New_York or Pacific/Fiji',
    );
  });
});

test('a meeting on a Saturday fails with its sentence as key and values: a French organizer reads why in French', async () => {
  const failure = await failureOf(
    activities.planTimeline({
      meeting: { start: '2006-09-23T10:00', end: '2006-09-23T12:00', timeZone: 'America/New_York' },
      organizer: 'un',
    }),
  );
  expect(failure.message).toBe(
    'The meeting (Saturday 23 September 2006, 10:00 New York time (EDT)) is on a day UN Headquarters is closed: ' +
      '2006-09-23 is a Saturday, a weekend day for UN Headquarters; choose a business day such as 2006-09-22 or 2006-09-25',
  );
  // What the workflow puts in its refusal (workflows/preparation-cycle.ts), as a French reader sees it.
  const reason = failure.details?.[0] as Phrase;
  expect(refusalSentence('refusal.cycle.cannotReschedule', { reason }, translator('fr'))).toBe(
    'impossible de modifier le calendrier : La réunion (samedi 23 septembre 2006 à 10:00, heure de New York) tombe un jour de fermeture pour UN Headquarters : ' +
      'le 2006-09-23 est un samedi, jour de week-end pour UN Headquarters ; choisissez un jour ouvré tel que le 2006-09-22 ou le 2006-09-25',
  );
});
