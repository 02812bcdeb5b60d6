/**
 * Run by embedded-files.test.ts in a process of its own (PGlite's WebAssembly cannot load inside
 * jest's module sandbox): starts the embedded store on a data folder, writes to it, stops it, and
 * prints which paths were open to other users after the start and after the stop, as JSON.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedStore } from '../../store/embedded';

function openToOthers(dir: string): string[] {
  const found: string[] = [];
  if (statSync(dir).mode & 0o077) found.push(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (statSync(full).mode & 0o077) found.push(full);
  }
  return found;
}

async function main(dataDir: string): Promise<void> {
  const store = await startEmbeddedStore({ dataDir, port: 0 });
  const afterStart = openToOthers(dataDir);
  const client = new Client({ connectionString: store.url });
  await client.connect();
  await client.query('CREATE TABLE written_later (body text)');
  await client.query("INSERT INTO written_later VALUES ('a submission')");
  await client.end();
  await store.stop();
  const afterStop = openToOthers(dataDir);
  const files = readdirSync(dataDir, { recursive: true }).length;
  process.stdout.write(JSON.stringify({ afterStart, afterStop, files }));
}

void main(process.argv[2]!);
