import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { workflowIds } from '../../domain/ids';
import { devServerArgs, freePort, startDevServer } from '../../workers/dev-server';

const cliPath = () => process.env.CONVENE_TEST_TEMPORAL_CLI ?? 'temporal';

test('the dev server gets our search attributes and the dynamic config for Updates and Update-with-Start', () => {
  const args = devServerArgs({
    cliPath: 'temporal',
    port: 7233,
    namespace: 'default',
    dbFile: 'data/t.sqlite',
    uiPort: 8233,
  });
  const joined = args.join(' ');
  expect(joined).toContain('--db-filename data/t.sqlite');
  expect(joined).toContain('--ui-port 8233');
  expect(joined).toContain('--search-attribute CyclePhase=Keyword');
  expect(joined).toContain('--search-attribute ResponsibleOrganizations=KeywordList');
  expect(joined).toContain('--search-attribute DecisionDueDate=Datetime');
  expect(joined).toContain('--dynamic-config-value frontend.enableExecuteMultiOperation=true');
  expect(joined).toContain('--dynamic-config-value frontend.enableUpdateWorkflowExecution=true');
});

test('workflows survive a restart of the embedded server because history is in the SQLite file', async () => {
  const dbFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-db-')), 'temporal.sqlite');
  const port = await freePort();
  const workflowId = workflowIds.directoryProbe('restart');

  const first = await startDevServer({ cliPath: cliPath(), port, namespace: 'default', dbFile });
  try {
    const client = await clientFor(first.address);
    await client.workflow.start('healthCheck', { taskQueue: 'nobody-polls', workflowId, args: [[]] });
    await client.connection.close();
  } finally {
    await first.stop();
  }

  const second = await startDevServer({ cliPath: cliPath(), port, namespace: 'default', dbFile });
  try {
    const client = await clientFor(second.address);
    const description = await client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    await client.workflow.getHandle(workflowId).terminate('test done');
    await client.connection.close();
  } finally {
    await second.stop();
  }
});

test('a port already in use is refused with the setting to change', async () => {
  const port = Number(process.env.TEMPORAL_ADDRESS?.split(':')[1]);
  await expect(startDevServer({ cliPath: cliPath(), port, namespace: 'default' })).rejects.toThrow(
    /Port \d+ on 127.0.0.1 is taken.*CONVENE_DEV_SERVER_PORT/,
  );
});

async function clientFor(address: string): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address }), namespace: 'default' });
}
