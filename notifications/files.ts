/**
 * Small files written whole or not at all: content goes to a temporary name, is synced, and is then
 * linked (create once) or renamed (replace) to its final name, both atomic. A reader never sees
 * half a file, and a file that `durable` wrote survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Mail and documents are people's words: readable by the engine's user only (folders 0700). */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

export interface WriteOptions {
  /** fsync the file and its folder before returning. */
  durable: boolean;
}

/** Creates `file` unless it exists; returns false (and leaves it untouched) when it does. */
export async function createFileOnce(
  file: string,
  content: string | Buffer,
  options: WriteOptions,
): Promise<boolean> {
  const temp = await writeTemp(file, content, options.durable);
  try {
    await fs.link(temp, file);
  } catch (err) {
    if (isCode(err, 'EEXIST')) return false;
    throw err;
  } finally {
    await fs.rm(temp, { force: true });
  }
  if (options.durable) await syncFolder(path.dirname(file));
  return true;
}

/** Replaces (or creates) `file` in one step. */
export async function replaceFile(
  file: string,
  content: string | Buffer,
  options: WriteOptions,
): Promise<void> {
  const temp = await writeTemp(file, content, options.durable);
  await fs.rename(temp, file);
  if (options.durable) await syncFolder(path.dirname(file));
}

async function writeTemp(file: string, content: string | Buffer, sync: boolean): Promise<string> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', PRIVATE_FILE);
  try {
    await handle.writeFile(content);
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/** A new or renamed directory entry is durable only once its folder is synced. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } catch (err) {
    // Some platforms (Windows) cannot sync a folder; the file itself is synced already.
    if (!isCode(err, 'EPERM') && !isCode(err, 'EISDIR') && !isCode(err, 'EINVAL')) throw err;
  } finally {
    await handle.close();
  }
}

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT')) return undefined;
    throw err;
  }
}

/** Duck-typed: Node's errors may come from another realm (a test VM), where `instanceof Error` fails. */
export function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}
