/**
 * Connections to the Temporal server named by the settings: the embedded dev server, or a
 * cluster / Temporal Cloud (TLS client certificate or API key, in the Temporal conventions).
 * Every client speaks through the payload codec, with the keys the settings name.
 */
import { Client, Connection } from '@temporalio/client';
import { loadedDataConverter } from '../codec/data-converter';
import { KeyRing } from '../codec/keys';
import type { Settings } from '../config/settings';

/** The address and credentials of the server; shared with the worker's connection (worker-connection.ts). */
export function connectionOptions(settings: Settings) {
  const t = settings.temporal;
  if (t.mode === 'embedded') return { address: t.address };
  return { ...t.connect.connectionOptions, address: t.address };
}

/** The process's encryption keys, read (or, on the embedded default, generated) once. */
const keyRings = new Map<string, KeyRing>();
export function loadKeys(settings: Settings): KeyRing {
  const id = JSON.stringify(settings.encryption);
  let keys = keyRings.get(id);
  if (!keys) keyRings.set(id, (keys = KeyRing.load(settings.encryption)));
  return keys;
}

export async function connectClient(settings: Settings, keys: KeyRing = loadKeys(settings)): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(settings));
  return new Client({
    connection,
    namespace: settings.temporal.namespace,
    dataConverter: loadedDataConverter(keys),
  });
}
