import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDirectory, parseDirectory } from '../../config/directory';
import { ConfigError } from '../../config/problems';

const shipped = path.join(__dirname, '..', '..', 'config', 'organizations.json');
const raw = () => JSON.parse(readFileSync(shipped, 'utf8')) as { organizations: Record<string, unknown>[] };

function problemsOf(file: unknown): string[] {
  try {
    parseDirectory(file, 'test directory');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

test('the shipped directory names every partner organization of the source document', () => {
  const directory = loadDirectory(shipped);
  const acronyms = directory.organizations.map((o) => o.acronym);
  for (const a of [
    'UN',
    'AU',
    'IGAD',
    'ECOWAS',
    'SADC',
    'EU',
    'OSCE',
    'CoE',
    'NATO',
    'OAS',
    'ASEAN',
    'CIS',
    'PIF',
    'OIF',
    'LAS',
    'OIC',
  ]) {
    expect(acronyms).toContain(a);
  }
  expect(directory.require('pif').headquarters.timeZone).toBe('Pacific/Fiji');
  expect(directory.require('oic').weekendDays).toEqual(['friday', 'saturday']);
  expect(
    directory.organizations.every((o) => o.focalPoints.every((p) => p.email.endsWith('example.org'))),
  ).toBe(true);
});

test('a focal point is found by address, in any case', () => {
  expect(loadDirectory(shipped).organizationOf('Focal.Point@AU.example.org')?.id).toBe('au');
});

test('an unknown time zone, a duplicate id and a bad address are each reported with their place', () => {
  const file = raw();
  const [first, second] = file.organizations as [Record<string, unknown>, Record<string, unknown>];
  (first.headquarters as Record<string, unknown>).timeZone = 'Africa/Atlantis';
  second.id = first.id;
  (second.focalPoints as Record<string, unknown>[])[0]!.email = 'not-an-address';
  expect(problemsOf(file)).toEqual([
    'organizations.1.focalPoints.0.email: must be an e-mail address such as name@example.org',
    'organizations.0.headquarters.timeZone: unknown time zone "Africa/Atlantis" (use an IANA name such as Europe/Brussels)',
    'organizations.1.id: duplicate id "un" (already used by organizations.0)',
  ]);
});

test('a missing directory file says which setting points at it', () => {
  expect(() => loadDirectory('/nonexistent/orgs.json')).toThrow(
    /cannot be read \(ENOENT\).*CONVENE_DIRECTORY_FILE/,
  );
});

test('an unknown organization is named together with the known ids', () => {
  expect(() => loadDirectory(shipped).require('unasur')).toThrow(
    /unknown organization "unasur"; known ids: un, au, /,
  );
});
