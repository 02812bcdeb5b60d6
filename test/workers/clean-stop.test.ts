/**
 * A clean stop, as a service manager does it: SIGTERM or SIGINT to the very process it started
 * (`npm start`, `npm run worker`), not to the process group, ends everything within 15 s with exit
 * code 0. A SIGKILL of the launcher leaves neither the dev server nor the store running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isPortFree } from '../../workers/dev-server';
import { eventually } from '../helpers/eventually';
import { testStoreSchema, testStoreUrl } from '../helpers/temporal';

const ROOT = path.join(__dirname, '..', '..');
const STOP_WITHIN_MS = 15_000;

interface Launched {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(command: string, args: string[], env: Record<string, string>): Launched {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...withoutTestServers(process.env), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** The launcher must start its own server and store, not find the test run's. */
function withoutTestServers(env: NodeJS.ProcessEnv): Record<string, string> {
  const { TEMPORAL_ADDRESS: _t, DATABASE_URL: _d, ...rest } = env;
  return Object.fromEntries(Object.entries(rest).filter((kv): kv is [string, string] => kv[1] !== undefined));
}

async function embeddedEnv(): Promise<{ env: Record<string, string>; ports: number[] }> {
  const ports = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const [server, ui, store, portal, codec] = ports as [number, number, number, number, number];
  return {
    ports,
    env: {
      CONVENE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'convene-stop-')),
      CONVENE_DEV_SERVER_PORT: String(server),
      CONVENE_UI_PORT: String(ui),
      CONVENE_STORE_PORT: String(store),
      CONVENE_PORTAL_PORT: String(portal),
      CONVENE_CODEC_PORT: String(codec),
      CONVENE_METRICS_ADDRESS: 'off',
      TEMPORAL_CLI_PATH: process.env.CONVENE_TEST_TEMPORAL_CLI ?? '',
    },
  };
}

async function untilRunning(l: Launched, marker: string): Promise<void> {
  await eventually(async () => l.output().includes(marker) || (l.child.exitCode !== null && fail(l)), {
    timeout: 150_000,
    what: `"${marker}" from ${l.child.spawnargs.join(' ')}`,
  });
}

function fail(l: Launched): never {
  throw new Error(`exited early (${l.child.exitCode}):\n${l.output()}`);
}

async function stopsCleanly(l: Launched, signal: NodeJS.Signals): Promise<void> {
  const started = Date.now();
  l.child.kill(signal); // the process itself, as a service manager signals it
  const timer = setTimeout(() => l.child.kill('SIGKILL'), STOP_WITHIN_MS + 5_000);
  const { code } = await l.exited;
  clearTimeout(timer);
  expect({ code, withinLimit: Date.now() - started < STOP_WITHIN_MS }).toEqual({
    code: 0,
    withinLimit: true,
  });
}

async function allFree(ports: number[]): Promise<boolean> {
  return (await Promise.all(ports.map(isPortFree))).every(Boolean);
}

test('SIGTERM to `npm start` itself stops the worker, the dev server and the store within 15 s, exit code 0', async () => {
  const { env, ports } = await embeddedEnv();
  const npm = launch('npm', ['start'], env);
  await untilRunning(npm, 'convene is running.');
  expect(npm.output()).toContain(
    `Store           postgres://postgres@127.0.0.1:${ports[2]}/postgres (embedded PGlite`,
  );

  await stopsCleanly(npm, 'SIGTERM');
  expect(npm.output()).toContain('Stopped.');
  // Nothing left behind: the ports of the server, its UI, the store, the portal and the codec server are free at once.
  expect(await allFree(ports)).toBe(true);
}, 200_000);

test('SIGINT to `npm run worker` itself ends it within 15 s, exit code 0', async () => {
  const worker = launch('npm', ['run', 'worker'], {
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '',
    DATABASE_URL: testStoreUrl(),
    CONVENE_STORE_SCHEMA: testStoreSchema(),
    CONVENE_TASK_QUEUE: `clean-stop-${process.pid}`,
    LOG_LEVEL: 'info',
  });
  await untilRunning(worker, 'worker polling');
  await stopsCleanly(worker, 'SIGINT');
}, 200_000);

test('a launcher killed with SIGKILL leaves no dev server and no store behind (parent-death watch)', async () => {
  const { env, ports } = await embeddedEnv();
  const launcher = launch(process.execPath, ['--import', 'tsx', 'workers/main.ts'], env);
  await untilRunning(launcher, 'convene is running.');

  launcher.child.kill('SIGKILL');
  await launcher.exited;
  await eventually(() => allFree(ports), {
    timeout: 15_000,
    what: 'the dev server and the store to be gone',
  });
}, 200_000);
