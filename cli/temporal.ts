/** The CLI's connection to Temporal: the same settings as the worker's. */
import type { Client } from '@temporalio/client';
import { loadSettings, type Settings } from '../config/settings';
import { connectClient } from '../workers/connect';
import { UserError } from './output';

export async function withClient<T>(fn: (client: Client, settings: Settings) => Promise<T>): Promise<T> {
  const settings = loadSettings();
  let client: Client;
  try {
    client = await connectClient(settings);
  } catch (err) {
    throw new UserError('cli.error.temporalUnreachable', {
      address: settings.temporal.address,
      reason: (err as Error).message,
      mode: settings.temporal.mode === 'embedded' ? 'embedded' : 'remote',
    });
  }
  try {
    return await fn(client, settings);
  } finally {
    await client.connection.close();
  }
}
