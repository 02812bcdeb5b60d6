/**
 * The worker's connection to the Temporal server. Apart from connect.ts so that a client (the CLI,
 * the portal) does not load @temporalio/worker and its native bridge, which it never uses.
 */
import { NativeConnection } from '@temporalio/worker';
import type { Settings } from '../config/settings';
import { connectionOptions } from './connect';

export function connectWorkerConnection(settings: Settings): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(settings));
}
