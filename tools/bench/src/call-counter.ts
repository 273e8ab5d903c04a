import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const MIDDLEWARE_NAME = 'benchCallCounter';

/** Counts the commands a DynamoDB client sends, by command name (e.g. `TransactWriteItemsCommand`). */
export interface CallCounter {
  /** Counts since the last reset. */
  snapshot(): Readonly<Record<string, number>>;
  reset(): void;
  /** Removes the middleware from the client. */
  detach(): void;
}

/**
 * Adds an initialize-step middleware to the client's stack. Document clients made with
 * `DynamoDBDocumentClient.from(client)` share that stack, so their calls are counted too; retries
 * happen below this step and are not counted twice.
 */
export function countDynamoCalls(client: DynamoDBClient): CallCounter {
  let counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'UnknownCommand';
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
  );
  return {
    snapshot: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    detach: () => {
      client.middlewareStack.remove(MIDDLEWARE_NAME);
    },
  };
}

const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

/** Splits a snapshot into reads and writes (anything not a write, e.g. GetItem, Query, is a read). */
export function splitReadsWrites(counts: Readonly<Record<string, number>>): { reads: number; writes: number } {
  let reads = 0;
  let writes = 0;
  for (const [name, n] of Object.entries(counts)) {
    if (WRITE_COMMANDS.has(name)) writes += n;
    else reads += n;
  }
  return { reads, writes };
}
