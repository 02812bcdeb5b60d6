/**
 * One run of a long-lived workflow (a decision, the standing committee): its handlers are set at
 * once, so no Update finds the workflow without them. Until the first roster is loaded (the first
 * moments of a new workflow) a validator can check only the payload; the handler then waits for the
 * roster, and the change checks the actor itself. The run counts what it has handled, so it can
 * hand over (continue-as-new) before its history grows large.
 */
import { condition, setHandler, workflowInfo, type defineUpdate } from '@temporalio/workflow';

/** An Update's definition, as defineUpdate makes it. */
export type UpdateOf<T, R> = ReturnType<typeof defineUpdate<T, [R]>>;
import { asCallerFailure } from './rejections';

export interface UpdateWiring<R, T> {
  /** What a validator can check before the roster is loaded. */
  payload(r: R): unknown;
  /** The whole check: payload, actor and state; throws a RejectedAction. */
  check(r: R): unknown;
  /** Work to await before the change (e.g. loading a new organization's people). */
  prepare?(r: R): Promise<void>;
  /** The change, checked again (the state may have moved since the validator ran). */
  apply(r: R): T | Promise<T>;
}

export abstract class Session {
  readonly run: number;
  protected handled = 0;
  /** Moves on every change a handler makes, so the clock re-plans its timers. */
  protected version = 0;
  protected rosterReady: boolean;

  constructor(
    carried: { runs: number } | undefined,
    private readonly maxEventsPerRun: number,
  ) {
    this.run = (carried?.runs ?? 0) + 1;
    this.rosterReady = Boolean(carried);
  }

  wire<R, T>(update: UpdateOf<T, R>, wiring: UpdateWiring<R, T>): void {
    const validator = (r: R) =>
      void asCallerFailure(() => (this.rosterReady ? wiring.check(r) : wiring.payload(r)));
    const handler = async (r: R): Promise<T> => {
      if (!this.rosterReady) await condition(() => this.rosterReady);
      await wiring.prepare?.(r);
      const result = await asCallerFailure(() => wiring.apply(r));
      this.changed();
      return result;
    };
    setHandler(update, handler, { validator });
  }

  /** After every handled change; a session that keeps search attributes current adds to it. */
  protected changed(): void {
    this.handled += 1;
    this.version += 1;
  }

  protected timeToHandOver(): boolean {
    return this.handled >= this.maxEventsPerRun || workflowInfo().continueAsNewSuggested;
  }

  /** Sleeps until `wakeAt` (absent: until woken), or until a handler changes something or `also()` holds. */
  protected async sleep(wakeAt: number | undefined, also: () => boolean): Promise<void> {
    const seen = this.version;
    const woken = () => this.version !== seen || also() || this.timeToHandOver();
    if (wakeAt === undefined) await condition(woken);
    else await condition(woken, Math.max(1, wakeAt - Date.now()));
  }
}
