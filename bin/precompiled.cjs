/**
 * The CLI, precompiled: cli/main.ts and the project files it imports, bundled by esbuild into one
 * CommonJS file in the cache (packages stay in node_modules). Under tsx every run paid for its hook:
 * each of ~500 modules scanned for ESM syntax, resolved through the tsconfig, mapped to a cached
 * transform, about half of `convene --help`.
 *
 * A stale build never runs: the bundle is named by a hash of every file that went into it (the
 * list esbuild reports), of this file, tsconfig.json and esbuild's version; each run hashes those
 * files again (a few milliseconds) and builds afresh when one changed or went missing. Commands
 * stay lazy inside the bundle (esbuild evaluates a `require`d module when it is first required).
 * When the build fails (a syntax error, no esbuild), the CLI runs under tsx as before, which
 * reports the error as it always has.
 */
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'cli', 'main.ts');
const TSCONFIG = path.join(ROOT, 'tsconfig.json');

/** The same folder as workers/temporal-cli.ts's cacheDir(), one subfolder per checkout. */
function buildDir() {
  const env = process.env;
  const base =
    env.CONVENE_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'convene');
  const checkout = createHash('sha256').update(ROOT).digest('hex').slice(0, 16);
  return path.join(base, 'cli', checkout);
}

/** esbuild as tsx (a dependency of the project) uses it: resolved from tsx's own folder. */
function esbuildPath() {
  return require.resolve('esbuild', { paths: [path.join(ROOT, 'node_modules', 'tsx')] });
}

/** The hash of the build's inputs: their paths and contents, this file, the tsconfig, esbuild's version. */
function hashOf(inputs, esbuildVersion) {
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\0`);
  for (const file of [__filename, TSCONFIG, ...inputs]) {
    hash
      .update(`${path.relative(ROOT, file)}\0`)
      .update(fs.readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * In the bundle every file would see the bundle's `__dirname`; each project file that names it
 * gets its own, as under tsx (config/settings.ts finds the checkout from it).
 */
const ownDirname = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      let contents = fs.readFileSync(args.path, 'utf8');
      if (/\b__(dirname|filename)\b/.test(contents)) {
        contents =
          `const __filename = ${JSON.stringify(args.path)};\n` +
          `const __dirname = ${JSON.stringify(path.dirname(args.path))};\n` +
          contents;
      }
      return { contents, loader: 'ts' };
    });
  },
};

async function build(dir) {
  const esbuild = require(esbuildPath());
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    tsconfig: TSCONFIG,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [ownDirname],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((f) => path.resolve(ROOT, f))
    .sort();
  const hash = hashOf(inputs, esbuild.version);
  const bundle = `main-${hash}.cjs`;
  fs.mkdirSync(dir, { recursive: true });
  // Written under a temporary name and renamed: a CLI started meanwhile sees the old build or the new.
  const write = (name, data) => {
    const tmp = path.join(dir, `.${name}.${process.pid}`);
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, path.join(dir, name));
  };
  write(bundle, result.outputFiles[0].contents);
  write('manifest.json', JSON.stringify({ hash, bundle, esbuild: esbuild.version, inputs }));
  for (const old of fs.readdirSync(dir)) {
    if (old.startsWith('main-') && old !== bundle) fs.rmSync(path.join(dir, old), { force: true });
  }
  return path.join(dir, bundle);
}

/** The bundle that matches the sources as they are now, or undefined. */
function current(dir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    if (hashOf(manifest.inputs, manifest.esbuild) !== manifest.hash) return undefined;
    // esbuild itself may have changed (its version is in the hash, read without loading it).
    const esbuildPackage = path.join(path.dirname(esbuildPath()), '..', 'package.json');
    if (JSON.parse(fs.readFileSync(esbuildPackage, 'utf8')).version !== manifest.esbuild) return undefined;
    const bundle = path.join(dir, manifest.bundle);
    return fs.existsSync(bundle) ? bundle : undefined;
  } catch {
    return undefined; // no build yet, or an input gone: build again
  }
}

/**
 * The bundle, as a module that finds packages where cli/main.ts would: in the checkout's
 * node_modules, not beside the bundle in the cache.
 */
function requireBundle(file) {
  const bundle = new Module(file, module);
  bundle.filename = file;
  bundle.paths = Module._nodeModulePaths(path.dirname(ENTRY));
  bundle._compile(fs.readFileSync(file, 'utf8'), file);
  bundle.loaded = true;
  return bundle.exports;
}

/** cli/main.ts's module: from the current bundle, a new one, or (when building fails) under tsx. */
async function loadCli() {
  const dir = buildDir();
  let bundle = current(dir);
  if (!bundle) {
    try {
      bundle = await build(dir);
    } catch {
      require(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cjs', 'index.cjs'));
      return require(ENTRY);
    }
  }
  return requireBundle(bundle);
}

module.exports = { loadCli, buildDir };
