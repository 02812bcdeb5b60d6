/**
 * Issue 5's measures, on a dev server of its own (SQLite in a temporary folder) with one worker:
 *   1. the example cycle (20 organizations, 6 groups, one revision) run to completion on a compressed
 *      timeline: history events across the cycle and its children, and Temporal actions;
 *   2. the Update round trip of submitInput, p50/p99, against a bare echo Update on the same server:
 *      back to back (each call as soon as the last returned), then spaced (half a second apart,
 *      as chairs submit), alternating the two so that the machine's load falls on both alike;
 *   3. the same submitInput round trip through the payload codec (AES-256-GCM, as every deployment
 *      runs) against a client and worker without it, interleaved in the same run (goal ≤ 1.1×).
 *   npx tsx scripts/bench-cycle.ts [--updates 200]
 */
import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../codec/data-converter';
import type { loadSettings } from '../config/settings';
import { workflowIds } from '../domain/ids';
import {
  approveAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../workflows/definitions/preparation-cycle';
import {
  groupStatusQuery,
  reviewInputUpdate,
  submitInputUpdate,
} from '../workflows/definitions/working-group-input';
import { addCounts, countActions, type ActionCount } from './bench/actions';
import { minimumActions } from './bench/minimum';
import { startBenchEngine } from './bench/engine';
import { compressedExampleCycle } from './bench/example-cycle';
import { echoUpdate, echoWorkflow, stopSignal } from './bench/echo-workflow';
import { openExampleCycle, percentile, until } from './bench/open-cycle';

const updates = Number(process.argv[process.argv.indexOf('--updates') + 1] || 200) || 200;

async function main(): Promise<void> {
  const engine = await startBenchEngine('bench');
  const { settings, keys, client, native, workflowBundle, activities } = engine;
  const plainClient = new Client({ connection: engine.connection });
  const worker = await Worker.create({
    connection: native,
    taskQueue: 'bench',
    workflowBundle,
    dataConverter: dataConverter(keys),
    activities,
  });
  const plainWorker = await Worker.create({
    connection: native,
    taskQueue: 'bench-plain',
    workflowBundle,
    activities,
  });
  const echoWorker = await Worker.create({
    connection: native,
    taskQueue: 'bench-echo',
    workflowsPath: require.resolve('./bench/echo-workflow'),
    dataConverter: dataConverter(keys),
  });
  try {
    await worker.runUntil(async () => {
      await measureCycle(client, settings);
      await echoWorker.runUntil(measureUpdates(client, settings));
      await plainWorker.runUntil(measureCodec(client, plainClient, settings));
    });
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
  } finally {
    await engine.stop();
  }
}

async function measureCycle(client: Client, settings: ReturnType<typeof loadSettings>): Promise<void> {
  const input = compressedExampleCycle(settings, 900, {
    meetingInSeconds: 40,
    callForInputs: 39,
    inputDeadline: 22,
    consolidationEnd: 16,
    commentPeriodEnd: 12,
    invitations: 10,
    outcomeReportDue: 30,
    reminders: [10, 5],
    overdueGrace: 2,
  });
  const organizer = input.organizers[0]!.email;
  const cycle = await client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
    taskQueue: 'bench',
    workflowId: workflowIds.cycle(input.editionKey),
    args: [input],
  });
  await until(async () => (await cycle.query(cycleStatusQuery)).groups.every((g) => g.deadline !== ''));
  for (const [i, g] of input.workingGroups.entries()) {
    const group = client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, g.id));
    const content = {
      summary: `${g.title} input`,
      agendaItems: [
        { title: `${g.title} item`, description: 'Why it matters.', area: g.area, durationMinutes: 30 },
      ],
    };
    await group.executeUpdate(submitInputUpdate, { args: [{ as: g.chair.email, input: content }] });
    if (i === 0) {
      await group.executeUpdate(reviewInputUpdate, {
        args: [{ as: organizer, decision: 'revise', version: 1, comments: 'Please add the budget.' }],
      });
      await group.executeUpdate(submitInputUpdate, {
        args: [{ as: g.chair.email, input: { ...content, summary: `${g.title} input, revised` } }],
      });
      await group.executeUpdate(reviewInputUpdate, {
        args: [{ as: organizer, decision: 'accept', version: 2 }],
      });
    } else {
      await group.executeUpdate(reviewInputUpdate, {
        args: [{ as: organizer, decision: 'accept', version: 1 }],
      });
    }
  }
  await until(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment');
  await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: organizer }] });
  await until(async () => (await cycle.query(cycleStatusQuery)).phase === 'awaiting-outcome');
  await cycle.executeUpdate(recordOutcomeUpdate, { args: [{ as: organizer, decisions: [] }] });
  await cycle.result();

  const histories: [string, ActionCount][] = [];
  for (const id of [
    cycle.workflowId,
    ...input.workingGroups.map((g) => workflowIds.workingGroup(input.editionKey, g.id)),
  ]) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    histories.push([id, countActions(history.events ?? [])]);
  }
  const total = histories.reduce((sum, [, c]) => addCounts(sum, c), {
    events: 0,
    actions: 0,
    byKind: {},
    notBilled: {},
  });
  console.log(
    `\n1. Example cycle: ${input.participants.length} organizations, ${input.workingGroups.length} groups, one revision`,
  );
  for (const [id, c] of histories)
    console.log(
      `   ${id.padEnd(32)} ${String(c.events).padStart(4)} events  ${String(c.actions).padStart(4)} actions`,
    );
  console.log(
    `   ${'total'.padEnd(32)} ${String(total.events).padStart(4)} events  ${String(total.actions).padStart(4)} actions`,
  );
  console.log(`   actions by kind: ${JSON.stringify(total.byKind)}`);
  console.log(
    `   not billed (patched() markers, the SDK's version upserts): ${JSON.stringify(total.notBilled)}`,
  );
  const groups = input.workingGroups.length;
  // Reminders go out only if a group is still waiting at its reminder time (on a loaded machine the
  // compressed timeline sometimes reaches one): each sent is a mail and a wait for it, as needed.
  let reminders = 0;
  for (const g of input.workingGroups)
    reminders += (
      await client.workflow
        .getHandle(workflowIds.workingGroup(input.editionKey, g.id))
        .query(groupStatusQuery)
    ).remindersSent;
  const minimum = minimumActions({
    groups,
    reminders,
    submissions: groups + 1, // the first group revises once
    reviews: groups + 1,
    cycleMails: 4, // draft agenda, final agenda, invitation, outcome report
    documents: 3, // draft agenda, final agenda, outcome report
    phases: 8, // scheduled, collecting inputs, consolidating, agenda comment, approved, invitations, awaiting outcome, completed
  });
  const least = minimum.reduce((sum, m) => sum + m.actions, 0);
  console.log(`   the fewest this cycle can take: ${least}`);
  for (const m of minimum) console.log(`     ${String(m.actions).padStart(3)} ${m.what}: ${m.why}`);
  console.log(`   ratio actions / fewest: ${(total.actions / least).toFixed(2)}  (goal ≤ 1.25)`);
}

