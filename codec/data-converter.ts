/**
 * The one place that builds the data converter: the payload codec with the process's keys, and the
 * failure converter that moves messages into an encoded attribute. Clients, workers, the replayer
 * and the workflow bundle all take it from here.
 */
import path from 'node:path';
import { defaultPayloadConverter, type DataConverter, type LoadedDataConverter } from '@temporalio/common';
import { failureConverter } from './failure-converter';
import type { KeyRing } from './keys';
import { EncryptionCodec } from './payload-codec';

/**
 * Workflows convert failures inside their sandbox: `bundleWorkflowCode` needs this path too. Named
 * by its file rather than `require.resolve`d: the precompiled CLI (bin/precompiled.cjs) has no
 * resolver for .ts files, and the CLI's client loads the converter itself (connect.ts).
 */
export const FAILURE_CONVERTER_PATH = path.join(__dirname, 'failure-converter.ts');

export function dataConverter(keys: KeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/**
 * The same converter, loaded: what a client makes of `dataConverter(keys)`, without `require`-ing
 * FAILURE_CONVERTER_PATH at run time (a .ts file, which the precompiled CLI cannot load). The
 * client takes a loaded converter as it is (`isLoadedDataConverter` in its base client).
 */
export function loadedDataConverter(keys: KeyRing): LoadedDataConverter {
  return {
    payloadConverter: defaultPayloadConverter,
    failureConverter,
    payloadCodecs: [new EncryptionCodec(keys)],
  };
}
