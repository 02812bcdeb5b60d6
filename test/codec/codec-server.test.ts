import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { generateKey, KeyRing } from '../../codec/keys';
import { EncryptionCodec } from '../../codec/payload-codec';
import { startCodecServer, type RunningCodecServer } from '../../codec/server';

const UI = 'http://127.0.0.1:8233';
const TOKEN = 'operator-token-for-this-test-0123456789abcdef';
const TEXT = 'The peacekeeping group proposes a joint training centre in Accra';
const keys = new KeyRing([generateKey(new Date())]);
let server: RunningCodecServer;

beforeAll(async () => {
  server = await startCodecServer({ keys, operatorToken: TOKEN, allowedOrigins: [UI], port: 0 });
});
afterAll(() => server.close());

const asJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

async function sealedBody(text: string, ring = keys) {
  const [sealed] = await new EncryptionCodec(ring).encode([defaultPayloadConverter.toPayload(text)]);
  return JSON.stringify({ payloads: [asJson(sealed!)] });
}

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
    body,
  });
}

test('an operator with the token gets a sealed payload back in clear', async () => {
  const response = await post('/decode', await sealedBody(TEXT), { authorization: `Bearer ${TOKEN}` });
  expect(response.status).toBe(200);
  const { payloads } = (await response.json()) as { payloads: { data: string }[] };
  expect(JSON.parse(Buffer.from(payloads[0]!.data, 'base64').toString('utf8'))).toBe(TEXT);
});

test('without the token the codec server refuses and says how to sign in', async () => {
  const response = await post('/decode', await sealedBody(TEXT), { authorization: 'Bearer wrong' });
  expect(response.status).toBe(401);
  expect(await response.text()).toMatch(/sign in at \/sign-in/);
  expect((await post('/decode', await sealedBody(TEXT))).status).toBe(401);
});

test("CORS admits the Web UI's origin with credentials, and no other origin", async () => {
  const preflight = (origin: string) =>
    fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
  const ok = await preflight(UI);
  expect(ok.headers.get('access-control-allow-origin')).toBe(UI);
  expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
  const other = await preflight('http://evil.example.org');
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  const direct = await post('/decode', await sealedBody(TEXT), {
    origin: 'http://evil.example.org',
    authorization: `Bearer ${TOKEN}`,
  });
  expect(direct.status).toBe(403);
});

test('signing in with the token sets a cookie that decodes; the cookie is not the token', async () => {
  const wrong = await fetch(`${server.url}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'token=nope',
  });
  expect(wrong.status).toBe(401);
  const signIn = await fetch(`${server.url}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${TOKEN}`,
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).not.toContain(TOKEN);
  const response = await post('/decode', await sealedBody(TEXT), {
    cookie: cookie.split(';')[0]!,
    origin: UI,
  });
  expect(response.status).toBe(200);
});

test('a payload under a key the codec server lacks is answered with the key id to add', async () => {
  const other = new KeyRing([generateKey(new Date())]);
  const response = await post('/decode', await sealedBody(TEXT, other), { authorization: `Bearer ${TOKEN}` });
  expect(response.status).toBe(422);
  expect(await response.text()).toContain(other.ids()[0]!);
});

test('encode seals what the Web UI sends (a signal typed in the UI), so the server stores it sealed', async () => {
  const clear = asJson(defaultPayloadConverter.toPayload(TEXT));
  const response = await post('/encode', JSON.stringify({ payloads: [clear] }), {
    authorization: `Bearer ${TOKEN}`,
  });
  const { payloads } = (await response.json()) as {
    payloads: { data: string; metadata: Record<string, string> }[];
  };
  expect(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
  expect(Buffer.from(payloads[0]!.data, 'base64').toString('latin1')).not.toContain('Accra');
});
