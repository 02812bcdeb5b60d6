/**
 * The codec server of the Temporal Web UI (POST /encode, POST /decode, as the Temporal codec-server
 * protocol has them: `{ payloads: [{ metadata: {k: base64}, data: base64 }] }` in and out). It
 * decrypts for operators only: a bearer token, or the cookie that GET/POST /sign-in sets from the
 * same token, for the browser. CORS admits the Web UI's origin and no other. `codecRoutes` is a
 * Fastify plugin so that the portal can mount the same routes later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import fastifyFormbody from '@fastify/formbody';
import type { Payload } from '@temporalio/common';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { KeyRing } from './keys';
import { EncryptionCodec } from './payload-codec';

export interface CodecRoutesOptions {
  keys: KeyRing;
  operatorToken: string;
  /** Exact origins allowed to call from a browser, e.g. http://127.0.0.1:8233 (the Web UI). */
  allowedOrigins: string[];
}

const COOKIE = 'convene_operator';
const SESSION_HOURS = 12;

const JsonPayloads = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), z.string()).nullish(),
      data: z.string().nullish(),
    }),
  ),
});
type JsonPayloads = z.infer<typeof JsonPayloads>;

function fromJson(body: JsonPayloads): Payload[] {
  return body.payloads.map((p) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
    data: p.data ? Buffer.from(p.data, 'base64') : undefined,
  }));
}

function toJson(payloads: Payload[]): JsonPayloads {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: p.data ? Buffer.from(p.data).toString('base64') : undefined,
    })),
  };
}

/** The cookie holds a MAC of the token, not the token: a leaked cookie does not give the token away. */
function sessionValue(token: string): string {
  return createHmac('sha256', token).update('convene codec-server session').digest('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isOperator(request: FastifyRequest, token: string): boolean {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return sameSecret(bearer, token);
  const cookie = readCookie(request.headers.cookie, COOKIE);
  return cookie !== undefined && sameSecret(cookie, sessionValue(token));
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (only the UI's own site sends it), Secure over TLS. */
function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`]
    .concat(secure ? ['Secure'] : [])
    .join('; ');
}

export const codecRoutes: FastifyPluginAsync<CodecRoutesOptions> = async (app, options) => {
  const codec = new EncryptionCodec(options.keys);
  const allowed = new Set(options.allowedOrigins);
  await app.register(fastifyFormbody);
  await app.register(fastifyCors, {
    origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['content-type', 'x-namespace', 'authorization'],
    maxAge: 600,
  });

  for (const direction of ['encode', 'decode'] as const) {
    app.post(`/${direction}`, async (request, reply) => {
      const origin = request.headers.origin;
      if (origin !== undefined && !allowed.has(origin)) {
        return reply.code(403).send({ error: `Origin ${origin} may not use this codec server.` });
      }
      if (!isOperator(request, options.operatorToken)) {
        return reply.code(401).send({
          error:
            'Only operators may use the codec server: sign in at /sign-in with the operator token, or send Authorization: Bearer <token>.',
        });
      }
      const body = JsonPayloads.safeParse(request.body);
      if (!body.success) {
        return reply
          .code(400)
          .send({ error: 'The body must be { "payloads": [{ "metadata": {…}, "data": "base64" }] }.' });
      }
      const payloads = fromJson(body.data);
      try {
        return toJson(direction === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads));
      } catch (err) {
        return reply.code(422).send({ error: (err as Error).message });
      }
    });
  }

  app.get('/sign-in', async (_request, reply) => reply.type('text/html; charset=utf-8').send(signInPage()));
  app.post('/sign-in', async (request, reply) => {
    const token = z.object({ token: z.string() }).safeParse(request.body);
    if (!token.success || !sameSecret(token.data.token.trim(), options.operatorToken)) {
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .send(signInPage('That is not the operator token.'));
    }
    return reply
      .header(
        'set-cookie',
        sessionCookie(
          sessionValue(options.operatorToken),
          SESSION_HOURS * 3600,
          request.protocol === 'https',
        ),
      )
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Signed in',
          `<p>This browser may now decode payloads in the Temporal Web UI for ${SESSION_HOURS} hours.</p>`,
        ),
      );
  });
  app.post('/sign-out', async (request, reply) =>
    reply
      .header('set-cookie', sessionCookie('', 0, request.protocol === 'https'))
      .type('text/html; charset=utf-8')
      .send(page('Signed out', '<p>Signed out.</p>')),
  );
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · convene codec server</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function signInPage(problem?: string): string {
  return page(
    'Operator sign-in',
    `${problem ? `<p role="alert">${problem}</p>` : ''}
<form method="post" action="/sign-in">
  <label for="token">Operator token (<code>data/operator-token</code>, or CONVENE_OPERATOR_TOKEN)</label>
  <input id="token" name="token" type="password" autocomplete="off" required>
  <button type="submit">Sign in</button>
</form>`,
  );
}

export interface RunningCodecServer {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The codec server standing alone, on 127.0.0.1 unless told otherwise. */
export async function startCodecServer(
  options: CodecRoutesOptions & { port: number; host?: string },
): Promise<RunningCodecServer> {
  const app = Fastify({ logger: false });
  await app.register(codecRoutes, options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://${host}:${port}`, app, close: () => app.close() };
}
