/**
 * The browsers of a benchmark, in a process of their own: the benchmark sends it a round of
 * requests, it makes them all at once and answers with each one's time, from its own clock.
 *
 * Why not in the benchmark's process: there the clients' work (building, sending and reading a
 * hundred requests) ran on the event loop that also serves the portal and drives the worker, so it
 * delayed the very requests it timed, and their time included its own queueing. People's browsers
 * are not in the portal's process; here they are at least not on its event loop.
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface LoadRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The status the request must answer with; any other fails the round. */
  expected: number;
}

export interface RoundResult {
  /** Each request's time in milliseconds, in the order sent. */
  samples: number[];
  /** From the first request sent to the last answer read. */
  wallMs: number;
}

type Message = { id: number; result: RoundResult } | { id: number; error: string };

export interface LoadGenerator {
  round(requests: LoadRequest[]): Promise<RoundResult>;
  stop(): Promise<void>;
}

/** Starts the generator's process (this file, with the tsx loader the benchmark runs under). */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child: ChildProcess = fork(__filename, ['--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve(r: RoundResult): void; reject(e: Error): void }>();
  let next = 0;
  child.on('message', (m: Message) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if ('error' in m) w?.reject(new Error(m.error));
    else w?.resolve(m.result);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const w of waiting.values()) w.reject(new Error('the load generator exited'));
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return {
    round(requests) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, requests });
      });
    },
    async stop() {
      child.disconnect();
      await exited;
    },
  };
}

async function send(r: LoadRequest): Promise<number> {
  const start = performance.now();
  const response = await fetch(r.url, {
    method: r.method,
    headers: r.headers,
    body: r.body,
    redirect: 'manual',
  });
  const body = await response.text();
  const ms = performance.now() - start;
  if (response.status !== r.expected)
    throw new Error(`${r.method} ${r.url} answered ${response.status}: ${body.slice(0, 300)}`);
  return ms;
}

async function serve(): Promise<void> {
  process.on('message', (m: { id: number; requests: LoadRequest[] }) => {
    const start = performance.now();
    Promise.all(m.requests.map(send)).then(
      (samples) => process.send?.({ id: m.id, result: { samples, wallMs: performance.now() - start } }),
      (err: unknown) => process.send?.({ id: m.id, error: String(err) }),
    );
  });
  process.once('disconnect', () => process.exit(0));
}

if (require.main === module && process.argv.includes('--serve')) void serve();
