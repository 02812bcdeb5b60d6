/**
 * The workflow bundle, built once and kept in the cache outside the checkout, keyed by a hash of
 * everything that goes into it: a worker starts from the file instead of running webpack, and a
 * bundle whose sources have changed is never found, so it never runs.
 *
 * zod is evaluated once per V8 context and deep-frozen (`preloadModules`); without that every
 * workflow loaded into the cache evaluates it afresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import type { LogMetadata, Logger } from '@temporalio/common';
import { FAILURE_CONVERTER_PATH } from '../codec/data-converter';
import { REPO_ROOT } from '../config/settings';
import { cacheDir } from './temporal-cli';

export const WORKFLOWS_PATH = path.join(REPO_ROOT, 'workflows', 'index.ts');
/** Counts refusals for every Update of every workflow (workflows/metrics.ts). */
const INTERCEPTORS = [path.join(REPO_ROOT, 'workflows', 'metrics.ts')];
const DOMAIN_DIR = path.join(REPO_ROOT, 'domain');

/**
 * Evaluated once per V8 context and shared, deep-frozen, by every workflow: zod, the largest part
 * of the bundle (about 1 MiB of its 1.8 MiB of code). zod keeps no per-workflow state at module
 * level; the schemas the domain builds from it stay each workflow's own. The domain module is not
 * shared: zod 4 completes a schema on its first use (bound methods, memoized parsers), which a
 * frozen schema cannot take ("Cannot define property safeParse, object is not extensible").
 */
export function sharedModules(): string[] {
  return [path.join(__dirname, 'workflow-shared-modules.ts')];
}

/** The inputs of the bundle: its sources, the lockfile (every package's version) and these options. */
const HASHED = [path.join(REPO_ROOT, 'workflows'), DOMAIN_DIR];
const HASHED_FILES = [
  path.join(REPO_ROOT, 'package-lock.json'),
  __filename,
  ...sharedModules(),
  // The failure converter runs inside the sandbox (failure messages are encoded there).
  FAILURE_CONVERTER_PATH,
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** A hash of every file the bundle is made from; a different hash is a different bundle. */
export function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of [...HASHED.flatMap(tsFiles), ...HASHED_FILES]) {
    hash.update(path.relative(REPO_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  hash.update(process.version); // swc and webpack run under this Node; the bundle is theirs
  return hash.digest('hex').slice(0, 24);
}

export function bundleOptions(logger: Logger): BundleOptions {
  return {
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    workflowInterceptorModules: INTERCEPTORS,
    preloadModules: sharedModules(),
    // The SDK reports the bundle's size at info; it is a build detail, so debug.
    logger: {
      ...logger,
      info: (message: string, meta?: LogMetadata) => {
        logger.debug(message, meta);
      },
    },
  };
}

export interface PrebuiltBundle {
  codePath: string;
  /** Whether this call ran webpack (false: the cached file was current). */
  built: boolean;
  sizeBytes: number;
}

/**
 * The path of a current bundle: the cached one when its hash matches the sources, otherwise a new
 * one built now. Written to a temporary name and renamed, so two processes building at once (two
 * workers, a test run) both end with a whole file.
 */
export async function prebuiltWorkflowBundle(
  logger: Logger,
  dir: string = path.join(cacheDir(), 'workflow-bundles'),
): Promise<PrebuiltBundle> {
  const codePath = path.join(dir, `workflows-${sourcesHash()}.js`);
  if (existsSync(codePath)) return { codePath, built: false, sizeBytes: readFileSync(codePath).length };
  const began = performance.now();
  const { code } = await bundleWorkflowCode(bundleOptions(logger));
  mkdirSync(dir, { recursive: true });
  const partial = `${codePath}.${process.pid}.partial`;
  writeFileSync(partial, code);
  renameSync(partial, codePath);
  logger.info('workflow bundle built', {
    path: codePath,
    sizeMiB: Number((code.length / 2 ** 20).toFixed(2)),
    ms: Math.round(performance.now() - began),
  });
  return { codePath, built: true, sizeBytes: code.length };
}
