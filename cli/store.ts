/** The CLI's connection to the shared store: the same settings as the worker's. */
import type { KeyRing } from '../codec/keys';
import { loadKeys } from '../workers/connect';
import { loadSettings } from '../config/settings';
import { storeFor, StoreUnavailableError, type Store } from '../store/store';
import { UserError } from './output';

/** The store the settings name, with the payload codec's keys (documents are sealed at rest). */
export async function withStore<T>(fn: (store: Store, keys: KeyRing) => Promise<T>): Promise<T> {
  const settings = loadSettings();
  const store = storeFor(settings);
  try {
    await store.ready();
    return await fn(store, loadKeys(settings));
  } catch (err) {
    if (err instanceof StoreUnavailableError)
      throw new UserError('cli.error.storeUnavailable', { url: err.url, reason: err.reason });
    throw err;
  } finally {
    await store.close();
  }
}
