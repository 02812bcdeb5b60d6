/**
 * What every workflow shares (`preloadModules`, workflow-bundle.ts beside it): this module is loaded
 * once per V8 context before any workflow, and what it loads is kept in the shared module cache,
 * then deep-frozen.
 *
 * It names zod and uses it: zod declares itself free of side effects, so webpack drops a bare
 * `require('zod')` in the preload list as unused, and nothing would be shared. And it builds and
 * runs one schema of each common kind, passing and failing: zod sets its global configuration
 * (locale, memoizer) on the first schema it builds, which it could not do once frozen.
 */
import { z } from 'zod';

const warmUp = z
  .object({
    text: z.string().trim().min(1).max(10),
    kind: z.enum(['a', 'b']),
    at: z.iso.datetime({ offset: true }),
    email: z.email(),
    list: z.array(z.number().int()).optional(),
    choice: z.discriminatedUnion('k', [z.object({ k: z.literal('x') }), z.object({ k: z.literal('y') })]),
  })
  .strict();
warmUp.safeParse({
  text: 'ok',
  kind: 'a',
  at: '2026-01-01T00:00:00Z',
  email: 'a@example.org',
  choice: { k: 'x' },
});
warmUp.safeParse({ text: '', kind: 'c', at: 'no', email: 'no', list: ['x'], choice: { k: 'z' }, extra: 1 });

export const sharedZod = z;
