/**
 * The contract of decision tracking (`decision-<edition>-<ref>`): the Updates people send a
 * decision and the record it answers with. Clients import this, never the workflow itself.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActionReceipt } from '../../domain/decision';
import type { DecisionTrackingInput } from '../../domain/decision-input';
import type { DecisionView } from '../../domain/decision-record';
import type {
  ClaimImplementedRequest,
  ExtendDueDateRequest,
  ReassignLeadRequest,
  ReportProgressRequest,
  SupersedeRequest,
  VerdictRequest,
  WithdrawRequest,
} from '../../domain/decision-requests';

export const reportProgressUpdate = defineUpdate<ActionReceipt, [ReportProgressRequest]>('reportProgress');
export const claimImplementedUpdate = defineUpdate<ActionReceipt, [ClaimImplementedRequest]>(
  'claimImplemented',
);
export const verifyUpdate = defineUpdate<ActionReceipt, [VerdictRequest]>('verify');
export const rejectClaimUpdate = defineUpdate<ActionReceipt, [VerdictRequest]>('rejectClaim');
export const extendDueDateUpdate = defineUpdate<ActionReceipt, [ExtendDueDateRequest]>('extendDueDate');
export const reassignLeadUpdate = defineUpdate<ActionReceipt, [ReassignLeadRequest]>('reassignLead');
export const withdrawUpdate = defineUpdate<ActionReceipt, [WithdrawRequest]>('withdraw');
export const supersedeUpdate = defineUpdate<ActionReceipt, [SupersedeRequest]>('supersede');
export const decisionStatusQuery = defineQuery<DecisionView>('status');

export const DECISION_TRACKING_WORKFLOW = 'decisionTracking';
export type DecisionTrackingWorkflow = (input: DecisionTrackingInput) => Promise<DecisionView>;
