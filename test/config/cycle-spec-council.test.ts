/**
 * A cycle specification names the Council session that owns its Council date by year; the cycle
 * then knows that session's workflow (a rehearsal's, when rehearsed), whose moves it accepts.
 */
import { loadHolidayCalendars } from '../../calendar/holidays';
import {
  councilSessionNamed,
  readCycleSpecFile,
  resolveCycleSpec,
  type CouncilSessionDate,
} from '../../config/cycle-spec';
import { ConfigError, sources } from '../../config/problems';
import { translator } from '../../i18n/catalog';
import { loadDirectory } from '../../config/directory';
import { loadSettings } from '../../config/settings';

const settings = loadSettings({ CONVENE_DATA_DIR: '/tmp/convene-cycle-spec-council-test' });
const resolve = (spec: unknown, rehearsal?: { secondsPerDay: number }, councilSession?: CouncilSessionDate) =>
  resolveCycleSpec(spec, 'config/examples/hlm-7-2006.yaml', {
    directory: loadDirectory(settings.directoryFile),
    holidays: loadHolidayCalendars(),
    now: new Date('2006-05-01T09:00:00Z'),
    defaults: settings.policies,
    ...(rehearsal ? { rehearsal } : {}),
    ...(councilSession ? { councilSession } : {}),
  });
type Spec = { securityCouncil: Record<string, unknown> };
const example = () => readCycleSpecFile('config/examples/hlm-7-2006.yaml') as Spec;
const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

test('the seventh meeting names the fourth Council session as the owner of its Council date', () => {
  const spec = readCycleSpecFile('config/examples/hlm-7-2006.yaml');
  expect(resolve(spec).securityCouncil).toMatchObject({
    start: '2006-09-20T14:00:00.000Z',
    session: 'council-session-2006',
  });
  expect(resolve(spec, { secondsPerDay: 2 }).securityCouncil?.session).toBe('council-session-r2006');
});

test('without a session the cycle keeps the Council date alone', () => {
  const spec = readCycleSpecFile('config/examples/hlm-7-2006.yaml') as {
    securityCouncil: Record<string, unknown>;
  };
  delete spec.securityCouncil.session;
  expect(resolve(spec).securityCouncil).not.toHaveProperty('session');
});

test("a running session's own date is the cycle's Council date, whatever the file's copy says", () => {
  const spec = example();
  expect(councilSessionNamed(spec, false)).toBe('council-session-2006');
  expect(councilSessionNamed(spec, true)).toBe('council-session-r2006');
  // The session was moved a day later (the same week in New York) before the cycle started.
  const owned = {
    workflowId: 'council-session-2006',
    start: '2006-09-21T14:00:00.000Z',
    timeZone: 'America/New_York',
  };
  expect(resolve(spec, undefined, owned).securityCouncil).toMatchObject({
    start: '2006-09-21T14:00:00.000Z',
    timeZone: 'America/New_York',
    session: 'council-session-2006',
  });
  // With the session running, the file need not carry a date at all.
  delete spec.securityCouncil.start;
  expect(resolve(spec, undefined, owned).securityCouncil?.start).toBe('2006-09-21T14:00:00.000Z');
});

test('without a running session, a date is needed, and the problem says where it can come from', () => {
  const spec = example();
  delete spec.securityCouncil.start;
  expect(problemsOf(() => resolve(spec))).toEqual([
    "securityCouncil.start: needed while the Council session of 2006 is not running here; start that session first (`convene council start`), or give the Council's date",
  ]);
  delete spec.securityCouncil.session;
  expect(problemsOf(() => resolve(spec))).toEqual([
    "securityCouncil.start: needed: the Council's date, or securityCouncil.session naming the Council session that owns it",
  ]);
});

test("a session moved out of the meeting's week is named as the cause when the cycle would not coincide", () => {
  const owned = {
    workflowId: 'council-session-2006',
    start: '2006-10-04T14:00:00.000Z',
    timeZone: 'America/New_York',
  };
  const [problem] = problemsOf(() => resolve(example(), undefined, owned));
  expect(problem).toMatch(/^securityCouncil\.session \(council-session-2006's date\): /);
});

test('the same problems read in the organizer’s language, the English as it always was', () => {
  const spec = example();
  delete spec.securityCouncil.start;
  let thrown: unknown;
  try {
    resolveCycleSpec(spec, sources.cycleSpec('hlm-7.yaml'), {
      directory: loadDirectory(settings.directoryFile),
      holidays: loadHolidayCalendars(),
      now: new Date('2006-05-01T09:00:00Z'),
      defaults: settings.policies,
    });
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  const err = thrown as ConfigError;
  expect(err.message).toBe(
    'The cycle specification hlm-7.yaml has 1 problem:\n' +
      "  - securityCouncil.start: needed while the Council session of 2006 is not running here; start that session first (`convene council start`), or give the Council's date",
  );
  expect(err.sentence(translator('fr'))).toBe(
    'La spécification du cycle hlm-7.yaml comporte 1 problème :\n' +
      '  - securityCouncil.start : nécessaire tant que la séance du Conseil de 2006 ne tourne pas ici ; ' +
      'démarrez d’abord cette séance (`convene council start`), ou donnez la date du Conseil',
  );
  const arabic = err.sentence(translator('ar'));
  expect(arabic).toContain('جلسة المجلس لعام ٢٠٠٦');
  expect(arabic).not.toContain('2006');
  expect(err.sentence(translator('ar-u-nu-latn'))).toContain('جلسة المجلس لعام 2006');
});

test("a meeting that no longer coincides is explained in the reader's language, its dates as they read them", () => {
  const owned = {
    workflowId: 'council-session-2006',
    start: '2006-10-04T14:00:00.000Z',
    timeZone: 'America/New_York',
  };
  let thrown: unknown;
  try {
    resolve(example(), undefined, owned);
  } catch (err) {
    thrown = err;
  }
  const french = (thrown as ConfigError).sentence(translator('fr')).split('\n');
  expect(french[0]).toBe('config/examples/hlm-7-2006.yaml comporte 1 problème :');
  expect(french[1]).toMatch(/^ {2}- securityCouncil\.session \(date de council-session-2006\) : /);
  expect(french[1]).toContain('octobre 2006');
  expect(french[1]).not.toContain('October');
});
