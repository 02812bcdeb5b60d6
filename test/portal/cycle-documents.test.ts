/**
 * After the comment period, the cycle's page is where its later mails lead: the invitation links to
 * the final agenda, and the outcome report's mail to the report, both read from the store. Against
 * the run's real Temporal server, a real worker, the real store and the outbox.
 */
import type { Worker } from '@temporalio/worker';
import { workflowIds } from '../../domain/ids';
import {
  approveAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
} from '../../workflows/definitions/preparation-cycle';
import { reviewInputUpdate, submitInputUpdate } from '../../workflows/definitions/working-group-input';
import {
  compressedCycle,
  GROUPS,
  ORGANIZER,
  sampleInput,
  startCycle,
  type CompressedTimeline,
} from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { mailTo, readOutbox, type ReceivedMail } from '../helpers/outbox';
import { startTestPortal, type TestPortal } from '../helpers/portal';

/** The whole cycle in under a minute: the draft agenda at about 10 s, the meeting at 40 s. */
const FAST: CompressedTimeline = {
  meetingIn: 40,
  meetingLasts: 3,
  callForInputs: 39,
  inputDeadline: 32,
  consolidationEnd: 30,
  commentPeriodEnd: 25,
  invitations: 20,
  outcomeReportDue: 60,
  reminders: [2],
  graceSeconds: 2,
};

const AU = 'focal.point@au.example.org';
const peacekeeping = GROUPS[2];

jest.setTimeout(150_000);

let p: TestPortal;
let worker: Worker;
let running: Promise<void>;
let cycleId: string;

beforeAll(async () => {
  p = await startTestPortal();
  worker = await p.t.createWorker();
  running = worker.run();
});

afterAll(async () => {
  await p.t.client.workflow
    .getHandle(cycleId)
    .terminate('test over')
    .catch(() => undefined);
  worker.shutdown();
  await running;
  await p.close();
});

const mailOf = (kind: string) =>
  eventually(
    async () => mailTo(await readOutbox(p.t.settings.mail.outboxDir), AU).find((m) => m.kind === kind),
    { timeout: 60_000, what: `the ${kind} mail to the AU focal point` },
  );
const linkIn = (mail: ReceivedMail) =>
  new RegExp(`${p.url.replace(/[.:/]/g, '\\$&')}/cycles/[^\\s"<>]+`).exec(mail.text)?.[0];

test('the invitation links to the cycle page with the final agenda; the report mail, to the outcome report', async () => {
  const input = compressedCycle(p.t.settings, 617, FAST);
  cycleId = workflowIds.cycle(input.editionKey);
  const cycle = await startCycle(p.t, input);
  const group = p.t.client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, peacekeeping.id));
  await eventually(
    () =>
      group.executeUpdate(submitInputUpdate, {
        args: [{ as: peacekeeping.chair, input: sampleInput(peacekeeping.id) }],
      }),
    { timeout: 30_000, what: 'the peacekeeping group taking inputs' },
  );
  await group.executeUpdate(reviewInputUpdate, { args: [{ as: ORGANIZER, decision: 'accept', version: 1 }] });
  await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment', {
    timeout: 60_000,
    what: 'the draft agenda open for comment',
  });
  await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });

  const invitation = await mailOf('invitation');
  expect(linkIn(invitation)).toBe(`${p.url}/cycles/${cycleId}`);
  const focal = await p.signIn(AU, `/cycles/${cycleId}`);
  const agendaPage = await focal.get(`/cycles/${cycleId}`);
  expect(agendaPage.status).toBe(200);
  expect(agendaPage.html).toContain('<h2 id="agenda-title">Final agenda</h2>');
  expect(agendaPage.html).toContain('peacekeeping item 1'); // the accepted input's item, from the store
  expect(agendaPage.html).not.toContain('id="outcome-report"'); // no report before the meeting

  await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'awaiting-outcome', {
    timeout: 60_000,
    what: 'the meeting held',
  });
  await cycle.executeUpdate(recordOutcomeUpdate, {
    args: [{ as: ORGANIZER, summary: 'The meeting agreed on joint early warning.', decisions: [] }],
  });
  const report = await mailOf('outcome-report');
  expect(linkIn(report)).toBe(`${p.url}/cycles/${cycleId}#outcome-report`);
  const reportPage = await focal.get(`/cycles/${cycleId}`);
  expect(reportPage.html).toContain('<h2 id="report-title">Outcome report</h2>');
  expect(reportPage.html).toContain('The meeting agreed on joint early warning.');
});
