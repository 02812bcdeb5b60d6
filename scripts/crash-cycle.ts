/**
 * Issue 11's crash-and-restart measure (a script, not a timed test). On a dev server of its own
 * (SQLite in a temporary folder), the embedded store, a real SMTP server on 127.0.0.1 and two worker
 * processes (each with its own data folder, as two machines would be), it runs the example cycle on
 * a compressed timeline twice:
 *   1. calm: nothing goes wrong; what it delivers is what is expected;
 *   2. chaos: worker A is killed with SIGKILL at --kills random moments (and started again), worker B
 *      running throughout; the dev server is killed and restarted on the same SQLite file in the
 *      middle; the SMTP server is down for --smtp-down seconds.
 * Then it checks that every cycle completed with every input and decision, that every expected
 * message was delivered, and that a message delivered twice carried the same Message-ID, and prints
 * the figures. Exit code 1 when a check fails.
 *   npx tsx scripts/crash-cycle.ts [--kills 20] [--smtp-down 30] [--scale 8] [--seed 11]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { dataConverter } from '../codec/data-converter';
import { generateKey, KeyRing } from '../codec/keys';
import { loadSettings, type Settings } from '../config/settings';
import type { CycleInput } from '../domain/cycle-input';
import { workflowIds } from '../domain/ids';
import { freePort, startDevServer, type RunningDevServer } from '../workers/dev-server';
import { createLogger } from '../workers/logging';
import { compressedExampleCycle } from './bench/example-cycle';
import { findOrBuildTemporalCli } from '../workers/temporal-cli';
import { startEmbeddedStore } from '../store/embedded';
import {
  approveAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../workflows/definitions/preparation-cycle';
import { reviewInputUpdate, submitInputUpdate } from '../workflows/definitions/working-group-input';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const KILLS = arg('kills', 20);
const SMTP_DOWN_S = arg('smtp-down', 30);
const CHAOS_SCALE = arg('scale', 8);
let seed = arg('seed', 11);
/** A small seeded generator (mulberry32), so a run's kill moments can be given again. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ROOT = path.join(__dirname, '..');

interface Delivered {
  to: string;
  subject: string;
  messageId: string;
  listId: string;
  /** When the server accepted it (ms since the epoch). */
  at: number;
}

/**
 * The SMTP server on loopback, which can be taken down and brought back on the same port. Down
 * means down: stop() stops listening and destroys every open connection at once, so a pooled
 * connection of a worker cannot go on delivering (SMTPServer.close() alone stops listening but
 * gives open sessions 30 s to finish, and a pooled connection goes on sending through them).
 * start() opens a fresh listener on 127.0.0.1 and the same port.
 */
class LoopbackSmtp {
  readonly delivered: Delivered[] = [];
  private server?: SMTPServer;
  private readonly sockets = new Set<net.Socket>();
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const server: SMTPServer = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          simpleParser(Buffer.concat(chunks)).then((mail) => {
            // A message whose connection was cut before the server answered was not accepted.
            if (this.server !== server) return callback(new Error('server stopped'));
            for (const to of session.envelope.rcptTo)
              this.delivered.push({
                to: to.address.toLowerCase(),
                subject: mail.subject ?? '',
                messageId: mail.messageId ?? '',
                listId: mail.headerLines.find((h) => h.key === 'list-id')?.line ?? '',
                at: Date.now(),
              });
            callback();
          }, callback);
        });
      },
    });
    server.on('error', () => undefined);
    server.server.on('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** What a client trying to connect now meets: 'refused', 'greeted' (a 220) or what else happened. */
  probe(): Promise<string> {
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: this.port });
      const done = (what: string) => {
        socket.destroy();
        resolve(what);
      };
      socket.setTimeout(5_000, () => done('no answer in 5 s'));
      socket.once('data', (d: Buffer) =>
        done(d.toString().startsWith('220') ? 'greeted' : `answered ${d.toString().trim()}`),
      );
      socket.once('error', (err: NodeJS.ErrnoException) =>
        done(err.code === 'ECONNREFUSED' ? 'refused' : `error ${err.code ?? err.message}`),
      );
      socket.once('close', () => done('closed without a greeting'));
    });
  }
}

/** A worker process as `npm run worker` starts it: node with tsx's loader, so SIGKILL reaches it. */
class WorkerProcess {
  private child?: ChildProcess;
  starts = 0;
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  start(): void {
    this.starts++;
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: 'ignore',
    });
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

/** Retries a step through lost connections (a dev server restart); the Update id makes it once. */
async function persist<T>(what: string, step: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await step();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
      await sleep(1_000);
    }
  }
}

