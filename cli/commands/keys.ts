import type { Command } from 'commander';
import { formatKeyList, generateKey, KeyRing, parseKeyList, rotateKeyFile } from '../../codec/keys';
import { loadSettings } from '../../config/settings';
import { printJson, printTable, type Output } from '../output';

/** `keys` is created by cli/main.ts (it loads only the command being run). */
export function registerKeys(keys: Command, output: () => Output): void {
  keys
    .command('list')
    .description('list the key ids, newest first; the first one encrypts, every one decrypts')
    .addHelpText('after', '\nExample:\n  $ convene keys list')
    .action(() => {
      const settings = loadSettings();
      const ring = KeyRing.load(settings.encryption);
      const rows = ring.describe();
      if (output().json) return printJson({ source: ring.describeSource(), keys: rows });
      printTable(
        ['id', 'created (UTC)', 'use'],
        rows.map((k) => [
          k.id,
          k.createdAt ?? '(given in the environment)',
          k.encrypts ? 'encrypts, decrypts' : 'decrypts',
        ]),
      );
      console.log(`\nFrom ${ring.describeSource()}.`);
    });
  keys
    .command('rotate')
    .description('add a new key that encrypts from now on; older keys stay, so old workflows still decrypt')
    .addHelpText(
      'after',
      '\nWith a key file (the embedded default), every process picks the new key up by itself.\n' +
        'With CONVENE_ENCRYPTION_KEYS, it prints the new value to roll out (see the README).\n\nExample:\n  $ convene keys rotate',
    )
    .action(() => {
      const settings = loadSettings();
      const now = new Date();
      if (settings.encryption.envKeys) return printEnvRotation(settings.encryption.envKeys, now, output());
      KeyRing.load(settings.encryption); // the embedded default may not have made its file yet
      const fresh = rotateKeyFile(settings.encryption.keyFile, now);
      if (output().json)
        return printJson({ id: fresh.id, createdAt: fresh.createdAt, file: settings.encryption.keyFile });
      console.log(
        `Added key ${fresh.id} to ${settings.encryption.keyFile}; new payloads are sealed with it.\n` +
          'Running workers and clients read the file again within seconds; older keys stay for decrypting.',
      );
    });
}

/** The environment cannot be changed from here: print the new list, in the order that is safe to roll out. */
function printEnvRotation(current: string, now: Date, out: Output): void {
  const fresh = generateKey(now);
  const existing = parseKeyList(current);
  const decryptFirst = formatKeyList([...existing, fresh]);
  const encryptNext = formatKeyList([fresh, ...existing]);
  if (out.json) return printJson({ id: fresh.id, createdAt: fresh.createdAt, decryptFirst, encryptNext });
  console.log(
    `A new key ${fresh.id}. CONVENE_ENCRYPTION_KEYS comes from the environment, so roll it out in two steps:\n\n` +
      `1. everywhere (every worker, CLI, codec server), restart with the new key last, so all can decrypt it:\n` +
      `   CONVENE_ENCRYPTION_KEYS=${decryptFirst}\n\n` +
      `2. then, everywhere again, with the new key first, so new payloads use it:\n` +
      `   CONVENE_ENCRYPTION_KEYS=${encryptNext}\n\n` +
      'Keep every older key in the list for as long as a workflow may replay payloads it sealed.',
  );
}
