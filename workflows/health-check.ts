/**
 * `convene doctor`: one round trip through the server, a worker and the directory activity, so an
 * operator can see that the whole chain works (and which worker answered).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { DirectoryActivities } from '../activities/directory';
import type { HealthCheckResult, HealthCheckWorkflow } from './definitions/health-check';

const directory = proxyActivities<DirectoryActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export async function healthCheck(sampleIds: string[]): Promise<HealthCheckResult> {
  const ids = await directory.listOrganizationIds();
  const sample = await directory.getOrganizations(sampleIds.filter((id) => ids.includes(id)));
  return {
    organizations: ids.length,
    sample: sample.map((o) => ({ id: o.id, acronym: o.acronym, timeZone: o.headquarters.timeZone })),
  };
}

healthCheck satisfies HealthCheckWorkflow;
