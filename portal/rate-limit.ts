/**
 * Sign-in requests per address and per client, counted in the store so that every instance sees
 * the same count: a fixed window of one minute, the database's clock deciding the minute.
 */
import type { Store } from '../store/store';

export const SIGN_IN_REQUESTS_PER_MINUTE = 10;

export class RateLimits {
  constructor(
    private readonly store: Store,
    private readonly perMinute = SIGN_IN_REQUESTS_PER_MINUTE,
  ) {}

  /** Counts one request against every bucket; false when any of them is over its limit. */
  async allow(buckets: string[]): Promise<boolean> {
    const counts = await Promise.all(buckets.map((b) => this.hit(b)));
    return counts.every((n) => n <= this.perMinute);
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
