import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convene } from '../helpers/cli';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

test('`convene orgs list --json` prints the validated directory', async () => {
  const { code, stdout } = await convene(['--json', 'orgs', 'list']);
  expect(code).toBe(0);
  const orgs = JSON.parse(stdout) as { id: string; headquarters: { timeZone: string } }[];
  expect(orgs.find((o) => o.id === 'las')?.headquarters.timeZone).toBe('Africa/Cairo');
});

test('`convene orgs list` prints a table people can read', async () => {
  const { code, stdout } = await convene(['orgs', 'list']);
  expect(code).toBe(0);
  expect(stdout).toMatch(/^id\s+acronym\s+kind/);
  expect(stdout).toMatch(/pif\s+PIF\s+regional\s+chapter-viii\s+Suva\s+Pacific\/Fiji/);
});

test('a broken directory file gives a clear error and exit code 2', async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-dir-')), 'orgs.json');
  writeFileSync(file, JSON.stringify({ organizations: [{ id: 'Bad Id' }] }));
  const { code, stderr } = await convene(['orgs', 'list'], { CONVENE_DIRECTORY_FILE: file });
  expect(code).toBe(2);
  expect(stderr).toContain(`The directory file ${file} has`);
  expect(stderr).toContain('organizations.0.id: must be lower-case letters, digits and dashes');
});

describe('with a worker running', () => {
  let t: TestTemporal;
  beforeAll(async () => {
    t = await connectTestTemporal();
  });
  afterAll(() => t.close());

  test('`convene doctor` reports the server, the worker and the directory in one round trip', async () => {
    const worker = await t.createWorker();
    const result = await worker.runUntil(
      convene(['doctor'], { TEMPORAL_ADDRESS: t.settings.temporal.address, CONVENE_TASK_QUEUE: t.taskQueue }),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OK: server 127\.0\.0\.1:\d+ .* a worker on "test-.*" answered in \d+ ms/);
    expect(result.stdout).toMatch(
      /the directory has \d+ organizations \(e\.g\. UN America\/New_York, AU Africa\/Addis_Ababa/,
    );
  });
});

test('`convene doctor` without a worker says what to start', async () => {
  const result = await convene(['doctor', '--timeout', '2'], {
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '',
    CONVENE_TASK_QUEUE: 'nobody-polls-here',
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    'No worker answered on task queue "nobody-polls-here" within 2 s. Is `npm start`',
  );
});
