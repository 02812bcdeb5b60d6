/**
 * The embedded store: PGlite (PostgreSQL compiled to WebAssembly) with its data under
 * `<data>/store`, served on 127.0.0.1 over the PostgreSQL wire protocol so that every process of
 * the machine (workers, the CLI) reaches it with an ordinary `pg` client, as it would a server.
 * It runs inside the launcher's process, so it cannot outlive it.
 *
 * PGlite runs one query at a time; pglite-socket queues the queries of its connections and keeps
 * a transaction's queries together. Each process holds one connection (see storeFor).
 */
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { embeddedStoreUrl } from './urls';

/** Connection slots: one per process (launcher, workers, CLI commands, tests) with room to spare. */
const MAX_CONNECTIONS = 64;

export interface EmbeddedStoreOptions {
  /** Data folder; absent keeps the store in memory (tests). */
  dataDir?: string;
  port: number;
}

export interface RunningEmbeddedStore {
  url: string;
  stop(): Promise<void>;
}

/** How often new files of the store are made private again (see keepPrivate). */
const PRIVATE_SWEEP_MS = 30_000;

export async function startEmbeddedStore(o: EmbeddedStoreOptions): Promise<RunningEmbeddedStore> {
  if (o.dataDir) mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(o.dataDir);
  const sweep = o.dataDir ? keepPrivate(o.dataDir) : undefined;
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: o.port,
    maxConnections: MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (err) {
    sweep?.stop();
    await db.close();
    throw new Error(
      `The embedded store cannot listen on 127.0.0.1:${o.port}: ${(err as Error).message}. ` +
        'Fix: stop the other convene (or whatever holds the port), or choose another with CONVENE_STORE_PORT.',
      { cause: err },
    );
  }
  const port = Number(server.getServerConn().split(':').pop());
  return {
    url: embeddedStoreUrl(port),
    async stop() {
      await server.stop();
      await db.close();
      sweep?.stop();
    },
  };
}

/**
 * PGlite's file system gives each file it writes mode 0666 itself, whatever the process's umask,
 * so the store's files are made 0600 (folders 0700) at start, every half minute, and at the stop.
 * In between, the data folder's own 0700 keeps every other user out of the new files.
 */
function keepPrivate(dir: string): { stop(): void } {
  makePrivate(dir);
  const timer = setInterval(() => makePrivate(dir), PRIVATE_SWEEP_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      makePrivate(dir);
    },
  };
}

/** chmod 0700 for folders and 0600 for files, through the whole tree; what vanishes meanwhile is skipped. */
export function makePrivate(dir: string): void {
  let entries;
  try {
    chmodSync(dir, 0o700);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makePrivate(full);
    else if (entry.isFile()) chmodIfThere(full, 0o600);
  }
}

function chmodIfThere(file: string, mode: number): void {
  try {
    chmodSync(file, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
