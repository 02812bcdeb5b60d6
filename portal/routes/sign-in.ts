/**
 * Sign-in by mailed link. The request page answers the same whether the address is known or not;
 * only a known person is mailed. The link's GET shows a confirm page (mail scanners open links);
 * only the POST from that page uses it up and opens a session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Email } from '../../domain/organization';
import { SIGN_IN_LINK_MINUTES } from '../sign-in-links';
import { mailSignInLink } from '../sign-in-mail';
import { cookieOptions, SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, show, t, type Portal } from '../pages';
import { languageOf } from '../pages';

/** Where to go after sign-in: a path of this site only, never another host. */
export const NextPath = z
  .string()
  .regex(/^\/(?!\/)[A-Za-z0-9/_.-]*$/)
  .catch('/');

const SignInRequest = z.object({ email: Email, next: NextPath.optional() });
const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

export function registerSignInRoutes(app: FastifyInstance, portal: Portal): void {
  app.get('/sign-in', (request, reply) => {
    const next = NextPath.parse((request.query as { next?: unknown }).next ?? '/');
    return show(reply, request, 'sign-in', { next, email: '', error: undefined });
  });

  app.post('/sign-in', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const parsed = SignInRequest.safeParse(body);
    const next = NextPath.parse(body.next ?? '/');
    if (!parsed.success) {
      return show(reply.code(422), request, 'sign-in', {
        next,
        email: typeof body.email === 'string' ? body.email : '',
        error: t(request, 'signIn.invalidEmail'),
      });
    }
    const { email } = parsed.data;
    const allowed = await portal.rateLimits.allowSignIn(email, request.ip);
    if (!allowed) {
      return show(reply.code(429), request, 'sign-in', { next, email, error: t(request, 'signIn.tooMany') });
    }
    if (await portal.people.isKnown(email)) await sendLink(portal, request, email, next);
    return show(reply, request, 'message', {
      title: t(request, 'signIn.sent.title'),
      text: t(request, 'signIn.sent.body', { email, minutes: SIGN_IN_LINK_MINUTES }),
    });
  });

  app.get('/sign-in/:token', async (request, reply) => {
    const params = TokenParams.safeParse(request.params);
    const pending = params.success ? await portal.links.peek(params.data.token) : undefined;
    if (!pending) return linkGone(request, reply);
    return show(reply, request, 'sign-in-confirm', { token: params.data?.token, email: pending.email });
  });

  app.post('/sign-in/:token', async (request, reply) => {
    const params = TokenParams.safeParse(request.params);
    const used = params.success ? await portal.links.consume(params.data.token) : undefined;
    if (!used) return linkGone(request, reply);
    const session = await portal.sessions.start(used.email);
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

async function sendLink(portal: Portal, request: FastifyRequest, email: string, next: string): Promise<void> {
  const token = await portal.links.issue(email, next);
  const person = portal.people.configured(email);
  await mailSignInLink(
    portal.deps.mail,
    { email, name: person.name, language: languageOf(request) },
    `${portal.deps.publicUrl}/sign-in/${token}`,
  );
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
