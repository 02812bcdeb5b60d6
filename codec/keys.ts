/**
 * Encryption keys: from CONVENE_ENCRYPTION_KEYS (`id:base64,…`) or from a key file (JSON, mode
 * 0600). The first key encrypts; every key decrypts, so a key stays in the list for as long as any
 * workflow may replay payloads it sealed. The embedded default generates the file on first start.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KEY_BYTES } from './aes-gcm';
import type { RuleKey, RuleValues } from '../domain/issues';

export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export interface KeyEntry {
  id: string;
  key: Buffer;
  /** ISO-8601 instant in UTC; absent for keys given in the environment. */
  createdAt?: string;
}

export interface KeySource {
  /** CONVENE_ENCRYPTION_KEYS as given; when set, the key file is not read. */
  envKeys?: string;
  keyFile: string;
  /** The embedded default: write a fresh key file when there is none. */
  generateIfMissing: boolean;
}

/** A key id, a key that is not 32 bytes of base64, or a repeated id: one line per problem. */
export function keyListProblems(value: string): string[] {
  return keyListRules(value).map((r) => r.message);
}

/** The same problems as rules of the catalogs with their values, so that each reader reads them in their language. */
export function keyListRules(value: string): { rule: RuleKey; values: RuleValues; message: string }[] {
  const problems: { rule: RuleKey; values: RuleValues; message: string }[] = [];
  const seen = new Set<string>();
  value.split(',').forEach((entry, i) => {
    const [id, encoded, ...rest] = entry.trim().split(':');
    const n = i + 1;
    if (!id || encoded === undefined || rest.length > 0) {
      const example = Buffer.alloc(KEY_BYTES).toString('base64');
      problems.push({
        rule: 'rule.keyEntryShape',
        values: { n, example },
        message: `entry ${n}: must be id:base64 (e.g. k1:${example})`,
      });
      return;
    }
    if (!KEY_ID_PATTERN.test(id))
      problems.push({
        rule: 'rule.keyIdChars',
        values: { n, id },
        message: `entry ${n}: the id "${id}" may use only letters, digits, . _ -`,
      });
    if (seen.has(id))
      problems.push({
        rule: 'rule.keyIdTwice',
        values: { n, id },
        message: `entry ${n}: the id "${id}" appears twice`,
      });
    seen.add(id);
    if (Buffer.from(encoded, 'base64').length !== KEY_BYTES)
      problems.push({
        rule: 'rule.keyLength',
        values: { n, id, bytes: KEY_BYTES },
        message: `entry ${n} ("${id}"): the key must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`,
      });
  });
  return problems;
}

export function parseKeyList(value: string): KeyEntry[] {
  const problems = keyListProblems(value);
  if (problems.length > 0) throw new Error(`CONVENE_ENCRYPTION_KEYS: ${problems.join('; ')}`);
  return value.split(',').map((entry) => {
    const [id, encoded] = entry.trim().split(':') as [string, string];
    return { id, key: Buffer.from(encoded, 'base64') };
  });
}

export function formatKeyList(keys: readonly KeyEntry[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}

const KeyFileSchema = z.object({
  keys: z
    .array(
      z.object({
        id: z.string().regex(KEY_ID_PATTERN, 'may use only letters, digits, . _ -'),
        key: z.base64().refine((v) => Buffer.from(v, 'base64').length === KEY_BYTES, {
          message: `must be ${KEY_BYTES} bytes in base64`,
        }),
        createdAt: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .min(1, 'must hold at least one key'),
});

export function readKeyFile(file: string): KeyEntry[] {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `The key file ${file} can be read by other users (mode ${mode.toString(8)}). Fix: chmod 600 ${file}`,
    );
  }
  const parsed = KeyFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`The key file ${file} is not usable: ${lines.join('; ')}`);
  }
  return parsed.data.keys.map((k) => ({
    id: k.id,
    key: Buffer.from(k.key, 'base64'),
    createdAt: k.createdAt,
  }));
}

