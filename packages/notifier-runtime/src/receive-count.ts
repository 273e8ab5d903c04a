import type { SQSRecord } from 'aws-lambda';

/**
 * How many times SQS has handed this message out, this receive included: the attempt a failure is
 * recorded as (DLQ `failure-*` attributes, backoff). 1 when the attribute is missing or malformed.
 *
 * @example receiveCountOf({ attributes: { ApproximateReceiveCount: '3' } }) // 3
 */
export function receiveCountOf(record: { readonly attributes: Pick<SQSRecord['attributes'], 'ApproximateReceiveCount'> }): number {
  const count = Number.parseInt(record.attributes.ApproximateReceiveCount, 10);
  return Number.isFinite(count) && count > 0 ? count : 1;
}
