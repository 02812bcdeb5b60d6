/**
 * The one place that builds the data converter: the payload codec with the process's keys, and the
 * failure converter that moves messages into an encoded attribute. Clients, workers, the replayer
 * and the workflow bundle all take it from here.
 */
import type { DataConverter } from '@temporalio/common';
import type { KeyRing } from './keys';
import { EncryptionCodec } from './payload-codec';

/** Workflows convert failures inside their sandbox: `bundleWorkflowCode` needs this path too. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

export function dataConverter(keys: KeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
