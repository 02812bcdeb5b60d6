import { condition } from '@temporalio/workflow';

/**
 * A mutex for workflow code: handlers that await activities take their turn (deterministically, in
 * arrival order), so two of them never interleave their steps. A handler still re-checks the state
 * after each await: what it waited for may have changed what it should do.
 */
export class OneAtATime {
  private busy = false;

  async run<T>(task: () => Promise<T>): Promise<T> {
    // Several waiters may be woken together: each checks again when it resumes.
    while (this.busy) await condition(() => !this.busy);
    this.busy = true;
    try {
      return await task();
    } finally {
      this.busy = false;
    }
  }
}
