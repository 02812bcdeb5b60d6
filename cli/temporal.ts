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
    throw new UserError(
      `Cannot reach Temporal at ${settings.temporal.address} (${(err as Error).message}).\n` +
        (settings.temporal.mode === 'embedded'
          ? 'Start the engine first: `npm start` (it runs the dev server), or set TEMPORAL_ADDRESS.'
          : 'Check TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and the TLS / API key settings.'),
    );
  }
  try {
    return await fn(client, settings);
  } finally {
    await client.connection.close();
  }
}