/** Waits for a state; says every 30 s what it is waiting for and what it sees, so a stall shows. */
async function until(
  what: string,
  check: () => Promise<boolean>,
  seen: () => Promise<string>,
  timeoutMs = 1_800_000,
): Promise<void> {
  const t0 = Date.now();
  let said = t0;
  await persist(
    what,
    async () => {
      if (await check()) return;
      if (Date.now() - said > 30_000) {
        said = Date.now();
        console.log(
          `   … waiting ${((said - t0) / 1000).toFixed(0)} s for ${what}: ${await seen().catch(String)}`,
        );
      }
      throw new Error(`not yet: ${what}`);
    },
    timeoutMs,
  );
}

/**
 * The example cycle on a compressed timeline, `scale` × 150 s long. The chaos run is slower
 * (--scale, 8 by default): a worker killed in the middle of a send holds that recipient's claim in
 * the sent-ledger until the claim goes stale (30 s), and the SMTP outage, which begins with the
 * kill two thirds through (about 78 × scale s in, with 20 kills), must end before the meeting at
 * 150 × scale s: --smtp-down 300 needs --scale 5 or more.
 */
function cycleInput(settings: Settings, edition: number, scale: number): CycleInput {
  const x = (seconds: number) => seconds * scale;
  // Long enough for the kills to fall in every phase: calls, inputs, consolidation, agenda, outcome.
  return compressedExampleCycle(
    settings,
    edition,
    {
      meetingInSeconds: x(150),
      callForInputs: x(148),
      inputDeadline: x(100),
      consolidationEnd: x(75),
      commentPeriodEnd: x(45),
      invitations: x(35),
      outcomeReportDue: x(60),
      reminders: [x(20)],
      overdueGrace: x(5),
    },
    'crash-cycle',
  );
}

const decisions = (input: CycleInput) =>
  ['1', '2', '3'].map((ref) => ({
    ref,
    text: `Decision ${ref} of the chaos run: partners exchange early-warning assessments.`,
    area: input.workingGroups[0]!.area,
    lead: input.participants[Number(ref)]!.id,
    responsible: [],
    dueDate: new Date(Date.now() + 365 * 86_400_000).toISOString(),
  }));

/** The organizers' and chairs' part: every input submitted and accepted, agenda, outcome. */
async function drive(client: Client, input: CycleInput): Promise<WorkflowHandle<PreparationCycleWorkflow>> {
  const organizer = input.organizers[0]!.email;
  const cycle = await persist('start', () =>
    client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
      taskQueue: 'crash-cycle',
      workflowId: workflowIds.cycle(input.editionKey),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
  const seen = async () => {
    const st = await cycle.query(cycleStatusQuery);
    return `phase ${st.phase}; groups ${st.groups.map((g) => `${g.id}:${g.status}${g.deadline ? '' : '(no deadline)'}`).join(' ')}`;
  };
  await until(
    'every group started',
    async () => (await cycle.query(cycleStatusQuery)).groups.every((g) => g.deadline !== ''),
    seen,
  );
  for (const g of input.workingGroups) {
    const group = client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, g.id));
    const content = {
      summary: `${g.title}: input`,
      agendaItems: [
        { title: `${g.title} item`, description: 'Why it matters.', area: g.area, durationMinutes: 30 },
      ],
    };
    await persist(`submit ${g.id}`, () =>
      group.executeUpdate(submitInputUpdate, {
        updateId: `submit-${g.id}`,
        args: [{ as: g.chair.email, input: content }],
      }),
    );
    await persist(`accept ${g.id}`, () =>
      group.executeUpdate(reviewInputUpdate, {
        updateId: `accept-${g.id}`,
        args: [{ as: organizer, decision: 'accept', version: 1 }],
      }),
    );
  }
  await until(
    'the draft agenda',
    // A late draft agenda may find its comment period over already: approval is asked at once.
    async () => ['agenda-comment', 'awaiting-approval'].includes((await cycle.query(cycleStatusQuery)).phase),
    seen,
  );
  await persist('approve', () =>
    cycle.executeUpdate(approveAgendaUpdate, { updateId: 'approve', args: [{ as: organizer }] }),
  );
  await until(
    'the meeting to end',
    async () => (await cycle.query(cycleStatusQuery)).phase === 'awaiting-outcome',
    seen,
  );
  await persist('outcome', () =>
    cycle.executeUpdate(recordOutcomeUpdate, {
      updateId: 'outcome',
      args: [{ as: organizer, decisions: decisions(input) }],
    }),
  );
  return cycle;
}

interface RunFigures {
  edition: string;
  seconds: number;
  completed: boolean;
  inputs: number;
  decisions: number;
  mails: Delivered[];
}

