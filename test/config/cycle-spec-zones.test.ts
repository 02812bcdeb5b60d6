/** A cycle specification's time zones are checked at start, each problem naming its field. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convene } from '../helpers/cli';

test('an unknown time zone in a cycle specification stops `cycle start` with the field named', async () => {
  const spec = readFileSync(path.join(__dirname, '../../config/examples/hlm-27-2027.yaml'), 'utf8')
    .replace('  timeZone: America/New_York\n', '  timeZone: Mars/Olympus_Mons\n')
    .replace(
      '{ name: Jonas Berg, email: jonas.berg@un.example.org, organization: un }',
      '{ name: Jonas Berg, email: jonas.berg@un.example.org, organization: un, timeZone: Nowhere/City }',
    );
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-zones-')), 'hlm-27.yaml');
  writeFileSync(file, spec);
  const result = await convene(['cycle', 'start', file, '--as', 'amina.rahman@un.example.org']);

  expect(result.code).toBe(2);
  const lines = result.stderr.split('\n');
  const zone = 'must be an IANA time zone such as America/New_York or Pacific/Fiji';
  expect(lines).toContainEqual(expect.stringContaining(`meeting.timeZone: ${zone}`));
  expect(lines).toContainEqual(expect.stringContaining(`organizers.1.timeZone: ${zone}`));
  expect(result.stderr).not.toMatch(/ZodError|at .*\.ts:\d+/);
});
