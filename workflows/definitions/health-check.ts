/** The contract of `convene doctor`'s round trip (see workflows/health-check.ts). */
export interface HealthCheckResult {
  organizations: number;
  sample: { id: string; acronym: string; timeZone: string }[];
}

export const HEALTH_CHECK_WORKFLOW = 'healthCheck';
export type HealthCheckWorkflow = (sampleIds: string[]) => Promise<HealthCheckResult>;
