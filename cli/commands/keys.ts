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
      const { t } = output();
      printTable(
        [t.t('cli.col.id'), t.t('cli.col.createdUtc'), t.t('cli.col.use')],
        rows.map((k) => [
          k.id,
          k.createdAt ?? t.t('cli.keys.fromEnvironment'),
          t.t(k.encrypts ? 'cli.keys.encryptsDecrypts' : 'cli.keys.decrypts'),
        ]),
      );
      console.log(`\n${t.t('cli.keys.source', { source: ring.describeSource() })}`);
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
      console.log(output().t.t('cli.keys.rotated', { id: fresh.id, file: settings.encryption.keyFile }));
    });
}

/** The environment cannot be changed from here: print the new list, in the order that is safe to roll out. */
function printEnvRotation(current: string, now: Date, out: Output): void {
  const fresh = generateKey(now);
  const existing = parseKeyList(current);
  const decryptFirst = formatKeyList([...existing, fresh]);
  const encryptNext = formatKeyList([fresh, ...existing]);
  if (out.json) return printJson({ id: fresh.id, createdAt: fresh.createdAt, decryptFirst, encryptNext });
  console.log(out.t.t('cli.keys.rotateEnv', { id: fresh.id, decryptFirst, encryptNext }));
}
