import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableNotFoundError } from '../errors';
import type { DeliveryRecordPort } from '../ports';
import { awsCall, hasErrorName } from './translate-error';

const BATCH_GET_LIMIT = 100;
const MAX_ROUNDS = 5;

/** Reads `NotificationDeliveries` items by `DeliveryID` with BatchGetItem (retrying unprocessed keys). */
export class DynamoDeliveryRecords implements DeliveryRecordPort {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getMany(deliveryIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    const unique = [...new Set(deliveryIds)];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = unique.slice(i, i + BATCH_GET_LIMIT).map((id) => ({ DeliveryID: id }));
      for (let round = 0; keys.length > 0 && round < MAX_ROUNDS; round++) {
        const out = await awsCall(
          'BatchGetItem',
          () => this.dynamo.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } })),
          (err) => (hasErrorName(err, 'ResourceNotFoundException') ? new TableNotFoundError(this.tableName, { cause: err }) : undefined),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          if (typeof item.DeliveryID === 'string') found.set(item.DeliveryID, item);
        }
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }
}
