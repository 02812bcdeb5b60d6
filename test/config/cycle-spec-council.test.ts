/**
 * A cycle specification names the Council session that owns its Council date by year; the cycle
 * then knows that session's workflow (a rehearsal's, when rehearsed), whose moves it accepts.
 */
import { loadHolidayCalendars } from '../../calendar/holidays';
import { readCycleSpecFile, resolveCycleSpec } from '../../config/cycle-spec';
import { loadDirectory } from '../../config/directory';
import { loadSettings } from '../../config/settings';

const settings = loadSettings({ CONVENE_DATA_DIR: '/tmp/convene-cycle-spec-council-test' });
const resolve = (spec: unknown, rehearsal?: { secondsPerDay: number }) =>
  resolveCycleSpec(spec, 'config/examples/hlm-7-2006.yaml', {
    directory: loadDirectory(settings.directoryFile),
    holidays: loadHolidayCalendars(),
    now: new Date('2006-05-01T09:00:00Z'),
    defaults: settings.policies,
    ...(rehearsal ? { rehearsal } : {}),
  });

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
