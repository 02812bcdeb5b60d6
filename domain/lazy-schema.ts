import { z } from 'zod';

/**
 * A schema that is built on the first value it checks, and not while its field is absent; it
 * checks exactly as the loaded schema does, with the same issues at the same paths. A workflow
 * builds its own copy of every schema it loads (workflows/index.ts), so a schema that most runs
 * never meet should not be built by each of them. `z.lazy` cannot do this under `.optional()`:
 * the optional asks its inner schema whether it is optional itself, and that builds it.
 */
export function builtOnFirstUse<S extends z.ZodType>(load: () => S): S {
  let schema: S | undefined;
  const checked = z.unknown().transform((value, ctx) => {
    const result = (schema ??= load()).safeParse(value);
    if (result.success) return result.data;
    // As they are, message and all: the object around puts its key before each path.
    for (const issue of result.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });
  return checked as unknown as S; // parses as S does; only its building is deferred
}
