/**
 * One portal instance, built from the settings: a Temporal client, the store, the mail path and
 * the session secret. `npm start` starts one beside the engine; `npm run portal` starts more.
 */
import { loadKeys } from '../workers/connect';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { loadStandingCommittee } from '../config/committee';
import type { Directory } from '../config/directory';
import type { Settings } from '../config/settings';
import { createTransport } from '../notifications/transport';
import { DocumentStore } from '../store/documents';
import { SentLedger } from '../store/sent-ledger';
import type { Store } from '../store/store';
import { connectClient } from '../workers/connect';
import { sessionSecretOf } from './secret';
import { buildPortal } from './server';

export interface RunningPortal {
  url: string;
  app: FastifyInstance;
  stop(): Promise<void>;
}

export async function startPortal(options: {
  settings: Settings;
  directory: Directory;
  store: Store;
  client?: Client;
  /** 0 picks a free port (tests). */
  port?: number;
}): Promise<RunningPortal> {
  const { settings, directory, store } = options;
  const sessionSecret = sessionSecretOf(settings); // a missing or weak secret stops start-up here
  const client = options.client ?? (await connectClient(settings));
  const transport = createTransport(settings.mail);
  const keys = loadKeys(settings);
  const app = await buildPortal({
    client,
    taskQueue: settings.taskQueue,
    store,
    directory,
    committee: loadStandingCommittee(directory),
    mail: {
      transport,
      ledger: new SentLedger(store, { keys }),
      from: settings.mail.from,
    },
    publicUrl: settings.portal.publicUrl,
    sessionSecret,
    documents: new DocumentStore(store, keys),
    committeeWorkflowId: settings.committeeWorkflowId,
    keys,
  });
  const address = await app.listen({
    host: settings.portal.host,
    port: options.port ?? settings.portal.port,
  });
  return {
    url: address,
    app,
    async stop() {
      await app.close();
      transport.close();
      if (!options.client) await client.connection.close();
    },
  };
}
