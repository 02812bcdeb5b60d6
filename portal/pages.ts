/**
 * What every route of the portal shares: the parts an instance is built from, the cookies, and
 * how a page is shown (labels, the viewer, the CSRF token). Apart from server.ts, so that routes
 * and the server need not import each other.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Client } from '@temporalio/client';
import type { KeyRing } from '../codec/keys';
import type { StandingCommitteeConfig } from '../config/committee';
import type { Directory } from '../config/directory';
import type { Ledger } from '../notifications/ledger';
import type { MailTransport } from '../notifications/outgoing';
import type { Store } from '../store/store';
import type { UpdateDefinition } from '@temporalio/common';
import { rejectionOf } from '../clients/rejections';
import type { RejectionCode } from '../domain/rejection';
import { formatTime } from '../i18n/dates';
import type { DocumentStore } from '../store/documents';
import { label, languageChoices, translatorFor, type LabelKey, type Language } from './labels';
import type { People, Person } from './people';
import { executeUpdate } from '../clients/updates';
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
  /** The rendered agendas and reports (sealed at rest), read for the focal points' pages. */
  documents: DocumentStore;
  /** The standing committee's workflow (ideas), as the engine names it. */
  committeeWorkflowId: string;
  /** The payload codec's keys: uploads are sealed at rest with them. */
  keys: KeyRing;
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
/** The language a person chose with the switch; without it, their directory language. */
export const LANGUAGE_COOKIE = 'convene_lang';

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
    person?: Person;
    /** The key the CSRF token of this browser's forms is bound to, and that token. */
    csrfKey: string;
    csrfToken: string;
    /** The pages' language: the switch's choice, else the person's, else English. */
    language: Language;
    /** A POST's fields as typed (before the schema parsed them), to fill a form again beside a refusal. */
    typed: Record<string, string>;
  }
  interface FastifyContextConfig {
    /**
     * A form the route's schema refuses: the route shows its page with the schema's sentence beside
     * the action, as it shows an Update's refusal. Without it, a page that names the field and rule.
     */
    onInvalid?: (request: FastifyRequest, reply: FastifyReply, message: string) => Promise<unknown>;
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

export function languageOf(request: FastifyRequest): Language {
  return request.language || 'en';
}

export function t(request: FastifyRequest, key: LabelKey, values?: Record<string, string | number>): string {
  return label(languageOf(request), key, values);
}

/** Times as the viewer reads them: in their language and zone, and in the meeting's zone. */
export function timeFor(request: FastifyRequest, meetingZone: string) {
  const reader = translatorFor(languageOf(request));
  const zone = request.person?.timeZone ?? meetingZone;
  return (instant: string) => formatTime(reader, instant, zone, meetingZone);
}

export type Outcome<R> = { result: R } | { refusal: { code: RejectionCode; message: string } };

/** An Update on a workflow, as the CLI sends it; a refusal comes back as data, to show beside the action. */
export async function act<R, A>(
  portal: Portal,
  request: FastifyRequest,
  workflowId: string,
  update: UpdateDefinition<R, [A]>,
  arg: A,
): Promise<Outcome<R>> {
  try {
    const handle = portal.deps.client.workflow.getHandle(workflowId);
    return { result: await executeUpdate(handle, update, { args: [arg] }) };
  } catch (err) {
    // The refusal's sentence in the signed-in person's language.
    const rejection = rejectionOf(err, translatorFor(languageOf(request)));
    if (rejection) return { refusal: { code: rejection.code, message: rejection.message } };
    throw err;
  }
}

/** The HTTP status a refusal is shown with. */
export const STATUS_OF_REFUSAL: Record<RejectionCode, number> = {
  'wrong-actor': 403,
  'conflict-of-interest': 403,
  'invalid-payload': 422,
  'wrong-phase': 409,
  duplicate: 409,
  'not-found': 404,
  'too-late': 409,
  conflict: 409,
};

/** A page that says why not, sent at once (the caller returns `reply`). */
export async function refuse(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  text: string,
): Promise<undefined> {
  const html = await show(reply.code(status), request, 'message', { title: text, text });
  reply.send(html);
  return undefined;
}

/** Renders a page with what every page needs: labels, the viewer, the CSRF token. */
export function show(
  reply: FastifyReply,
  request: FastifyRequest,
  template: string,
  data: Record<string, unknown>,
): Promise<string> {
  const reader = translatorFor(languageOf(request));
  return reply.type('text/html; charset=utf-8').viewAsync(template, {
    t: (key: LabelKey, values?: Record<string, string | number>) => t(request, key, values),
    lang: reader.language,
    dir: reader.dir,
    languages: languageChoices(),
    here: request.url.split('?')[0],
    viewer: request.person,
    csrf: request.csrfToken,
    ...data,
  });
}
