/**
 * Sign-in requests per address and per client, counted in the store so that every instance sees
 * the same count: a fixed window of one minute, the database's clock deciding the minute.
 */
import type { Store } from '../store/store';

/** Per address: a person asks a few times at most; the eleventh in a minute is someone else. */
export const SIGN_IN_REQUESTS_PER_ADDRESS = 10;
/** Per client: an office behind one address signs in many people at once. */
export const SIGN_IN_REQUESTS_PER_CLIENT = 30;

export class RateLimits {
  constructor(private readonly store: Store) {}

  /** Counts one sign-in request against both of its buckets; false when either is over its limit. */
  async allowSignIn(email: string, client: string): Promise<boolean> {
    const [byAddress, byClient] = await Promise.all([
      this.hit(`address:${email}`),
      this.hit(`client:${client}`),
    ]);
    return byAddress <= SIGN_IN_REQUESTS_PER_ADDRESS && byClient <= SIGN_IN_REQUESTS_PER_CLIENT;
  }

  private async hit(bucket: string): Promise<number> {
    const [row] = await this.store.query<{ hits: number }>(
      `insert into portal_rate_limits (bucket, minute, hits) values ($1, date_trunc('minute', now()), 1)
       on conflict (bucket, minute) do update set hits = portal_rate_limits.hits + 1
       returning hits`,
      [bucket],
    );
    // Old windows are of no use; one statement now and then keeps the table small.
    if (Math.random() < 0.01) {
      await this.store.query(`delete from portal_rate_limits where minute < now() - interval '1 hour'`);
    }
    return row?.hits ?? Number.POSITIVE_INFINITY;
  }
}
