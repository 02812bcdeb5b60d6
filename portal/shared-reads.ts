/**
 * Reads of one workflow's state that the requests of the same moment share, none of them older
 * than its request. A read in flight began before a newly arrived request, so its answer may
 * predate what that person has just done (a submission whose receipt they now open); the request
 * waits instead for the next read, which begins when the one in flight ends and which every request
 * that arrived meanwhile shares. So each page shows a state read after its request came, as with a
 * query of its own, and a workflow is asked at most twice over however many people look at it at
 * once. Under load that is the difference: each query costs the worker, the server and this
 * process a few milliseconds of CPU (scripts/bench-portal.ts).
 */
interface InFlight {
  current: Promise<unknown>;
  /** The read after the current one, shared by whoever arrives while the current is in flight. */
  next?: Promise<unknown>;
}

export class SharedReads {
  private readonly inFlight = new Map<string, InFlight>();

  /** `read()`'s answer for `key`, from a read that began after this call. */
  read<T>(key: string, read: () => Promise<T>): Promise<T> {
    const reading = this.inFlight.get(key);
    if (!reading) return this.begin(key, read);
    reading.next ??= settled(reading.current).then(() => this.begin(key, read));
    return reading.next as Promise<T>;
  }

  private begin<T>(key: string, read: () => Promise<T>): Promise<T> {
    const current = read();
    const reading: InFlight = { current };
    this.inFlight.set(key, reading);
    // Runs before the next read begins (its own `then` was chained later): with no next, nothing waits.
    void settled(current).then(() => {
      if (!reading.next && this.inFlight.get(key) === reading) this.inFlight.delete(key);
    });
    return current;
  }
}

function settled(p: Promise<unknown>): Promise<void> {
  return p.then(
    () => undefined,
    () => undefined,
  );
}
