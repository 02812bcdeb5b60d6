/**
 * The workflow's clock against the plan's calendar. A real cycle waits for the planned instants as
 * they are; a rehearsal plays the same plan faster: the call for inputs happens when the rehearsal
 * starts, and every later instant comes `factor` times sooner. Pure arithmetic, safe in workflows.
 */
export interface TimeMapping {
  /** A planned instant (ms) that maps to `clockAnchorMs`. */
  planAnchorMs: number;
  clockAnchorMs: number;
  /** Clock milliseconds per planned millisecond: 1 for a real cycle. */
  factor: number;
}

export const REAL_TIME: TimeMapping = { planAnchorMs: 0, clockAnchorMs: 0, factor: 1 };

export function rehearsalMapping(
  planAnchorMs: number,
  clockAnchorMs: number,
  secondsPerDay: number,
): TimeMapping {
  return { planAnchorMs, clockAnchorMs, factor: secondsPerDay / 86_400 };
}

/** When, on the workflow's clock, a planned instant happens. */
export function toClock(m: TimeMapping, planIso: string): number {
  return m.clockAnchorMs + (Date.parse(planIso) - m.planAnchorMs) * m.factor;
}

/** What planned instant the workflow's clock stands for now. */
export function toPlan(m: TimeMapping, clockMs: number): string {
  return new Date(m.planAnchorMs + (clockMs - m.clockAnchorMs) / m.factor).toISOString();
}
