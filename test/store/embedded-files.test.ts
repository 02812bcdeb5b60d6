/**
 * The embedded store's files on disk: what PGlite writes (0666 of its own accord) is made readable
 * by the engine's user only, files 0600 and folders 0700, by the time the store has started and
 * again when it stops. The store runs in a child process: PGlite cannot load in jest's sandbox.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

test('the embedded store keeps its data folder private: files 0600, folders 0700', () => {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-store-')), 'store');
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'embedded-files-child.ts'), dataDir],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const seen = JSON.parse(out) as { afterStart: string[]; afterStop: string[]; files: number };
  expect(seen.files).toBeGreaterThan(100);
  expect(seen.afterStart).toEqual([]);
  expect(seen.afterStop).toEqual([]);
}, 90_000);
