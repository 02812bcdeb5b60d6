/**
 * The secret that signs the portal's cookies and CSRF tokens. Every instance of a deployment must
 * share it, so outside the embedded default it is required; the embedded default generates one on
 * first start and keeps it, readable by the owner only, under the data folder.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, problem, sources } from '../config/problems';
import type { Settings } from '../config/settings';

export function sessionSecretOf(settings: Settings): string {
  const { portal } = settings;
  if (portal.sessionSecret) return portal.sessionSecret;
  if (settings.temporal.mode !== 'embedded') {
    throw new ConfigError(sources.environment(), [
      problem('config.problem.sessionSecretNeeded', { fix: portal.secretFix }),
    ]);
  }
  return embeddedSecret(portal.secretFile);
}

function embeddedSecret(file: string): string {
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
    throw new ConfigError(sources.sessionSecret(file), [problem('config.problem.sessionSecretShort')]);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx': two instances starting at once do not overwrite each other's secret.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return embeddedSecret(file);
    throw err;
  }
  chmodSync(file, 0o600);
  return secret;
}
