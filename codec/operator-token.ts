/**
 * The operators' token for the codec server, until sign-in exists: given in CONVENE_OPERATOR_TOKEN,
 * or generated once under the data folder (mode 0600) on the embedded default. Whoever holds it may
 * decode payloads in the Web UI; the token itself never leaves the machine in a cookie (see server.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OperatorTokenSource {
  operatorToken?: string;
  operatorTokenFile: string;
  /** The embedded default may write the file; elsewhere the token must be given. */
  generateIfMissing: boolean;
}

export function loadOperatorToken(source: OperatorTokenSource): string {
  if (source.operatorToken) return source.operatorToken;
  try {
    return readFileSync(source.operatorTokenFile, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!source.generateIfMissing) {
    throw new Error(
      `The codec server needs an operator token: set CONVENE_OPERATOR_TOKEN (openssl rand -hex 32), or put one in ${source.operatorTokenFile}.`,
    );
  }
  mkdirSync(path.dirname(source.operatorTokenFile), { recursive: true });
  const token = randomBytes(32).toString('hex');
  try {
    writeFileSync(source.operatorTokenFile, token + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOperatorToken(source);
    throw err;
  }
  return token;
}
