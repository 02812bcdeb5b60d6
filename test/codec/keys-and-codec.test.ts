import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { decryptAtRest, encryptAtRest } from '../../codec/at-rest';
import {
  formatKeyList,
  generateKey,
  KeyRing,
  keyListProblems,
  parseKeyList,
  rotateKeyFile,
} from '../../codec/keys';
import { EncryptionCodec, MissingKeyError, payloadKeyId } from '../../codec/payload-codec';
import { loadSettings } from '../../config/settings';

const SECRET = 'Draft position of the African Union on early warning, not for circulation';
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value);
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'convene-keys-'));

test('a payload is sealed under the current key: its bytes hold no clear text and its metadata names the key', async () => {
  const ring = new KeyRing([generateKey(new Date('2026-12-02T12:00:00Z'))]);
  const [sealed] = await new EncryptionCodec(ring).encode([payloadOf({ summary: SECRET })]);
  expect(payloadKeyId(sealed!)).toBe(ring.ids()[0]);
  expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain('African Union');
  const [opened] = await new EncryptionCodec(ring).decode([sealed!]);
  expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ summary: SECRET });
});

test('after a rotation new payloads use the new key and payloads sealed with the old one still open', async () => {
  const old = generateKey(new Date('2026-01-01T00:00:00Z'));
  const [before] = await new EncryptionCodec(new KeyRing([old])).encode([payloadOf(SECRET)]);
  const rotated = new KeyRing([generateKey(new Date('2026-12-02T00:00:00Z')), old]);
  const [after] = await new EncryptionCodec(rotated).encode([payloadOf(SECRET)]);
  expect(payloadKeyId(after!)).not.toBe(old.id);
  const opened = await new EncryptionCodec(rotated).decode([before!, after!]);
  expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([SECRET, SECRET]);
});

test('a payload whose key is missing is refused with the key id and where to add it', async () => {
  const old = generateKey(new Date());
  const [sealed] = await new EncryptionCodec(new KeyRing([old])).encode([payloadOf(SECRET)]);
  const other = new KeyRing([generateKey(new Date())]);
  const attempt = new EncryptionCodec(other).decode([sealed!]);
  await expect(attempt).rejects.toThrow(MissingKeyError);
  await expect(attempt).rejects.toThrow(new RegExp(`key "${old.id}".*add that key.*CONVENE_ENCRYPTION_KEYS`));
});

test('an altered payload does not authenticate', async () => {
  const ring = new KeyRing([generateKey(new Date())]);
  const [sealed] = await new EncryptionCodec(ring).encode([payloadOf(SECRET)]);
  const data = Buffer.from(sealed!.data!);
  data[20] = data[20]! ^ 1;
  await expect(new EncryptionCodec(ring).decode([{ ...sealed!, data }])).rejects.toThrow(
    /does not authenticate/,
  );
});

test('payloads written before the codec existed pass through unchanged', async () => {
  const clear = payloadOf({ old: true });
  const [out] = await new EncryptionCodec(new KeyRing([generateKey(new Date())])).decode([clear]);
  expect(out).toBe(clear);
});

test('the embedded default generates a key file readable by its owner only, and reads the same keys again', () => {
  const dataDir = tempDir();
  const settings = loadSettings({ CONVENE_DATA_DIR: dataDir });
  expect(settings.encryption.generateIfMissing).toBe(true);
  const first = KeyRing.load(settings.encryption);
  const file = path.join(dataDir, 'encryption-keys.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(KeyRing.load(settings.encryption).ids()).toEqual(first.ids());
});

test('a cluster deployment without keys stops with what to set', () => {
  const settings = loadSettings({
    TEMPORAL_ADDRESS: 'temporal.example.org:7233',
    CONVENE_DATA_DIR: tempDir(),
  });
  expect(() => KeyRing.load(settings.encryption)).toThrow(
    /No encryption keys.*CONVENE_ENCRYPTION_KEYS=id:base64/,
  );
});

test('a key file that others can read is refused with the chmod that fixes it', () => {
  const file = path.join(tempDir(), 'keys.json');
  writeFileSync(file, JSON.stringify({ keys: [{ id: 'k1', key: Buffer.alloc(32).toString('base64') }] }));
  chmodSync(file, 0o644);
  expect(() => KeyRing.load({ keyFile: file, generateIfMissing: false })).toThrow(`chmod 600 ${file}`);
});

test('a rotation by another process is picked up: an unknown key id makes the ring read the file again', async () => {
  const dataDir = tempDir();
  const source = loadSettings({ CONVENE_DATA_DIR: dataDir }).encryption;
  const worker = KeyRing.load(source);
  const cli = KeyRing.load(source);
  const fresh = rotateKeyFile(source.keyFile, new Date());
  expect(readFileSync(source.keyFile, 'utf8').match(/"id"/g)).toHaveLength(2);
  const [sealed] = await new EncryptionCodec(KeyRing.load(source)).encode([payloadOf(SECRET)]);
  expect(payloadKeyId(sealed!)).toBe(fresh.id);
  const [opened] = await new EncryptionCodec(worker).decode([sealed!]);
  expect(defaultPayloadConverter.fromPayload(opened!)).toBe(SECRET);
  expect(cli.ids()).toHaveLength(1); // untouched until it meets a key it lacks
});

test('CONVENE_ENCRYPTION_KEYS: the first key encrypts, a malformed entry is named with its fix', () => {
  const a = generateKey(new Date());
  const b = generateKey(new Date());
  expect(new KeyRing(parseKeyList(formatKeyList([a, b]))).encryptionKey().id).toBe(a.id);
  expect(keyListProblems('k1:abc')).toEqual([expect.stringMatching(/entry 1 \("k1"\).*32 bytes/)]);
  expect(() => loadSettings({ CONVENE_ENCRYPTION_KEYS: 'nokey' })).toThrow(
    /CONVENE_ENCRYPTION_KEYS: entry 1: must be id:base64.*Fix:/,
  );
});

test('documents at rest: sealed with the current key, opened after a rotation, unreadable without the key', () => {
  const old = generateKey(new Date());
  const sealed = encryptAtRest(new KeyRing([old]), '# Draft agenda\n' + SECRET);
  expect(sealed.toString('latin1')).not.toContain('African Union');
  const rotated = new KeyRing([generateKey(new Date()), old]);
  expect(decryptAtRest(rotated, sealed).toString('utf8')).toContain(SECRET);
  expect(() => decryptAtRest(new KeyRing([generateKey(new Date())]), sealed)).toThrow(MissingKeyError);
});
