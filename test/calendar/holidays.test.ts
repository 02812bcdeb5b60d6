import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { weekdayOf } from '../../calendar/local-time';
import { CalendarError } from '../../calendar/errors';
import { loadHolidayCalendars, parseHolidayCalendar } from '../../calendar/holidays';
import { sentence } from '../../clients/sentences';
import { translator } from '../../i18n/catalog';
import { createCalendarRegistry } from '../../calendar/registry';
import { holidayCalendars } from './fixtures';

function unHolidaysIn(year: number): string[] {
  const un = holidayCalendars.get('un-new-york');
  return (un?.holidays ?? []).filter((h) => h.date.startsWith(`${year}-`)).map((h) => `${h.date} ${h.name}`);
}

function folderWith(files: Record<string, unknown>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'convene-holidays-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(folder, name), JSON.stringify(content));
  return folder;
}

describe('holiday calendars', () => {
  test('UN Headquarters closed on the ten official holidays of 2006', () => {
    expect(unHolidaysIn(2006)).toEqual([
      "2006-01-02 New Year's Day",
      '2006-01-10 Eid al-Adha',
      '2006-01-16 Martin Luther King Jr. Day',
      '2006-04-14 Good Friday',
      '2006-05-29 Memorial Day',
      '2006-07-04 Independence Day',
      '2006-09-04 Labour Day',
      '2006-10-23 Eid al-Fitr',
      '2006-11-23 Thanksgiving Day',
      '2006-12-25 Christmas Day',
    ]);
  });

  test('Juneteenth is a UN Headquarters holiday in 2025–2028 but was not in 2006', () => {
    for (const year of [2025, 2026, 2027, 2028]) {
      expect(unHolidaysIn(year).some((h) => h.includes('Juneteenth'))).toBe(true);
    }
    expect(unHolidaysIn(2006).some((h) => h.includes('Juneteenth'))).toBe(false);
  });

  test('a UN holiday that falls on a weekend is observed on the nearest weekday', () => {
    const un = holidayCalendars.get('un-new-york');
    expect(un?.holidays.filter((h) => weekdayOf(h.date) >= 6)).toEqual([]);
    expect(unHolidaysIn(2027)).toContain('2027-12-24 Christmas Day (observed)');
    expect(unHolidaysIn(2026)).toContain('2026-07-03 Independence Day (observed)');
  });

  test('every organization in the partner directory that names a holiday calendar finds it', () => {
    const directory = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../config/organizations.json'), 'utf8'),
    ) as {
      organizations: Parameters<typeof createCalendarRegistry>[0];
    };
    const registry = createCalendarRegistry(directory.organizations, holidayCalendars);
    expect(registry.organizationIds()).toContain('un');
    expect(registry.calendarOf('un').label).toBe('UN Headquarters');
  });

  test('a date that is not a day of the calendar is refused, naming the file and the entry', () => {
    const bad = { id: 'x', name: 'X', holidays: [{ date: '2026-02-30', name: 'Nothing' }] };
    expect(() => parseHolidayCalendar(bad, 'config/holidays/x.json')).toThrow(
      'config/holidays/x.json: holidays[0].date: 2026-02-30 is not a day of the calendar',
    );
  });

  test('the same date twice in one file is refused, naming both entries', () => {
    const twice = {
      id: 'x',
      name: 'X',
      holidays: [
        { date: '2026-01-01', name: "New Year's Day" },
        { date: '2026-01-01', name: 'Founders Day' },
      ],
    };
    expect(() => parseHolidayCalendar(twice, 'config/holidays/x.json')).toThrow(
      `config/holidays/x.json: holidays[1].date: 2026-01-01 ("Founders Day") is already listed at holidays[0] ("New Year's Day")`,
    );
  });

  test('a file whose id differs from its name is refused', () => {
    const folder = folderWith({ 'ecowas-abuja.json': { id: 'ecowas', name: 'ECOWAS', holidays: [] } });
    expect(() => loadHolidayCalendars(folder)).toThrow(
      /id is "ecowas" but the file is named ecowas-abuja.json/,
    );
  });

  test('a new calendar is added by dropping a JSON file into the folder', () => {
    const folder = folderWith({
      'ecowas-abuja.json': {
        id: 'ecowas-abuja',
        name: 'ECOWAS Commission, Abuja',
        holidays: [{ date: '2026-10-01', name: 'Independence Day' }],
      },
    });
    const calendars = loadHolidayCalendars(folder);
    const registry = createCalendarRegistry(
      [
        {
          id: 'ecowas',
          acronym: 'ECOWAS',
          headquarters: { city: 'Abuja', country: 'Nigeria', timeZone: 'Africa/Lagos' },
          weekendDays: ['saturday', 'sunday'],
          holidayCalendar: 'ecowas-abuja',
        },
      ],
      calendars,
    );
    expect(registry.calendarOf('ecowas').closureReason('2026-10-01')).toBe(
      '2026-10-01 is Independence Day (ECOWAS Commission, Abuja)',
    );
  });

  test('an organization naming a holiday calendar that does not exist stops start-up', () => {
    const org = {
      id: 'sadc',
      acronym: 'SADC',
      headquarters: { city: 'Gaborone', country: 'Botswana', timeZone: 'Africa/Gaborone' },
      weekendDays: ['saturday' as const, 'sunday' as const],
      holidayCalendar: 'sadc-gaborone',
    };
    expect(() => createCalendarRegistry([org], holidayCalendars)).toThrow(
      /organization "sadc" uses holiday calendar "sadc-gaborone", which is not in config\/holidays\//,
    );
  });
});