async function checkRun(
  client: Client,
  input: CycleInput,
  cycle: WorkflowHandle,
  t0: number,
): Promise<RunFigures> {
  const final = (await persist('result', () => cycle.result(), 1_800_000)) as Awaited<
    ReturnType<PreparationCycleWorkflow>
  >;
  let present = 0;
  for (const d of decisions(input)) {
    const described = await client.workflow
      .getHandle(workflowIds.decision(input.editionKey, d.ref))
      .describe();
    if (described.status.name === 'RUNNING') present++;
  }
  return {
    edition: input.editionKey,
    seconds: (Date.now() - t0) / 1000,
    completed: final.phase === 'completed',
    inputs: final.groups.filter((g) => g.status === 'accepted' && g.version === 1).length,
    decisions: present,
    mails: [],
  };
}

/** What a message is, whatever the run: its recipient and its subject with every digit masked (Arabic-Indic too). */
const kindOf = (m: Delivered) => `${m.to} | ${m.subject.replace(/\p{Nd}+/gu, '#')}`;

async function main(): Promise<void> {
  Runtime.install({ logger: createLogger('warn') });
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.error(m) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-crash-'));
  const dbFile = path.join(dir, 'temporal.sqlite');
  const port = await freePort();
  const serve = () => startDevServer({ cliPath: cli.path, port, namespace: 'default', dbFile });
  let server: RunningDevServer = await serve();
  const store = await startEmbeddedStore({ port: 0 });
  const smtp = new LoopbackSmtp(await freePort());
  await smtp.start();
  const key = generateKey(new Date());
  const env = {
    TEMPORAL_ADDRESS: server.address,
    DATABASE_URL: store.url,
    CONVENE_TASK_QUEUE: 'crash-cycle',
    CONVENE_ENCRYPTION_KEYS: `${key.id}:${key.key.toString('base64')}`,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    LOG_LEVEL: 'error',
  };
  const settings = loadSettings({ ...env, CONVENE_DATA_DIR: path.join(dir, 'script') });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: dataConverter(new KeyRing([key])) });
  const a = new WorkerProcess({ ...env, CONVENE_DATA_DIR: path.join(dir, 'worker-a') });
  const b = new WorkerProcess({ ...env, CONVENE_DATA_DIR: path.join(dir, 'worker-b') });
  a.start();
  b.start();
  const failures: string[] = [];
  try {
    console.log('1. calm run: two workers, nothing goes wrong');
    const calmInput = cycleInput(settings, 901, 1);
    const t0 = Date.now();
    const calm = await checkRun(client, calmInput, await drive(client, calmInput), t0);
    calm.mails = smtp.delivered.filter((m) => m.listId.includes('hlm-901'));
    report(calm);

    console.log(
      `2. chaos run: ${KILLS} SIGKILLs of worker A, a dev server restart, SMTP down ${SMTP_DOWN_S} s`,
    );
    const chaosInput = cycleInput(settings, 902, CHAOS_SCALE);
    const t1 = Date.now();
    const chaos = { done: false, kills: [] as number[], serverDownS: 0 };
    const outage = { downAt: -1, upAt: -1, probes: [] as string[], problems: [] as string[] };
    const since = () => (Date.now() - t1) / 1000;
    /** SMTP down for SMTP_DOWN_S seconds: a connection attempt is refused throughout, then served again. */
    const smtpOutage = async () => {
      await smtp.stop();
      outage.downAt = since();
      const expect = async (want: string) => {
        const got = await smtp.probe();
        outage.probes.push(`s ${since().toFixed(0)}: ${got}`);
        console.log(`   SMTP probe at s ${since().toFixed(0)}: ${got}`);
        if (got !== want) outage.problems.push(`SMTP probe at s ${since().toFixed(0)}: ${got}, not ${want}`);
      };
      await expect('refused');
      await sleep(SMTP_DOWN_S * 500);
      await expect('refused');
      await sleep(Math.max(0, outage.downAt + SMTP_DOWN_S - since()) * 1000);
      // The port is free, but a client socket can briefly hold it: try again for a minute.
      await persist('SMTP back on its port', () => smtp.start(), 60_000);
      outage.upAt = since();
      await expect('greeted');
    };
    let smtpBack: Promise<void> | undefined;
    const chaosLoop = (async () => {
      for (let i = 0; i < KILLS && !chaos.done; i++) {
        // Spread over the chaos run's first two thirds, whatever its length.
        await sleep((random() * 2 * 100_000 * CHAOS_SCALE) / KILLS);
        await a.kill('SIGKILL');
        chaos.kills.push(since());
        a.start();
        if (i === Math.floor(KILLS / 3)) {
          const s = Date.now();
          const exited = new Promise((resolve) => server.process.once('exit', resolve));
          server.process.kill('SIGKILL');
          await exited;
          server = await serve();
          chaos.serverDownS = (Date.now() - s) / 1000;
        }
        if (i === Math.floor((2 * KILLS) / 3)) smtpBack = smtpOutage();
      }
    })();
    const cycle = await drive(client, chaosInput);
    const figures = await checkRun(client, chaosInput, cycle, t1);
    chaos.done = true;
    await chaosLoop;
    await smtpBack;
    // Mail held back while SMTP was down goes out on the activities' retries.
    if (outage.upAt >= 0) await sleep(Math.max(0, outage.upAt + 60 - since()) * 1000);
    figures.mails = smtp.delivered.filter((m) => m.listId.includes('hlm-902'));
    report(figures);
    console.log(
      `   worker A killed ${chaos.kills.length} times, at s ${chaos.kills.map((k) => k.toFixed(0)).join(', ')}; ` +
        `dev server down ${chaos.serverDownS.toFixed(1)} s`,
    );
    if (outage.downAt < 0) {
      failures.push('SMTP was never taken down (the cycle ended before the outage was due)');
    } else {
      const during = figures.mails.filter(
        (m) => m.at >= t1 + outage.downAt * 1000 && m.at <= t1 + outage.upAt * 1000,
      ).length;
      const after = figures.mails.filter((m) => m.at > t1 + outage.upAt * 1000).length;
      console.log(
        `   SMTP down from s ${outage.downAt.toFixed(0)} to s ${outage.upAt.toFixed(0)} ` +
          `(${(outage.upAt - outage.downAt).toFixed(0)} s); probes ${outage.probes.join('; ')}; ` +
          `messages received while down ${during}, after ${after}`,
      );
      failures.push(...outage.problems);
      if (during > 0) failures.push(`${during} messages received while SMTP was down`);
    }
    failures.push(...compare(calm, figures));
  } catch (err) {
    failures.push(`the run failed: ${(err as Error).stack ?? String(err)}`);
  } finally {
    await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    await connection.close();
    await server.stop();
    await smtp.stop();
    await store.stop();
  }
  console.log(failures.length ? `\nFAILED:\n  ${failures.join('\n  ')}` : '\nEvery check passed.');
  process.exitCode = failures.length ? 1 : 0;
}

