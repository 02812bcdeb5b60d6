/**
 * What every workflow shares (`preloadModules`, workflow-bundle.ts beside it): this module is loaded
 * once per V8 context before any workflow, and what it loads is kept in the shared module cache,
 * deep-frozen. It names zod and uses it: zod declares itself free of side effects, so webpack drops
 * a bare `require('zod')` in the preload list as unused, and nothing would be shared.
 */
import { z } from 'zod';

export const sharedZod = z;
