/**
 * Sign-in by mailed link. The request page answers the same whether the address is known or not;
 * only a known person is mailed. The link's GET shows a confirm page (mail scanners open links);
 * only the POST from that page uses it up and opens a session.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Email } from '../../domain/organization';
import { SIGN_IN_LINK_MINUTES } from '../sign-in-links';
import { mailSignInLink } from '../sign-in-mail';
import { cookieOptions, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, show, t, type Portal } from '../pages';
import type { SignInRecipient } from '../people';
import type { TypedApp } from './typed';

/** Where to go after sign-in: a path of this site only, never another host. */
export const NextPath = z
  .string()
  .regex(/^\/(?!\/)[A-Za-z0-9/_.-]*$/)
  .catch('/');

/** The form as typed: the address is checked in the handler, so its refusal shows beside the field. */
const SignInForm = z.object({ email: z.string().max(320).default(''), next: NextPath.default('/') });
const SignInQuery = z.object({ next: NextPath.default('/') });
/** A malformed token is answered like an unknown one (410), so no schema refuses it first. */
const TokenParams = z.object({ token: z.string().max(200) });
const Token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

export function registerSignInRoutes(app: TypedApp, portal: Portal): void {
  app.get('/sign-in', { schema: { querystring: SignInQuery } }, (request, reply) => {
    return show(reply, request, 'sign-in', { next: request.query.next, email: '', error: undefined });
  });

  app.post('/sign-in', { schema: { body: SignInForm } }, async (request, reply) => {
    const { next } = request.body;
    const parsed = Email.safeParse(request.body.email);
    if (!parsed.success) {
      return show(reply.code(422), request, 'sign-in', {
        next,
        email: request.body.email,
        error: t(request, 'signIn.invalidEmail'),
      });
    }
    const email = parsed.data;
    const allowed = await portal.rateLimits.allowSignIn(email, request.ip);
    if (!allowed) {
      return show(reply.code(429), request, 'sign-in', { next, email, error: t(request, 'signIn.tooMany') });
    }
    const recipient = await portal.people.signInRecipient(email);
    if (recipient) await sendLink(portal, recipient, next);
    return show(reply, request, 'message', {
      title: t(request, 'signIn.sent.title'),
      text: t(request, 'signIn.sent.body', { email, minutes: SIGN_IN_LINK_MINUTES }),
    });
  });

  app.get('/sign-in/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const token = Token.safeParse(request.params.token);
    const pending = token.success ? await portal.links.peek(token.data) : undefined;
    if (!pending) return linkGone(request, reply);
    return show(reply, request, 'sign-in-confirm', { token: token.data, email: pending.email });
  });

  app.post('/sign-in/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const token = Token.safeParse(request.params.token);
    const used = token.success ? await portal.links.consume(token.data) : undefined;
    if (!used) return linkGone(request, reply);
    const recipient = await portal.people.signInRecipient(used.email);
    const session = await portal.sessions.start(used.email, recipient?.language);
    reply.setCookie(SESSION_COOKIE, session.id, cookieOptions(portal, SESSION_MAX_AGE_SECONDS));
    return reply.redirect(used.nextPath, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.session) await portal.sessions.end(request.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });

  app.post('/sign-out-everywhere', async (request, reply) => {
    if (!request.session) return reply.redirect('/sign-in', 303);
    const count = await portal.sessions.endAll(request.session.email);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    request.person = undefined;
    return show(reply, request, 'message', {
      title: t(request, 'nav.signOutEverywhere'),
      text: t(request, 'signOut.everywhere.done', { count }),
    });
  });
}

async function sendLink(portal: Portal, to: SignInRecipient, next: string): Promise<void> {
  const token = await portal.links.issue(to.email, next);
  await mailSignInLink(portal.deps.mail, to, `${portal.deps.publicUrl}/sign-in/${token}`);
}

function linkGone(request: FastifyRequest, reply: FastifyReply) {
  return show(reply.code(410), request, 'message', {
    title: t(request, 'signIn.expired.title'),
    text: t(request, 'signIn.expired.body', { minutes: SIGN_IN_LINK_MINUTES }),
    link: { href: '/sign-in', text: t(request, 'signIn.expired.again') },
  });
}

/** A page that needs a person: to sign-in first, coming back here afterwards. */
export function requireSignIn(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.person) return true;
  const next = NextPath.parse(request.url.split('?')[0]);
  void reply.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
  return false;
}
