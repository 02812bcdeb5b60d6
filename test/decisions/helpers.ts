/**
 * Decisions for tests: a real worker on the run's dev server with the real activities (mail to an
 * outbox folder of .eml files in a temp dir, visibility through the test client), a committee of its
 * own, and decisions whose cadences are compressed to seconds through the policy.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createCommitteeActivities } from '../../activities/committee';
import { createMailActivities } from '../../activities/mail';
import { loadStandingCommittee } from '../../config/committee';
import { loadDirectory } from '../../config/directory';
import type { Settings } from '../../config/settings';
import type { DecisionPolicyInput, DecisionSpecInput } from '../../domain/decision';
import type { DecisionTrackingInput } from '../../domain/decision-input';
import { workflowIds } from '../../domain/ids';
import { createTransport, type MailTransport } from '../../notifications';
import { SentLedger } from '../../store/sent-ledger';
import { storeFor } from '../../store/store';
import { createActivities } from '../../workers/worker';
import {
  decisionStatusQuery,
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import { readOutbox, type ReceivedMail } from '../helpers/outbox';
import { eventually } from '../helpers/eventually';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

export const ORGANIZER = 'amina.rahman@un.example.org';
export const CHAIR = 'jonas.berg@un.example.org';
export const MEMBER_EU = 'committee@eu.example.org';
export const MEMBER_AU = 'committee@au.example.org';
export const AU = 'focal.point@au.example.org';
export const AU_DEPUTY = 'deputy@au.example.org';
export const IGAD = 'focal.point@igad.example.org';
export const ECOWAS = 'focal.point@ecowas.example.org';
export const OUTSIDER = 'someone@nowhere.example.org';

/** Nothing happens on its own within a test unless the test asks for it. */
export const QUIET: DecisionPolicyInput = {
  reportCadence: 'PT1H',
  reportWindow: 'PT10M',
  dueSoonBefore: 'PT1S',
  escalation: [{ notify: 'lead', after: 'PT1H' }],
  stallAfter: 'PT2H',
};

export interface DecisionHarness {
  t: TestTemporal;
  dataDir: string;
  committeeId: string;
  /** A prefix that keeps this file's decision ids apart from other files' on the shared server. */
  prefix: string;
  start(options?: StartOptions): Promise<WorkflowHandle<DecisionTrackingWorkflow>>;
  outbox(): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface StartOptions {
  ref?: string;
  spec?: Partial<DecisionSpecInput>;
  policy?: DecisionPolicyInput;
  maxEventsPerRun?: number;
  /** Seconds from now to the due date. */
  dueIn?: number;
  /** As `decision import` starts it. */
  imported?: boolean;
}

export interface HarnessOptions {
  /** Wraps the outbox transport, e.g. to refuse an address for good. */
  wrapTransport?: (transport: MailTransport) => MailTransport;
}

export async function startHarness(options: HarnessOptions = {}): Promise<DecisionHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'convene-decisions-'));
  const t = await connectTestTemporal({ CONVENE_DATA_DIR: dataDir });
  const prefix = randomBytes(3).toString('hex');
  const committeeId = t.settings.committeeWorkflowId;
  const directory = loadDirectory(t.settings.directoryFile);
  const committeeDeps = {
    settings: t.settings,
    directory,
    committee: loadStandingCommittee(directory),
    client: () => Promise.resolve(t.client),
  };
  const mail = options.wrapTransport && mailOver(options.wrapTransport, t.settings);
  const worker: Worker = await t.createWorker({
    activities: {
      ...createActivities({ settings: t.settings, directory, client: committeeDeps.client }),
      ...createCommitteeActivities(committeeDeps),
      ...mail,
    },
  });
  const running = worker.run();
  let counter = 0;
  return {
    t,
    dataDir,
    committeeId,
    prefix,
    async start(options = {}) {
      const ref = `${prefix}-${options.ref ?? String(++counter)}`;
      const input = decisionInput(ref, options);
      return t.client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
        taskQueue: t.taskQueue,
        workflowId: workflowIds.decision(input.decision.edition, ref),
        args: [input],
      });
    },
    outbox: () => readOutbox(path.join(dataDir, 'outbox')),
    async close() {
      worker.shutdown();
      await running;
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real mail activity over a wrapped outbox transport. */
function mailOver(wrap: (transport: MailTransport) => MailTransport, settings: Settings) {
  return createMailActivities({
    transport: wrap(createTransport(settings.mail)),
    ledger: new SentLedger(storeFor(settings)),
    now: () => new Date(),
    from: settings.mail.from,
  });
}

export function decisionInput(ref: string, options: StartOptions = {}): DecisionTrackingInput {
  const now = Date.now();
  return {
    decision: {
      ref,
      edition: '7',
      meetingTitle: 'Seventh high-level meeting of the United Nations and regional organizations',
      text: 'A databank on conflict prevention capacities of partner organizations and the United Nations system should be established by the United Nations as a foundation for such a mechanism.',
      area: 'conflict-prevention',
      leadOrganization: 'au',
      responsibleOrganizations: ['igad', 'ecowas'],
      dueDate: new Date(now + (options.dueIn ?? 3600) * 1000).toISOString(),
      adoptedAt: new Date(now - 1000).toISOString(),
      ...options.spec,
    },
    organizers: [{ name: 'Amina Rahman', email: ORGANIZER }],
    policy: options.policy ?? QUIET,
    ...(options.maxEventsPerRun ? { maxEventsPerRun: options.maxEventsPerRun } : {}),
    ...(options.imported ? { imported: true } : {}),
  };
}

export function status(handle: WorkflowHandle<DecisionTrackingWorkflow>) {
  return handle.query(decisionStatusQuery);
}

/**
 * Waits until the workflow has done what it does on its own for now: its first task has run, and no
 * workflow task or activity is pending (only timers remain), so its history grows only when asked.
 */
export async function settled(handle: WorkflowHandle<DecisionTrackingWorkflow>): Promise<void> {
  await eventually(
    async () => {
      const { raw, historyLength } = await handle.describe();
      const idle = !raw.pendingWorkflowTask && !raw.pendingActivities?.length && !raw.pendingChildren?.length;
      return idle && historyLength > 3;
    },
    { what: `${handle.workflowId} to have nothing pending but timers` },
  );
}

export async function historyLength(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return history.events?.length ?? 0;
}

export function mailsAbout(mails: ReceivedMail[], ref: string): ReceivedMail[] {
  return mails.filter((m) => m.subject.includes(`decision ${ref}:`) || m.text.includes(`${ref}:`));
}
