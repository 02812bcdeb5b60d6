/** Every workflow the worker runs; the worker bundles this file. */
export { healthCheck } from './health-check';
export { preparationCycle } from './preparation-cycle';
export { workingGroupInput } from './working-group-input';
export { decisionTracking } from './decision-tracking';
export { standingCommittee } from './standing-committee';
export { councilSession } from './council-session';
