import { eventually } from '../helpers/eventually';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  approveAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
} from '../../workflows/definitions/preparation-cycle';
import { reviewInputUpdate, submitInputUpdate } from '../../workflows/definitions/working-group-input';
import { compressedCycle, FAST, GROUPS, groupOf, ORGANIZER, sampleInput, startCycle } from '../helpers/cycle';
import { mailTo, readOutbox } from '../helpers/outbox';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

/** A real worker process, as `npm run worker` starts it, on this test's task queue and data folder. */
function startWorkerProcess(): ChildProcess {
  const root = path.join(__dirname, '..', '..');
  // node itself with tsx's loader, not the tsx launcher: SIGKILL must reach the worker, and the
  // launcher would leave its child running on as an orphan.
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'workers', 'worker.ts')], {
    cwd: root,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: t.settings.temporal.address,
      CONVENE_TASK_QUEUE: t.taskQueue,
      CONVENE_DATA_DIR: t.settings.dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
}

test('the worker is killed in the middle of a cycle; a second worker takes over and the cycle completes with every input', async () => {
  // Generous timeline: the first worker bundles the workflows before it polls.
  const input = compressedCycle(t.settings, 401, {
    ...FAST,
    meetingIn: 70,
    callForInputs: 68,
    inputDeadline: 40,
    consolidationEnd: 34,
    commentPeriodEnd: 28,
    invitations: 26,
    reminders: [20, 10],
  });
  const first = startWorkerProcess();
  const exited = new Promise((resolve) => first.once('exit', resolve));
  const cycle = await startCycle(t, input);
  try {
    await eventually(
      async () => (await cycle.query(cycleStatusQuery)).groups.every((g) => g.deadline !== ''),
      { timeout: 30_000, what: 'the first worker to start every group' },
    );
    for (const g of GROUPS.slice(0, 3)) {
      await groupOf(t.client, input, g.id).executeUpdate(submitInputUpdate, {
        args: [{ as: g.chair, input: sampleInput(g.id) }],
      });
    }
  } finally {
    first.kill('SIGKILL');
    await exited;
  }

  const second = await t.createWorker();
  await second.runUntil(async () => {
    for (const g of GROUPS.slice(3)) {
      await groupOf(t.client, input, g.id).executeUpdate(submitInputUpdate, {
        args: [{ as: g.chair, input: sampleInput(g.id) }],
      });
    }
    for (const g of GROUPS) {
      await groupOf(t.client, input, g.id).executeUpdate(reviewInputUpdate, {
        args: [{ as: ORGANIZER, decision: 'accept', version: 1 }],
      });
    }
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment', {
      timeout: 40_000,
      what: 'the draft agenda',
    });
    await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'awaiting-outcome', {
      timeout: 40_000,
      what: 'the meeting to end',
    });
    await cycle.executeUpdate(recordOutcomeUpdate, { args: [{ as: ORGANIZER, decisions: [] }] });
    const final = await cycle.result();
    expect(final.phase).toBe('completed');
    expect(final.groups.map((g) => g.status)).toEqual(GROUPS.map(() => 'accepted'));
  });
  for (const g of GROUPS) {
    expect((await groupOf(t.client, input, g.id).result()).outcome).toBe('accepted');
  }
  // The sent-ledger kept the first worker's mail: each chair got one call for inputs, not two.
  const mail = await readOutbox(t.settings.mail.outboxDir);
  for (const g of GROUPS)
    expect(mailTo(mail, g.chair).filter((m) => /call for inputs/i.test(m.subject))).toHaveLength(1);
}, 150_000);
