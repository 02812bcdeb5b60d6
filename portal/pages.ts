/**
 * What every route of the portal shares: the parts an instance is built from, the cookies, and
 * how a page is shown (labels, the viewer, the CSRF token). Apart from server.ts, so that routes
 * and the server need not import each other.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Client } from '@temporalio/client';
import type { StandingCommitteeConfig } from '../config/committee';
import type { Directory } from '../config/directory';
import type { Ledger } from '../notifications/ledger';
import type { MailTransport } from '../notifications/outgoing';
import type { Store } from '../store/store';
import { label, type LabelKey, type Language } from './labels';
import type { People, Person } from './people';
import type { RateLimits } from './rate-limit';
import { SESSION_HOURS, type Session, type Sessions } from './sessions';
import type { SignInLinks } from './sign-in-links';

export interface PortalDeps {
  client: Client;
  taskQueue: string;
  store: Store;
  directory: Directory;
  committee: StandingCommitteeConfig;
  mail: { transport: MailTransport; ledger: Ledger; from: string };
  publicUrl: string;
  sessionSecret: string;
}

/** What every route may use: the parts, built once per instance. */
export interface Portal {
  deps: PortalDeps;
  people: People;
  sessions: Sessions;
  links: SignInLinks;
  rateLimits: RateLimits;
}

export const SESSION_COOKIE = 'convene_session';
/** Before sign-in, forms are bound to this random id instead of a session. */
export const PRE_SESSION_COOKIE = 'convene_pre';

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
    person?: Person;
    /** The key the CSRF token of this browser's forms is bound to, and that token. */
    csrfKey: string;
    csrfToken: string;
  }
}

export function cookieOptions(portal: Portal, maxAgeSeconds: number | undefined) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: portal.deps.publicUrl.startsWith('https:'),
    signed: true,
    maxAge: maxAgeSeconds,
  };
}

export const SESSION_MAX_AGE_SECONDS = SESSION_HOURS * 3600;

export function languageOf(_request: FastifyRequest): Language {
  return 'en';
}

export function t(request: FastifyRequest, key: LabelKey, values?: Record<string, string | number>): string {
  return label(languageOf(request), key, values);
}

/** Renders a page with what every page needs: labels, the viewer, the CSRF token. */
export function show(
  reply: FastifyReply,
  request: FastifyRequest,
  template: string,
  data: Record<string, unknown>,
): Promise<string> {
  return reply.type('text/html; charset=utf-8').viewAsync(template, {
    t: (key: LabelKey, values?: Record<string, string | number>) => t(request, key, values),
    lang: languageOf(request),
    viewer: request.person,
    csrf: request.csrfToken,
    ...data,
  });
}
