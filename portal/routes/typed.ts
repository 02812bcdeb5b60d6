/**
 * The portal's routes are typed by zod schemas (fastify-type-provider-zod): params, query strings
 * and forms are validated by the same schemas as the domain before a handler runs, and a handler
 * sees the parsed values with their types.
 */
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export type TypedApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
