/**
 * The status reads that the portal's requests of the same moment share (portal/shared-reads.ts):
 * no page may show a state read before its request came.
 */
import { SharedReads } from '../../portal/shared-reads';

/** A read whose answer the test gives, counting how many began. */
function controlledReads() {
  const pending: { answer(value: string): void; fail(err: Error): void }[] = [];
  let begun = 0;
  return {
    read: () =>
      new Promise<string>((resolve, reject) => {
        begun++;
        pending.push({ answer: resolve, fail: reject });
      }),
    get begun() {
      return begun;
    },
    next() {
      const p = pending.shift();
      if (!p) throw new Error('no read in flight');
      return p;
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('pages asked for while a read is in flight share the next one, which begins after they came', async () => {
  const reads = new SharedReads();
  const status = controlledReads();
  const first = reads.read('hlm-r7-wg-peacekeeping', status.read);
  const meanwhile = Array.from({ length: 5 }, () => reads.read('hlm-r7-wg-peacekeeping', status.read));
  await turn();
  expect(status.begun).toBe(1); // the five wait: the read in flight began before them
  status.next().answer('before the submission');
  expect(await first).toBe('before the submission');
  await turn();
  expect(status.begun).toBe(2); // one more read for all five
  status.next().answer('after the submission');
  expect(await Promise.all(meanwhile)).toEqual(Array(5).fill('after the submission'));
  // Nothing in flight any more: the next page has a read of its own, at once.
  const later = reads.read('hlm-r7-wg-peacekeeping', status.read);
  expect(status.begun).toBe(3);
  status.next().answer('later');
  expect(await later).toBe('later');
});

test('each workflow is read apart, and a failed read fails only those who shared it', async () => {
  const reads = new SharedReads();
  const status = controlledReads();
  const a = reads.read('hlm-r7-wg-peacekeeping', status.read);
  const b = reads.read('hlm-r7-wg-peacemaking', status.read);
  expect(status.begun).toBe(2);
  status.next().fail(new Error('the server is away'));
  status.next().answer('peacemaking');
  await expect(a).rejects.toThrow('the server is away');
  expect(await b).toBe('peacemaking');
  const again = reads.read('hlm-r7-wg-peacekeeping', status.read);
  expect(status.begun).toBe(3);
  status.next().answer('back');
  expect(await again).toBe('back');
});
