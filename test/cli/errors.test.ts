/**
 * How the CLI reports a failure no boundary caught before: a zod error becomes one line per
 * problem, with the field's path, in the reader's language, and exit code 2; never zod's raw dump.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { readDataFile } from '../../cli/data-file';
import { translator } from '../../i18n/catalog';
import { report } from '../../cli/main';
import { UserError } from '../../cli/output';
import { StartRefused } from '../../clients/starts';
import { refusedAsUserError } from '../../cli/trusted-start';
import { instant } from '../../cli/commands/cycle';
import { parseDirectory } from '../../config/directory';
import { sources } from '../../config/problems';

function reported(err: unknown, lang = 'en'): { code: number; printed: string } {
  const lines: string[] = [];
  const spy = jest
    .spyOn(console, 'error')
    .mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    return { code: report(err, () => translator(lang)), printed: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

const Group = z.object({ title: z.string().max(200, 'at most 200 characters'), chair: z.email() });
const invalid = () => Group.safeParse({ title: 'x'.repeat(201), chair: 'not an address' }).error;

test('a ZodError that reaches the top is said as one line per problem, each naming its field', () => {
  const { code, printed } = reported(invalid());
  expect(code).toBe(2);
  expect(printed.split('\n')).toEqual([
    'Some values are not valid; fix each one and try again:',
    '  - title: at most 200 characters',
    expect.stringMatching(/^ {2}- chair: /),
  ]);
  expect(printed).not.toMatch(/ZodError|"code"|\n\s+at /);
});

test('the frame follows the reader language; the rule stays as the boundary says it', () => {
  expect(reported(invalid(), 'fr').printed).toMatch(
    /^Certaines valeurs ne sont pas valides.*\n {2}- title: /,
  );
});

test('a user error is said in the reader’s language where it is printed, its values as given', () => {
  const notAnEdition = new UserError('cli.error.editionOption', { got: 'huit' });
  expect(notAnEdition.message).toBe(
    '--edition must be a meeting number such as 7 (or r7 for its rehearsal); got "huit"',
  );
  expect(reported(notAnEdition, 'fr')).toEqual({
    code: 1,
    printed: '--edition doit être un numéro de réunion tel que 7 (ou r7 pour sa répétition) ; reçu « huit »',
  });
  // An unknown --lang cannot be said in that language: English, exit 2.
  expect(reported(new UserError('cli.error.unknownLanguage', { wanted: 'xx' }, 2), 'en')).toEqual({
    code: 2,
    printed: '--lang: unknown language "xx"; use one of en, fr, es, ru, ar, zh (or set CONVENE_LANG)',
  });
});

test('a refused start reaches a French organizer in French, the file’s name and addresses as they are', () => {
  let thrown: unknown;
  try {
    refusedAsUserError(() => {
      throw new StartRefused('start.refused.onlyOrganizers', {
        as: 'jonas.berg@un.example.org',
        where: 'config/standing-committee.json',
        organizers: 'amina.rahman@un.example.org',
      });
    });
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(UserError);
  expect(reported(thrown, 'fr').printed).toBe(
    '--as jonas.berg@un.example.org : seuls les organisateurs nommés dans config/standing-committee.json (amina.rahman@un.example.org) peuvent lancer ceci ; demandez-le à l’un d’eux, ou ajoutez-vous à ce fichier',
  );
});

test('a local time the clocks skip is refused in the reader’s language, the zone and the time as typed', () => {
  let thrown: unknown;
  try {
    instant('2027-03-14T02:30', 'America/New_York', '--start');
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(UserError);
  expect((thrown as UserError).message).toBe(
    '--start: --start 2027-03-14T02:30 does not exist in America/New_York: the clocks skip that hour for daylight saving time; choose another time',
  );
  expect(reported(thrown, 'fr')).toEqual({
    code: 1,
    printed:
      '--start : --start : 2027-03-14T02:30 n’existe pas à America/New_York : les horloges sautent cette heure au passage à l’heure d’été ; choisissez une autre heure',
  });
});

test('a configuration the CLI cannot use is said in the reader’s language, exit code 2', () => {
  const organization = (id: string, timeZone: string) => ({
    id,
    acronym: id.toUpperCase(),
    name: id,
    kind: 'regional',
    charterBasis: 'chapter-viii',
    region: 'Africa',
    headquarters: { city: 'Addis Ababa', country: 'Ethiopia', timeZone },
    weekendDays: ['saturday', 'sunday'],
    workingLanguages: ['fr'],
    focalPoints: [{ name: 'A', email: 'a@au.example.org' }],
  });
  let thrown: unknown;
  try {
    parseDirectory(
      { organizations: [organization('au', 'Africa/Addis_Ababa'), organization('au', 'Mars/Olympus')] },
      sources.directory('orgs.json'),
    );
  } catch (err) {
    thrown = err;
  }
  expect(reported(thrown, 'en')).toEqual({
    code: 2,
    printed:
      'The directory file orgs.json has 2 problems:\n' +
      '  - organizations.1.id: duplicate id "au" (already used by organizations.0)\n' +
      '  - organizations.1.headquarters.timeZone: unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Brussels)',
  });
  expect(reported(thrown, 'fr')).toEqual({
    code: 2,
    printed:
      'Le fichier d’annuaire orgs.json comporte 2 problèmes :\n' +
      '  - organizations.1.id : identifiant « au » en double (déjà utilisé par organizations.0)\n' +
      '  - organizations.1.headquarters.timeZone : fuseau horaire inconnu « Mars/Olympus » (utilisez un nom IANA tel que Europe/Brussels)',
  });
});

test('a data file named on the command line that cannot be read is said in the reader’s language, exit code 1', () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-data-')), 'input.yaml');
  writeFileSync(file, 'title: [unclosed\n');
  let thrown: unknown;
  try {
    readDataFile(file);
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(UserError);
  expect((thrown as UserError).message).toMatch(new RegExp(`^${escaped(file)}: is not valid YAML: `));
  const french = reported(thrown, 'fr');
  expect(french.code).toBe(1);
  expect(french.printed).toMatch(new RegExp(`^${escaped(file)} : n’est pas du YAML valide : `));
});

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
