import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * A stand-in for the CLI (a shell script, since the real race cannot be forced): it counts its
 * starts, fails the first `failures` of them as start-dev does when another process took one of
 * its internal ports, and then runs the real CLI.
 */
function flakyCli(failures: number): { path: string; starts: () => number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-flaky-cli-'));
  const counter = path.join(dir, 'starts');
  const script = path.join(dir, 'temporal');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      `n=$(cat "${counter}" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "${counter}"`,
      `if [ $n -le ${failures} ]; then echo "panic: listen tcp 127.0.0.1:40000: bind: address already in use" >&2; exit 2; fi`,
      `exec "${cliPath()}" "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return { path: script, starts: () => (existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0) };
}

test('a dev server that panics at start-up over a port taken from under it is started again (stand-in CLI)', async () => {
  const cli = flakyCli(2);
  const server = await startDevServer({ cliPath: cli.path, port: await freePort(), namespace: 'default' });
  try {
    expect(cli.starts()).toBe(3);
    const client = await clientFor(server.address);
    await expect(
      client.connection.workflowService.describeNamespace({ namespace: 'default' }),
    ).resolves.toBeDefined();
    await client.connection.close();
  } finally {
    await server.stop();
  }
});

test('a dev server that cannot start at all is reported after three tries, with its own words (stand-in CLI)', async () => {
  const cli = flakyCli(99);
  await expect(
    startDevServer({ cliPath: cli.path, port: await freePort(), namespace: 'default' }),
  ).rejects.toThrow(/exited with code 2 before it was ready[\s\S]*address already in use/);
  expect(cli.starts()).toBe(3);
});

async function clientFor(address: string): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address }), namespace: 'default' });
}
