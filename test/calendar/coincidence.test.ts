import { assertCoincidence, checkCoincidence } from '../../calendar/coincidence';
import { sentence } from '../../clients/sentences';
import { translator } from '../../i18n/catalog';

describe('coincidence with the Security Council', () => {
  test('a high-level meeting on Friday and the Council meeting on Wednesday of the same week coincide', () => {
    const result = checkCoincidence({
      highLevelMeeting: { start: '2006-09-22T10:00' },
      securityCouncil: { start: '2006-09-20T15:00' },
    });
    expect(result).toEqual({
      coincide: true,
      explanation:
        'The high-level meeting (Friday 22 September 2006, 10:00 New York time (EDT)) and the Security Council ' +
        'meeting (Wednesday 20 September 2006, 15:00 New York time (EDT)) coincide: both fall in ISO week 2006-W38 in New York.',
      // The same sentence as a catalog key and its values, for readers of other languages.
      said: {
        phrase: 'calendar.coincidence.yes',
        values: {
          hlm: {
            at: '2006-09-22T14:00:00.000Z',
            zone: 'America/New_York',
            shown: 'Friday 22 September 2006, 10:00 New York time (EDT)',
          },
          council: {
            at: '2006-09-20T19:00:00.000Z',
            zone: 'America/New_York',
            shown: 'Wednesday 20 September 2006, 15:00 New York time (EDT)',
          },
          rule: { phrase: 'calendar.coincidence.sameWeek', values: { week: '2006-W38', city: 'New York' } },
        },
      },
    });
  });

  test('in French, the explanation reads from the catalog, with French dates', () => {
    const { said } = checkCoincidence({
      highLevelMeeting: { start: '2006-09-22T10:00' },
      securityCouncil: { start: '2006-09-25T15:00' },
    });
    expect(sentence(said!.phrase, said!.values ?? {}, translator('fr'))).toBe(
      'La réunion de haut niveau (vendredi 22 septembre 2006 à 10:00, heure de New York) et la séance du ' +
        'Conseil de sécurité (lundi 25 septembre 2006 à 15:00, heure de New York) ne coïncident pas : elles ' +
        'tombent des semaines ISO différentes à New York (2006-W38 et 2006-W39) ; déplacez l’une des deux.',
    );
  });

  test('a Council meeting the Monday after does not coincide, and the error names both dates', () => {
    expect(() =>
      assertCoincidence({
        highLevelMeeting: { start: '2006-09-22T10:00' },
        securityCouncil: { start: '2006-09-25T15:00' },
      }),
    ).toThrow(
      'The high-level meeting (Friday 22 September 2006, 10:00 New York time (EDT)) and the Security Council ' +
        'meeting (Monday 25 September 2006, 15:00 New York time (EDT)) do not coincide: they fall in different ' +
        'ISO weeks in New York (2006-W38 and 2006-W39); move one of them.',
    );
  });

  test('a meeting in Suva is judged by the week in New York, and each date is shown in both zones', () => {
    // Monday 10:00 in Suva is still Sunday in New York: the week of the Council meeting on Wednesday before.
    const result = checkCoincidence({
      highLevelMeeting: { start: '2006-09-25T10:00', timeZone: 'Pacific/Fiji' },
      securityCouncil: { start: '2006-09-20T15:00', timeZone: 'America/New_York' },
    });
    expect(result.coincide).toBe(true);
    expect(result.explanation).toContain(
      '(Monday 25 September 2006, 10:00 Suva time (UTC+12) — Sunday 24 September, 18:00 in New York (EDT))',
    );
    expect(result.explanation).toContain(
      '(Wednesday 20 September 2006, 15:00 New York time (EDT) — Thursday 21 September, 07:00 in Suva (UTC+12))',
    );
  });

  test('the window can be a number of days instead of a week', () => {
    const request = {
      highLevelMeeting: { start: '2006-09-22T10:00' },
      securityCouncil: { start: '2006-09-25T15:00' },
    };
    expect(checkCoincidence({ ...request, window: { kind: 'within', duration: 'P4D' } }).coincide).toBe(true);
    expect(
      checkCoincidence({ ...request, window: { kind: 'within', duration: 'P3D' } }).explanation,
    ).toContain('they are 77 hours apart, more than P3D');
  });

  test('the window can be the same day in a given zone', () => {
    const result = checkCoincidence({
      highLevelMeeting: { start: '2006-09-22T10:00' },
      securityCouncil: { start: '2006-09-22T19:00' },
      window: { kind: 'same-day', timeZone: 'Europe/Brussels' },
    });
    // 19:00 in New York is already 01:00 the next day in Brussels.
    expect(result).toMatchObject({ coincide: false });
    expect(result.explanation).toContain(
      'they fall on different days in Brussels (2006-09-22 and 2006-09-23)',
    );
  });
});
