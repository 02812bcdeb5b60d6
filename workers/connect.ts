/**
 * Connections to the Temporal server named by the settings: the embedded dev server, or a
 * cluster / Temporal Cloud (TLS client certificate or API key, in the Temporal conventions).
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Settings } from '../config/settings';

function connectionOptions(settings: Settings) {
  const t = settings.temporal;
  if (t.mode === 'embedded') return { address: t.address };
  return { ...t.connect.connectionOptions, address: t.address };
}

export async function connectClient(settings: Settings): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(settings));
  return new Client({ connection, namespace: settings.temporal.namespace });
}

export function connectWorkerConnection(settings: Settings): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(settings));
}
