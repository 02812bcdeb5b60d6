/**
 * The portal under load (issue 13), against one portal instance on an engine of its own (a dev
 * server with SQLite, the embedded store, one worker), beside a bare Fastify route that makes the
 * same Temporal query and Update, in the same process and the same run:
 *   1. page loads: `--users` (100) signed-in chairs load their group page at once, `--rounds` times;
 *   2. submits: `--submitters` (20) of them submit their group's form at once, `--rounds` times.
 * Rounds alternate portal and bare, so the machine's noise falls on both alike. Reports p50, p99 and
 * throughput of each, and the ratios (goal: portal p50 ≤ 1.5× the bare route's, portal p99 ≤ 500 ms).
 * The requests come from a process of their own (bench/load-generator.ts), as browsers would, not
 * from the event loop that serves the pages and drives the worker. The portal shares the status
 * reads of the requests that come at once for the same group (portal/shared-reads.ts); the bare
 * route makes one query per request, as the portal did before.
 *
 * The 100 sessions are opened in the store as the sign-in link's POST opens them (the sign-in path
 * itself is tested in test/portal/); the group page and submit are the real routes, CSRF included.
 *   npx tsx scripts/bench-portal.ts [--users 100] [--submitters 20] [--rounds 10]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Fastify from 'fastify';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../codec/data-converter';
import { loadDirectory } from '../config/directory';
import type { CycleInput } from '../domain/cycle-input';
import { workflowIds } from '../domain/ids';
import { executeUpdate } from '../clients/updates';
import { SESSION_COOKIE } from '../portal/pages';
import { Sessions } from '../portal/sessions';
import { startPortal } from '../portal/start';
import { csrfTokenFor } from '../portal/tokens';
import { Store } from '../store/store';
import { freePort } from '../workers/dev-server';
import { groupStatusQuery, submitInputUpdate } from '../workflows/definitions/working-group-input';
import { startBenchEngine } from './bench/engine';
import { startLoadGenerator, type LoadGenerator, type LoadRequest } from './bench/load-generator';
import { openExampleCycle, percentile } from './bench/open-cycle';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
const USERS = option('users', 100);
const SUBMITTERS = option('submitters', 20);
const ROUNDS = option('rounds', 10);
const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** One signed-in user: a chair, their group and the cookie of a session of their own. */
interface User {
  email: string;
  groupId: string;
  area: string;
  cookie: string;
  csrf: string;
}

async function main(): Promise<void> {
  const portalPort = await freePort();
  const publicUrl = `http://127.0.0.1:${portalPort}`;
  const engine = await startBenchEngine('bench-portal', {
    CONVENE_PORTAL_PORT: String(portalPort),
    CONVENE_PUBLIC_URL: publicUrl,
    CONVENE_SESSION_SECRET: SECRET,
  });
  const { settings, keys, client } = engine;
  const worker = await Worker.create({
    connection: engine.native,
    taskQueue: settings.taskQueue,
    workflowBundle: engine.workflowBundle,
    dataConverter: dataConverter(keys),
    activities: engine.activities,
  });
  const store = new Store(settings.store.url, { maxConnections: 10, schema: settings.store.schema });
  const portal = await startPortal({
    settings,
    directory: loadDirectory(settings.directoryFile),
    store,
    client,
  });
  const bare = await startBareRoutes(engine.client);
  const generator = await startLoadGenerator();
  try {
    await worker.runUntil(async () => {
      const { input } = await openExampleCycle(client, settings, settings.taskQueue, 950);
      const users = await signInUsers(store, portal.app, input);
      console.log(
        `${users.length} signed-in chairs of ${input.workingGroups.length} groups; ${ROUNDS} rounds of each`,
      );
      await measure('group page', users, generator, {
        portal: (u) => get(`${publicUrl}/groups/${u.groupId}`, u),
        bare: (u) => get(`${bare.url}/bare/groups/${u.groupId}`, u),
      });
      const submitters = users.slice(0, SUBMITTERS);
      await measure('submit', submitters, generator, {
        portal: (u, i) => post(`${publicUrl}/groups/${u.groupId}/submit`, u, submitForm(u, i), 303),
        bare: (u, i) => post(`${bare.url}/bare/groups/${u.groupId}/submit`, u, submitForm(u, i), 200),
      });
    });
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
  } finally {
    await generator.stop();
    await bare.app.close();
    await portal.stop();
    await store.close();
    await engine.stop();
  }
}

