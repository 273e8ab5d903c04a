import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ServiceBusyError } from '../domain/errors';

/** What DynamoDB answers when a table, an index or the account is over its capacity. */
const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/**
 * Turns a request DynamoDB still throttles after the SDK's own retries into a `ServiceBusyError`
 * (503 with Retry-After) instead of an unknown error (500): nothing was written, and the client
 * may retry. Added at the initialize step, outside the retry middleware, so it sees only the
 * final outcome. A transaction cancelled for throttling is a cancellation, which the core
 * already retries as a conflict.
 */
export function busyOnThrottle<Client extends Pick<DynamoDBClient, 'middlewareStack'>>(client: Client): Client {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && THROTTLED.has(error.name)) throw new ServiceBusyError({ cause: error });
        throw error;
      }
    },
    { step: 'initialize', name: 'busyOnThrottle', override: true },
  );
  return client;
}
