/**
 * Waits for a state reached on the server's own clock: polls `check` until it returns a truthy
 * value (which it returns), and fails after `timeout` ms with what it waited for and the last
 * error seen. The one way tests wait; never a bare sleep.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  { timeout = 30_000, what = 'the condition' }: { timeout?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: string | undefined;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err instanceof Error ? err.message : JSON.stringify(err);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
