/**
 * Records the cycle and working-group histories of every branch that waits or sends differently,
 * into test/histories/ (test/cycle/replay.test.ts replays every file there):
 *
 *   npx tsx test/cycle/record-histories.ts [suffix]
 *
 * cancel, reschedule, an extension granted and one refused, the Security Council meeting no longer
 * coinciding, and a recipient the mail server refuses for good. Run it again after a deliberate,
 * patched() change; keep the earlier files (a suffix such as `-v1` names a recording of older
 * code), so both code paths replay. It starts its own dev server (in memory), an SMTP server on
 * 127.0.0.1 that refuses one address for good, and a worker with the real activities.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadDirectory } from '../../config/directory';
import { loadSettings, type Settings } from '../../config/settings';
import { workflowIds } from '../../domain/ids';
import { freePort, startDevServer } from '../../workers/dev-server';
import { createLogger } from '../../workers/logging';
import { findOrBuildTemporalCli } from '../../workers/temporal-cli';
import { createActivities, WORKFLOWS_PATH } from '../../workers/worker';
import {
  cancelUpdate,
  cycleStatusQuery,
  rescheduleUpdate,
  securityCouncilMovedUpdate,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import {
  decideExtensionUpdate,
  groupStatusQuery,
  requestExtensionUpdate,
} from '../../workflows/definitions/working-group-input';
import { compressedCycle, GROUPS, ORGANIZER } from '../helpers/cycle';
import { recordHistory } from '../helpers/histories';
import { smtpError, startLocalSmtp } from '../notifications/local-smtp';

/** The chair whose server refuses mail for good: the permanent-failure branch. */
const REFUSED = GROUPS[4].chair;

async function main(suffix: string): Promise<void> {
  Runtime.install({ logger: createLogger('warn', { component: 'temporal-sdk' }) });
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.log(m) });
  const server = await startDevServer({ cliPath: cli.path, port: await freePort(), namespace: 'default' });
  const smtp = await startLocalSmtp({
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED) return callback(smtpError(550, 'No such user here'));
      callback();
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'convene-record-'));
  const settings = loadSettings({
    TEMPORAL_ADDRESS: server.address,
    CONVENE_TASK_QUEUE: 'record-histories',
    CONVENE_DATA_DIR: dataDir,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'warn',
  });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({
    connection: native,
    taskQueue: settings.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities({ settings, directory: loadDirectory(settings.directoryFile) }),
  });
  const save = (name: string, handle: WorkflowHandle) => recordHistory(handle, `${name}${suffix}`);
  try {
    await worker.runUntil(async () => {
      const cancelled = await cancelledCycle(client, settings);
      await save('cycle-cancelled', cancelled.cycle);
      await save('working-group-refused-recipient', cancelled.refusedGroup);
      await save('cycle-rescheduled', await rescheduledCycle(client, settings));
      await save('cycle-coincidence-lost', await coincidenceLost(client, settings));
      const extensions = await extensions_(client, settings);
      await save('working-group-extension-granted', extensions.granted);
      await save('working-group-extension-refused', extensions.refused);
    });
  } finally {
    await native.close();
    await connection.close();
    await server.stop();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startCycle(client: Client, settings: Settings, edition: number) {
  const input = compressedCycle(settings, edition);
  const cycle = await client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
    taskQueue: settings.taskQueue,
    workflowId: workflowIds.cycle(input.editionKey),
    args: [input],
  });
  await until('the call for inputs', async () => {
    const s = await cycle.query(cycleStatusQuery);
    return s.phase === 'collecting-inputs' && s.groups.length === GROUPS.length;
  });
  const group = (id: string) => client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, id));
  return { input, cycle, group };
}

async function cancel(cycle: WorkflowHandle): Promise<void> {
  await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'Recorded for replay.' }] });
  await cycle.result();
}

/** Cancelled while the groups collect inputs; one chair's address is refused for good meanwhile. */
async function cancelledCycle(client: Client, settings: Settings) {
  const { cycle, group } = await startCycle(client, settings, 801);
  const refusedGroup = group(GROUPS[4].id);
  await until('the refused call for inputs in the status', async () => {
    return (await refusedGroup.query(groupStatusQuery)).deliveryFailures.length > 0;
  });
  await cancel(cycle);
  return { cycle, refusedGroup };
}

/** Moved by twenty seconds: deadlines move, an updated calendar entry goes out; then cancelled. */
async function rescheduledCycle(client: Client, settings: Settings) {
  const { input, cycle } = await startCycle(client, settings, 802);
  const shift = 20_000;
  await cycle.executeUpdate(rescheduleUpdate, {
    args: [
      {
        as: ORGANIZER,
        start: new Date(Date.parse(input.meeting.start) + shift).toISOString(),
        end: new Date(Date.parse(input.meeting.end) + shift).toISOString(),
        reason: 'The Security Council moved its debate.',
      },
    ],
  });
  await cancel(cycle);
  return cycle;
}

/** The Council's debate moves two weeks on: the meetings no longer coincide, the organizers are told. */
async function coincidenceLost(client: Client, settings: Settings) {
  const { input, cycle } = await startCycle(client, settings, 803);
  await cycle.executeUpdate(securityCouncilMovedUpdate, {
    args: [{ as: ORGANIZER, start: input.meeting.start, title: 'Open debate' }],
  });
  const later = new Date(Date.parse(input.meeting.start) + 14 * 86_400_000).toISOString();
  await cycle.executeUpdate(securityCouncilMovedUpdate, { args: [{ as: ORGANIZER, start: later }] });
  await cancel(cycle);
  return cycle;
}

/** One chair's extension granted, another's refused; then cancelled. */
async function extensions_(client: Client, settings: Settings) {
  const { input, cycle, group } = await startCycle(client, settings, 804);
  const until = new Date(Date.parse(input.meeting.start) - 17_000).toISOString();
  const granted = group(GROUPS[2].id);
  const refused = group(GROUPS[0].id);
  await granted.executeUpdate(requestExtensionUpdate, {
    args: [{ as: GROUPS[2].chair, until, reason: 'Our summit is this week.' }],
  });
  await granted.executeUpdate(decideExtensionUpdate, {
    args: [{ as: ORGANIZER, grant: true, reason: 'Granted.' }],
  });
  await refused.executeUpdate(requestExtensionUpdate, {
    args: [{ as: GROUPS[0].chair, until, reason: 'Please.' }],
  });
  await refused.executeUpdate(decideExtensionUpdate, {
    args: [{ as: ORGANIZER, grant: false, reason: 'All groups keep the date.' }],
  });
  await cancel(cycle);
  return { granted, refused };
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

if (require.main === module) {
  main(process.argv[2] ?? '').catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
