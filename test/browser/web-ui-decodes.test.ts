/**
 * The operator's view: the Temporal Web UI of the embedded dev server, pointed at our codec server,
 * shows a chair's submission in clear once the operator has signed in, although the server holds
 * it sealed. Real Temporal server and UI, real codec server, Debian's Chromium (never downloaded).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { workflowIds } from '../../domain/ids';
import { startCodecServer, type RunningCodecServer } from '../../codec/server';
import { freePort, startDevServer, type RunningDevServer } from '../../workers/dev-server';
import { submitInputUpdate } from '../../workflows/definitions/working-group-input';
import {
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import { compressedCycle, GROUPS, sampleInput } from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { testKeyRing } from '../helpers/keys';
import { payloadsIn } from '../helpers/payloads';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TOKEN = 'operator-token-of-the-browser-test-0123456789';
const SUBMISSION = 'Peacekeeping asks for a standby roster of AU police units, ref PK-7731';

let codec: RunningCodecServer;
let server: RunningDevServer;
let t: TestTemporal;
let browser: Browser;
let uiUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  const uiPort = await freePort();
  uiUrl = `http://127.0.0.1:${uiPort}`;
  codec = await startCodecServer({
    keys: testKeyRing(),
    operatorToken: TOKEN,
    allowedOrigins: [uiUrl],
    port: 0,
  });
  server = await startDevServer({
    cliPath: process.env.CONVENE_TEST_TEMPORAL_CLI ?? 'temporal',
    port: await freePort(),
    uiPort,
    namespace: 'default',
    codecEndpoint: codec.url,
  });
  t = await connectTestTemporal({ TEMPORAL_ADDRESS: server.address });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await server?.stop();
  await codec?.close();
});

test("an operator signed in to the codec server reads a chair's submission in the Web UI; the server holds it sealed", async () => {
  const input = compressedCycle(t.settings, 140);
  const group = GROUPS[2];
  const groupId = workflowIds.workingGroup(input.editionKey, group.id);
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    await t.client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: workflowIds.cycle(input.editionKey),
      args: [input],
    });
    await eventually(
      () =>
        t.client.workflow.getHandle(groupId).executeUpdate(submitInputUpdate, {
          args: [{ as: group.chair, input: { ...sampleInput(group.id), summary: SUBMISSION } }],
        }),
      { timeout: 45_000, what: 'the group accepting inputs' },
    );
  });

  // What the server holds: the history without the codec has the submission nowhere in clear.
  const raw = await t.client.workflow.getHandle(groupId).fetchHistory();
  const rawBytes = payloadsIn(raw).map((p) => Buffer.from(p.payload.data ?? []).toString('latin1'));
  expect(rawBytes.some((b) => b.includes('PK-7731'))).toBe(false);

  const page = await browser.newPage();
  await page.goto(`${codec.url}/sign-in`);
  await page.fill('#token', TOKEN);
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Signed in');

  // The operator's one-time choice in the UI's codec settings: send the codec server's cookie along.
  await page.goto(uiUrl);
  // (Browser-side code as strings: the tests are compiled without the DOM's types.)
  await page.evaluate(
    `localStorage.setItem('endpoint', ${JSON.stringify(JSON.stringify(codec.url))});
     localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
     localStorage.setItem('includeCredentials', 'true');`,
  );
  const { runId } = await t.client.workflow.getHandle(groupId).describe();
  await page.goto(`${uiUrl}/namespaces/default/workflows/${groupId}/${runId}/history`);
  const pageText = () => page.evaluate<string>('document.body.innerText');
  // The Update's result is decoded in the list; its input shows when the operator opens the event.
  await page.getByText('Workflow Execution Update Accepted').first().click({ timeout: 30_000 });
  try {
    await page.getByText('PK-7731').first().waitFor({ timeout: 30_000 });
  } catch (err) {
    console.log(await pageText());
    throw err;
  }
  expect(await pageText()).toContain(SUBMISSION);
}, 120_000);
