/**
 * Migrations: the numbered SQL files in store/migrations/, applied in order, each once, recorded in
 * `store_migrations`. One transaction under an advisory lock, so two processes starting at once
 * (two workers, the launcher and a CLI) neither apply a file twice nor see half a schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PoolClient } from 'pg';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
/** Any constant both sides agree on: the lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_432_011;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** `001-sent-ledger.sql` → version 1; files are applied in version order. */
export function migrationFiles(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((name) => {
      const version = Number(/^(\d+)-/.exec(name)?.[1]);
      if (!Number.isInteger(version))
        throw new Error(`store migration ${name} must start with a number, e.g. 003-name.sql`);
      return { version, name, sql: readFileSync(path.join(dir, name), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
}

/** Applies what `schema` lacks (the client's search_path is `schema`); returns the versions applied. */
export async function migrate(
  client: PoolClient,
  schema: string,
  migrations: Migration[] = migrationFiles(),
): Promise<number[]> {
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`create schema if not exists ${schema}`);
    await client.query(
      'create table if not exists store_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await client.query<{ version: number }>('select version from store_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const m of migrations.filter((m) => !done.has(m.version))) {
      await client.query(m.sql);
      await client.query('insert into store_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('commit');
    return applied;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
