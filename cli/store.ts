/** The CLI's connection to the shared store: the same settings as the worker's. */
import { loadSettings } from '../config/settings';
import { storeFor, StoreUnavailableError, type Store } from '../store/store';
import { UserError } from './output';

export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = storeFor(loadSettings());
  try {
    await store.ready();
    return await fn(store);
  } catch (err) {
    if (err instanceof StoreUnavailableError) throw new UserError(err.message);
    throw err;
  } finally {
    await store.close();
  }
}
