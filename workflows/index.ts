/**
 * Every workflow the worker runs; the worker bundles this file.
 *
 * Each export loads its workflow's module when a workflow of that type starts, not when this file
 * is evaluated. The SDK evaluates the bundle's modules afresh for every workflow it loads into its
 * cache, so a plain re-export made each decision evaluate the cycle, the Council session and the
 * committee too, with every zod schema of theirs (measured with scripts/bench-workflow-load.ts: 52
 * modules per decision instead of 31, twice the CPU and three times the heap). A module evaluated
 * later in the same first activation changes no command: its top level only defines things.
 */
import type * as CouncilSession from './council-session';
import type * as DecisionTracking from './decision-tracking';
import type * as HealthCheck from './health-check';
import type * as PreparationCycle from './preparation-cycle';
import type * as StandingCommittee from './standing-committee';
import type * as WorkingGroupInput from './working-group-input';

/** The workflow function `load` returns, loaded on its first call. */
function loadedOnStart<F extends (...args: never[]) => Promise<unknown>>(load: () => F): F {
  return ((...args: Parameters<F>) => load()(...args)) as F;
}

/* eslint-disable @typescript-eslint/no-require-imports -- a require webpack resolves at build time, run only when called */
export const healthCheck = loadedOnStart(() => (require('./health-check') as typeof HealthCheck).healthCheck);
export const preparationCycle = loadedOnStart(
  () => (require('./preparation-cycle') as typeof PreparationCycle).preparationCycle,
);
export const workingGroupInput = loadedOnStart(
  () => (require('./working-group-input') as typeof WorkingGroupInput).workingGroupInput,
);
export const decisionTracking = loadedOnStart(
  () => (require('./decision-tracking') as typeof DecisionTracking).decisionTracking,
);
export const standingCommittee = loadedOnStart(
  () => (require('./standing-committee') as typeof StandingCommittee).standingCommittee,
);
export const councilSession = loadedOnStart(
  () => (require('./council-session') as typeof CouncilSession).councilSession,
);
/* eslint-enable @typescript-eslint/no-require-imports */
