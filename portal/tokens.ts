/**
 * The few cryptographic pieces of the portal: random tokens, their sha256 (what the store keeps, so
 * a copy of the store signs no one in) and the CSRF token, an HMAC of the session it protects.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits, URL-safe: a sign-in link's token or a session id. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The CSRF token of a form: bound to the browser's session (or pre-session) id by the secret. */
export function csrfTokenFor(secret: string, sessionKey: string): string {
  return createHmac('sha256', secret).update(`csrf\n${sessionKey}`).digest('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
