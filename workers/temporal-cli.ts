/**
 * Finds the Temporal CLI (which contains the dev server), or builds it where it cannot be downloaded.
 *
 * Order: TEMPORAL_CLI_PATH, `temporal` on PATH, the cache outside the checkout, the SDK's own
 * download, and last `go install` from the Go module proxy into the cache. Safe to run twice: a
 * binary already in the cache is used as it is.
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest tag whose go.mod has no local `replace`, so `go install` works; then neighbours. */
export const GO_INSTALL_TAGS = ['v1.5.1', 'v1.5.0', 'v1.4.1'] as const;
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';

export type CliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'sdk-download' | 'go-install';
export interface ResolvedCli {
  path: string;
  source: CliSource;
  version: string;
}

export type Progress = (message: string) => void;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONVENE_CACHE_DIR) return env.CONVENE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'convene');
}

export class TemporalCliNotFound extends Error {}

export async function findOrBuildTemporalCli(
  opts: { env?: NodeJS.ProcessEnv; progress?: Progress; allowBuild?: boolean } = {},
): Promise<ResolvedCli> {
  const env = opts.env ?? process.env;
  const say = opts.progress ?? (() => undefined);
  const cache = path.join(cacheDir(env), 'temporal-cli');

  if (env.TEMPORAL_CLI_PATH) {
    const explicit = env.TEMPORAL_CLI_PATH;
    if (!(await isExecutable(explicit))) {
      throw new TemporalCliNotFound(
        `TEMPORAL_CLI_PATH=${explicit} is not an executable file; point it at a Temporal CLI binary or unset it to let convene find or build one.`,
      );
    }
    return withVersion(explicit, 'TEMPORAL_CLI_PATH');
  }

  const onPath = await findOnPath('temporal', env.PATH ?? '');
  if (onPath) return withVersion(onPath, 'PATH');

  const cached = await findInCache(cache);
  if (cached) return withVersion(cached, 'cache');

  say('No Temporal CLI found (TEMPORAL_CLI_PATH, PATH, cache); trying the SDK download…');
  const downloaded = await trySdkDownload(path.join(cache, 'sdk-download'), say);
  if (downloaded) return withVersion(downloaded, 'sdk-download');

  if (opts.allowBuild === false) {
    throw new TemporalCliNotFound(notFoundAdvice(cache));
  }
  const built = await goInstall(cache, say);
  return withVersion(built, 'go-install');
}

async function withVersion(binary: string, source: CliSource): Promise<ResolvedCli> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 30_000 });
    return { path: binary, source, version: stdout.trim() };
  } catch (err) {
    throw new TemporalCliNotFound(
      `The Temporal CLI at ${binary} (found through ${source}) does not run: ${(err as Error).message}. Remove it or set TEMPORAL_CLI_PATH to a working binary.`,
    );
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return false;
    await fs.access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** A go-installed build per tag, newest tag first, then whatever the SDK download left. */
async function findInCache(cache: string): Promise<string | undefined> {
  for (const tag of GO_INSTALL_TAGS) {
    const candidate = path.join(cache, tag, 'temporal');
    if (await isExecutable(candidate)) return candidate;
  }
  return findSdkDownload(path.join(cache, 'sdk-download'));
}

async function findSdkDownload(dir: string): Promise<string | undefined> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  for (const entry of entries
    .filter((e) => e.startsWith('temporal'))
    .sort()
    .reverse()) {
    const candidate = path.join(dir, entry);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The SDK downloads the CLI on machines with internet access. It has no download-only call, so we
 * start (and at once stop) an ephemeral dev server with the download directory set to our cache.
 */
async function trySdkDownload(dir: string, say: Progress): Promise<string | undefined> {
  await fs.mkdir(dir, { recursive: true });
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await withTimeout(
      TestWorkflowEnvironment.createLocal({
        server: { executable: { type: 'cached-download', downloadDir: dir } },
      }),
      120_000,
    );
    await env.teardown();
  } catch (err) {
    say(`  the SDK download is not available here (${firstLine(err)}).`);
    return undefined;
  }
  return findSdkDownload(dir);
}

async function goInstall(cache: string, say: Progress): Promise<string> {
  const go = await findOnPath('go', process.env.PATH ?? '');
  if (!go) throw new TemporalCliNotFound(notFoundAdvice(cache));
  const failures: string[] = [];
  for (const tag of GO_INSTALL_TAGS) {
    const bin = path.join(cache, tag);
    await fs.mkdir(bin, { recursive: true });
    say(`Building the Temporal CLI ${tag} with \`go install ${GO_PACKAGE}@${tag}\` into ${bin}.`);
    say('  A first build downloads the modules and compiles the server: expect several minutes.');
    const started = Date.now();
    const ticker = setInterval(
      () => say(`  …still building (${Math.round((Date.now() - started) / 1000)} s)`),
      30_000,
    );
    try {
      await run(go, ['install', `${GO_PACKAGE}@${tag}`], {
        env: { ...process.env, GOBIN: bin },
        maxBuffer: 64 * 1024 * 1024,
      });
      say(`  built in ${Math.round((Date.now() - started) / 1000)} s.`);
      return path.join(bin, 'temporal');
    } catch (err) {
      failures.push(`${tag}: ${firstLine(err)}`);
      say(`  ${tag} failed; trying the next tag.`);
    } finally {
      clearInterval(ticker);
    }
  }
  throw new TemporalCliNotFound(
    `${notFoundAdvice(cache)}\n  go install failed for every tag:\n  ${failures.join('\n  ')}`,
  );
}

function notFoundAdvice(cache: string): string {
  return [
    'Could not find or build the Temporal CLI (it contains the dev server). Do one of:',
    '  - install Go (>= 1.23) so convene can build it with `go install` into ' + cache + ';',
    '  - put a `temporal` binary on PATH;',
    '  - or set TEMPORAL_CLI_PATH to the binary.',
  ].join('\n');
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').find((l) => l.trim()) ?? text;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
