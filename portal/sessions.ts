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
/** Sessions read in one query at most. */
const READ_AT_MOST = 500;

interface SessionRow {
  email: string;
  language: string | null;
  expires_in_ms: number;
}

export interface Session {
  /** The id in the cookie; also the key of the session's CSRF token. */
  id: string;
  email: string;
  /** The language the person reads, as found when they signed in (a chair's, from the cycle). */
  language?: string;
}

export class Sessions {
  private readonly trusted = new Map<string, { session: Session; until: number }>();
  /** The reads of this turn of the event loop, not sent yet. */
  private gathering?: { hashes: Set<string>; rows: Promise<Map<string, SessionRow>> };

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
    const row = await this.read(hash);
    if (!row) return undefined;
    const session = row.language
      ? { id, email: row.email, language: row.language }
      : { id, email: row.email };
    this.trust(hash, session, Math.min(SESSION_TRUST_MS, Number(row.expires_in_ms)));
    return session;
  }

  /**
   * The open session with this hash, read together with every other asked for in the same turn of
   * the event loop: one query for them all. When many people's trust runs out at once (a hundred
   * chairs loading their page), a query each queued one behind the other in the embedded store,
   * which runs one at a time in this process, and the last page waited for all of them
   * (scripts/bench-portal.ts). Each answer is as fresh as its own query would have been.
   */
  private read(hash: string): Promise<SessionRow | undefined> {
    let batch = this.gathering;
    if (!batch) {
      const hashes = new Set<string>();
      const rows = new Promise<Map<string, SessionRow>>((resolve, reject) =>
        setImmediate(() => {
          if (this.gathering === batch) this.gathering = undefined;
          this.readAll([...hashes]).then(resolve, reject);
        }),
      );
      batch = this.gathering = { hashes, rows };
    }
    batch.hashes.add(hash);
    if (batch.hashes.size >= READ_AT_MOST) this.gathering = undefined; // the next ones start a batch of their own
    return batch.rows.then((rows) => rows.get(hash));
  }

  private async readAll(hashes: string[]): Promise<Map<string, SessionRow>> {
    const rows = await this.store.query<SessionRow & { id_sha256: string }>(
      `select id_sha256, email, language, extract(epoch from expires_at - now()) * 1000 as expires_in_ms
       from portal_sessions
       where id_sha256 = any($1::text[]) and ended_at is null and expires_at > now()`,
      [hashes],
    );
    return new Map(rows.map((r) => [r.id_sha256, r]));
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
