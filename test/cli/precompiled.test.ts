/**
 * bin/convene runs the CLI from a build in the cache (bin/precompiled.cjs). These tests run the
 * real launcher on a small checkout of their own in a temporary folder (its own main.ts, the
 * project's node_modules), so that they can change its sources between two runs.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.join(__dirname, '..', '..');
let checkout: string;
let cache: string;

function run(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(checkout, 'bin', 'convene'),
      ['hello'],
      { env: { ...process.env, CONVENE_CACHE_DIR: cache }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function write(file: string, text: string): void {
  writeFileSync(path.join(checkout, file), text);
}

function bundles(): string[] {
  const dir = path.join(cache, 'cli');
  return readdirSync(dir).flatMap((d) => readdirSync(path.join(dir, d)).filter((f) => f.startsWith('main-')));
}

beforeEach(() => {
  checkout = mkdtempSync(path.join(os.tmpdir(), 'convene-precompiled-'));
  cache = path.join(checkout, 'cache');
  mkdirSync(path.join(checkout, 'bin'));
  mkdirSync(path.join(checkout, 'cli'));
  for (const f of ['convene', 'precompiled.cjs'])
    copyFileSync(path.join(REPO, 'bin', f), path.join(checkout, 'bin', f));
  copyFileSync(path.join(REPO, 'tsconfig.json'), path.join(checkout, 'tsconfig.json'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(checkout, 'node_modules'));
  write('cli/words.ts', "export const greeting = 'hello';\n");
  write(
    'cli/main.ts',
    "import { greeting } from './words';\n" +
      'export async function run(argv: string[]): Promise<number> {\n' +
      "  console.log(`${greeting} ${argv.slice(2).join(' ')} from ${__dirname}`);\n" +
      '  return 3;\n' +
      '}\n',
  );
});

afterEach(() => rmSync(checkout, { recursive: true, force: true }));

test('a changed source, even one imported from the entry, is built again before it runs; never the old build', async () => {
  const first = await run();
  expect(first).toMatchObject({ code: 3, stdout: `hello hello from ${path.join(checkout, 'cli')}\n` });
  expect(bundles()).toHaveLength(1);
  expect((await run()).stdout).toBe(first.stdout); // from the same build
  expect(bundles()).toHaveLength(1);

  write('cli/words.ts', "export const greeting = 'bonjour';\n");
  expect((await run()).stdout).toMatch(/^bonjour hello /);
  expect(bundles()).toHaveLength(1); // the old build is gone
});

test('a source that does not build runs under tsx, which reports the error as before', async () => {
  write('cli/words.ts', 'export const greeting = ;\n');
  const result = await run();
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBe(3);
  expect(result.stderr).toMatch(/words\.ts/);
  expect(result.stderr).toMatch(/Expected|Unexpected/);
});
