export default async function globalTeardown(): Promise<void> {
  await globalThis.__CONVENE_DEV_SERVER__?.stop();
  await globalThis.__CONVENE_STORE__?.stop();
}