test('a holiday file’s problems read in the organizer’s language, one line each, the English unchanged', () => {
  const bad = { id: 'X!', name: 'X', holidays: [{ date: '2026-05-01', name: ' ' }] };
  let thrown: unknown;
  try {
    parseHolidayCalendar(bad, 'config/holidays/x.json');
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(CalendarError);
  const err = thrown as CalendarError;
  expect(err.message).toBe(
    'config/holidays/x.json: id: must be lower-case letters, digits and dashes\n' +
      'config/holidays/x.json: holidays[0].name: must name the holiday',
  );
  expect(sentence(err.key, err.values, translator('fr')).split('\n')).toEqual([
    'config/holidays/x.json: id: doit se composer de lettres minuscules, de chiffres et de tirets',
    'config/holidays/x.json: holidays[0].name: doit donner le nom du jour férié',
  ]);
});

test('a date listed twice, or one the calendar lacks, is said in French from its rule and values', () => {
  const bad = {
    id: 'x',
    name: 'X',
    holidays: [
      { date: '2026-01-01', name: 'Jour de l’an' },
      { date: '2026-01-01', name: 'Fête des fondateurs' },
      { date: '2026-02-30', name: 'Rien' },
    ],
  };
  let thrown: unknown;
  try {
    parseHolidayCalendar(bad, 'config/holidays/x.json');
  } catch (err) {
    thrown = err;
  }
  const err = thrown as CalendarError;
  expect(err.message.split('\n')).toEqual([
    'config/holidays/x.json: holidays[2].date: 2026-02-30 is not a day of the calendar',
    'config/holidays/x.json: holidays[1].date: 2026-01-01 ("Fête des fondateurs") is already listed at holidays[0] ("Jour de l’an"); keep one entry per date and join the names with "; "',
  ]);
  expect(sentence(err.key, err.values, translator('fr')).split('\n')).toEqual([
    'config/holidays/x.json: holidays[2].date: 2026-02-30 n’est pas un jour du calendrier',
    'config/holidays/x.json: holidays[1].date: 2026-01-01 (« Fête des fondateurs ») figure déjà en holidays[0] (« Jour de l’an ») ; gardez une seule entrée par date et joignez les noms par "; "',
  ]);
});
