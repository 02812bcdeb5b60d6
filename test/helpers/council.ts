/**
 * A Security Council session for the tests: a specification in `year` (each test file uses years
 * of its own, so workflow ids never meet on the shared server), resolved as `convene council start`
 * resolves it, and started on the test server.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import {
  councilSessionInput,
  loadCouncilAffairs,
  type CouncilSessionSpec,
} from '../../config/council-session';
import { loadDirectory } from '../../config/directory';
import type { CouncilSessionParams } from '../../domain/council-session';
import { workflowIds } from '../../domain/ids';
import type { Settings } from '../../config/settings';
import {
  COUNCIL_SESSION_WORKFLOW,
  type CouncilSessionWorkflow,
} from '../../workflows/definitions/council-session';

export const BRIEFERS = {
  au: 'briefer@au.example.org',
  eu: 'briefer@eu.example.org',
  oas: 'briefer@oas.example.org',
  las: 'briefer@las.example.org',
} as const;

const PARTNERS: Record<keyof typeof BRIEFERS, CouncilSessionSpec['partners'][number]> = {
  au: {
    organization: 'au',
    briefer: { name: 'Chairperson of the AU Commission', email: BRIEFERS.au, role: 'head' },
  },
  eu: {
    organization: 'eu',
    briefer: { name: 'Representative of the European Union', email: BRIEFERS.eu, role: 'representative' },
  },
  oas: {
    organization: 'oas',
    briefer: { name: 'Secretary General of the OAS', email: BRIEFERS.oas, role: 'head' },
  },
  las: {
    organization: 'las',
    briefer: { name: 'Secretary-General of the League', email: BRIEFERS.las, role: 'head' },
  },
};

/** A meeting on 17 October of `year`, 10:00–13:00 New York, Romania presiding. */
export function councilSpec(
  year: number,
  o: {
    partners?: Array<keyof typeof BRIEFERS>;
    replyBy?: string;
    reminderOffsets?: string[];
  } = {},
): CouncilSessionSpec {
  return {
    year,
    title: `Test meeting ${year} of the Security Council with regional and subregional organizations`,
    meeting: {
      start: `${year}-10-17T10:00`,
      end: `${year}-10-17T13:00`,
      timeZone: 'America/New_York',
      venue: 'Security Council Chamber, New York',
    },
    presidency: {
      member: 'Romania',
      month: `${year}-10`,
      actingFor: { name: 'Office of the Council presidency', email: 'presidency@council.example.org' },
    },
    councilMembers: ['Romania', 'France', 'Benin'],
    partners: (o.partners ?? ['au', 'eu', 'oas']).map((k) => PARTNERS[k]),
    replyBy: o.replyBy ?? `${year}-10-10T18:00`,
    reminderOffsets: o.reminderOffsets ?? ['P2D'],
    decisionEdition: String(year % 1000),
    illustrative: [],
  };
}

/** The workflow's input, from the trusted directory and Council affairs file of the test settings. */
export function councilInput(
  settings: Settings,
  spec: CouncilSessionSpec,
  rehearsal?: { secondsPerDay: number },
): CouncilSessionParams {
  const directory = loadDirectory(settings.directoryFile);
  return councilSessionInput(spec, `test session ${spec.year}`, {
    directory,
    affairs: loadCouncilAffairs(directory),
    now: new Date(),
    ...(rehearsal ? { rehearsal } : {}),
  });
}

export function startCouncilSession(
  client: Client,
  taskQueue: string,
  input: CouncilSessionParams,
): Promise<WorkflowHandle<CouncilSessionWorkflow>> {
  return client.workflow.start<CouncilSessionWorkflow>(COUNCIL_SESSION_WORKFLOW, {
    taskQueue,
    workflowId: workflowIds.councilSession(input.key),
    args: [input],
  });
}