async function measureUpdates(client: Client, settings: ReturnType<typeof loadSettings>): Promise<void> {
  const { cycle, input } = await openExampleCycle(client, settings, 'bench', 903);
  const g = input.workingGroups[2]!;
  const group = client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, g.id));
  const echo = await client.workflow.start(echoWorkflow, {
    taskQueue: 'bench-echo',
    workflowId: `echo-${Date.now()}`,
  });

  const submit = (i: number) =>
    group.executeUpdate(submitInputUpdate, {
      args: [
        {
          as: g.chair.email,
          input: {
            summary: `version ${i}`,
            agendaItems: [{ title: 'Item', description: 'Why.', area: g.area, durationMinutes: 30 }],
          },
        },
      ],
    });
  const sample = async (fn: (i: number) => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < updates; i++) {
      const t0 = performance.now();
      await fn(i);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  };
  // Interleave warm-up, then measure each in turn (the machine is noisy: same run, same server).
  await sample((i) => echo.executeUpdate(echoUpdate, { args: [i] }));
  const echoTimes = await sample((i) => echo.executeUpdate(echoUpdate, { args: [i] }));
  const submitTimes = await sample(submit);
  const p = percentile;
  console.log(`\n2. Update round trip over ${updates} sequential calls (ms)`);
  console.log(
    `   echo Update (bare workflow)   p50 ${p(echoTimes, 0.5).toFixed(1)}  p99 ${p(echoTimes, 0.99).toFixed(1)}`,
  );
  console.log(
    `   submitInput (working group)   p50 ${p(submitTimes, 0.5).toFixed(1)}  p99 ${p(submitTimes, 0.99).toFixed(1)}`,
  );
  console.log(
    `   ratio submitInput / echo      p50 ${(p(submitTimes, 0.5) / p(echoTimes, 0.5)).toFixed(2)}  p99 ${(p(submitTimes, 0.99) / p(echoTimes, 0.99)).toFixed(2)}  (goal ≤ 1.30 / 2.00)`,
  );
  // A submission's receipt and its word to the cycle end in a workflow task of their own; a call
  // made at once waits for it. Spaced calls measure the Update itself, as a chair meets it.
  const spaced = { echo: [] as number[], submit: [] as number[] };
  const pause = () => new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < Math.ceil(updates / 4); i++) {
    for (const [name, run] of [
      ['echo', (n: number) => echo.executeUpdate(echoUpdate, { args: [n] })],
      ['submit', submit],
    ] as const) {
      await pause();
      const t0 = performance.now();
      await run(10_000 + i);
      spaced[name].push(performance.now() - t0);
    }
  }
  console.log(`   spaced 500 ms apart, ${spaced.echo.length} calls each, alternating:`);
  console.log(
    `   echo Update                   p50 ${p(spaced.echo, 0.5).toFixed(1)}  p99 ${p(spaced.echo, 0.99).toFixed(1)}`,
  );
  console.log(
    `   submitInput                   p50 ${p(spaced.submit, 0.5).toFixed(1)}  p99 ${p(spaced.submit, 0.99).toFixed(1)}`,
  );
  console.log(
    `   ratio submitInput / echo      p50 ${(p(spaced.submit, 0.5) / p(spaced.echo, 0.5)).toFixed(2)}  p99 ${(p(spaced.submit, 0.99) / p(spaced.echo, 0.99)).toFixed(2)}`,
  );
  await echo.signal(stopSignal);
  await cycle.terminate('benchmark over');
}

