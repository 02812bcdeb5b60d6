/** Temporal's runtime logs only warnings and errors during tests, as structured lines. */
import { Runtime } from '@temporalio/worker';
import { createLogger } from '../../workers/logging';

try {
  Runtime.install({ logger: createLogger('warn', { component: 'temporal-sdk' }) });
} catch {
  // Already installed by an earlier test file in this process: one runtime per process.
}
