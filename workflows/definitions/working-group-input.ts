/**
 * The contract of one working group's input (`hlm-<edition>-wg-<group>`), a child of the cycle.
 * Clients and the parent cycle import this, never the workflow itself.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { WorkingGroup } from '../../domain/cycle-input';
import type { DeliveryFailure } from '../../domain/delivery';
import type { Meeting } from '../../domain/messages';
import type { Participant } from '../../domain/people';
import type { PlannedReminder } from '../../domain/planning';
import type { TimeMapping } from '../../domain/time-mapping';
import type {
  CloseGroup,
  DeadlinesMoved,
  DecideExtensionRequest,
  ExtensionRequest,
  GroupResult,
  GroupState,
  GroupSummary,
  Receipt,
  RequestExtensionRequest,
  ReviewInputRequest,
  Submission,
  SubmitInputRequest,
} from '../../domain/working-group';

export type { GroupResult, GroupSummary };

export const submitInputUpdate = defineUpdate<Receipt, [SubmitInputRequest]>('submitInput');
export const requestExtensionUpdate = defineUpdate<ExtensionRequest, [RequestExtensionRequest]>(
  'requestExtension',
);
export const decideExtensionUpdate = defineUpdate<ExtensionRequest, [DecideExtensionRequest]>(
  'decideExtension',
);
export const reviewInputUpdate = defineUpdate<Submission, [ReviewInputRequest]>('reviewInput');
export const groupStatusQuery = defineQuery<GroupView>('status');
/** From the cycle: the meeting moved, so the deadlines did. */
export const deadlinesMovedSignal = defineSignal<[DeadlinesMoved]>('deadlinesMoved');
/** From the cycle: consolidation has closed (or the cycle was cancelled). */
export const closeSignal = defineSignal<[CloseGroup]>('close');
/** To the cycle: this group's summary changed. */
export const groupUpdatedSignal = defineSignal<[GroupSummary]>('groupUpdated');

export interface WorkingGroupArgs {
  edition: { number: number; title: string; key: string };
  meeting: Meeting;
  meetingZone: string;
  group: WorkingGroup;
  organizers: Participant[];
  deadline: string;
  lateUntil: string;
  reminderOffsets: string[];
  snapToBusinessDays: boolean;
  overdueGraceMs: number;
  mapping: TimeMapping;
  rehearsal: boolean;
  maxInputChars: number;
}

export interface GroupView extends GroupState {
  group: string;
  meetingZone: string;
  title: string;
  chair: string;
  /** Who may submit: the chair first, then the delegates, each with what they read (absent: English). */
  submitters: Array<{ email: string; name: string; language?: string }>;
  remindersPlanned: PlannedReminder[];
  deliveryFailures: DeliveryFailure[];
}

export const WORKING_GROUP_INPUT_WORKFLOW = 'workingGroupInput';
export type WorkingGroupInputWorkflow = (args: WorkingGroupArgs) => Promise<GroupResult>;
