import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../config/problems';
import { loadSettings } from '../../config/settings';
import { sessionSecretOf } from '../../portal/secret';

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'convene-secret-'));

test('the embedded default generates a session secret once, readable by its owner only, and keeps it', () => {
  const settings = loadSettings({ CONVENE_DATA_DIR: dataDir() });
  const secret = sessionSecretOf(settings);
  expect(secret.length).toBeGreaterThanOrEqual(32);
  expect(statSync(settings.portal.secretFile).mode & 0o777).toBe(0o600);
  expect(sessionSecretOf(settings)).toBe(secret);
  expect(readFileSync(settings.portal.secretFile, 'utf8').trim()).toBe(secret);
});

test('outside the embedded default a missing session secret stops start-up with the fix', () => {
  const settings = loadSettings({ TEMPORAL_ADDRESS: 'temporal.internal:7233', CONVENE_DATA_DIR: dataDir() });
  expect(() => sessionSecretOf(settings)).toThrow(ConfigError);
  expect(() => sessionSecretOf(settings)).toThrow(
    /CONVENE_SESSION_SECRET: must be set .*openssl rand -base64 48/,
  );
});

test('a weak session secret stops start-up with the fix', () => {
  expect(() => loadSettings({ CONVENE_SESSION_SECRET: 'short' })).toThrow(
    /CONVENE_SESSION_SECRET: is too weak/,
  );
  expect(() => loadSettings({ CONVENE_SESSION_SECRET: 'a'.repeat(40) })).toThrow(
    /repeats too few characters/,
  );
});

test('links in mail are based on CONVENE_PUBLIC_URL, without a trailing slash', () => {
  expect(loadSettings({ CONVENE_PUBLIC_URL: 'https://convene.example.org/' }).portal.publicUrl).toBe(
    'https://convene.example.org',
  );
  expect(loadSettings({ CONVENE_PORTAL_PORT: '8181' }).portal.publicUrl).toBe('http://127.0.0.1:8181');
});
