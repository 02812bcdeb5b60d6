/** Every workflow the worker runs; the worker bundles this file. */
export { healthCheck } from './health-check';
