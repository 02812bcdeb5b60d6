/**
 * The codec server on its own (`npm run codec-server`), for a deployment whose Web UI is not the
 * embedded one: point the UI's codec endpoint at it (Temporal UI `codec.endpoint`, or the UI's
 * "Codec Server" setting) and list the UI's origin in CONVENE_CODEC_UI_ORIGINS.
 */
import { loadOperatorToken } from '../codec/operator-token';
import { startCodecServer } from '../codec/server';
import { ConfigError, saidAtStart } from '../config/problems';
import { loadSettings } from '../config/settings';
import { loadKeys } from './connect';

async function main(): Promise<void> {
  const settings = loadSettings();
  const server = await startCodecServer({
    keys: loadKeys(settings),
    operatorToken: loadOperatorToken(settings.codecServer),
    allowedOrigins: settings.codecServer.allowedOrigins,
    port: settings.codecServer.port,
  });
  console.log(
    `Codec server on ${server.url} for ${settings.codecServer.allowedOrigins.join(', ')}; operators sign in at ${server.url}/sign-in`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close());
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? saidAtStart(err) : err instanceof Error ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
