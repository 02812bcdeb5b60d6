/**
 * Cycles for tests: a real specification resolved against the shipped directory, with its timeline
 * compressed to seconds through the policy (as an organizer could), starting now.
 */
import { temporal } from '@temporalio/proto';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { resolveCycleSpec } from '../../config/cycle-spec';
import { loadDirectory } from '../../config/directory';
import type { CycleInput } from '../../domain/cycle-input';
import type { Settings } from '../../config/settings';
import type { InputContent } from '../../domain/working-group';
import { workflowIds } from '../../domain/ids';
import {
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import type { WorkingGroupInputWorkflow } from '../../workflows/definitions/working-group-input';
import type { TestTemporal } from './temporal';

export const ORGANIZER = 'amina.rahman@un.example.org';

export const GROUPS = [
  {
    id: 'conflict-prevention',
    title: 'Conflict prevention',
    chair: 'grace.mwangi@igad.example.org',
    org: 'igad',
  },
  { id: 'peacemaking', title: 'Peacemaking', chair: 'henrik.larsen@osce.example.org', org: 'osce' },
  { id: 'peacekeeping', title: 'Peacekeeping', chair: 'kwame.asante@au.example.org', org: 'au' },
  { id: 'peacebuilding', title: 'Peacebuilding', chair: 'lucia.fernandez@oas.example.org', org: 'oas' },
  {
    id: 'disarmament',
    title: 'Disarmament and non-proliferation',
    chair: 'natasha.ivanova@cis.example.org',
    org: 'cis',
  },
  {
    id: 'protection-and-relief',
    title: 'Protection of civilians and disaster relief',
    chair: 'sione.tupou@pif.example.org',
    org: 'pif',
  },
] as const;

export interface CompressedTimeline {
  /** Seconds from now to the meeting start. */
  meetingIn: number;
  meetingLasts: number;
  /** Seconds before the meeting start (outcomeReportDue: after its end). */
  callForInputs: number;
  inputDeadline: number;
  consolidationEnd: number;
  commentPeriodEnd: number;
  invitations: number;
  outcomeReportDue: number;
  reminders: number[];
  graceSeconds: number;
}

export const FAST: CompressedTimeline = {
  meetingIn: 34,
  meetingLasts: 4,
  callForInputs: 33,
  inputDeadline: 20,
  consolidationEnd: 15,
  commentPeriodEnd: 11,
  invitations: 9,
  outcomeReportDue: 30,
  // Starting six groups and sending six calls for inputs takes a few seconds on two cores: the first
  // reminder must still be in the future when each group plans it.
  reminders: [8, 4],
  graceSeconds: 2,
};

/** A cycle's people, where a test needs other groups than the six above. */
export interface CycleShape {
  participants?: string[];
  workingGroups?: Array<{
    id: string;
    title: string;
    area: string;
    chair: { name: string; email: string; organization: string; language?: string };
    delegates?: Array<{ name: string; email: string; organization: string; language?: string }>;
    members: string[];
  }>;
  /**
   * A rehearsal of a meeting planned at this instant, played at the real pace (one day a day): the
   * plan's calendar is the given one, the clock's is the compressed timeline's.
   */
  rehearsalOf?: string;
}

export function compressedCycle(
  settings: Settings,
  edition: number,
  t: CompressedTimeline = FAST,
  shape: CycleShape = {},
): CycleInput {
  const now = Date.now();
  const start = new Date(shape.rehearsalOf ?? now + t.meetingIn * 1000);
  const end = new Date(start.getTime() + t.meetingLasts * 1000);
  const spec = {
    edition,
    title: `Test high-level meeting ${edition}`,
    meeting: {
      start: start.toISOString(),
      end: end.toISOString(),
      timeZone: 'America/New_York',
      venue: 'United Nations Headquarters, New York',
    },
    organizers: [{ name: 'Amina Rahman', email: ORGANIZER, organization: 'un' }],
    participants: shape.participants ?? ['au', 'igad', 'osce', 'oas', 'cis', 'pif', 'eu'],
    workingGroups:
      shape.workingGroups ??
      GROUPS.map((g) => ({
        id: g.id,
        title: g.title,
        area: g.title.toLowerCase(),
        // The chairs read English whatever their organization works in (the OAS in Spanish, the CIS
        // in Russian), so that the tests of the cycle read the mail's words in one language;
        // test/cycle/languages.test.ts is where languages differ.
        chair: { name: `Chair of ${g.title}`, email: g.chair, organization: g.org, language: 'en' },
        members: [g.org],
      })),
    timeline: {
      callForInputs: `PT${t.callForInputs}S`,
      inputDeadline: `PT${t.inputDeadline}S`,
      consolidationEnd: `PT${t.consolidationEnd}S`,
      commentPeriodEnd: `PT${t.commentPeriodEnd}S`,
      invitations: `PT${t.invitations}S`,
      outcomeReportDue: `PT${t.outcomeReportDue}S`,
      snapToBusinessDays: false,
    },
    reminders: { offsets: t.reminders.map((s) => `PT${s}S`), overdueGrace: `PT${t.graceSeconds}S` },
  };
  return resolveCycleSpec(spec, 'test cycle', {
    directory: loadDirectory(settings.directoryFile),
    holidays: loadHolidayCalendars(),
    now: new Date(now),
    defaults: settings.policies,
    ...(shape.rehearsalOf ? { rehearsal: { secondsPerDay: 86_400 } } : {}),
  });
}

/** Starts the cycle on the test file's queue, under its real workflow id. */
export function startCycle(t: Pick<TestTemporal, 'client' | 'taskQueue'>, input: CycleInput) {
  return t.client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
    taskQueue: t.taskQueue,
    workflowId: workflowIds.cycle(input.editionKey),
    args: [input],
  });
}

export function sampleInput(group: string, items = 1): InputContent {
  return {
    summary: `The ${group} group proposes its priorities for the meeting.`,
    agendaItems: Array.from({ length: items }, (_, i) => ({
      title: `${group} item ${i + 1}`,
      description: `Why ${group} item ${i + 1} matters to the partnership.`,
      area: group,
      durationMinutes: 30,
    })),
    draftRecommendations: [{ text: `Strengthen cooperation on ${group}.` }],
    attachments: [],
  };
}

/** Group handles of a cycle, by group id. */
export function groupOf(client: import('@temporalio/client').Client, input: CycleInput, group: string) {
  return client.workflow.getHandle<WorkingGroupInputWorkflow>(`hlm-${input.editionKey}-wg-${group}`);
}

type HasHistory = { fetchHistory(): Promise<{ events?: { eventType?: unknown }[] | null }> };

/**
 * Update events in a workflow's history (admitted, accepted, rejected, completed). A validator's
 * rejection must add none; timers and mail of a running cycle may add other events meanwhile.
 */
export async function updateEventCount(handle: HasHistory): Promise<number> {
  const { EventType } = temporal.api.enums.v1;
  const updateTypes = new Set<unknown>([
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_REJECTED,
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
  ]);
  return ((await handle.fetchHistory()).events ?? []).filter((e) => updateTypes.has(e.eventType)).length;
}
