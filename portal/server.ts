/**
 * The portal's Fastify server: security headers, cookies, forms, the session and CSRF hooks, and
 * the routes. Stateless: everything it knows is in Temporal or the store, so any number of
 * instances serve the same people.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import view from '@fastify/view';
import { Eta } from 'eta';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { pathOf } from '../domain/issues';
import { typedBack } from './action-forms';
import { issueLine } from '../clients/issues';
import { knownLanguage, translatorFor } from './labels';
import { People } from './people';
import { RateLimits } from './rate-limit';
import { registerCommitteeRoutes } from './routes/committee';
import { registerCouncilRoutes } from './routes/council';
import { registerCycleRoutes } from './routes/cycles';
import { registerDecisionRoutes } from './routes/decisions';
import { registerUploads } from './papers';
import { registerFileRoutes } from './routes/files';
import { registerGroupRoutes } from './routes/groups';
import { registerLanguageRoutes } from './routes/language';
import { registerSignInRoutes } from './routes/sign-in';
import { Sessions } from './sessions';
import { SignInLinks } from './sign-in-links';
import { csrfTokenFor, randomToken, sameToken } from './tokens';
import {
  cookieOptions,
  LANGUAGE_COOKIE,
  languageOf,
  PRE_SESSION_COOKIE,
  SESSION_COOKIE,
  show,
  t,
  type Portal,
  type PortalDeps,
} from './pages';

export type { PortalDeps };

const VIEWS = path.join(__dirname, 'views');
const STYLESHEET = readFileSync(path.join(__dirname, 'static', 'portal.css'), 'utf8');

export async function buildPortal(deps: PortalDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, trustProxy: false, bodyLimit: 1024 * 1024 });
  // Params, query strings and forms are parsed by the routes' zod schemas, the domain's own.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const portal: Portal = {
    deps,
    people: new People(deps),
    sessions: new Sessions(deps.store),
    links: new SignInLinks(deps.store),
    rateLimits: new RateLimits(deps.store),
  };
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: deps.publicUrl.startsWith('https:'),
  });
  await app.register(cookie, { secret: deps.sessionSecret });
  await app.register(formbody);
  await registerUploads(app);
  await app.register(view, {
    engine: { eta: new Eta({ views: VIEWS, autoEscape: true, cache: true }) },
    root: VIEWS,
    viewExt: 'eta',
  });
  app.decorateRequest('csrfKey', '');
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('language', '');
  app.decorateRequest('typed', null as unknown as Record<string, string>);
  // Before validation: the schemas strip what they do not name, such as the form's `_csrf`.
  app.addHook('preValidation', (request, reply) => identify(portal, request, reply));
  app.addHook('preValidation', async (request, reply) => {
    if (request.method === 'POST') request.typed = typedBack(request.body);
    if (request.method === 'POST' && !csrfIsValid(portal, request)) {
      // A hook stops the request only by sending: returning a value would run the route anyway.
      const html = await show(reply.code(403), request, 'message', {
        title: t(request, 'error.csrf'),
        text: t(request, 'error.csrf'),
      });
      return reply.send(html);
    }
  });
  app.get('/static/portal.css', (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );
  const typed = app.withTypeProvider<ZodTypeProvider>();
  registerSignInRoutes(typed, portal);
  registerLanguageRoutes(typed, portal);
  registerGroupRoutes(typed, portal);
  registerCycleRoutes(typed, portal);
  registerDecisionRoutes(typed, portal);
  registerCommitteeRoutes(typed, portal);
  registerCouncilRoutes(typed, portal);
  registerFileRoutes(typed, portal);
  app.setNotFoundHandler((request, reply) =>
    show(reply.code(404), request, 'message', {
      title: t(request, 'error.notFound'),
      text: t(request, 'error.notFound'),
    }),
  );
  app.setErrorHandler((err: Error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      // A form a page of ours never sends (a hand-made request): say which field and rule.
      const reader = translatorFor(languageOf(request));
      const lines = err.validation.map((v) => {
        const { input: _value, ...params } = v.params ?? {};
        const where = pathOf(v.instancePath.split('/').filter(Boolean)) || '(form)';
        return issueLine({ ...params, where, code: v.keyword, message: v.message ?? '' }, reader);
      });
      const onInvalid = request.routeOptions.config.onInvalid;
      if (onInvalid) return onInvalid(request, reply.code(422), lines.join('; '));
      const text = t(request, 'error.rejected', { message: lines.join('; ') });
      return show(reply.code(422), request, 'message', { title: t(request, 'error.invalid'), text });
    }
    return show(reply.code(500), request, 'message', {
      title: t(request, 'error.unavailable', { message: '' }),
      text: t(request, 'error.unavailable', { message: err.message }),
    });
  });
  return app;
}

/** Who is asking: the session in the signed cookie, if it is still open in the store. */
async function identify(portal: Portal, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const id = unsigned(request, SESSION_COOKIE);
  const session = id ? await portal.sessions.find(id) : undefined;
  const chosen = knownLanguage(unsigned(request, LANGUAGE_COOKIE));
  if (session) {
    request.session = session;
    const configured = portal.people.configured(session.email);
    request.person = { ...configured, language: session.language ?? configured.language };
    request.language = chosen ?? request.person.language;
    bindForms(portal, request, `session:${session.id}`);
    return;
  }
  request.language = chosen ?? 'en';
  let pre = unsigned(request, PRE_SESSION_COOKIE);
  if (!pre) {
    pre = randomToken();
    reply.setCookie(PRE_SESSION_COOKIE, pre, cookieOptions(portal, undefined));
  }
  bindForms(portal, request, `pre:${pre}`);
}

function bindForms(portal: Portal, request: FastifyRequest, key: string): void {
  request.csrfKey = key;
  request.csrfToken = csrfTokenFor(portal.deps.sessionSecret, key);
}

/** The cookie's value if its signature holds; a tampered cookie counts as none. */
function unsigned(request: FastifyRequest, name: string): string | undefined {
  const raw = request.cookies[name];
  if (!raw) return undefined;
  const result = request.unsignCookie(raw);
  return result.valid && result.value ? result.value : undefined;
}

function csrfIsValid(portal: Portal, request: FastifyRequest): boolean {
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  return typeof sent === 'string' && Boolean(request.csrfKey) && sameToken(sent, request.csrfToken);
}
