/** Data files people give the CLI and the configuration: too large is refused before it is parsed. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convene } from '../helpers/cli';

test('a data file over 1 MB is refused at once with its size and the limit, before parsing', async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-big-')), 'huge-input.yaml');
  writeFileSync(file, `items:\n${'  - title: x\n'.repeat(120_000)}`);
  const started = Date.now();
  const result = await convene([
    'input',
    'submit',
    'r7',
    'peacekeeping',
    file,
    '--as',
    'kwame.asante@au.example.org',
  ]);

  expect(result.code).toBe(1);
  expect(result.stderr.trim()).toBe(
    `${file}: is 1.5 MB; data files may be at most 1 MB. Fix: check that it is the right file, or split it`,
  );
  expect(Date.now() - started).toBeLessThan(30_000);
});