/** Written next to the file and renamed over it, so a reader never sees half a key file. */
export function writeKeyFile(file: string, keys: readonly KeyEntry[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = {
    keys: keys.map((k) => ({ id: k.id, key: k.key.toString('base64'), createdAt: k.createdAt })),
  };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  renameSync(temp, file);
}

/** A fresh key whose id says when it was made (`k20261202-1a2b`), so `keys list` reads as a history. */
export function generateKey(now: Date): KeyEntry {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return {
    id: `k${day}-${randomBytes(2).toString('hex')}`,
    key: randomBytes(KEY_BYTES),
    createdAt: now.toISOString(),
  };
}

/** Puts a new key first (it encrypts from now on) and keeps every older one for decrypting. */
export function rotateKeyFile(file: string, now: Date): KeyEntry {
  const keys = readKeyFile(file);
  const fresh = generateKey(now);
  writeKeyFile(file, [fresh, ...keys]);
  return fresh;
}

/** Creates the key file once; when two processes start together, the second reads the first's. */
function createKeyFileIfMissing(file: string, now: Date): void {
  mkdirSync(path.dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  }
  const k = generateKey(now);
  writeFileSync(
    fd,
    JSON.stringify({ keys: [{ id: k.id, key: k.key.toString('base64'), createdAt: k.createdAt }] }, null, 2) +
      '\n',
  );
  closeSync(fd);
}

/** Changes whenever the file is rewritten (a rotation renames a new file over it: a new inode). */
function fileVersion(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return undefined;
  }
}

/** How often a process looks whether `convene keys rotate` has changed the key file under it. */
const RECHECK_MS = 2_000;

/**
 * The keys a process holds. One read from the key file picks up a rotation made by another
 * process: a key id it has not seen makes it read the file again at once, and the key that
 * encrypts follows the file within a few seconds.
 */
export class KeyRing {
  private keys: KeyEntry[];
  private version: string | undefined;
  private checkedAt = Date.now();

  constructor(
    keys: readonly KeyEntry[],
    private readonly file?: string,
  ) {
    if (keys.length === 0) throw new Error('A key ring needs at least one key.');
    this.keys = [...keys];
    this.version = file ? fileVersion(file) : undefined;
  }

  static load(source: KeySource, now = new Date()): KeyRing {
    if (source.envKeys) return new KeyRing(parseKeyList(source.envKeys));
    if (source.generateIfMissing) createKeyFileIfMissing(source.keyFile, now);
    if (fileVersion(source.keyFile) === undefined) {
      throw new Error(
        `No encryption keys: CONVENE_ENCRYPTION_KEYS is not set and there is no key file at ${source.keyFile}. ` +
          'Fix: give every worker and client the same keys, in CONVENE_ENCRYPTION_KEYS=id:base64,… or in that file (copy it from the machine that made it).',
      );
    }
    return new KeyRing(readKeyFile(source.keyFile), source.keyFile);
  }

  /** The key new payloads are sealed with. */
  encryptionKey(): KeyEntry {
    if (this.file && Date.now() - this.checkedAt > RECHECK_MS) this.reloadIfChanged();
    return this.keys[0]!; // never empty: checked when built and when read from the file
  }

  /** The key with this id, or undefined after one more look at the key file. */
  find(id: string): Buffer | undefined {
    const found = this.keys.find((k) => k.id === id);
    if (found || !this.file) return found?.key;
    this.reloadIfChanged();
    return this.keys.find((k) => k.id === id)?.key;
  }

  ids(): string[] {
    return this.keys.map((k) => k.id);
  }

  /** Ids and creation times, the encrypting key first; never the key bytes. */
  describe(): { id: string; createdAt?: string; encrypts: boolean }[] {
    return this.keys.map((k, i) => ({ id: k.id, createdAt: k.createdAt, encrypts: i === 0 }));
  }

  /** Where a missing key should be added, for error messages. */
  describeSource(): string {
    return this.file ? `the key file ${this.file}` : 'CONVENE_ENCRYPTION_KEYS';
  }

  private reloadIfChanged(): void {
    this.checkedAt = Date.now();
    const version = fileVersion(this.file!);
    if (version === undefined || version === this.version) return;
    this.keys = readKeyFile(this.file!);
    this.version = version;
  }
}
