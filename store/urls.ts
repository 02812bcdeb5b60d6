/** The store's addresses, without loading PGlite or pg: settings and banners need only these. */

/** PGlite has one user and one database, both `postgres`, and asks for no password. */
export function embeddedStoreUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/** The URL without its password, for banners and error messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (unparseable)';
  }
}
