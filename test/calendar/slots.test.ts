import { findFairSlots } from '../../calendar/slots';

const WEEK = { from: '2026-09-14T00:00:00Z', to: '2026-09-19T00:00:00Z' };
const NEW_YORK_BRUSSELS_SUVA = [
  { id: 'new-york', timeZone: 'America/New_York' },
  { id: 'brussels', timeZone: 'Europe/Brussels' },
  { id: 'suva', timeZone: 'Pacific/Fiji' },
];

describe('fair slot finder', () => {
  test('two participants who share working hours get a slot inside both, earliest first', () => {
    const { slots, bearsInconvenience } = findFairSlots({
      participants: [
        { id: 'new-york', timeZone: 'America/New_York' },
        { id: 'brussels', timeZone: 'Europe/Brussels' },
      ],
      duration: 'PT1H',
      ...WEEK,
    });
    // Monday 09:00 in New York is 15:00 in Brussels.
    expect(slots[0]).toMatchObject({ start: '2026-09-14T13:00:00.000Z', insideCount: 2, inconvenienced: [] });
    expect(bearsInconvenience).toEqual([]);
  });

  test('when no time suits New York, Brussels and Suva together, one of them bears it, as little as possible', () => {
    const { slots, bearsInconvenience } = findFairSlots({
      participants: NEW_YORK_BRUSSELS_SUVA,
      duration: 'PT1H',
      ...WEEK,
    });
    const best = slots[0];
    expect(best?.insideCount).toBe(2);
    expect(bearsInconvenience).toEqual(['suva']);
    // 03:00 in Suva: six hours before their day starts, the least any slot can do for the one left out.
    expect(best?.participants.find((p) => p.id === 'suva')).toMatchObject({
      localStart: '2026-09-15T03:00:00.000+12:00',
      minutesOutside: 360,
    });
  });

  test('across a series, the participant who stayed up last time is spared and another bears it', () => {
    const first = findFairSlots({ participants: NEW_YORK_BRUSSELS_SUVA, duration: 'PT1H', ...WEEK });
    const second = findFairSlots({
      participants: NEW_YORK_BRUSSELS_SUVA,
      duration: 'PT1H',
      ...WEEK,
      history: [{ inconvenienced: first.bearsInconvenience }],
    });
    expect(first.bearsInconvenience).toEqual(['suva']);
    expect(second.bearsInconvenience).toEqual(['brussels']);
    expect(second.slots[0]?.participants.find((p) => p.id === 'brussels')?.localStart).toBe(
      '2026-09-14T23:00:00.000+02:00',
    );
  });

  test('the committee’s seven zones: those who stayed up at the last meeting are inside at the next, though the others could always meet in their own hours', () => {
    const committee = [
      { id: 'un', timeZone: 'America/New_York', weight: 2 },
      { id: 'au', timeZone: 'Africa/Addis_Ababa' },
      { id: 'eu', timeZone: 'Europe/Brussels' },
      { id: 'oas', timeZone: 'America/New_York' },
      { id: 'asean', timeZone: 'Asia/Jakarta' },
      { id: 'las', timeZone: 'Africa/Cairo', weekendDays: ['friday' as const, 'saturday' as const] },
      { id: 'pif', timeZone: 'Pacific/Fiji' },
    ];
    const request = { participants: committee, duration: 'PT90M', ...WEEK };
    const first = findFairSlots(request);
    expect(first.bearsInconvenience).toEqual(['asean', 'pif']);
    const second = findFairSlots({ ...request, history: [{ inconvenienced: first.bearsInconvenience }] });
    // 09:00 in Jakarta, 14:00 in Suva: the others' turn, the night before in New York.
    expect(second.slots[0]?.participants.find((p) => p.id === 'asean')?.localStart).toBe(
      '2026-09-15T09:00:00.000+07:00',
    );
    expect(second.bearsInconvenience).toEqual(['un', 'au', 'eu', 'oas', 'las']);
    // A third meeting: each has borne it once, so the fewest again are the two from before.
    const third = findFairSlots({
      ...request,
      history: [{ inconvenienced: first.bearsInconvenience }, { inconvenienced: second.bearsInconvenience }],
    });
    expect(third.bearsInconvenience).toEqual(['asean', 'pif']);
  });

  test('a weighted participant counts for more when deciding who is inside working hours', () => {
    const { bearsInconvenience } = findFairSlots({
      participants: [
        { id: 'new-york', timeZone: 'America/New_York' },
        { id: 'brussels', timeZone: 'Europe/Brussels' },
        { id: 'suva', timeZone: 'Pacific/Fiji', weight: 3 },
      ],
      duration: 'PT1H',
      ...WEEK,
    });
    expect(bearsInconvenience).toEqual(['brussels']);
  });

  test('a participant in Kathmandu is inside working hours from 03:15 UTC', () => {
    const { slots } = findFairSlots({
      participants: [{ id: 'saarc', timeZone: 'Asia/Kathmandu', weekendDays: ['saturday'] }],
      duration: 'PT30M',
      from: '2026-09-14T00:00:00Z',
      to: '2026-09-15T00:00:00Z',
    });
    expect(slots[0]).toMatchObject({ start: '2026-09-14T03:15:00.000Z', insideCount: 1 });
    expect(slots[0]?.participants[0]?.localStart).toBe('2026-09-14T09:00:00.000+05:45');
  });

  test('a weekend counts as outside working hours, so the Friday–Saturday weekend of Cairo is respected', () => {
    const { slots } = findFairSlots({
      participants: [{ id: 'las', timeZone: 'Africa/Cairo', weekendDays: ['friday', 'saturday'] }],
      duration: 'PT1H',
      from: '2026-09-18T00:00:00Z', // Friday
      to: '2026-09-21T00:00:00Z',
    });
    expect(slots[0]?.participants[0]?.localStart).toBe('2026-09-20T09:00:00.000+03:00'); // Sunday
  });

  test('a slot across the Brussels clock change is judged by the local time after the change', () => {
    const { slots } = findFairSlots({
      participants: [{ id: 'brussels', timeZone: 'Europe/Brussels', weekendDays: [] }],
      duration: 'PT1H',
      from: '2026-03-29T00:00:00Z', // Sunday of the change; no weekend for this participant
      to: '2026-03-30T00:00:00Z',
    });
    expect(slots[0]).toMatchObject({ start: '2026-03-29T07:00:00.000Z' }); // 09:00 CEST
  });

  test('a holiday counts as outside working hours', () => {
    const { slots } = findFairSlots({
      participants: [{ id: 'un', timeZone: 'America/New_York', holidays: ['2026-09-07'] }],
      duration: 'PT1H',
      from: '2026-09-07T00:00:00Z', // Labour Day
      to: '2026-09-09T00:00:00Z',
    });
    expect(slots[0]?.participants[0]?.localStart).toBe('2026-09-08T09:00:00.000-04:00');
  });

  test('a window that ends before it starts is refused', () => {
    expect(() =>
      findFairSlots({ participants: NEW_YORK_BRUSSELS_SUVA, duration: 'PT1H', from: WEEK.to, to: WEEK.from }),
    ).toThrow('slots: to: from must be before to');
  });
});
