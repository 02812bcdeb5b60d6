/**
 * Nothing a person or a machine sends can break a cycle: a control character in an agenda title is
 * refused before history, mail that cannot go is recorded and the organizers are told, a hostile
 * signal changes nothing, and a second run under the same id sends its mail again.
 */
import { messageMeeting } from '../../domain/cycle-messages';
import type { CycleInput } from '../../domain/cycle-input';
import { workflowIds } from '../../domain/ids';
import { REAL_TIME } from '../../domain/time-mapping';
import {
  cycleStatusQuery,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import {
  groupStatusQuery,
  submitInputUpdate,
  WORKING_GROUP_INPUT_WORKFLOW,
  type WorkingGroupArgs,
  type WorkingGroupInputWorkflow,
} from '../../workflows/definitions/working-group-input';
import { compressedCycle, GROUPS, groupOf, ORGANIZER, sampleInput, updateEventCount } from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { mailTo, readOutbox } from '../helpers/outbox';
import { expectRejected } from '../helpers/rejections';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { smtpError, startLocalSmtp, type LocalSmtp } from '../notifications/local-smtp';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const peacekeeping = GROUPS[2];

function startCycle(input: CycleInput, client = t.client, taskQueue = t.taskQueue) {
  return client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
    taskQueue,
    workflowId: workflowIds.cycle(input.editionKey),
    args: [input],
  });
}

/** One group on its own, its deadline an hour away: nothing happens unless the test makes it. */
function groupArgs(input: CycleInput, groupId: string): WorkingGroupArgs {
  const group = input.workingGroups.find((g) => g.id === groupId)!;
  const now = Date.now();
  return {
    edition: { number: input.edition, title: input.title, key: input.editionKey },
    meeting: messageMeeting(input, { meeting: input.meeting, securityCouncil: input.securityCouncil }),
    meetingZone: input.meeting.timeZone,
    group,
    organizers: input.organizers,
    deadline: new Date(now + 3_600_000).toISOString(),
    lateUntil: new Date(now + 7_200_000).toISOString(),
    reminderOffsets: ['PT30M'],
    snapToBusinessDays: false,
    overdueGraceMs: 60_000,
    mapping: REAL_TIME,
    rehearsal: false,
    maxInputChars: input.maxInputChars,
  };
}

async function isRunning(handle: { describe(): Promise<{ status: { name: string } }> }) {
  return (await handle.describe()).status.name === 'RUNNING';
}

test('an agenda title of "\\u0007" is refused before history, naming the field and the rule', async () => {
  const input = compressedCycle(t.settings, 601);
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await startCycle(input);
    const group = groupOf(t.client, input, peacekeeping.id);
    await eventually(async () => (await group.query(groupStatusQuery)).status === 'awaiting-input', {
      timeout: 45_000,
      what: 'the group to be open',
    });
    const before = await updateEventCount(group);
    const bell = sampleInput('peacekeeping');
    bell.agendaItems[0]!.title = '\u0007';
    await expectRejected(
      group.executeUpdate(submitInputUpdate, { args: [{ as: peacekeeping.chair, input: bell }] }),
      'invalid-payload',
      /input\.agendaItems\.0\.title: must not contain control characters/,
    );
    expect(await updateEventCount(group)).toBe(before);
    expect(await isRunning(cycle)).toBe(true);
    await cycle.terminate('test done');
  });
});

