/**
 * The proof of issue 14: a whole cycle with distinctive texts everywhere a person writes (inputs,
 * a revision request, an agenda comment, the outcome, a decision and its progress report), on a
 * dev server whose history is a SQLite file; afterwards none of those texts is in that file, while
 * the workflow ids (clear on purpose) are, so the search itself is shown to work.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workflowIds } from '../../domain/ids';
import { freePort, startDevServer, type RunningDevServer } from '../../workers/dev-server';
import { reportProgressUpdate } from '../../workflows/definitions/decision-tracking';
import {
  approveAgendaUpdate,
  commentOnAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import { reviewInputUpdate, submitInputUpdate } from '../../workflows/definitions/working-group-input';
import { compressedCycle, FAST, GROUPS, ORGANIZER, sampleInput } from '../helpers/cycle';
import { storeFor } from '../../store/store';
import { eventually } from '../helpers/eventually';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

const SECRETS = {
  input: 'Zanzibar-7 draft position: a rapid deployment corridor through the Sahel',
  revision: 'Quillfeather asks that the budget annex name the donors',
  comment: 'Marrowdale objects to item three until the envoy reports',
  outcome: 'Obsidian accord: the partners agreed a joint mediation roster',
  decision: 'Establish the Vantablack liaison cell within six months',
  progress: 'Halcyon progress: four liaison officers seconded by the AU',
};

let dir: string;
let server: RunningDevServer;
let t: TestTemporal;
let stopped = false;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'convene-proof-'));
  server = await startDevServer({
    cliPath: process.env.CONVENE_TEST_TEMPORAL_CLI ?? 'temporal',
    port: await freePort(),
    namespace: 'default',
    dbFile: path.join(dir, 'temporal.sqlite'),
  });
  t = await connectTestTemporal({ TEMPORAL_ADDRESS: server.address });
}, 120_000);
afterAll(async () => {
  if (stopped) return;
  await t?.close();
  await server?.stop();
});

test('after a whole cycle, no text a person wrote is in the Temporal server’s SQLite file, nor in the store', async () => {
  // A comment period long enough to comment in before approving, on a loaded machine.
  const input = compressedCycle(t.settings, 150, {
    ...FAST,
    meetingIn: 50,
    callForInputs: 49,
    inputDeadline: 34,
    consolidationEnd: 30,
    commentPeriodEnd: 16,
    invitations: 12,
    reminders: [20, 10],
  });
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await t.client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: workflowIds.cycle(input.editionKey),
      args: [input],
    });
    for (const [i, g] of GROUPS.entries()) {
      const group = t.client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, g.id));
      const content = { ...sampleInput(g.id), summary: `${SECRETS.input} (${g.id})` };
      await eventually(
        () => group.executeUpdate(submitInputUpdate, { args: [{ as: g.chair, input: content }] }),
        {
          timeout: 20_000,
          what: `${g.id} accepting inputs`,
        },
      );
      if (i === 0) {
        await group.executeUpdate(reviewInputUpdate, {
          args: [{ as: ORGANIZER, decision: 'revise', version: 1, comments: SECRETS.revision }],
        });
        await group.executeUpdate(submitInputUpdate, { args: [{ as: g.chair, input: content }] });
      }
      await group.executeUpdate(reviewInputUpdate, {
        args: [{ as: ORGANIZER, decision: 'accept', version: i === 0 ? 2 : 1 }],
      });
    }
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment', {
      timeout: 40_000,
      what: 'the draft agenda',
    });
    await cycle.executeUpdate(commentOnAgendaUpdate, {
      args: [{ as: 'focal.point@eu.example.org', text: SECRETS.comment }],
    });
    await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'awaiting-outcome', {
      timeout: 60_000,
      what: 'the meeting to end',
    });
    await cycle.executeUpdate(recordOutcomeUpdate, {
      args: [
        {
          as: ORGANIZER,
          summary: SECRETS.outcome,
          decisions: [
            {
              ref: '1',
              text: SECRETS.decision,
              area: 'peacekeeping',
              lead: 'au',
              responsible: ['eu'],
              dueDate: '2030-12-31T00:00:00Z',
            },
          ],
        },
      ],
    });
    await cycle.result();
    const decision = t.client.workflow.getHandle(workflowIds.decision(input.editionKey, '1'));
    await eventually(
      () =>
        decision.executeUpdate(reportProgressUpdate, {
          args: [
            { as: 'focal.point@au.example.org', reportId: 'p1', percent: 30, narrative: SECRETS.progress },
          ],
        }),
      { timeout: 20_000, what: 'the decision taking reports' },
    );
    await decision.terminate('proof over');
  });
  // The shared store holds the cycle's documents and the ledger of its mail: sealed too.
  const store = storeFor(t.settings);
  const rows = [
    ...(await store.query('select * from documents')),
    ...(await store.query('select * from sent_ledger')),
  ];
  await store.close();
  expect(rows.length).toBeGreaterThan(10);
  const inStore = JSON.stringify(rows);
  expect(inStore).toContain(workflowIds.cycle(input.editionKey));
  expect(Object.entries(SECRETS).filter(([, text]) => inStore.includes(text.split(' ')[0]!))).toEqual([]);
  stopped = true;
  await t.close();
  await server.stop(); // the server writes its last pages to the file on the way out

  const files = readdirSync(dir).filter((f) => f.startsWith('temporal.sqlite'));
  const stored = Buffer.concat(files.map((f) => readFileSync(path.join(dir, f))));
  expect(stored.includes(workflowIds.cycle(input.editionKey))).toBe(true);
  expect(stored.includes(workflowIds.decision(input.editionKey, '1'))).toBe(true);
  const found = Object.entries(SECRETS).filter(([, text]) => stored.includes(text.split(' ')[0]!));
  expect(found.map(([where]) => where)).toEqual([]);
}, 240_000);
