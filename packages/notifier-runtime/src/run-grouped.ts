/**
 * Runs tasks for the same key one after another (in input order) and different keys concurrently,
 * at most `limit` keys at a time (unbounded by default). A notifier's batch is keyed by event
 * (a redelivered copy waits for the first); a provider's callback batch by message (its statuses
 * in order), bounded so a batch of thousands does not open thousands of requests at once.
 *
 * @example await runGrouped(reports, (r) => r.providerMessageId, apply, { limit: 16 });
 */
export async function runGrouped<T>(items: readonly T[], keyOf: (item: T) => string, run: (item: T) => Promise<void>, options: { readonly limit?: number } = {}): Promise<void> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const queue = [...groups.values()];
  const worker = async (): Promise<void> => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const item of group) await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.limit ?? queue.length, queue.length) }, worker));
}
