/**
 * The embedded Temporal dev server: the Temporal CLI's `server start-dev`, with its history in a
 * SQLite file (so nothing is lost across restarts), our search attributes registered and the
 * dynamic-config values the SDK's own test harness uses for Updates and Update-with-Start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeDeclarations } from '../domain/ids';

/** As in the SDK's integration-test harness: Updates, Update-with-Start, fresh search attributes. */
export const DEV_SERVER_DYNAMIC_CONFIG = [
  'frontend.enableUpdateWorkflowExecution=true',
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
  'frontend.enableExecuteMultiOperation=true',
  'system.enableActivityEagerExecution=true',
  'system.enableEagerWorkflowStart=true',
  'system.forceSearchAttributesCacheRefreshOnRead=true',
];

export interface DevServerOptions {
  cliPath: string;
  port: number;
  namespace: string;
  /** SQLite file; absent means in memory (tests). */
  dbFile?: string;
  /** Web UI port; absent means headless. */
  uiPort?: number;
  /** The codec server the Web UI decodes payloads with (see codec/server.ts). */
  codecEndpoint?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Where the server's own output goes; defaults to inherit nothing (ignored). */
  logFile?: string;
  /** Stop the server when this process dies, even by SIGKILL (workers/orphan-guard.js); default true. */
  watchParent?: boolean;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function devServerArgs(o: DevServerOptions): string[] {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--namespace',
    o.namespace,
  ];
  args.push('--log-level', o.logLevel ?? 'warn');
  if (o.dbFile) args.push('--db-filename', o.dbFile);
  if (o.uiPort) args.push('--ui-port', String(o.uiPort));
  else args.push('--headless');
  if (o.uiPort && o.codecEndpoint) args.push('--ui-codec-endpoint', o.codecEndpoint);
  for (const sa of searchAttributeDeclarations()) args.push('--search-attribute', `${sa.name}=${sa.type}`);
  for (const value of DEV_SERVER_DYNAMIC_CONFIG) args.push('--dynamic-config-value', value);
  return args;
}

/**
 * `start-dev` picks its internal ports (history, matching, HTTP, metrics) itself: it asks the
 * kernel for a free one, lets it go, and binds it later. Another process may take it in between,
 * and the server then panics at start-up. A fresh start picks fresh ports, so we try again.
 */
const START_ATTEMPTS = 3;

export async function startDevServer(o: DevServerOptions, timeoutMs = 90_000): Promise<RunningDevServer> {
  if (o.dbFile) mkdirSync(path.dirname(o.dbFile), { recursive: true, mode: 0o700 });
  for (let attempt = 1; ; attempt++) {
    for (const p of [o.port, o.uiPort]) {
      if (p !== undefined && !(await isPortFree(p))) {
        throw new Error(
          `Port ${p} on 127.0.0.1 is taken (another convene or Temporal server?). Stop it, or choose another with CONVENE_DEV_SERVER_PORT / CONVENE_UI_PORT.`,
        );
      }
    }
    try {
      return await startOnce(o, timeoutMs);
    } catch (err) {
      if (!(err instanceof ExitedBeforeReady) || attempt >= START_ATTEMPTS) throw err;
    }
  }
}

class ExitedBeforeReady extends Error {}

async function startOnce(o: DevServerOptions, timeoutMs: number): Promise<RunningDevServer> {
  const child = spawn(o.cliPath, devServerArgs(o), { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (o.watchParent !== false && child.pid) guardAgainstOrphans(child.pid);

  const address = `127.0.0.1:${o.port}`;
  try {
    await waitUntilHealthy(address, o.namespace, exited, timeoutMs);
  } catch (err) {
    child.kill('SIGKILL');
    const message = `${(err as Error).message}\nDev server output:\n${output.join('').slice(-4000)}`;
    throw err instanceof ExitedBeforeReady ? new ExitedBeforeReady(message) : new Error(message);
  }
  return {
    address,
    uiUrl: o.uiPort ? `http://127.0.0.1:${o.uiPort}` : undefined,
    process: child,
    stop: () => stopChild(child, exited),
  };
}

/** A small watcher that stops `pid` if this process dies without stopping it (see orphan-guard.js). */
function guardAgainstOrphans(pid: number): void {
  const guard = spawn(process.execPath, [ORPHAN_GUARD, String(process.pid), String(pid)], {
    stdio: 'ignore',
  });
  // It exits by itself once the server has; this process need not wait for it.
  guard.unref();
}

const ORPHAN_GUARD = path.join(__dirname, 'orphan-guard.js');

async function waitUntilHealthy(
  address: string,
  namespace: string,
  exited: Promise<number | null>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  let code: number | null = null;
  void exited.then((c) => {
    gone = true;
    code = c;
  });
  while (Date.now() < deadline) {
    if (gone)
      throw new ExitedBeforeReady(`The Temporal dev server exited with code ${code} before it was ready.`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`The Temporal dev server at ${address} was not healthy after ${timeoutMs / 1000} s.`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
