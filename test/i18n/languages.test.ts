/** A language for every person: from the directory, overridden by the person, refused when unknown. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { parseStandingCommittee } from '../../config/committee';
import { resolveCycleSpec } from '../../config/cycle-spec';
import { loadDirectory, parseDirectory } from '../../config/directory';
import { ConfigError } from '../../config/problems';
import { canonicalLanguage, textDirection } from '../../domain/language';

const shipped = path.join(__dirname, '..', '..', 'config', 'organizations.json');
const directory = loadDirectory(shipped);

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

test('the directory says which languages each partner works in, the first being what its people read', () => {
  const working = (id: string) => directory.require(id).workingLanguages;
  expect(working('oif')).toEqual(['fr']);
  expect(working('las')).toEqual(['ar']);
  expect(working('cis')).toEqual(['ru']);
  expect(working('csto')).toEqual(['ru']);
  expect(working('oas')[0]).toBe('es');
  expect(working('un')).toEqual(['en', 'fr']);
});

test('an unknown language in the directory stops start-up with the place and the fix', () => {
  const raw = JSON.parse(readFileSync(shipped, 'utf8')) as { organizations: Record<string, unknown>[] };
  raw.organizations[0]!.workingLanguages = ['en', 'klingon'];
  (raw.organizations[1]!.focalPoints as Record<string, unknown>[])[0]!.language = 'pt';
  expect(problemsOf(() => parseDirectory(raw, 'test directory'))).toEqual([
    'organizations.0.workingLanguages.1: unknown language "klingon"; use one of en, fr, es, ru, ar, zh, optionally with a region or digits (fr-CA, ar-u-nu-latn)',
    'organizations.1.focalPoints.0.language: unknown language "pt"; use one of en, fr, es, ru, ar, zh, optionally with a region or digits (fr-CA, ar-u-nu-latn)',
  ]);
});

const spec = (chair: Record<string, unknown>) => ({
  edition: 40,
  title: 'Fortieth high-level meeting',
  meeting: { start: '2040-09-20T10:00', end: '2040-09-20T18:00', venue: 'UN Headquarters' },
  organizers: [{ name: 'Amina Rahman', email: 'amina.rahman@un.example.org', organization: 'un' }],
  participants: ['au', 'oif'],
  workingGroups: [
    {
      id: 'peacekeeping',
      title: 'Peacekeeping',
      area: 'peacekeeping',
      chair: { name: 'Kwame Asante', email: 'kwame.asante@au.example.org', organization: 'au', ...chair },
      members: ['oif'],
    },
  ],
});
const resolve = (raw: unknown) =>
  resolveCycleSpec(raw, 'the test spec', {
    directory,
    holidays: loadHolidayCalendars(),
    now: new Date('2026-12-01T00:00:00Z'),
    defaults: { reminderOffsetsDays: [14, 7, 1], overdueGrace: 'P3D' },
  });

test("a cycle's people read their organization's language unless they chose their own", () => {
  const input = resolve(spec({ language: 'es' }));
  const group = input.workingGroups[0]!;
  expect(group.chair.language).toBe('es');
  expect(group.members.map((m) => m.language)).toEqual(['fr', 'fr']);
  expect(input.organizers[0]!.language).toBe('en');
  expect(input.participants.find((p) => p.id === 'oif')!.focalPoints[0]!.language).toBe('fr');
});

test('an unknown language in a cycle specification is refused with the fix', () => {
  expect(problemsOf(() => resolve(spec({ language: 'french' })))).toEqual([
    'workingGroups.0.chair.language: unknown language "french"; use one of en, fr, es, ru, ar, zh, optionally with a region or digits (fr-CA, ar-u-nu-latn)',
  ]);
});

test("a standing-committee member's own language overrides the organization's, and an unknown one is refused", () => {
  const file = (language: string) => ({
    members: [
      { name: 'A', email: 'a@las.example.org', organization: 'las', chair: true },
      { name: 'B', email: 'b@las.example.org', organization: 'las', language },
    ],
    organizers: [{ name: 'O', email: 'amina.rahman@un.example.org', language: 'fr' }],
  });
  const committee = parseStandingCommittee(file('ar-u-nu-latn'), 'the test file', directory);
  expect(committee.roster.members.map((m) => m.language)).toEqual(['ar', 'ar-u-nu-latn']);
  expect(committee.roster.organizers[0]!.language).toBe('fr');
  expect(problemsOf(() => parseStandingCommittee(file('xx'), 'the test file', directory))).toEqual([
    'members.1.language: unknown language "xx"; use one of en, fr, es, ru, ar, zh, optionally with a region or digits (fr-CA, ar-u-nu-latn)',
  ]);
});

test('language tags are taken in their canonical form, and Arabic alone reads right to left', () => {
  expect(canonicalLanguage('FR-ca')).toBe('fr-CA');
  expect(canonicalLanguage('ar-u-nu-latn')).toBe('ar-u-nu-latn');
  expect(canonicalLanguage('pt')).toBeUndefined();
  expect(canonicalLanguage('not a tag')).toBeUndefined();
  expect(textDirection('ar-EG')).toBe('rtl');
  expect(textDirection('fr')).toBe('ltr');
});
