/**
 * Sign-in links: a random token mailed to the person, of which the store keeps only the sha256.
 * A link names where to go afterwards, lives 20 minutes and is used once, on any instance: the
 * consuming statement is a single conditional update, so of two instances only one succeeds.
 */
import type { Store } from '../store/store';
import { randomToken, sha256 } from './tokens';

export const SIGN_IN_LINK_MINUTES = 20;

export interface PendingLink {
  email: string;
  nextPath: string;
}

export class SignInLinks {
  constructor(private readonly store: Store) {}

  /** A new link's token, for the mail; only its hash is stored. */
  async issue(email: string, nextPath: string): Promise<string> {
    const token = randomToken();
    await this.store.query(
      `insert into portal_sign_in_links (token_sha256, email, next_path, expires_at)
       values ($1, $2, $3, now() + make_interval(mins => $4))`,
      [sha256(token), email, nextPath, SIGN_IN_LINK_MINUTES],
    );
    return token;
  }

  /** What an unused, unexpired link is for, without using it up (mail scanners open links). */
  async peek(token: string): Promise<PendingLink | undefined> {
    const [row] = await this.store.query<{ email: string; next_path: string }>(
      `select email, next_path from portal_sign_in_links
       where token_sha256 = $1 and used_at is null and expires_at > now()`,
      [sha256(token)],
    );
    return row && { email: row.email, nextPath: row.next_path };
  }

  /** Uses the link up; undefined when it is unknown, expired or already used. */
  async consume(token: string): Promise<PendingLink | undefined> {
    const [row] = await this.store.query<{ email: string; next_path: string }>(
      `update portal_sign_in_links set used_at = now()
       where token_sha256 = $1 and used_at is null and expires_at > now()
       returning email, next_path`,
      [sha256(token)],
    );
    return row && { email: row.email, nextPath: row.next_path };
  }
}
