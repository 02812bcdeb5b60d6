/**
 * How quickly the CLI answers, end to end as an operator types it (process start included):
 * `convene --help`, and `convene decision list` against a dev server of its own, 10 runs each.
 * In the same run, as baselines: `node -e 0` (the floor: a process that loads nothing), and the
 * CLI as bin/convene ran it before it was precompiled (cli/main.ts under tsx's CommonJS hook), or
 * with --before, the bin/convene of another checkout (an export of an earlier commit, say).
 *
 *   npx tsx scripts/bench-cli.ts [--runs 10] [--before /tmp/old-checkout]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatKeyList, generateKey } from '../codec/keys';
import { REPO_ROOT } from '../config/settings';
import { freePort, startDevServer } from '../workers/dev-server';
import { findOrBuildTemporalCli } from '../workers/temporal-cli';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 10) || 10;
const BIN = path.join(REPO_ROOT, 'bin', 'convene');
const before = process.argv.includes('--before')
  ? path.resolve(process.argv[process.argv.indexOf('--before') + 1]!)
  : undefined;
/** The baseline: the other checkout's bin/convene, or this one's CLI under tsx. */
const BASELINE: [string, string[], string] = before
  ? [path.join(before, 'bin', 'convene'), [], `${before}/bin/convene`]
  : [
      process.execPath,
      [
        '--require',
        path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cjs', 'index.cjs'),
        path.join(REPO_ROOT, 'cli', 'main.ts'),
      ],
      'under tsx (bin/convene before it was precompiled)',
    ];

/** `runs` runs of the command, sorted; by default bin/convene with `args`. */
function timed(args: string[], env: NodeJS.ProcessEnv, command = BIN, prefix: string[] = []): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    execFileSync(command, [...prefix, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    times.push(performance.now() - began);
  }
  return times.sort((a, b) => a - b);
}

const median = (times: number[]) => times[Math.floor(times.length / 2)]!;

function line(what: string, times: number[], targetMs?: number, baseline?: number[]): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const m = median(times);
  return (
    `  ${what.padEnd(30)} min ${ms(times[0]!)}, median ${ms(m)}, max ${ms(times.at(-1)!)}` +
    (baseline ? `, ${(m / median(baseline)).toFixed(2)}× the baseline's median` : '') +
    (targetMs ? ` (target ${ms(targetMs)}: ${m <= targetMs ? 'met' : 'missed'} at the median)` : '')
  );
}

async function main(): Promise<void> {
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.error(m) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-bench-'));
  const server = await startDevServer({
    cliPath: cli.path,
    port: await freePort(),
    namespace: 'default',
    dbFile: path.join(dir, 'temporal.sqlite'),
  });
  try {
    // A key of the run's own, so that the benchmark does not depend on the checkout's key file.
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: server.address,
      CONVENE_ENCRYPTION_KEYS: formatKeyList([generateKey(new Date())]),
    };
    // The first runs fill tsx's transform cache and build the CLI; not what an operator sees twice.
    timed(['--help'], env);
    timed(['--help'], env, BASELINE[0], BASELINE[1]);
    const load = () => os.loadavg()[0]!.toFixed(1);
    const loads = [load()];
    const floor = timed([], env, process.execPath, ['-e', '0']);
    const base = {
      help: timed(['--help'], env, BASELINE[0], BASELINE[1]),
      list: timed(['decision', 'list'], env, BASELINE[0], BASELINE[1]),
      byStatus: timed(['decision', 'list', '--status', 'stalled'], env, BASELINE[0], BASELINE[1]),
    };
    loads.push(load());
    const help = timed(['--help'], env);
    const list = timed(['decision', 'list'], env);
    const byStatus = timed(['decision', 'list', '--status', 'stalled'], env);
    loads.push(load());
    console.log(
      `\n${runs} runs each, ${os.cpus().length} CPUs, 1-minute load average ${loads.join(' → ')}` +
        ` (before, between and after the two series)`,
    );
    console.log(line('node -e 0 (floor)', floor));
    console.log(`${BASELINE[2]}:`);
    console.log(line('convene --help', base.help));
    console.log(line('convene decision list', base.list));
    console.log(line('decision list --status', base.byStatus));
    console.log('bin/convene:');
    console.log(line('convene --help', help, 1000, base.help));
    console.log(line('convene decision list', list, 1500, base.list));
    console.log(line('decision list --status', byStatus, 1000, base.byStatus));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
