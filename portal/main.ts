/**
 * `npm run portal`: one more portal instance, anywhere, with the same settings as the engine's.
 * Instances share nothing but Temporal and the store, so a load balancer may send any request to
 * any of them. SIGINT / SIGTERM close it after the requests in hand.
 */
import { loadDirectory } from '../config/directory';
import { ConfigError, saidAtStart } from '../config/problems';
import { loadSettings } from '../config/settings';
import { storeFor } from '../store/store';
import { startPortal } from './start';

async function main(): Promise<void> {
  const settings = loadSettings();
  const directory = loadDirectory(settings.directoryFile);
  const store = storeFor(settings);
  await store.ready();
  const portal = await startPortal({ settings, directory, store });
  console.log(`Portal:            ${portal.url}  (links in mail: ${settings.portal.publicUrl})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void portal
        .stop()
        .then(() => store.close())
        .finally(() => process.exit(0));
    });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? saidAtStart(err) : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
