/**
 * Sessions in the store, so any instance knows them and "sign out everywhere" ends them all. The
 * cookie carries a random id (signed by the portal's secret); the store keeps only its sha256.
 */
import type { Store } from '../store/store';
import { randomToken, sha256 } from './tokens';

export const SESSION_HOURS = 12;

/**
 * How long an instance trusts a session it has just read from the store. A page then costs no
 * store round trip when the same person loads the next one (under load, the store's queries were
 * the portal's largest cost: scripts/bench-portal.ts). The price: a sign-out on another instance
 * takes effect here within this many milliseconds; on this instance, at once.
 */
export const SESSION_TRUST_MS = 5_000;
const TRUSTED_AT_MOST = 10_000;

export interface Session {
  /** The id in the cookie; also the key of the session's CSRF token. */
  id: string;
  email: string;
  /** The language the person reads, as found when they signed in (a chair's, from the cycle). */
  language?: string;
}

export class Sessions {
  private readonly trusted = new Map<string, { session: Session; until: number }>();

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
    const hash = sha256(id);
    const known = this.trusted.get(hash);
    if (known && known.until > Date.now()) return known.session;
    this.trusted.delete(hash);
    const [row] = await this.store.query<{ email: string; language: string | null; expires_in_ms: number }>(
      `select email, language, extract(epoch from expires_at - now()) * 1000 as expires_in_ms
       from portal_sessions
       where id_sha256 = $1 and ended_at is null and expires_at > now()`,
      [hash],
    );
    if (!row) return undefined;
    const session = row.language
      ? { id, email: row.email, language: row.language }
      : { id, email: row.email };
    this.trust(hash, session, Math.min(SESSION_TRUST_MS, Number(row.expires_in_ms)));
    return session;
  }

  private trust(hash: string, session: Session, forMs: number): void {
    if (this.trusted.size >= TRUSTED_AT_MOST) {
      const oldest = this.trusted.keys().next().value;
      if (oldest !== undefined) this.trusted.delete(oldest);
    }
    this.trusted.set(hash, { session, until: Date.now() + forMs });
  }

  async end(id: string): Promise<void> {
    const hash = sha256(id);
    this.trusted.delete(hash);
    await this.store.query(`update portal_sessions set ended_at = now() where id_sha256 = $1`, [hash]);
  }

  /** Every session of the person, on every device. */
  async endAll(email: string): Promise<number> {
    for (const [hash, { session }] of this.trusted) if (session.email === email) this.trusted.delete(hash);
    const rows = await this.store.query(
      `update portal_sessions set ended_at = now() where email = $1 and ended_at is null returning 1`,
      [email],
    );
    return rows.length;
  }
}
