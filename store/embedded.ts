/**
 * The embedded store: PGlite (PostgreSQL compiled to WebAssembly) with its data under
 * `<data>/store`, served on 127.0.0.1 over the PostgreSQL wire protocol so that every process of
 * the machine (workers, the CLI) reaches it with an ordinary `pg` client, as it would a server.
 * It runs inside the launcher's process, so it cannot outlive it.
 *
 * PGlite runs one query at a time; pglite-socket queues the queries of its connections and keeps
 * a transaction's queries together. Each process holds one connection (see storeFor).
 */
import { mkdirSync } from 'node:fs';
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

export async function startEmbeddedStore(o: EmbeddedStoreOptions): Promise<RunningEmbeddedStore> {
  if (o.dataDir) mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(o.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: o.port,
    maxConnections: MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (err) {
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
    },
  };
}
