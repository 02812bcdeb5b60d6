/**
 * Two machines, one store: two workers, each with a data folder of its own, share the task queue
 * and the store, and mail through a real SMTP server on loopback that greylists one recipient (451
 * on the first try). The machine that met the 451 goes away; the retry runs on the other, which
 * finds in the shared ledger what the first one sent. Every recipient gets the message once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import { loadDirectory } from '../../config/directory';
import type { Settings } from '../../config/settings';
import { workflowIds } from '../../domain/ids';
import { createActivities } from '../../workers/worker';
import {
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import { AU_DEPUTY, decisionInput, status } from '../decisions/helpers';
import { eventually } from '../helpers/eventually';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { smtpError, startLocalSmtp, type LocalSmtp } from '../notifications/local-smtp';

let t: TestTemporal;
let smtp: LocalSmtp;
let greylistedOnce: () => void;
const greylisted = new Promise<void>((resolve) => (greylistedOnce = resolve));

beforeAll(async () => {
  let first = true;
  smtp = await startLocalSmtp({
    onRcptTo(address, _session, callback) {
      if (address.address === AU_DEPUTY && first) {
        first = false;
        greylistedOnce();
        return callback(smtpError(451, '4.7.1 Greylisted, please try again later'));
      }
      callback();
    },
  });
  t = await connectTestTemporal({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A machine: the real activities, its own data folder, the shared settings otherwise. */
async function machine(name: string): Promise<{ worker: Worker; running: Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `convene-${name}-`));
  const settings: Settings = {
    ...t.settings,
    dataDir,
    mail: { ...t.settings.mail, outboxDir: path.join(dataDir, 'outbox') },
  };
  const directory = loadDirectory(settings.directoryFile);
  const client = () => Promise.resolve(t.client);
  const worker = await t.createWorker({
    activities: createActivities({ settings, directory, client }),
  });
  return { worker, running: worker.run() };
}

test('a retry on the other machine sends only to the greylisted recipient: everyone gets the message exactly once', async () => {
  const a = await machine('machine-a');
  const ref = `two-${randomBytes(3).toString('hex')}`;
  const input = decisionInput(ref, {
    policy: {
      reportCadence: 'PT2S',
      reportWindow: 'PT10M',
      dueSoonBefore: 'PT1S',
      escalation: [{ notify: 'lead', after: 'PT1H' }],
      stallAfter: 'PT2H',
    },
  });
  const handle = await t.client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
    taskQueue: t.taskQueue,
    workflowId: workflowIds.decision(input.decision.edition, ref),
    args: [input],
  });

  // Machine A sends the first progress request; the deputy's server says 451; A goes away.
  await greylisted;
  const b = await machine('machine-b');
  a.worker.shutdown();
  await a.running;

  // The first request, as the decision recorded it before sending: who it goes to.
  const notice = await eventually(
    async () => (await status(handle)).notices.find((n) => n.kind === 'progress-request'),
    { what: 'the first progress request' },
  );
  const copiesTo = (email: string) => smtp.received.filter((r) => r.envelopeTo.includes(email));
  await eventually(() => Promise.resolve(notice.recipients.every((email) => copiesTo(email).length > 0)), {
    timeout: 60_000,
    what: 'machine B to send the greylisted copy',
  });
  const failures = (await status(handle)).mailFailures;
  b.worker.shutdown();
  await b.running;
  await handle.terminate('test done');

  expect(notice.recipients).toContain(AU_DEPUTY);
  expect(notice.recipients.length).toBeGreaterThan(1);
  // Each copy has its own Message-ID (key and recipient): none reached the server twice.
  const ids = smtp.received.map((r) => r.mail.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(failures).toEqual([]);
}, 120_000);
