/**
 * Failure messages and stack traces go into an encoded attribute, so the payload codec seals them
 * too: a rejection's sentence quotes what a person wrote. Bundled into the workflow code (see
 * `FAILURE_CONVERTER_PATH`), so it may import only the SDK's common module.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
