/** The baseline of the Update benchmark: a bare workflow whose Update echoes its argument. */
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export const echoUpdate = defineUpdate<number, [number]>('echo');
export const stopSignal = defineSignal('stop');

export async function echoWorkflow(): Promise<void> {
  let stop = false;
  setHandler(echoUpdate, (value) => Promise.resolve(value), { validator: (value) => void value });
  setHandler(stopSignal, () => {
    stop = true;
  });
  await condition(() => stop);
}
