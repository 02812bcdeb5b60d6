/** `convene cycle draft-next`: next year's specification, which launches as it stands. */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { readCycleSpecFile, resolveCycleSpec } from '../../config/cycle-spec';
import { loadDirectory } from '../../config/directory';
import { nextTitle } from '../../config/next-cycle';
import { cancelUpdate } from '../../workflows/definitions/preparation-cycle';
import { cliEnv, convene } from '../helpers/cli';
import { ORGANIZER, startCycle } from '../helpers/cycle';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const resolve = (spec: unknown) =>
  resolveCycleSpec(spec, 'spec', {
    directory: loadDirectory(t.settings.directoryFile),
    holidays: loadHolidayCalendars(),
    now: new Date(),
    defaults: t.settings.policies,
  });

test('the 2027 meeting drafts the 2028 one: same groups and chairs, both meetings 52 weeks on, still coinciding', async () => {
  const example = readCycleSpecFile(
    path.join(__dirname, '..', '..', 'config', 'examples', 'hlm-27-2027.yaml'),
  );
  const input = resolve({ ...(example as object), edition: 627 });
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-draft-')), 'hlm-628.yaml');
    const drafted = await convene(['cycle', 'draft-next', '627', '--out', out], cliEnv(t.settings));
    expect(drafted.stderr).toBe('');
    expect(drafted.stdout.trim()).toBe(
      `Drafted: edition 628 in ${out}. Edit it, then \`convene cycle start ${out}\`.`,
    );
    const draft = YAML.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(draft).toMatchObject({
      edition: 628,
      meeting: { start: '2028-09-21T10:00', end: '2028-09-21T18:00', timeZone: 'America/New_York' },
      securityCouncil: { start: '2028-09-19T10:00' },
    });
    // It launches as it stands: every check of `cycle start`, the coincidence included, passes.
    const next = resolve(draft);
    expect(next.workingGroups.map((g) => [g.id, g.chair.email])).toEqual(
      input.workingGroups.map((g) => [g.id, g.chair.email]),
    );
    expect(next.participants.map((p) => p.id)).toEqual(input.participants.map((p) => p.id));
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'Test over.' }] });
  });
  const missing = await convene(['cycle', 'draft-next', '999'], cliEnv(t.settings));
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('There is no cycle 999.');
});

test("the title counts on: the seventh meeting's successor is the eighth", () => {
  expect(nextTitle('Seventh high-level meeting of the United Nations', 7)).toBe(
    'Eighth high-level meeting of the United Nations',
  );
  expect(nextTitle('Twenty-seventh high-level meeting', 27)).toBe('Twenty-eighth high-level meeting');
  expect(nextTitle('Nineteenth meeting', 19)).toBe('Twentieth meeting');
  expect(nextTitle('The annual meeting', 31)).toBe('The annual meeting (edition 32)');
});
