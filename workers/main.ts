/**
 * `npm start`: the engine on the embedded default. Serves the embedded store (PGlite, unless
 * DATABASE_URL names a PostgreSQL server), starts the Temporal dev server (history in a SQLite
 * file under the data folder, Web UI on, search attributes registered) and a worker; or, when
 * TEMPORAL_ADDRESS is set, only the worker, connected there.
 *
 * SIGINT / SIGTERM stop all of it and exit 0 within STOP_DEADLINE_MS, also during start-up. The
 * dev server has a parent-death watch, and the store runs in this process, so a SIGKILL of the
 * launcher leaves nothing running either.
 */
import { loadDirectory, type Directory } from '../config/directory';
import { ConfigError, saidAtStart } from '../config/problems';
import { loadSettings, type Settings, type TemporalSettings } from '../config/settings';
import { MailConfigurationError } from '../notifications/outgoing';
import { redact as redactSmtpUrl } from '../notifications/smtp-url';
import { startPortal, type RunningPortal } from '../portal/start';
import { startEmbeddedStore, type RunningEmbeddedStore } from '../store/embedded';
import { storeFor, StoreUnavailableError, type Store } from '../store/store';
import { redactDatabaseUrl } from '../store/urls';
import { loadOperatorToken } from '../codec/operator-token';
import { startCodecServer, type RunningCodecServer } from '../codec/server';
import { loadKeys } from './connect';
import { connectWorkerConnection } from './worker-connection';
import { startDevServer, type RunningDevServer } from './dev-server';
import { createLogger } from './logging';
import { createFilesPrivately } from './private-files';
import { findOrBuildTemporalCli, TemporalCliNotFound } from './temporal-cli';
import { createWorker, installRuntime, metricsUrl, STOP_DEADLINE_MS } from './worker';
import type { NativeConnection, Worker } from '@temporalio/worker';

/** What is running, stopped in the reverse order it started. */
class Running {
  private readonly stops: { what: string; stop: () => Promise<void> }[] = [];
  worker?: Worker;
  stopping = false;

  add(what: string, stop: () => Promise<void>): void {
    this.stops.push({ what, stop });
  }

  async stopAll(log: ReturnType<typeof createLogger>): Promise<void> {
    for (const { what, stop } of this.stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        log.warn(`stopping the ${what} failed`, { error: (err as Error).message });
      }
    }
    this.stops.length = 0;
  }
}

async function main(): Promise<void> {
  const settings = loadSettings();
  const directory = loadDirectory(settings.directoryFile); // a broken directory stops us before anything starts
  createFilesPrivately();
  installRuntime(settings);
  const log = createLogger(settings.logLevel, { component: 'launcher' });
  const running = new Running();
  stopOnSignals(running, log);
  try {
    await run(settings, directory, running, log);
  } finally {
    await running.stopAll(log);
  }
  if (settings.temporal.mode === 'embedded') {
    console.log(
      `Stopped. Workflows are kept in ${settings.temporal.devServer.dbFile}; \`npm start\` resumes them.`,
    );
  } else console.log('Stopped.');
}

async function run(
  settings: Settings,
  directory: Directory,
  running: Running,
  log: ReturnType<typeof createLogger>,
): Promise<void> {
  const embeddedStore = await serveEmbeddedStore(settings, running);
  const store = storeFor(settings);
  running.add('store connections', () => store.close());
  await store.ready(); // migrations; a wrong DATABASE_URL stops start-up here

  const keys = loadKeys(settings);
  const codec = settings.temporal.mode === 'embedded' ? await serveCodec(settings, running) : undefined;
  const server =
    settings.temporal.mode === 'embedded' ? await startServer(settings, running, log, codec) : undefined;
  if (!server) {
    console.log(
      `TEMPORAL_ADDRESS is set: connecting to ${settings.temporal.address} (namespace ${settings.temporal.namespace}); no local server.`,
    );
  }
  const connection: NativeConnection = await connectWorkerConnection(settings);
  running.add('worker connection', () => connection.close());
  const worker = await createWorker({ settings, directory, connection, store, keys });
  running.worker = worker;
  const portal = await startPortal({ settings, directory, store });
  running.add('portal', () => portal.stop());
  if (running.stopping) worker.shutdown(); // a signal came while we were starting
  // If the server dies under us, stop the worker rather than poll a dead address for ever.
  server?.process.once('exit', (code) => {
    if (running.stopping) return;
    log.error('the Temporal dev server exited; stopping the worker', { code });
    running.stopping = true;
    worker.shutdown();
  });
  printBanner(settings, {
    server,
    embedded: embeddedStore,
    store,
    codec,
    portal,
    keyId: keys.encryptionKey().id,
  });
  await worker.run();
}

