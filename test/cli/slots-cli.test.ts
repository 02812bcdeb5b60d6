/** `convene slots`: fair times for any organizations, honouring each one's weekend and holidays. */
import type { FairSlots } from '../../calendar/contracts';
import { cliEnv, convene } from '../helpers/cli';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const slots = async (...args: string[]) => {
  const result = await convene(['--json', 'slots', ...args], cliEnv(t.settings));
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as FairSlots;
};

test('on an AU holiday (Victory of Adwa, 2 March 2027) the AU bears the meeting; the next day nobody does', async () => {
  const [holiday, nextDay] = await Promise.all([
    slots('--orgs', 'au,eu', '--duration', '1h', '--between', '2027-03-02', '2027-03-02', '--limit', '3'),
    slots('--orgs', 'au,eu', '--duration', '1h', '--between', '2027-03-03', '2027-03-03', '--limit', '3'),
  ]);
  expect(holiday.slots.every((s) => s.inconvenienced.includes('au'))).toBe(true);
  expect(holiday.slots.every((s) => !s.inconvenienced.includes('eu'))).toBe(true);
  expect(nextDay.bearsInconvenience).toEqual([]);
  // Addis Ababa (UTC+3) and Brussels (UTC+1) both work 09:00–18:00: 08:00–15:00 UTC is shared.
  const start = nextDay.slots[0]!.start;
  expect(Date.parse(start)).toBeGreaterThanOrEqual(Date.parse('2027-03-03T08:00:00Z'));
  expect(Date.parse(start)).toBeLessThanOrEqual(Date.parse('2027-03-03T14:00:00Z'));
});

test('a table people can read, and refusals that say what to write', async () => {
  const env = cliEnv(t.settings);
  const [table, unknown, duration, window] = await Promise.all([
    convene(
      ['slots', '--orgs', 'au,eu,pif', '--duration', '90m', '--between', '2027-03-01', '2027-03-05'],
      env,
    ),
    convene(
      ['slots', '--orgs', 'au,atlantis', '--duration', '90m', '--between', '2027-03-01', '2027-03-05'],
      env,
    ),
    convene(['slots', '--orgs', 'au', '--duration', 'long', '--between', '2027-03-01', '2027-03-05'], env),
    convene(['slots', '--orgs', 'au', '--duration', '1h', '--between', '2027-03-05'], env),
  ]);
  expect(table.stdout).toMatch(/^start \(UTC\)\s+au\s+eu\s+pif\s+unsocial hours/);
  expect(table.stdout).toMatch(/\d+ start times considered; \* = outside working hours\./);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('--orgs: unknown organization "atlantis"; known ids: ');
  expect(duration.stderr).toContain(
    '--duration must be a length such as 90m, 2h, 1h30m or PT90M; got "long"',
  );
  expect(window.stderr).toContain('--between needs two days, e.g. --between 2027-03-01 2027-03-31');
});
