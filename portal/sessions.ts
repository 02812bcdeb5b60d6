/**
 * Sessions in the store, so any instance knows them and "sign out everywhere" ends them all. The
 * cookie carries a random id (signed by the portal's secret); the store keeps only its sha256.
 */
import type { Store } from '../store/store';
import { randomToken, sha256 } from './tokens';

export const SESSION_HOURS = 12;

export interface Session {
  /** The id in the cookie; also the key of the session's CSRF token. */
  id: string;
  email: string;
  /** The language the person reads, as found when they signed in (a chair's, from the cycle). */
  language?: string;
}

export class Sessions {
  constructor(private readonly store: Store) {}

  async start(email: string, language?: string): Promise<Session> {
    const id = randomToken();
    await this.store.query(
      `insert into portal_sessions (id_sha256, email, expires_at, language)
       values ($1, $2, now() + make_interval(hours => $3), $4)`,
      [sha256(id), email, SESSION_HOURS, language ?? null],
    );
    return language ? { id, email, language } : { id, email };
  }

  async find(id: string): Promise<Session | undefined> {
    const [row] = await this.store.query<{ email: string; language: string | null }>(
      `select email, language from portal_sessions
       where id_sha256 = $1 and ended_at is null and expires_at > now()`,
      [sha256(id)],
    );
    if (!row) return undefined;
    return row.language ? { id, email: row.email, language: row.language } : { id, email: row.email };
  }

  async end(id: string): Promise<void> {
    await this.store.query(`update portal_sessions set ended_at = now() where id_sha256 = $1`, [sha256(id)]);
  }

  /** Every session of the person, on every device. */
  async endAll(email: string): Promise<number> {
    const rows = await this.store.query(
      `update portal_sessions set ended_at = now() where email = $1 and ended_at is null returning 1`,
      [email],
    );
    return rows.length;
  }
}
