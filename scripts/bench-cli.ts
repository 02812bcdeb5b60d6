/**
 * How quickly the CLI answers, end to end as an operator types it (process start included):
 * `convene --help`, and `convene decision list` against a dev server of its own, 10 runs each.
 *
 *   npx tsx scripts/bench-cli.ts [--runs 10]
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

function timed(args: string[], env: NodeJS.ProcessEnv): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    execFileSync(BIN, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    times.push(performance.now() - began);
  }
  return times.sort((a, b) => a - b);
}

function line(what: string, times: number[], targetMs: number): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const median = times[Math.floor(times.length / 2)]!;
  return (
    `  ${what.padEnd(24)} min ${ms(times[0]!)}, median ${ms(median)}, max ${ms(times.at(-1)!)}` +
    ` (target ${ms(targetMs)}: ${median <= targetMs ? 'met' : 'missed'} at the median)`
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
    timed(['--help'], env); // the first run fills tsx's transform cache; not what an operator sees twice
    const help = timed(['--help'], env);
    const list = timed(['decision', 'list'], env);
    const byStatus = timed(['decision', 'list', '--status', 'stalled'], env);
    console.log(
      `\nbin/convene, ${runs} runs each, ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(line('convene --help', help, 1000));
    console.log(line('convene decision list', list, 1500));
    console.log(line('decision list --status', byStatus, 1000));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
