import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, IdempotencyStore } from '../domain/ports';
import { idempotencyKey } from './dynamo-items';

const RETENTION_SECONDS = 24 * 3600;

/** Idempotency records in the accounts table (their own partitions, removed by TTL after a day). */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly newToken: () => string,
  ) {}

  async claim(recordKey: string, requestHash: string, nowMs: number, lockMs: number): Promise<IdempotencyClaim> {
    // A record can vanish between a failed claim and the read (its lock was released): try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = this.newToken();
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...idempotencyKey(recordKey),
              recordType: 'IDEMPOTENCY',
              status: 'IN_PROGRESS',
              requestHash,
              lockToken: token,
              lockExpiresAt: nowMs + lockMs,
              expiresAt: Math.floor(nowMs / 1000) + RETENTION_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(AccountID) OR (#status = :inProgress AND lockExpiresAt < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': nowMs },
          }),
        );
        return { kind: 'acquired', token };
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
      const existing = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: idempotencyKey(recordKey), ConsistentRead: true }),
      );
      const item = existing.Item;
      if (!item) continue;
      const hash = typeof item.requestHash === 'string' ? item.requestHash : '';
      const response = item.response as { statusCode?: unknown; body?: unknown } | undefined;
      if (item.status === 'COMPLETED' && typeof response?.statusCode === 'number' && typeof response.body === 'string') {
        return { kind: 'completed', requestHash: hash, response: { statusCode: response.statusCode, body: response.body } };
      }
      return { kind: 'in-progress', requestHash: hash };
    }
    return { kind: 'in-progress', requestHash };
  }

  async release(recordKey: string, token: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: idempotencyKey(recordKey),
          ConditionExpression: 'lockToken = :token',
          ExpressionAttributeValues: { ':token': token },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}
