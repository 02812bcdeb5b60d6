/**
 * The payload codec every client and worker uses: each payload (arguments, results, Update and
 * Signal values, memos, failure messages) is serialized whole and sealed with AES-256-GCM under the
 * key ring's current key, whose id travels in the metadata so that any process holding that key can
 * open it, years later, after any number of rotations.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { open, seal } from './aes-gcm';
import type { KeyRing } from './keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ProtoPayload = temporal.api.common.v1.Payload;
const utf8 = (s: string) => Buffer.from(s, 'utf8');

export class MissingKeyError extends Error {
  constructor(
    readonly keyId: string,
    where: string,
  ) {
    super(
      `A payload is encrypted with key "${keyId}", which this process does not hold. ` +
        `Fix: add that key (from the machine or secret store that holds it) to ${where}, and restart; ` +
        'never remove a key while a workflow may still replay payloads sealed with it.',
    );
    this.name = 'MissingKeyError';
  }
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys.encryptionKey();
    return payloads.map((payload) => ({
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id) },
      data: seal(key, id, ProtoPayload.encode(payload).finish()),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  /** Payloads written before the codec existed (plain JSON) pass through unchanged. */
  private decodeOne(payload: Payload): Payload {
    if (metadataText(payload, 'encoding') !== ENCRYPTED_ENCODING) return payload;
    const id = metadataText(payload, KEY_ID_METADATA);
    if (!id) throw new Error('An encrypted payload carries no key id; it was not written by convene.');
    const key = this.keys.find(id);
    if (!key) throw new MissingKeyError(id, this.keys.describeSource());
    return ProtoPayload.decode(open(key, id, payload.data ?? new Uint8Array()));
  }
}

function metadataText(payload: Payload, name: string): string | undefined {
  const value = payload.metadata?.[name];
  return value ? Buffer.from(value).toString('utf8') : undefined;
}

/** The key id a stored payload was sealed with, or undefined for a clear one (tests, `keys list`). */
export function payloadKeyId(payload: Payload): string | undefined {
  return metadataText(payload, 'encoding') === ENCRYPTED_ENCODING
    ? metadataText(payload, KEY_ID_METADATA)
    : undefined;
}
