/**
 * The language switch: a form on every page (it works without JavaScript). The choice is kept in
 * a cookie of this browser; without one, pages follow the person's language in the directory.
 */
import { z } from 'zod';
import { Language } from '../../domain/language';
import { cookieOptions, LANGUAGE_COOKIE, type Portal } from '../pages';
import { NextPath } from './sign-in';
import type { TypedApp } from './typed';

const LanguageForm = z.object({ lang: Language, back: NextPath.default('/') });
const A_YEAR_IN_SECONDS = 365 * 24 * 3600;

export function registerLanguageRoutes(app: TypedApp, portal: Portal): void {
  app.post('/language', { schema: { body: LanguageForm } }, (request, reply) => {
    reply.setCookie(LANGUAGE_COOKIE, request.body.lang, cookieOptions(portal, A_YEAR_IN_SECONDS));
    return reply.redirect(request.body.back, 303);
  });
}
