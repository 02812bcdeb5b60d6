/**
 * Encryption at rest for what the store keeps (rendered documents, uploads), with the same keys as
 * the payload codec. A sealed value is self-describing: `cnv1:` ‖ key id ‖ `:` ‖ AES-GCM box, so a
 * document written before a rotation still opens after it.
 */
import { open, seal } from './aes-gcm';
import type { KeyRing } from './keys';
import { MissingKeyError } from './payload-codec';

const MAGIC = 'cnv1:';

export function encryptAtRest(keys: KeyRing, plaintext: Uint8Array | string): Buffer {
  const { id, key } = keys.encryptionKey();
  const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  return Buffer.concat([Buffer.from(`${MAGIC}${id}:`, 'utf8'), seal(key, id, bytes)]);
}

export function decryptAtRest(keys: KeyRing, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const header = bytes.subarray(0, 80).toString('latin1');
  const end = header.indexOf(':', MAGIC.length);
  if (!header.startsWith(MAGIC) || end < 0) {
    throw new Error(
      'This stored value was not encrypted by convene (no cnv1 header); it cannot be decrypted.',
    );
  }
  const id = header.slice(MAGIC.length, end);
  const key = keys.find(id);
  if (!key) throw new MissingKeyError(id, keys.describeSource());
  return open(key, id, bytes.subarray(end + 1));
}

/** Sealed text in a text column of the store: a marker, then the sealed bytes in base64. */
const SEALED = 'sealed:';

export function sealText(keys: KeyRing, text: string): string {
  return SEALED + encryptAtRest(keys, text).toString('base64');
}

/** Text written before sealing (no marker) reads as it is. */
export function openText(keys: KeyRing, column: string): string {
  if (!column.startsWith(SEALED)) return column;
  return decryptAtRest(keys, Buffer.from(column.slice(SEALED.length), 'base64')).toString('utf8');
}