/** A working group taking submissions for the whole run, on the given task queue. */
async function openGroup(
  client: Client,
  settings: ReturnType<typeof loadSettings>,
  taskQueue: string,
  edition: number,
) {
  const { cycle, input } = await openExampleCycle(client, settings, taskQueue, edition);
  const g = input.workingGroups[2]!;
  const group = client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, g.id));
  const submit = (i: number) =>
    group.executeUpdate(submitInputUpdate, {
      args: [
        {
          as: g.chair.email,
          input: {
            summary: `Draft position, version ${i}: the partnership on early warning, in confidence`,
            agendaItems: [{ title: 'Item', description: 'Why.', area: g.area, durationMinutes: 30 }],
          },
        },
      ],
    });
  return { cycle, submit };
}

async function measureCodec(
  codecClient: Client,
  plainClient: Client,
  settings: ReturnType<typeof loadSettings>,
): Promise<void> {
  const sealed = await openGroup(codecClient, settings, 'bench', 901);
  const plain = await openGroup(plainClient, settings, 'bench-plain', 902);
  // Alternate blocks of each, so that the machine's load falls on both alike.
  const blocks = 8;
  const times = { sealed: [] as number[], plain: [] as number[] };
  await sealed.submit(-1);
  await plain.submit(-1);
  for (let b = 0; b < blocks; b++) {
    for (const [name, run] of [
      ['plain', plain],
      ['sealed', sealed],
    ] as const) {
      for (let i = 0; i < Math.ceil(updates / blocks); i++) {
        const t0 = performance.now();
        await run.submit(b * 1000 + i);
        times[name].push(performance.now() - t0);
      }
    }
  }
  const p = percentile;
  console.log(
    `\n3. submitInput round trip with and without the payload codec, ${times.sealed.length} calls each (ms)`,
  );
  console.log(
    `   without codec                 p50 ${p(times.plain, 0.5).toFixed(1)}  p99 ${p(times.plain, 0.99).toFixed(1)}`,
  );
  console.log(
    `   with codec (AES-256-GCM)      p50 ${p(times.sealed, 0.5).toFixed(1)}  p99 ${p(times.sealed, 0.99).toFixed(1)}`,
  );
  console.log(
    `   ratio with / without          p50 ${(p(times.sealed, 0.5) / p(times.plain, 0.5)).toFixed(2)}  p99 ${(p(times.sealed, 0.99) / p(times.plain, 0.99)).toFixed(2)}  (goal ≤ 1.10)`,
  );
  await sealed.cycle.terminate('benchmark over');
  await plain.cycle.terminate('benchmark over');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
