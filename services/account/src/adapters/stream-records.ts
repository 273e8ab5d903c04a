import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamChange } from '../relay/relay';

/** Lambda stream records (or records read by the local poller, same shape) → relay input. */
export function streamRecordsToChanges(records: readonly DynamoDBRecord[]): StreamChange[] {
  return records.flatMap((record) => {
    const name = record.eventName;
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (!name || !sequenceNumber) return [];
    const image = record.dynamodb?.NewImage;
    // aws-lambda's AttributeValue type and the SDK's describe the same wire format.
    const newImage = image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
    return [{ eventName: name, sequenceNumber, newImage }];
  });
}