/** USERS sessions, spread over the groups' chairs, each with its signed cookie and CSRF token. */
async function signInUsers(
  store: Store,
  app: { signCookie(value: string): string },
  input: CycleInput,
): Promise<User[]> {
  const sessions = new Sessions(store);
  const users: User[] = [];
  for (let i = 0; i < USERS; i++) {
    const g = input.workingGroups[i % input.workingGroups.length]!;
    const session = await sessions.start(g.chair.email);
    users.push({
      email: g.chair.email,
      groupId: workflowIds.workingGroup(input.editionKey, g.id),
      area: g.area,
      cookie: `${SESSION_COOKIE}=${app.signCookie(session.id)}`,
      csrf: csrfTokenFor(SECRET, `session:${session.id}`),
    });
  }
  return users;
}

/**
 * The same query and Update as the portal's group page and submit (a form without papers goes
 * straight to the Update), without sessions, CSRF, forms, templates or the catalogs: what the
 * portal adds is the difference.
 */
async function startBareRoutes(client: import('@temporalio/client').Client) {
  const app = Fastify();
  await app.register(import('@fastify/formbody'));
  app.get<{ Params: { id: string } }>('/bare/groups/:id', async (request) =>
    client.workflow.getHandle(request.params.id).query(groupStatusQuery),
  );
  app.post<{ Params: { id: string }; Body: Record<string, string> }>(
    '/bare/groups/:id/submit',
    async (request) => {
      const b = request.body;
      const handle = client.workflow.getHandle(request.params.id);
      return executeUpdate(handle, submitInputUpdate, {
        args: [
          {
            as: b.as!,
            input: {
              summary: b.summary!,
              agendaItems: [
                {
                  title: b.item1Title!,
                  description: b.item1Description!,
                  area: b.item1Area!,
                  durationMinutes: Number(b.item1Duration),
                },
              ],
            },
          },
        ],
      });
    },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

function submitForm(u: User, i: number): Record<string, string> {
  return {
    _csrf: u.csrf,
    // Only the bare route reads it: the portal's actor is the session's, never a form field.
    as: u.email,
    summary: `Benchmark input ${i}: the partnership on early warning`,
    item1Title: 'Early warning',
    item1Description: 'Why it matters to the partners.',
    item1Area: u.area,
    item1Duration: '30',
  };
}

function get(url: string, u: User): LoadRequest {
  return { method: 'GET', url, headers: { cookie: u.cookie }, expected: 200 };
}

function post(url: string, u: User, form: Record<string, string>, expected: number): LoadRequest {
  return {
    method: 'POST',
    url,
    headers: { cookie: u.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    expected,
  };
}

type Load = (u: User, i: number) => LoadRequest;

/**
 * Alternating rounds in which every user makes the request at once (from the load generator's
 * process); one warm-up round each. Beside the times, the event-loop delay of this process, which
 * serves the portal and the bare route and drives the worker: what a stall there costs everyone.
 */
async function measure(
  what: string,
  users: User[],
  generator: LoadGenerator,
  loads: { portal: Load; bare: Load },
): Promise<void> {
  const times = { portal: [] as number[], bare: [] as number[] };
  const wall = { portal: 0, bare: 0 };
  // The worst round's event-loop delay, each round with a histogram of its own: one enabled again
  // after a pause counts the pause as a delay.
  const delay = { portal: { p99: 0, max: 0 }, bare: { p99: 0, max: 0 } };
  let n = 0;
  for (let round = -1; round < ROUNDS; round++) {
    for (const name of ['bare', 'portal'] as const) {
      const requests = users.map((u) => loads[name](u, n++));
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const result = await generator.round(requests);
      loop.disable();
      if (round < 0) continue; // warm-up
      delay[name].p99 = Math.max(delay[name].p99, loop.percentile(99));
      delay[name].max = Math.max(delay[name].max, loop.max);
      wall[name] += result.wallMs;
      times[name].push(...result.samples);
    }
  }
  const ms = (ns: number) => (ns / 1e6).toFixed(0);
  const line = (name: 'portal' | 'bare') =>
    `   ${name.padEnd(8)} p50 ${percentile(times[name], 0.5).toFixed(1).padStart(7)}  p99 ${percentile(times[name], 0.99).toFixed(1).padStart(7)}  ${((times[name].length / wall[name]) * 1000).toFixed(1).padStart(6)} req/s  (event-loop delay, worst round: p99 ${ms(delay[name].p99)}, max ${ms(delay[name].max)} ms)`;
  console.log(`\n${what}: ${users.length} at once × ${ROUNDS} rounds (ms)`);
  console.log(line('bare'));
  console.log(line('portal'));
  const p50 = percentile(times.portal, 0.5) / percentile(times.bare, 0.5);
  const p99 = percentile(times.portal, 0.99);
  console.log(
    `   portal / bare p50 ${p50.toFixed(2)} (goal ≤ 1.50: ${p50 <= 1.5 ? 'met' : 'missed'}); portal p99 ${p99.toFixed(0)} ms (goal ≤ 500: ${p99 <= 500 ? 'met' : 'missed'})`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
