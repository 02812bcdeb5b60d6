/**
 * The store shared by every process of a deployment: PostgreSQL through `pg`, either a server
 * (DATABASE_URL) or the embedded PGlite that the launcher serves on 127.0.0.1 (store/embedded.ts).
 * It holds what is not workflow state but must be the same on every machine: the sent-ledger and
 * the rendered documents. The pool connects on first use and runs the migrations once.
 */
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import type { StoreSettings } from '../config/settings';
import { migrate } from './migrations';
import { redactDatabaseUrl } from './urls';

export interface StoreOptions {
  /** Connections this process may hold; 1 against the embedded store, which runs one query at a time. */
  maxConnections: number;
  /** The PostgreSQL schema of convene's tables, so one database can hold several deployments apart. */
  schema?: string;
}

/** Connections whose search_path is set (a pooled connection keeps it for its life). */
const inSchema = new WeakSet<PoolClient>();

export class Store {
  private readonly pool: Pool;
  private migrated?: Promise<void>;
  readonly schema: string;

  constructor(
    readonly url: string,
    options: StoreOptions,
  ) {
    this.pool = new Pool({
      connectionString: url,
      max: options.maxConnections,
      // Idle connections do not keep a process (a CLI command, a test run) alive, and free the
      // embedded store's few connection slots for the machine's other processes.
      idleTimeoutMillis: 2_000,
      allowExitOnIdle: true,
      connectionTimeoutMillis: 10_000,
    });
    this.schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) {
      throw new Error(
        `store schema "${this.schema}" must be lower-case letters, digits and _ (CONVENE_STORE_SCHEMA)`,
      );
    }
    // An idle connection that breaks (the server restarted) is dropped by the pool; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /** Connects and brings the schema up to date; start-up awaits it so a wrong DATABASE_URL stops start. */
  ready(): Promise<void> {
    this.migrated ??= this.migrateOnce().catch((err: unknown) => {
      this.migrated = undefined;
      throw new StoreUnavailableError(this.url, err);
    });
    return this.migrated;
  }

  async query<R extends QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    await this.ready();
    const client = await this.connect();
    try {
      return (await client.query<R>(sql, values)).rows;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** A connection of the pool, working in the store's schema. */
  private async connect(): Promise<PoolClient> {
    const client = await this.pool.connect();
    if (!inSchema.has(client)) {
      try {
        await client.query(`set search_path to ${this.schema}`);
      } catch (err) {
        client.release(err as Error);
        throw err;
      }
      inSchema.add(client);
    }
    return client;
  }

  private async migrateOnce(): Promise<void> {
    const client = await this.connect();
    try {
      await migrate(client, this.schema);
    } finally {
      client.release();
    }
  }
}

/** The store cannot be reached or migrated: says which store and what to check. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailable';
  /** The store's address without its password, and what the driver said: for the CLI's sentence. */
  readonly url: string;
  readonly reason: string;
  constructor(url: string, cause: unknown) {
    const redacted = redactDatabaseUrl(url);
    const reason = (cause as Error).message ?? String(cause);
    super(
      `The store at ${redacted} cannot be used: ${reason}. ` +
        'Fix: start convene with `npm start` (it serves the embedded store), or set DATABASE_URL to a reachable PostgreSQL server.',
      { cause },
    );
    this.url = redacted;
    this.reason = reason;
  }
}

/** The store the settings name, with as many connections as it can serve this process. */
export function storeFor(settings: { store: StoreSettings }): Store {
  // The embedded store runs one query at a time for the whole machine: one connection per
  // process is all it can use, and leaves its slots to the other processes.
  return new Store(settings.store.url, {
    maxConnections: settings.store.mode === 'embedded' ? 1 : 5,
    schema: settings.store.schema,
  });
}