/** The first signal stops the worker (or start-up) and everything else; exit 0 in any case by the deadline. */
function stopOnSignals(running: Running, log: ReturnType<typeof createLogger>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (running.stopping) return;
      running.stopping = true;
      console.log(
        `\n${signal}: stopping the worker (finishing tasks in hand), then the server and the store…`,
      );
      setTimeout(() => {
        log.warn('stopping took too long; ending now', { deadlineMs: STOP_DEADLINE_MS });
        void running.stopAll(log).finally(() => process.exit(0));
      }, STOP_DEADLINE_MS).unref();
      if (running.worker) running.worker.shutdown();
      else void running.stopAll(log).finally(() => process.exit(0)); // still starting: nothing to finish
    });
  }
}

async function serveEmbeddedStore(
  settings: Settings,
  running: Running,
): Promise<RunningEmbeddedStore | undefined> {
  if (settings.store.mode !== 'embedded') return undefined;
  const embedded = await startEmbeddedStore({ dataDir: settings.store.dataDir, port: settings.store.port });
  running.add('embedded store', () => embedded.stop());
  return embedded;
}

/** The codec server the embedded Web UI decodes payloads through (operators only). */
async function serveCodec(settings: Settings, running: Running): Promise<RunningCodecServer> {
  const codec = await startCodecServer({
    keys: loadKeys(settings),
    operatorToken: loadOperatorToken(settings.codecServer),
    allowedOrigins: settings.codecServer.allowedOrigins,
    port: settings.codecServer.port,
  });
  running.add('codec server', () => codec.close());
  return codec;
}

type EmbeddedTemporal = Extract<TemporalSettings, { mode: 'embedded' }>;

async function startServer(
  settings: Settings,
  running: Running,
  log: ReturnType<typeof createLogger>,
  codec: RunningCodecServer | undefined,
): Promise<RunningDevServer> {
  const temporal = settings.temporal as EmbeddedTemporal;
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.log(m) });
  log.info('starting the Temporal dev server', {
    cli: cli.path,
    source: cli.source,
    dbFile: temporal.devServer.dbFile,
  });
  const server = await startDevServer({
    cliPath: cli.path,
    port: temporal.devServer.port,
    uiPort: temporal.devServer.uiPort,
    namespace: temporal.namespace,
    dbFile: temporal.devServer.dbFile,
    ...(codec ? { codecEndpoint: codec.url } : {}),
  });
  running.add('Temporal dev server', () => server.stop());
  return server;
}

interface Started {
  server: RunningDevServer | undefined;
  embedded: RunningEmbeddedStore | undefined;
  store: Store;
  codec: RunningCodecServer | undefined;
  portal: RunningPortal;
  /** The key new payloads are sealed with. */
  keyId: string;
}

function printBanner(settings: Settings, { server, embedded, store, codec, portal, keyId }: Started): void {
  const temporal = server
    ? [
        `  Temporal gRPC   ${server.address}  (namespace ${settings.temporal.namespace}, task queue ${settings.taskQueue})`,
        `  Temporal Web UI ${server.uiUrl ?? '(headless)'}`,
        `  History         ${(settings.temporal as EmbeddedTemporal).devServer.dbFile}  (payloads sealed with key ${keyId})`,
        ...(codec
          ? [
              `  Codec server    ${codec.url}  (the Web UI decodes through it: sign in at ${codec.url}/sign-in`,
              `                  with the token in ${settings.codecServer.operatorToken ? 'CONVENE_OPERATOR_TOKEN' : settings.codecServer.operatorTokenFile}; see the README)`,
            ]
          : []),
      ]
    : [
        `  Temporal        ${settings.temporal.address}  (namespace ${settings.temporal.namespace}, task queue ${settings.taskQueue})`,
      ];
  const lines = [
    '',
    'convene is running.',
    ...temporal,
    `  Store           ${embedded ? `${embedded.url} (embedded PGlite, data in ${settingsStoreDir(settings)})` : redactDatabaseUrl(store.url)}`,
    `  Portal          ${portal.url}  (links in mail: ${settings.portal.publicUrl}; more: npm run portal)`,
    `  Metrics         ${metricsUrl(settings) ?? 'off (CONVENE_METRICS_ADDRESS=off)'}`,
    `  Outbox (mail)   ${settings.mail.smtpUrl ? 'SMTP ' + redactSmtpUrl(settings.mail.smtpUrl) : settings.mail.outboxDir}`,
    '  More workers    npm run worker   (in another terminal; they share the task queue and the store)',
    '  Check           npm run convene -- doctor',
    '  Stop            Ctrl-C (or SIGTERM)',
    '',
  ];
  console.log(lines.join('\n'));
}

function settingsStoreDir(settings: Settings): string {
  return settings.store.mode === 'embedded' ? settings.store.dataDir : '';
}

main().then(
  () => process.exit(0), // nothing is left to wait for; a lingering handle must not keep us alive
  (err: unknown) => {
    if (err instanceof ConfigError) {
      console.error(saidAtStart(err));
      process.exit(2);
    }
    if (
      err instanceof TemporalCliNotFound ||
      err instanceof StoreUnavailableError ||
      err instanceof MailConfigurationError
    ) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
