import { TopologyConstraintError } from './errors';

/** AWS guidance: a Lambda-consumed queue's visibility timeout is at least 6x the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** Refuses settings an SQS event source without a batching window does not take. */
export function checkEventSource(name: string, source: { readonly batchSize: number; readonly maxConcurrency: number }): void {
  if (source.maxConcurrency < 2 || source.maxConcurrency > 1000) {
    throw new TopologyConstraintError(`${name}: maxConcurrency must be 2..1000 for an SQS event source, got ${source.maxConcurrency}`);
  }
  if (source.batchSize < 1 || source.batchSize > 10) {
    throw new TopologyConstraintError(`${name}: batchSize must be 1..10 without a batching window, got ${source.batchSize}`);
  }
}
