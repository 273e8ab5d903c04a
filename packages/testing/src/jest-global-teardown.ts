/** Jest global teardown: stops the moto server that global setup started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__MOTO__?.stop();
}
