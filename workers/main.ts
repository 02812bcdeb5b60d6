/**
 * `npm start`: the engine on the embedded default. Starts the Temporal dev server (history in a
 * SQLite file under the data folder, Web UI on, search attributes registered) and a worker; or,
 * when TEMPORAL_ADDRESS is set, only the worker, connected there. Ctrl-C / SIGTERM stop both.
 */
import { loadDirectory, type Directory } from '../config/directory';
import { ConfigError } from '../config/problems';
import { loadSettings, type Settings, type TemporalSettings } from '../config/settings';
import { loadOperatorToken } from '../codec/operator-token';
import { startCodecServer, type RunningCodecServer } from '../codec/server';
import { connectWorkerConnection, loadKeys } from './connect';
import { startDevServer, type RunningDevServer } from './dev-server';
import { createLogger } from './logging';
import { findOrBuildTemporalCli, TemporalCliNotFound } from './temporal-cli';
import { createWorker, installRuntime, metricsUrl, runWorkerProcess } from './worker';

async function main(): Promise<void> {
  const settings = loadSettings();
  const directory = loadDirectory(settings.directoryFile); // a broken directory stops us before anything starts
  if (settings.temporal.mode === 'external') {
    console.log(
      `TEMPORAL_ADDRESS is set: connecting to ${settings.temporal.address} (namespace ${settings.temporal.namespace}); no local server.`,
    );
    return runWorkerProcess(settings, directory);
  }
  return runEmbedded({ ...settings, temporal: settings.temporal }, directory);
}

type EmbeddedSettings = Settings & { temporal: Extract<TemporalSettings, { mode: 'embedded' }> };

async function runEmbedded(settings: EmbeddedSettings, directory: Directory): Promise<void> {
  installRuntime(settings);
  const log = createLogger(settings.logLevel, { component: 'launcher' });
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.log(m) });
  log.info('starting the Temporal dev server', {
    cli: cli.path,
    source: cli.source,
    dbFile: settings.temporal.devServer.dbFile,
  });

  const keys = loadKeys(settings);
  const codec = await startCodecServer({
    keys,
    operatorToken: loadOperatorToken(settings.codecServer),
    allowedOrigins: settings.codecServer.allowedOrigins,
    port: settings.codecServer.port,
  });
  let server: RunningDevServer;
  try {
    server = await startDevServer({
      cliPath: cli.path,
      port: settings.temporal.devServer.port,
      uiPort: settings.temporal.devServer.uiPort,
      namespace: settings.temporal.namespace,
      dbFile: settings.temporal.devServer.dbFile,
      codecEndpoint: codec.url,
    });
  } catch (err) {
    await codec.close();
    throw err;
  }
  let worker;
  try {
    const connection = await connectWorkerConnection(settings);
    worker = await createWorker({ settings, directory, connection, keys });
  } catch (err) {
    await server.stop();
    await codec.close();
    throw err;
  }
  printBanner(settings, server, codec);

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping the worker (finishing tasks in hand), then the server…`);
      worker.shutdown();
    });
  }
  // If the server dies under us, stop the worker rather than poll a dead address for ever.
  server.process.once('exit', (code) => {
    if (stopping) return;
    log.error('the Temporal dev server exited; stopping the worker', { code });
    stopping = true;
    worker.shutdown();
  });
  try {
    await worker.run();
  } finally {
    await server.stop();
    await codec.close();
    console.log(
      'Stopped. Workflows are kept in ' + settings.temporal.devServer.dbFile + '; `npm start` resumes them.',
    );
  }
}

function printBanner(settings: EmbeddedSettings, server: RunningDevServer, codec: RunningCodecServer): void {
  const lines = [
    '',
    'convene is running.',
    `  Temporal gRPC   ${server.address}  (namespace ${settings.temporal.namespace}, task queue ${settings.taskQueue})`,
    `  Temporal Web UI ${server.uiUrl ?? '(headless)'}`,
    `  History         ${settings.temporal.devServer.dbFile}  (payloads sealed with key ${loadKeys(settings).encryptionKey().id})`,
    `  Codec server    ${codec.url}  (the Web UI decodes through it: sign in at ${codec.url}/sign-in`,
    `                  with the token in ${settings.codecServer.operatorToken ? 'CONVENE_OPERATOR_TOKEN' : settings.codecServer.operatorTokenFile}; see the README)`,
    `  Metrics         ${metricsUrl(settings) ?? 'off (CONVENE_METRICS_ADDRESS=off)'}`,
    `  Outbox (mail)   ${settings.mail.smtpUrl ? 'SMTP ' + redact(settings.mail.smtpUrl) : settings.mail.outboxDir}`,
    '  More workers    npm run worker   (in another terminal; they share the task queue)',
    '  Check           npm run convene -- doctor',
    '  Stop            Ctrl-C (or SIGTERM)',
    '',
  ];
  console.log(lines.join('\n'));
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof TemporalCliNotFound) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