function report(f: RunFigures): void {
  const ids = new Set(f.mails.map((m) => m.messageId));
  console.log(
    `   hlm-${f.edition}: ${f.completed ? 'completed' : 'NOT completed'} in ${f.seconds.toFixed(0)} s; ` +
      `${f.inputs} inputs accepted; ${f.decisions} decisions tracked; ${f.mails.length} messages received, ` +
      `${ids.size} distinct Message-IDs, ${f.mails.length - ids.size} duplicates`,
  );
}

/** The chaos run against the calm one: same inputs, decisions and messages; duplicates only as copies. */
function compare(calm: RunFigures, chaos: RunFigures): string[] {
  const problems: string[] = [];
  if (!chaos.completed) problems.push('the chaos cycle did not complete');
  if (chaos.inputs !== calm.inputs) problems.push(`inputs: ${chaos.inputs} of ${calm.inputs}`);
  if (chaos.decisions !== 3) problems.push(`decisions tracked: ${chaos.decisions} of 3`);
  const expected = idsByKind(calm.mails);
  const got = idsByKind(chaos.mails);
  let missing = 0;
  let resent = 0;
  for (const [kind, ids] of expected) {
    const n = got.get(kind)?.size ?? 0;
    if (n < ids.size) problems.push(`not delivered: ${kind} (${n} of ${ids.size})`);
    if (n > ids.size) problems.push(`sent again under another Message-ID: ${kind} (${n}, calm ${ids.size})`);
    missing += Math.max(0, ids.size - n);
    resent += Math.max(0, n - ids.size);
  }
  console.log(
    `   against the calm run: ${expected.size} kinds of message expected, ${missing} messages missing, ` +
      `${resent} sent again under another Message-ID`,
  );
  const extra = [...got.keys()].filter((k) => !expected.has(k));
  if (extra.length)
    console.log(
      `   delivered in the chaos run only (steps that came late, e.g. reminders):\n     ${extra.join('\n     ')}`,
    );
  const kindsById = new Map<string, Set<string>>();
  for (const m of chaos.mails)
    kindsById.set(m.messageId, (kindsById.get(m.messageId) ?? new Set()).add(kindOf(m)));
  for (const [id, kinds] of kindsById)
    if (kinds.size > 1) problems.push(`one Message-ID, two messages: ${id}`);
  return problems;
}

function idsByKind(mails: Delivered[]): Map<string, Set<string>> {
  const byKind = new Map<string, Set<string>>();
  for (const m of mails) byKind.set(kindOf(m), (byKind.get(kindOf(m)) ?? new Set()).add(m.messageId));
  return byKind;
}

void main();