describe('mail that cannot go is recorded and the organizers are told; the workflow goes on', () => {
  let smtp: LocalSmtp;
  let viaSmtp: TestTemporal;
  /** MAIL FROM commands the server still refuses with 553 (a setting problem: not retried). */
  let refuseSenders = 0;

  beforeAll(async () => {
    smtp = await startLocalSmtp({
      onMailFrom(_address, _session, callback) {
        if (refuseSenders > 0) {
          refuseSenders--;
          return callback(smtpError(553, 'Sender address not allowed'));
        }
        callback();
      },
    });
    viaSmtp = await connectTestTemporal({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await viaSmtp.close();
    await smtp.close();
  });

  test('a call for inputs the server refuses for our sender leaves the group open, in its status, and the organizer gets "mail not delivered"', async () => {
    const input = compressedCycle(viaSmtp.settings, 602);
    const args = groupArgs(input, peacekeeping.id);
    const recipients = new Set(
      [args.group.chair, ...args.group.delegates, ...args.group.members].map((p) => p.email),
    );
    refuseSenders = recipients.size; // every copy of the call for inputs; the alert after it goes
    const worker = await viaSmtp.createWorker();
    await worker.runUntil(async () => {
      const group = await viaSmtp.client.workflow.start<WorkingGroupInputWorkflow>(
        WORKING_GROUP_INPUT_WORKFLOW,
        {
          taskQueue: viaSmtp.taskQueue,
          workflowId: workflowIds.workingGroup(input.editionKey, peacekeeping.id),
          args: [args],
        },
      );
      const view = await eventually(
        async () => {
          const v = await group.query(groupStatusQuery);
          return v.deliveryFailures.length ? v : undefined;
        },
        { timeout: 20_000, what: 'the failure in the group status' },
      );
      expect(view.deliveryFailures[0]).toMatchObject({ kind: 'call-for-inputs' });
      expect(view.deliveryFailures[0]!.serverReply).toMatch(/553 Sender address not allowed/);
      const alert = await eventually(
        async () =>
          smtp.received.find(
            (r) => r.envelopeTo.includes(ORGANIZER) && /mail not delivered/.test(r.mail.subject ?? ''),
          ),
        { timeout: 20_000, what: 'the organizer told' },
      );
      expect(alert.mail.text).toMatch(/553 Sender address not allowed/);
      // Still open: the chair can submit, and the receipt comes back.
      const receipt = await group.executeUpdate(submitInputUpdate, {
        args: [{ as: peacekeeping.chair, input: sampleInput('peacekeeping') }],
      });
      expect(receipt.version).toBe(1);
      expect(await isRunning(group)).toBe(true);
      await group.terminate('test done');
    });
  });
});

test('hostile signals from a plain client leave every workflow running and unchanged', async () => {
  const input = compressedCycle(t.settings, 603);
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await startCycle(input);
    const group = groupOf(t.client, input, peacekeeping.id);
    await eventually(async () => (await group.query(groupStatusQuery)).status === 'awaiting-input', {
      timeout: 45_000,
      what: 'the group to be open',
    });
    const groupBefore = await group.query(groupStatusQuery);
    const hostile: Array<[typeof cycle | typeof group, string, unknown]> = [
      [group, 'deadlinesMoved', { deadline: 'x', lateUntil: 'y' }],
      [group, 'deadlinesMoved', { deadline: '2030-01-02T00:00:00Z', lateUntil: '2030-01-01T00:00:00Z' }],
      [group, 'deadlinesMoved', null],
      [group, 'close', { cancelled: 'yes' }],
      [group, 'close', 'now'],
      [cycle, 'groupUpdated', { id: peacekeeping.id, status: 'accepted' }],
      [cycle, 'groupUpdated', 42],
      [cycle, 'groupUpdated', { ...groupBefore, id: peacekeeping.id, status: 'exploded' }],
    ];
    for (const [target, name, payload] of hostile) await target.signal(name, payload);
    // A signal the workflow has seen is in its history; then its state can be compared.
    await eventually(
      async () => {
        const events = (await group.fetchHistory()).events ?? [];
        return events.filter((e) => e.workflowExecutionSignaledEventAttributes).length >= 5;
      },
      { timeout: 10_000, what: 'the signals delivered' },
    );
    await t.client.workflow.getHandle(cycle.workflowId).query(cycleStatusQuery); // a task has run since
    const groupAfter = await group.query(groupStatusQuery);
    expect(groupAfter.deadline).toBe(groupBefore.deadline);
    expect(groupAfter.lateUntil).toBe(groupBefore.lateUntil);
    expect(groupAfter.status).toBe('awaiting-input');
    const summary = (await cycle.query(cycleStatusQuery)).groups.find((g) => g.id === peacekeeping.id);
    expect(summary?.status).toBe('awaiting-input');
    expect(await isRunning(group)).toBe(true);
    expect(await isRunning(cycle)).toBe(true);
    await cycle.terminate('test done');
  });
});

test('a second run under the same cycle id (hlm-r7 rehearsed again) sends its call for inputs again', async () => {
  const input = compressedCycle(t.settings, 604);
  const chairCalls = async () =>
    mailTo(await readOutbox(t.settings.mail.outboxDir), peacekeeping.chair).filter((m) =>
      /^HLM 604 · .*call for inputs/.test(m.subject),
    ).length;
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    for (const run of [1, 2]) {
      const rerun = compressedCycle(t.settings, 604);
      const cycle = await startCycle(run === 1 ? input : rerun);
      await eventually(async () => (await chairCalls()) === run, {
        timeout: 25_000,
        what: `the call for inputs of run ${run}`,
      });
      await cycle.terminate('next run');
      await groupOf(t.client, input, peacekeeping.id)
        .terminate('next run')
        .catch(() => undefined);
    }
  });
});
