import { CalendarError } from '../../calendar/errors';
import { sentence } from '../../clients/sentences';
import { translator } from '../../i18n/catalog';
import { compressTimelinePolicy, DEFAULT_TIMELINE_POLICY, planTimeline } from '../../calendar/timeline';
import { registry, unHeadquarters } from './fixtures';

const HLM_2006 = { start: '2006-09-22T10:00', end: '2006-09-22T18:00', timeZone: 'America/New_York' };

function milestone(timeline: ReturnType<typeof planTimeline>, name: string) {
  const found = timeline.milestones.find((m) => m.name === name);
  if (!found) throw new Error(`no milestone ${name}`);
  return found;
}

describe('timeline planning', () => {
  test('the default policy calls for inputs 120 days ahead and wants the outcome report 14 days after', () => {
    expect(DEFAULT_TIMELINE_POLICY).toMatchObject({
      callForInputs: 'P120D',
      inputDeadline: 'P60D',
      consolidationEnd: 'P45D',
      commentPeriodEnd: 'P30D',
      invitations: 'P21D',
      outcomeReportDue: 'P14D',
      snapToBusinessDays: true,
    });
  });

  test('every milestone of the 2006 meeting is an instant, shown in UTC and in New York', () => {
    const timeline = planTimeline({ meeting: HLM_2006 }, unHeadquarters);
    expect(timeline.milestones.map((m) => [m.name, m.at, m.display])).toEqual([
      ['callForInputs', '2006-05-25T13:00:00.000Z', 'Thursday 25 May 2006, 09:00 New York time (EDT)'],
      ['inputDeadline', '2006-07-24T22:00:00.000Z', 'Monday 24 July 2006, 18:00 New York time (EDT)'],
      ['consolidationEnd', '2006-08-08T22:00:00.000Z', 'Tuesday 8 August 2006, 18:00 New York time (EDT)'],
      ['commentPeriodEnd', '2006-08-23T22:00:00.000Z', 'Wednesday 23 August 2006, 18:00 New York time (EDT)'],
      ['invitations', '2006-09-01T13:00:00.000Z', 'Friday 1 September 2006, 09:00 New York time (EDT)'],
      ['outcomeReportDue', '2006-10-06T22:00:00.000Z', 'Friday 6 October 2006, 18:00 New York time (EDT)'],
    ]);
    expect(milestone(timeline, 'inputDeadline').inMeetingZone).toBe('2006-07-24T18:00:00.000-04:00');
  });

  test('a deadline that falls on Independence Day moves to the business day before, and says why', () => {
    const timeline = planTimeline({ meeting: HLM_2006, policy: { inputDeadline: 'P80D' } }, unHeadquarters);
    expect(milestone(timeline, 'inputDeadline')).toMatchObject({
      at: '2006-07-03T22:00:00.000Z',
      moved: {
        from: '2006-07-04',
        to: '2006-07-03',
        reasons: ['2006-07-04 is Independence Day (UN Headquarters)'],
      },
    });
  });

  test('a deadline on a Sunday moves back over the whole weekend, listing each closed day', () => {
    const timeline = planTimeline(
      { meeting: HLM_2006, policy: { commentPeriodEnd: 'P33D' } },
      unHeadquarters,
    );
    expect(milestone(timeline, 'commentPeriodEnd').moved).toMatchObject({
      from: '2006-08-20',
      to: '2006-08-18',
      reasons: [
        '2006-08-20 is a Sunday, a weekend day for UN Headquarters',
        '2006-08-19 is a Saturday, a weekend day for UN Headquarters',
      ],
    });
  });

  test('why a milestone moved travels as phrases too: French reads it in French, English as recorded', () => {
    const timeline = planTimeline(
      { meeting: HLM_2006, policy: { commentPeriodEnd: 'P33D', inputDeadline: 'P80D' } },
      unHeadquarters,
    );
    const said = (name: string, language: string) =>
      (milestone(timeline, name).moved?.said ?? []).map((p) =>
        sentence(p.phrase, p.values ?? {}, translator(language)),
      );
    expect(said('commentPeriodEnd', 'fr')).toEqual([
      'le 2006-08-20 est un dimanche, jour de week-end pour UN Headquarters',
      'le 2006-08-19 est un samedi, jour de week-end pour UN Headquarters',
    ]);
    expect(said('inputDeadline', 'fr')).toEqual([
      'le 2006-07-04 est un jour férié, Independence Day (UN Headquarters)',
    ]);
    for (const name of ['commentPeriodEnd', 'inputDeadline'])
      expect(said(name, 'en')).toEqual(milestone(timeline, name).moved?.reasons);
  });

  test('the outcome report due on Thanksgiving moves to the next business day', () => {
    const meeting = { start: '2006-11-08T10:00', end: '2006-11-09T18:00', timeZone: 'America/New_York' };
    const timeline = planTimeline({ meeting }, unHeadquarters);
    expect(milestone(timeline, 'outcomeReportDue')).toMatchObject({
      at: '2006-11-24T23:00:00.000Z', // 18:00 EST: New York left summer time on 29 October 2006
      moved: {
        from: '2006-11-23',
        to: '2006-11-24',
        reasons: ['2006-11-23 is Thanksgiving Day (UN Headquarters)'],
      },
    });
  });

  test('a meeting on a UN holiday is refused, naming the day and the holiday', () => {
    const meeting = { start: '2006-07-04T10:00', end: '2006-07-04T18:00', timeZone: 'America/New_York' };
    expect(() => planTimeline({ meeting }, unHeadquarters)).toThrow(
      'The meeting (Tuesday 4 July 2006, 10:00 New York time (EDT)) is on a day UN Headquarters is closed: ' +
        '2006-07-04 is Independence Day (UN Headquarters); choose a business day such as 2006-07-03 or 2006-07-05',
    );
  });

  test('a meeting on a Saturday is refused', () => {
    const meeting = { start: '2006-09-23T10:00', end: '2006-09-23T13:00', timeZone: 'America/New_York' };
    expect(() => planTimeline({ meeting }, unHeadquarters)).toThrow(/2006-09-23 is a Saturday/);
  });

  test('a policy that puts consolidation before the input deadline is refused, naming both milestones and dates', () => {
    const run = () =>
      planTimeline({ meeting: HLM_2006, policy: { consolidationEnd: 'P70D' } }, unHeadquarters);
    expect(run).toThrow(CalendarError);
    expect(run).toThrow(
      'The timeline is out of order: inputDeadline (P60D before the start) falls on Monday 24 July 2006, 18:00 New York time (EDT), ' +
        'which is not before consolidationEnd (P70D before the start) on Friday 14 July 2006, 18:00 New York time (EDT)',
    );
  });

  test('two deadlines that a weekend pushes onto the same day are out of order', () => {
    // 35 days before is Friday 18 August; 34 days before is Saturday 19 August, which moves back to Friday 18 too.
    const policy = { commentPeriodEnd: 'P34D', invitations: 'P21D', consolidationEnd: 'P35D' };
    expect(() => planTimeline({ meeting: HLM_2006, policy }, unHeadquarters)).toThrow(
      /consolidationEnd \(P35D before the start\) falls on Friday 18 August 2006, 18:00 .* not before commentPeriodEnd \(P34D before the start\) on Friday 18 August 2006/,
    );
  });

  test('a meeting in Suva on Monday morning is accepted although it is still Sunday in New York', () => {
    const meeting = { start: '2006-09-25T10:00', end: '2006-09-25T17:00', timeZone: 'Pacific/Fiji' };
    const timeline = planTimeline({ meeting }, unHeadquarters);
    expect(timeline.meeting.display).toBe('Monday 25 September 2006, 10:00 Suva time (UTC+12)');
    // 21 days before Monday 10:00 in Suva is Sunday 3 September, 18:00 in New York: the invitations go
    // back to Friday 1 September, New York's business morning, which is already Saturday in Suva.
    expect(milestone(timeline, 'invitations')).toMatchObject({
      at: '2006-09-01T13:00:00.000Z',
      inMeetingZone: '2006-09-02T01:00:00.000+12:00',
      moved: { from: '2006-09-03', to: '2006-09-01' },
    });
  });

  test('a meeting time that does not exist because the clocks spring forward in New York is refused', () => {
    const meeting = { start: '2026-03-08T02:30', end: '2026-03-08T04:00', timeZone: 'America/New_York' };
    expect(() => planTimeline({ meeting, policy: compressTimelinePolicy() }, unHeadquarters)).toThrow(
      'The meeting start 2026-03-08T02:30 does not exist in America/New_York',
    );
  });

  test('a meeting time that happens twice when Brussels turns the clocks back must carry its offset', () => {
    const meeting = { start: '2026-10-25T02:30', end: '2026-10-25T04:00', timeZone: 'Europe/Brussels' };
    expect(() => planTimeline({ meeting, policy: compressTimelinePolicy() }, unHeadquarters)).toThrow(
      'The meeting start 2026-10-25T02:30 happens twice in Europe/Brussels (the clocks go back); ' +
        'write it with its offset: 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00',
    );
    const withOffset = { ...meeting, start: '2026-10-25T02:30:00+01:00' };
    const timeline = planTimeline({ meeting: withOffset, policy: compressTimelinePolicy() }, unHeadquarters);
    expect(timeline.meeting.start).toBe('2026-10-25T01:30:00.000Z');
  });

  test('"60 days before" keeps the local time across a Brussels clock change', () => {
    const meeting = { start: '2026-05-05T10:00', end: '2026-05-05T12:00', timeZone: 'Europe/Brussels' };
    const policy = { ...compressTimelinePolicy(), inputDeadline: 'P60D', callForInputs: 'P61D' };
    const timeline = planTimeline({ meeting, policy }, registry.calendarOf('eu'));
    expect(milestone(timeline, 'inputDeadline').inMeetingZone).toBe('2026-03-06T10:00:00.000+01:00');
  });

  test('a compressed rehearsal policy runs a whole cycle in minutes, ignoring weekends', () => {
    const meeting = {
      start: '2026-03-07T12:00:00Z',
      end: '2026-03-07T12:05:00Z',
      timeZone: 'America/New_York',
    };
    const timeline = planTimeline({ meeting, policy: compressTimelinePolicy() }, unHeadquarters);
    expect(timeline.snappedToBusinessDays).toBe(false);
    expect(timeline.milestones.map((m) => [m.name, m.at, m.moved])).toEqual([
      ['callForInputs', '2026-03-07T11:58:00.000Z', null],
      ['inputDeadline', '2026-03-07T11:59:00.000Z', null],
      ['consolidationEnd', '2026-03-07T11:59:15.000Z', null],
      ['commentPeriodEnd', '2026-03-07T11:59:30.000Z', null],
      ['invitations', '2026-03-07T11:59:39.000Z', null],
      ['outcomeReportDue', '2026-03-07T12:05:14.000Z', null],
    ]);
  });

  test('a policy of seconds that still asks for business days is refused with the fix', () => {
    expect(() =>
      planTimeline({ meeting: HLM_2006, policy: { invitations: 'PT30S' } }, unHeadquarters),
    ).toThrow(
      'policy: invitations: PT30S is shorter than a day, so it cannot land on a business day; ' +
        'a compressed (rehearsal) policy needs snapToBusinessDays: false',
    );
  });

  test('the same refusal reads in French, from its rule and the duration given', () => {
    let thrown: unknown;
    try {
      planTimeline({ meeting: HLM_2006, policy: { invitations: 'PT30S' } }, unHeadquarters);
    } catch (err) {
      thrown = err;
    }
    const err = thrown as CalendarError;
    expect(sentence(err.key, err.values, translator('fr'))).toBe(
      'policy: invitations: PT30S dure moins d’un jour et ne peut donc pas tomber sur un jour ouvré ; ' +
        'un calendrier comprimé (répétition) demande snapToBusinessDays: false',
    );
  });

  test('a duration that is not ISO 8601 is refused, naming the milestone', () => {
    expect(() =>
      planTimeline({ meeting: HLM_2006, policy: { invitations: '3 weeks' } }, unHeadquarters),
    ).toThrow(
      'policy: invitations: 3 weeks is not a positive ISO 8601 duration; write it like P60D, P2W or PT30S (days and longer in whole numbers)',
    );
  });

  test('a meeting that ends before it starts is refused', () => {
    const meeting = { ...HLM_2006, end: '2006-09-22T09:00' };
    expect(() => planTimeline({ meeting }, unHeadquarters)).toThrow(/The meeting ends .* before it starts/);
  });

  test('with the League of Arab States organizing, a Sunday meeting is fine and a Friday deadline moves to Thursday', () => {
    const meeting = { start: '2026-10-11T10:00', end: '2026-10-11T17:00', timeZone: 'Africa/Cairo' };
    const timeline = planTimeline({ meeting, policy: { inputDeadline: 'P65D' } }, registry.calendarOf('las'));
    expect(milestone(timeline, 'inputDeadline')).toMatchObject({
      display: 'Thursday 6 August 2026, 18:00 Cairo time (EEST)',
      moved: {
        from: '2026-08-07',
        to: '2026-08-06',
        reasons: ['2026-08-07 is a Friday, a weekend day for League of Arab States, Cairo'],
      },
    });
  });
});
