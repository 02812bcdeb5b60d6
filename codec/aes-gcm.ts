/**
 * AES-256-GCM sealing, shared by the payload codec and the store's encryption at rest: one random
 * 96-bit nonce per message, the 128-bit tag after the ciphertext, and the key id as associated data
 * so that a sealed value cannot be passed off as sealed by another key.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** nonce ‖ ciphertext ‖ tag */
export function seal(key: Buffer, keyId: string, plaintext: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, keyId: string, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < NONCE_BYTES + TAG_BYTES) {
    throw new Error(`A value sealed with key "${keyId}" is ${bytes.length} bytes, too short to be AES-GCM.`);
  }
  const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(keyId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new Error(
      `A value sealed with key "${keyId}" does not authenticate: it was altered, or the key with that id is not the one that sealed it. Check that every process has the same key under "${keyId}".`,
    );
  }
}
