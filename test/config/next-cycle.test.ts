/**
 * Next year's specification keeps each person's own setting: a chair who chose Spanish, or who
 * works from another zone than their organization's headquarters, keeps it; the others inherit
 * their organization's defaults again, so a change in the directory reaches them.
 */
import { loadHolidayCalendars } from '../../calendar/holidays';
import { readCycleSpecFile, resolveCycleSpec } from '../../config/cycle-spec';
import { loadDirectory } from '../../config/directory';
import { draftNextCycle } from '../../config/next-cycle';
import { loadSettings } from '../../config/settings';

const settings = loadSettings({ CONVENE_DATA_DIR: '/tmp/convene-next-cycle-test' });
const directory = loadDirectory(settings.directoryFile);
const resolve = (spec: unknown) =>
  resolveCycleSpec(spec, 'spec', {
    directory,
    holidays: loadHolidayCalendars(),
    now: new Date('2027-01-04T09:00:00Z'),
    defaults: settings.policies,
  });

test("the draft keeps a person's own language and zone, and only those", () => {
  const spec = readCycleSpecFile('config/examples/hlm-27-2027.yaml') as {
    workingGroups: { chair: Record<string, string> }[];
  };
  spec.workingGroups[0]!.chair.language = 'es';
  spec.workingGroups[1]!.chair.timeZone = 'Asia/Tokyo';
  const plan = resolve(spec);
  const draft = draftNextCycle(plan, directory);

  expect(draft.workingGroups[0]!.chair).toEqual({
    name: 'Grace Mwangi',
    email: 'grace.mwangi@igad.example.org',
    organization: 'igad',
    language: 'es',
  });
  expect(draft.workingGroups[1]!.chair).toMatchObject({ timeZone: 'Asia/Tokyo' });
  expect(draft.workingGroups[1]!.chair).not.toHaveProperty('language');
  expect(draft.workingGroups[2]!.chair).not.toHaveProperty('timeZone');

  // Launched as it stands, next year's people read and live where they did this year.
  const next = resolve(draft);
  const people = (p: typeof plan) =>
    p.workingGroups.flatMap((g) => [g.chair, ...g.delegates]).map((x) => [x.email, x.language, x.timeZone]);
  expect(people(next)).toEqual(people(plan));
  expect(next.workingGroups[0]!.chair.language).toBe('es');
});

test('without a directory every zone and language is written out', () => {
  const draft = draftNextCycle(resolve(readCycleSpecFile('config/examples/hlm-27-2027.yaml')));
  expect(draft.organizers[0]).toHaveProperty('timeZone');
  expect(draft.organizers[0]).toHaveProperty('language');
});

test('a Council date owned by a session is owned next year by the session of its own year', () => {
  const spec = readCycleSpecFile('config/examples/hlm-7-2006.yaml');
  const plan = resolveCycleSpec(spec, 'spec', {
    directory,
    holidays: loadHolidayCalendars(),
    now: new Date('2006-01-04T09:00:00Z'),
    defaults: settings.policies,
  });
  expect(plan.securityCouncil?.session).toBe('council-session-2006');
  // 52 weeks after Wednesday 20 September 2006 is Wednesday 19 September 2007.
  expect(draftNextCycle(plan, directory).securityCouncil).toMatchObject({
    start: '2007-09-19T10:00',
    session: 2007,
  });
});
